package hexo

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// A site's folders are walked one folder at a time: the walk is in one
// folder, lists it, goes down into a folder of it and back up. Through an
// os.Root on a Unix system (dirwalk_unix.go) each step opens one name
// relative to the folder the walk is in, so a tree 10,000 folders deep costs
// 10,000 steps, not 10,000 paths resolved from the top, and one folder is
// held open at a time, however deep. Elsewhere the folders are opened by
// their path in the fs.FS.

// tree is one walk of a folder tree.
type tree interface {
	// list lists the folder the walk is in, sorted by name.
	list() ([]dirEntry, error)
	// down goes into the folder name of the folder the walk is in.
	down(name string) error
	// up goes back to the folder down came from.
	up() error
	// open opens the file name, which the listing says is regular, of the
	// folder the walk is in: without waiting on a FIFO swapped in since,
	// and refused unless the open file is regular. ok is false when the
	// tree cannot (the caller opens it by its path).
	open(name string) (f fs.File, ok bool, err error)
	close()
}

// walkTree opens a walk of fsys at dir.
func walkTree(fsys fs.FS, dir string) (tree, error) {
	if r, ok := fsys.(rootFS); ok {
		if t, err, ok := rootTree(r, dir); ok {
			return t, err
		}
	}
	if _, err := fs.Stat(fsys, dir); err != nil {
		return nil, err
	}
	return &pathTree{fsys: fsys, dirs: []string{dir}}, nil
}

// pathTree walks an fs.FS by paths.
type pathTree struct {
	fsys fs.FS
	dirs []string // from the walk's start to the folder it is in
}

func (t *pathTree) list() ([]dirEntry, error) { return readDir(t.fsys, t.dirs[len(t.dirs)-1]) }

func (t *pathTree) down(name string) error {
	t.dirs = append(t.dirs, path.Join(t.dirs[len(t.dirs)-1], name))
	return nil
}

func (t *pathTree) up() error {
	t.dirs = t.dirs[:len(t.dirs)-1]
	return nil
}

func (t *pathTree) open(string) (fs.File, bool, error) { return nil, false, nil }

func (t *pathTree) close() {}

// dirEntry is a name in a folder and its type bits as the folder's listing
// gives them (the entry's own: a link is fs.ModeSymlink).
type dirEntry struct {
	name string
	typ  fs.FileMode
}

// readDir returns a folder's entries sorted by name (fs.WalkDir's order).
func readDir(fsys fs.FS, dir string) ([]dirEntry, error) {
	f, err := fsys.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readEntries(f, dir)
}

