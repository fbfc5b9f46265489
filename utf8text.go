package hexo

import (
	"strings"
	"unicode/utf8"
)

// Node reads a post's bytes as UTF-8 with a U+FFFD for each maximal run of
// bytes that cannot start or continue a character (the WHATWG decoder's
// rule): a scraped post with a stray byte in its front matter loads in
// Hexo. yaml.v3 refuses such bytes, so the front matter is read as Node
// reads it (with a warning naming the line), and an edit, which could not
// write those bytes back, is refused.

// nodeUTF8 is s as Node's UTF-8 decoder reads it.
func nodeUTF8(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || w != 1 {
			b.WriteString(s[i : i+w])
			i += w
			continue
		}
		b.WriteRune(utf8.RuneError)
		i += invalidRun(s[i:])
	}
	return b.String()
}

// invalidRun is the length of the maximal subpart at the start of s, a byte
// that starts no valid character: a lead byte and the continuation bytes it
// may take, cut short, are one replacement; any other byte is one.
func invalidRun(s string) int {
	need, lo, hi := 0, byte(0x80), byte(0xBF)
	switch c := s[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case c == 0xF4:
		need, hi = 3, 0x8F
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	default:
		return 1
	}
	n := 1
	for ; n <= need && n < len(s) && s[n] >= lo && s[n] <= hi; n++ {
		lo, hi = 0x80, 0xBF
	}
	return n
}

// firstInvalidLine is the line (counted from 1) of s's first byte that is
// not UTF-8, or 0.
func firstInvalidLine(s string) int {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			return strings.Count(s[:i], "\n") + 1
		}
		i += w
	}
	return 0
}
