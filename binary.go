package hexo

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrNotText is matched by the error of a file that is not text: a program
// or an image saved with a post's extension, or text in an encoding other
// than UTF-8. Such a file is not read as a post (its words would be
// garbage): the Post holds its Source and bytes only, and is not Published.
var ErrNotText = errors.New("not a text file")

// textSample is how much of a file notText reads: enough to tell a binary
// file, while a text file of any size costs the same.
const textSample = 64 << 10

// notText says why src is not UTF-8 text, or nil: at least 8 NUL bytes
// making 1% of the sample, or at least 8 bytes that are not UTF-8 making
// 30% of it. A stray NUL or a few broken bytes of a scraped post stay text.
func notText(src []byte) error {
	s := src[:min(len(src), textSample)]
	if bytes.IndexByte(s, 0) < 0 && utf8.Valid(s) { // every real post: two fast scans
		return nil
	}
	if nul := bytes.Count(s, []byte{0}); nul >= 8 && nul*100 >= len(s) {
		return fmt.Errorf("%w: %d of its first %d bytes are NUL (a binary file?)", ErrNotText, nul, len(s))
	}
	bad := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 && len(s)-i >= utf8.UTFMax {
			bad++
		}
		i += n
	}
	if bad >= 8 && bad*100 >= 30*len(s) {
		return fmt.Errorf("%w: %d of its first %d bytes are not UTF-8 (a binary file, or text in another encoding)", ErrNotText, bad, len(s))
	}
	return nil
}
