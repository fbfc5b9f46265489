package hexo

import (
	"unicode/utf8"
)

// Whitespace as the text of a post sees it.

// allSpace reports whether s holds nothing but whitespace.
func allSpace(s []byte) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace(c) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if !isSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// asciiSpace is isSpace for an ASCII byte.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// isSpace is whitespace as our text sees it: Unicode's White_Space (what
// unicode.IsSpace reports), and U+200B and U+FEFF. Written out, as the
// text of every post passes through it.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return asciiSpace(byte(r))
	case r < 0x1680:
		return r == 0x85 || r == 0xA0
	}
	return r == 0x1680 || r >= 0x2000 && r <= 0x200B || r == 0x2028 || r == 0x2029 || r == 0x202F ||
		r == 0x205F || r == 0x3000 || r == 0xFEFF
}

// collapseSpace trims s and turns every run of whitespace into one space;
// an invalid byte becomes U+FFFD.
func collapseSpace(s string) string {
	return string(appendCollapsed(make([]byte, 0, len(s)), s))
}

// appendCollapsed appends s to dst as collapseSpace returns it, copying runs
// without whitespace whole.
func appendCollapsed[S ~string | ~[]byte](dst []byte, s S) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		// the run of characters up to the next whitespace or invalid byte
		j := i
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if asciiSpace(c) {
					break
				}
				j++
				continue
			}
			if solid3(s, j) { // most of a CJK text
				j += 3
				continue
			}
			r, n := decodeRune(s[j:])
			if n == 1 || isSpace(r) { // invalid, or whitespace
				break
			}
			j += n
		}
		if j > i {
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		if c := s[i]; c < utf8.RuneSelf { // whitespace
			space = true
			i++
			continue
		}
		if _, n := decodeRune(s[i:]); n > 1 { // whitespace
			space = true
			i += n
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, "\uFFFD"...) // text is always valid UTF-8
		i++
	}
	return dst
}

// solid3 reports whether s holds at i a valid three-byte character that is
// not whitespace, known from its bytes: a lead byte of E3 to EF but ED (the
// surrogates) with two continuation bytes is valid, and of the whitespace
// only U+3000 (E3 80 80) and U+FEFF (EF BB BF) are led by one of them.
func solid3[S ~string | ~[]byte](s S, i int) bool {
	if i+2 >= len(s) {
		return false
	}
	c, b1, b2 := s[i], s[i+1], s[i+2]
	return c >= 0xE3 && c <= 0xEF && c != 0xED && b1&0xC0 == 0x80 && b2&0xC0 == 0x80 &&
		!(c == 0xE3 && b1 == 0x80 && b2 == 0x80) && !(c == 0xEF && b1 == 0xBB && b2 == 0xBF)
}

// decodeRune is utf8.DecodeRune for a string or a byte slice.
func decodeRune[S ~string | ~[]byte](s S) (rune, int) {
	var b [utf8.UTFMax]byte
	k := copy(b[:], s[:min(len(s), utf8.UTFMax)])
	return utf8.DecodeRune(b[:k])
}
