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

// solidASCII are the ASCII bytes that are not whitespace.
var solidASCII = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = !asciiSpace(byte(c))
	}
	return t
}()

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
			for j < len(s) && solidASCII[s[j]] {
				j++
			}
			if j == len(s) {
				break
			}
			if c := s[j]; c < utf8.RuneSelf { // whitespace
				break
			}
			// most of a CJK text: a lead byte of E3 to EF but ED (the
			// surrogates) with two continuation bytes is a valid character,
			// and of the whitespace only U+3000 (E3 80 80) and U+FEFF (EF BB
			// BF) are led by one of them (written out: a call per character
			// cost a sixth)
			if c := s[j]; c >= 0xE3 && c <= 0xEF && c != 0xED && j+2 < len(s) {
				b1, b2 := s[j+1], s[j+2]
				if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 && !(c == 0xE3 && b1 == 0x80 && b2 == 0x80) &&
					!(c == 0xEF && b1 == 0xBB && b2 == 0xBF) {
					j += 3
					continue
				}
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

// decodeRune is utf8.DecodeRune for a string or a byte slice.
func decodeRune[S ~string | ~[]byte](s S) (rune, int) {
	var b [utf8.UTFMax]byte
	k := copy(b[:], s[:min(len(s), utf8.UTFMax)])
	return utf8.DecodeRune(b[:k])
}
