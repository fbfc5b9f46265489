//go:build unix

package hexo

import "syscall"

// openNonblock makes opening a FIFO return at once instead of waiting for a
// writer; the open file is then refused as not regular. A regular file reads
// the same with it.
const openNonblock = syscall.O_NONBLOCK
