package hexo

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sync"
)

// folderRoots opens a site's files by their name in their own folder: an
// os.Root resolves a path one folder at a time, opening and closing each,
// for every file (a tenth of a hexopost --json run went there); the folders
// of a walk are opened once here instead. Only a file its folder's listing
// said is regular is opened this way: the one name it resolves is no link,
// so it can reach nothing the site's root could not.
type folderRoots struct {
	site *os.Root
	mu   sync.Mutex
	dirs map[string]*os.Root
}

// open opens the regular file name (a path below the site's root).
func (f *folderRoots) open(name string) (fs.File, error) {
	dir, base := path.Split(name)
	sub, err := f.folder(dir)
	if err != nil {
		return nil, err
	}
	file, err := sub.Open(base)
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		pe.Path = name // the site's name for it, as the site's root says it
	}
	return file, err
}

func (f *folderRoots) folder(dir string) (*os.Root, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, ok := f.dirs[dir]; ok {
		return r, nil
	}
	r := f.site
	if dir != "" {
		var err error
		if r, err = f.site.OpenRoot(path.Clean(dir)); err != nil {
			return nil, err
		}
	}
	if f.dirs == nil {
		f.dirs = map[string]*os.Root{}
	}
	f.dirs[dir] = r
	return r, nil
}

// close closes the folders opened (not the site's root).
func (f *folderRoots) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for dir, r := range f.dirs {
		if r != f.site {
			r.Close()
		}
		delete(f.dirs, dir)
	}
}
