//go:build !unix

package main

import "os"

// openFlags: outside unix there is no FIFO in the file tree to block an open.
const openFlags = os.O_RDONLY
