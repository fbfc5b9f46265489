//go:build unix

package hexo

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// lockFile takes f's advisory lock (flock), waiting for it.
func lockFile(f *os.File) (func(), error) {
	fd := int(f.Fd())
	for {
		err := syscall.Flock(fd, syscall.LOCK_EX)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		return func() { _ = syscall.Flock(fd, syscall.LOCK_UN) }, nil
	}
}

// keepOwner gives f the owner and group of old, when they differ from the
// ones f was created with; a write that cannot keep them is refused rather
// than handing the post to another user.
func keepOwner(f *os.File, old fs.FileInfo) error {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if now, ok := fi.Sys().(*syscall.Stat_t); ok && now.Uid == st.Uid && now.Gid == st.Gid {
		return nil
	}
	if err := f.Chown(int(st.Uid), int(st.Gid)); err != nil {
		return fmt.Errorf("cannot keep the file's owner (%d:%d): %w", st.Uid, st.Gid, err)
	}
	return nil
}
