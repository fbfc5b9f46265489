//go:build unix

package hexo

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// fdTree walks below an os.Root by descriptors. down opens one name in the
// folder the walk is in, refusing a link, and closes that folder; up opens
// ".." and keeps it only when it is the folder down left (the same device
// and inode), so a folder moved during the walk cannot lead it out of the
// site. Neither os.Root nor the syscall package of every Unix opens a name
// relative to a descriptor: golang.org/x/sys/unix does.
type fdTree struct {
	cur  *os.File
	id   fileID
	left []fileID // the folders down left, outermost first
	lost error    // up's failure: the walk cannot go on from where it is
}

type fileID struct{ dev, ino uint64 }

// errMoved is up's error when ".." is no longer the folder the walk came from.
var errMoved = errors.New("the folder was moved during the walk")

func rootTree(r rootFS, dir string) (tree, error, bool) {
	f, err := r.root.OpenFile(dir, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err, true
	}
	id, dir_, err := idOf(f)
	if err == nil && !dir_ {
		err = &fs.PathError{Op: "open", Path: dir, Err: syscall.ENOTDIR}
	}
	if err != nil {
		f.Close()
		return nil, err, true
	}
	return &fdTree{cur: f, id: id}, nil, true
}

// idOf reads an open file's device and inode, and whether it is a folder.
func idOf(f *os.File) (fileID, bool, error) {
	info, err := f.Stat()
	if err != nil {
		return fileID{}, false, err
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false, errors.New("no device and inode")
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, info.IsDir(), nil
}

// openat opens name relative to the folder the walk is in.
func (t *fdTree) openat(name string, flags int) (*os.File, error) {
	rc, err := t.cur.SyscallConn()
	if err != nil {
		return nil, err
	}
	fd := -1
	var oerr error
	if err := rc.Control(func(dir uintptr) {
		for {
			fd, oerr = unix.Openat(int(dir), name, flags|unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
			if oerr != unix.EINTR {
				return
			}
		}
	}); err != nil {
		return nil, err
	}
	if oerr != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: oerr}
	}
	return os.NewFile(uintptr(fd), name), nil
}

func (t *fdTree) list() ([]dirEntry, error) {
	if t.lost != nil {
		return nil, t.lost
	}
	return readEntries(t.cur, t.cur.Name())
}

func (t *fdTree) down(name string) error {
	if t.lost != nil {
		return t.lost
	}
	f, err := t.openat(name, unix.O_DIRECTORY|unix.O_NOFOLLOW)
	if err != nil {
		return err
	}
	id, _, err := idOf(f)
	if err != nil {
		f.Close()
		return err
	}
	t.left = append(t.left, t.id)
	t.cur.Close()
	t.cur, t.id = f, id
	return nil
}

func (t *fdTree) up() error {
	if t.lost != nil {
		return t.lost
	}
	f, err := t.openat("..", unix.O_DIRECTORY)
	if err != nil {
		t.lost = err
		return err
	}
	want := t.left[len(t.left)-1]
	if id, _, err := idOf(f); err != nil || id != want {
		f.Close()
		if err == nil {
			err = errMoved
		}
		t.lost = err
		return err
	}
	t.cur.Close()
	t.cur, t.id, t.left = f, want, t.left[:len(t.left)-1]
	return nil
}

func (t *fdTree) open(name string) (fs.File, bool, error) {
	if t.lost != nil {
		return nil, true, t.lost
	}
	f, err := t.openat(name, unix.O_NOFOLLOW)
	if err != nil {
		return nil, true, err
	}
	if err := regularOpen(f); err != nil {
		return nil, true, err
	}
	return f, true, nil
}

func (t *fdTree) close() { t.cur.Close() }