// readEntries lists an open folder a thousand entries at a time, so that
// only their names and types are held: the listing tells a folder from a
// file without a stat of each (a filesystem that does not say, os.File's
// ReadDir stats itself).
func readEntries(f fs.File, dir string) ([]dirEntry, error) {
	d, ok := f.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: dir, Err: errors.New("not implemented")}
	}
	var out []dirEntry
	for {
		es, err := d.ReadDir(1024)
		for _, e := range es {
			out = append(out, dirEntry{e.Name(), e.Type()})
		}
		if err == io.EOF || err == nil && len(es) == 0 {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b dirEntry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// readDirNames returns the names in a folder, sorted.
func readDirNames(fsys fs.FS, dir string) ([]string, error) {
	entries, err := readDir(fsys, dir)
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.name
	}
	return names, err
}

// dirWalk is a walk in progress: its tree, and the path of the folder it is
// in, kept in one buffer that grows and shrinks as it goes down and up, so
// that a deep tree costs a path per file named, not one per folder.
type dirWalk struct {
	t        tree
	dir, rel []byte     // the folder's path in the FS, and below the walk's start
	entries  []dirEntry // the folder's listing
	lost     bool       // the way back up was lost: the walk ends
}

// walkFunc gets a file the walk keeps (name is its path in the FS, rel below
// the walk's start) or, with err, the folder or file that failed.
type walkFunc func(w *dirWalk, name, rel string, typ fs.FileMode, err error) bool

// startWalk opens a walk of dir.
func startWalk(fsys fs.FS, dir string) (*dirWalk, error) {
	t, err := walkTree(fsys, dir)
	if err != nil {
		return nil, err
	}
	w := &dirWalk{t: t}
	if dir != "." {
		w.dir = []byte(dir)
	}
	return w, nil
}

// names are the paths of n, a name in the folder the walk is in.
func (w *dirWalk) names(n string) (name, rel string) {
	return joinPath(w.dir, n), joinPath(w.rel, n)
}

func joinPath(dir []byte, n string) string {
	if len(dir) == 0 {
		return n
	}
	var b strings.Builder // one allocation: the name
	b.Grow(len(dir) + 1 + len(n))
	b.Write(dir)
	b.WriteByte('/')
	b.WriteString(n)
	return b.String()
}

// into walks the folder n of the folder the walk is in with in, and comes
// back. A folder that cannot be opened goes to failed, and the walk goes
// on as failed says; a way back that is lost ends the walk.
func (w *dirWalk) into(n string, in func() bool, failed func(name string, err error) bool) bool {
	if err := w.t.down(n); err != nil {
		name, _ := w.names(n)
		return failed(name, err)
	}
	d, r, entries := len(w.dir), len(w.rel), w.entries
	w.dir, w.rel = appendPath(w.dir, n), appendPath(w.rel, n)
	more := in()
	w.dir, w.rel, w.entries = w.dir[:d], w.rel[:r], entries
	if err := w.t.up(); err != nil {
		w.lost = true
		failed(w.path(), err)
		return false
	}
	return more
}

func appendPath(dir []byte, n string) []byte {
	if len(dir) > 0 {
		dir = append(dir, '/')
	}
	return append(dir, n...)
}

// list lists the folder the walk is in.
func (w *dirWalk) list() error {
	var err error
	w.entries, err = w.t.list()
	return err
}

// entry reports the type of the entry n of the folder the walk is in, and
// whether there is one.
func (w *dirWalk) entry(n string) (fs.FileMode, bool) {
	i, ok := slices.BinarySearchFunc(w.entries, n, func(e dirEntry, n string) int { return strings.Compare(e.name, n) })
	if !ok {
		return 0, false
	}
	return w.entries[i].typ, true
}

// walkIncluded walks dir the way Hexo reads its source folders: a file or
// folder whose name starts with "_" or "." is left out (isHiddenFile), and so
// is a name ending in "~" or "%" (isTmpFile). fn gets each file kept; an
// error comes with the path it happened at. fn returns false to stop the
// walk, and walkIncluded then returns false. Symbolic links to folders are
// not descended.
func walkIncluded(fsys fs.FS, dir string, fn walkFunc) bool {
	w, err := startWalk(fsys, dir)
	if err != nil {
		return fn(nil, dir, "", 0, err)
	}
	defer w.t.close()
	return w.included(fn)
}

// included walks the folder the walk is in for walkIncluded.
func (w *dirWalk) included(fn walkFunc) bool {
	if err := w.list(); err != nil {
		return fn(w, w.path(), "", 0, err)
	}
	failed := func(name string, err error) bool { return fn(w, name, "", 0, err) }
	for _, e := range w.entries {
		if w.lost {
			return false
		}
		n := e.name
		switch {
		case strings.HasPrefix(n, "_") || strings.HasPrefix(n, "."):
		case e.typ == fs.ModeDir: // a link is not followed into a folder
			if !w.into(n, func() bool { return w.included(fn) }, failed) {
				return false
			}
		case strings.HasSuffix(n, "~") || strings.HasSuffix(n, "%"):
		default:
			name, rel := w.names(n)
			if !fn(w, name, rel, e.typ, nil) {
				return false
			}
		}
	}
	return !w.lost
}

// path is the folder the walk is in, as the FS names it.
func (w *dirWalk) path() string {
	if len(w.dir) == 0 {
		return "."
	}
	return string(w.dir)
}

// assets lists the folder n of the folder the walk is in as Hexo's
// scanAssetDir lists a post's asset folder: every file below it that
// walkIncluded keeps, by its path below n.
func (w *dirWalk) assets(n string) []string {
	var out []string
	sub := &dirWalk{t: w.t}
	w.into(n, func() bool {
		sub.dir = w.dir
		return sub.included(func(_ *dirWalk, _, rel string, _ fs.FileMode, err error) bool {
			if err == nil {
				out = append(out, rel)
			}
			return true
		})
	}, func(string, error) bool { return true })
	if sub.lost {
		w.lost = true
	}
	return out
}
