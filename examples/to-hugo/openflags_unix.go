//go:build unix

package main

import (
	"os"
	"syscall"
)

// openFlags opens a site's file without blocking: a FIFO would otherwise
// wait for a writer before its Stat could refuse it.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
