package hexo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Whitespace as the text of a post sees it.

// allSpace reports whether s holds nothing but whitespace.
func allSpace(s []byte) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
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

// isSpace is whitespace as our text sees it: Unicode spaces, NBSP and U+3000 included.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
}

// collapseSpace trims s and turns every run of whitespace into one space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII, the common case, without decoding
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				space = true
			} else {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			space = true
		} else {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if r == utf8.RuneError && n == 1 {
				b.WriteRune(r) // invalid UTF-8 becomes U+FFFD: text is always valid
			} else {
				b.WriteString(s[i : i+n])
			}
		}
		i += n
	}
	return b.String()
}
