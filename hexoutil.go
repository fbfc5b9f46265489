package hexo

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugize is hexo-util's slugize with its defaults: diacritics removed from
// Latin letters, control characters dropped, runs of whitespace and of the
// characters ~`!@#$%^&*()-_+=[]{}|\;:"'<>,.?/ turned into one "-", leading and
// trailing "-" trimmed. Case and every other script (CJK included) are kept.
func Slugize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	sep := false // a separator is pending
	for _, r := range s {
		switch {
		case r < 0x20:
			continue
		case unicode.IsSpace(r) || strings.ContainsRune("~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/", r):
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		writeWithoutDiacritics(&b, r)
	}
	return b.String()
}

// writeWithoutDiacritics writes a Latin letter without its accents (é -> e,
// Å -> A), as hexo-util's escapeDiacritic does; other runes are written as they are.
func writeWithoutDiacritics(b *strings.Builder, r rune) {
	if r < 0xC0 || !unicode.Is(unicode.Latin, r) {
		b.WriteRune(r)
		return
	}
	switch r {
	case 'Æ':
		b.WriteString("AE")
		return
	case 'æ':
		b.WriteString("ae")
		return
	case 'Ø':
		b.WriteByte('O')
		return
	case 'ø':
		b.WriteByte('o')
		return
	case 'ß':
		b.WriteByte('s') // hexo-util maps ß to one s
		return
	case 'Œ':
		b.WriteString("OE")
		return
	case 'œ':
		b.WriteString("oe")
		return
	case 'Đ':
		b.WriteByte('D')
		return
	case 'đ':
		b.WriteByte('d')
		return
	case 'Ł':
		b.WriteByte('L')
		return
	case 'ł':
		b.WriteByte('l')
		return
	}
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			b.WriteRune(d)
		}
	}
}
