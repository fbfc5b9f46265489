//go:build !unix

package hexo

import (
	"io/fs"
	"os"
)

// lockFile is a no-op where flock does not exist: Save still compares the
// file with what was read before replacing it.
func lockFile(*os.File) (func(), error) { return func() {}, nil }

// keepOwner: files have no Unix owner to keep here.
func keepOwner(*os.File, fs.FileInfo) error { return nil }
