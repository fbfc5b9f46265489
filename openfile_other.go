//go:build !unix

package hexo

// openNonblock is 0 where there is no O_NONBLOCK: there, a FIFO is refused by
// the stat before the open.
const openNonblock = 0
