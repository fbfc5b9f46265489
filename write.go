package hexo

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ErrChanged is matched by the error of Save when the file changed on disk
// after the post was read: another program (or another hexopost) wrote it,
// and writing now would lose that change.
var ErrChanged = errors.New("the file changed since it was read")

// Bytes returns the post's file: the bytes it was read from, with the edits
// made by SetField and DeleteField. A post read and never edited gives its
// input back byte for byte.
func (p *Post) Bytes() []byte { return []byte(p.src) }

// WriteTo writes Bytes to w.
func (p *Post) WriteTo(w io.Writer) (int64, error) {
	n, err := io.WriteString(w, p.src)
	return int64(n), err
}

// origin is where a post was read from, for Save.
type origin struct {
	dir      string // the folder writes are confined to: OpenSite's, or the file's own
	name     string // the file below dir, slash-separated
	read     string // the bytes as read, to tell whether the file changed since
	confined bool   // a site: a symbolic link may not lead out of dir
	rename   string // the name Save moves the file to (a fix of its encoding); "" for none
	// renamedFrom is Source before that fix
	renamedFrom string
}

// Save writes the post back to the file it was read from, by ParseFile or
// from a site opened with OpenSite, as WriteFile does, and only if that file
// still holds what was read: otherwise it returns an error matching
// ErrChanged and writes nothing. The check and the write are made under an
// advisory lock (flock, where the system has it), so that two programs
// saving the same post cannot both succeed. A site's post is written through
// the site's folder, as it was read: a symbolic link (the post, or a folder
// swapped for one since) that leads outside the site is refused. A post read
// from bytes, a reader or an fs.FS has no file to go back to: use WriteFile.
func (p *Post) Save() error {
	o := p.origin
	if o == nil {
		return &ParseError{File: p.Source, Err: errors.New("the post was not read from a file of its own (Parse, ParseReader, ParseFS or NewSite): use WriteFile")}
	}
	dir, name := o.dir, o.name
	if !o.confined {
		// a lone file: a link is followed wherever it leads, as the user named it
		if target, err := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
			dir, name = filepath.Dir(target), filepath.Base(target)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return &ParseError{File: p.Source, Err: err}
	}
	defer root.Close()
	if o.confined {
		if name, err = linkTarget(root, name); err != nil {
			return &ParseError{File: p.Source, Err: err}
		}
	}
	if err := writeInRoot(root, name, []byte(p.src), &o.read); err != nil {
		return &ParseError{File: p.Source, Err: err}
	}
	o.read = p.src
	if o.rename != "" {
		// a link, which fails where the name is taken, then the old name
		// goes: an existing file is never written over
		to := path.Join(path.Dir(name), path.Base(o.rename))
		if err := root.Link(name, to); err != nil {
			return &ParseError{File: p.Source, Err: err}
		}
		if err := root.Remove(name); err != nil {
			return &ParseError{File: p.Source, Err: err}
		}
		o.name, o.rename, o.renamedFrom = path.Join(path.Dir(o.name), path.Base(o.rename)), "", ""
	}
	return nil
}

// WriteFile writes Bytes to the file name atomically: to a temporary file in
// the same folder, synced, then renamed over name, so that a crash leaves the
// old post or the new one, never half of one. An existing file keeps its
// permissions and, where the system allows, its owner; a name that is a
// symbolic link has the file it leads to written (the link stays a link).
func (p *Post) WriteFile(name string) error {
	if target, err := filepath.EvalSymlinks(name); err == nil {
		name = target
	}
	root, err := os.OpenRoot(filepath.Dir(name))
	if err != nil {
		return err
	}
	defer root.Close()
	if err := writeInRoot(root, filepath.Base(name), []byte(p.src), nil); err != nil {
		return &ParseError{File: name, Err: err}
	}
	return nil
}

// linkTarget follows symbolic links from name inside root to the file they
// lead to, refusing one that leads outside it.
func linkTarget(root *os.Root, name string) (string, error) {
	for range 40 {
		fi, err := root.Lstat(name)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return name, nil // a missing file is for the write to report
		}
		link, err := root.Readlink(name)
		if err != nil {
			return "", err
		}
		next := path.Clean(path.Join(path.Dir(name), filepath.ToSlash(link)))
		if filepath.IsAbs(link) || next == ".." || strings.HasPrefix(next, "../") {
			return "", fmt.Errorf("%s is a symbolic link that leads outside the site (%s)", name, link)
		}
		name = next
	}
	return "", fmt.Errorf("%s: too many symbolic links", name)
}

// writeInRoot writes data to name below root through a temporary file that
// is renamed over it. With expect, the file must still hold *expect when the
// rename is made (checked under the file's lock).
func writeInRoot(root *os.Root, name string, data []byte, expect *string) (err error) {
	perm := fs.FileMode(0o644)
	var old fs.FileInfo
	if fi, err := root.Stat(name); err == nil {
		if !fi.Mode().IsRegular() {
			return notRegular(fi)
		}
		old, perm = fi, fi.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky)
	} else if expect != nil {
		return err
	}
	var suffix [6]byte
	_, _ = rand.Read(suffix[:])
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+"."+hex.EncodeToString(suffix[:])+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			_ = root.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if old != nil {
		if err = keepOwner(f, old); err != nil {
			return err
		}
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if expect == nil {
		return root.Rename(tmp, name)
	}
	cur, unlock, err := lockedCurrent(root, name, len(*expect))
	if err != nil {
		return err
	}
	defer unlock()
	if !bytes.Equal(cur, []byte(*expect)) {
		return ErrChanged
	}
	return root.Rename(tmp, name)
}

// lockedCurrent locks the file now at name and reads it (up to one byte more
// than size, enough to tell it differs). A file renamed over name while the
// lock was awaited is locked again, so that what is read is what the rename
// will replace.
func lockedCurrent(root *os.Root, name string, size int) ([]byte, func(), error) {
	for range 100 {
		f, err := root.Open(name)
		if err != nil {
			return nil, nil, err
		}
		unlock, err := lockFile(f)
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		locked, err1 := f.Stat()
		now, err2 := root.Stat(name)
		if err1 == nil && err2 == nil && os.SameFile(locked, now) {
			cur, err := io.ReadAll(io.LimitReader(f, int64(size)+1))
			release := func() { unlock(); f.Close() }
			if err != nil {
				release()
				return nil, nil, err
			}
			return cur, release, nil
		}
		unlock()
		f.Close()
	}
	return nil, nil, ErrChanged
}
