package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gohexo/hexo"
)

// copyFile copies the site's file rel (a slash path below the site's
// folder) to the Hugo site's file to. The file is read through the site's
// os.Root, so a symbolic link that leads outside the site is refused; a link
// that stays inside is followed, as Hexo reads it. It is opened without
// blocking and only a regular file is read (a FIFO or a device could block
// or never end, a folder is no file): the open file's Stat says which, so
// the file cannot be swapped between the look and the read.
//
// skipped is true when the site's file was refused or could not be read:
// the caller warns and goes on. Any other error is the Hugo site's and ends
// the conversion.
func (c *conversion) copyFile(rel, to string) (skipped bool, err error) {
	b, err := c.readRegular(rel)
	if err != nil {
		return true, fmt.Errorf("%s: %w", filepath.Join(c.src, filepath.FromSlash(rel)), err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return false, err
	}
	return false, os.WriteFile(to, b, 0o644)
}

// readRegular is the text of the site's regular file rel, read through the
// site's os.Root.
func (c *conversion) readRegular(rel string) ([]byte, error) {
	f, err := c.root.OpenFile(filepath.FromSlash(rel), openFlags, 0)
	if err != nil {
		return nil, outsideSite(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file: %s", kind(info.Mode()))
	}
	return io.ReadAll(f)
}

// kind names what a file that is not a regular one is, in the library's
// words for a post.
func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "an irregular file"
}

// outsideSite says in our words what os.Root says of a link out of its
// folder ("openat …: path escapes from parent"), as the library does.
func outsideSite(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes from parent") {
		return hexo.ErrOutsideSite
	}
	return err
}
