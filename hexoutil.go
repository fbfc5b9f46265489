package hexo

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

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
		case r < utf8.RuneSelf && slugSeparators[r], r >= utf8.RuneSelf && unicode.IsSpace(r):
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

// slugSeparators are the ASCII characters Slugize turns into a separator:
// the space and hexo-util's special characters.
var slugSeparators = func() (t [utf8.RuneSelf]bool) {
	for _, c := range " ~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/" {
		t[c] = true
	}
	return t
}()

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

// StripHTML is hexo-util's stripHTML: it removes tags and comments and keeps
// everything else as it is, entities still encoded and the text of <style>
// and <script> included. Post.Text is what new code should use; this one is
// for ports of Hexo plugins that rely on its output.
func StripHTML(s string) string {
	const (
		plain = iota
		tag
		comment
	)
	state := plain
	depth := 0
	var quote byte
	var out strings.Builder
	tagStart, textStart := -1, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch state {
		case plain:
			if c == '<' {
				out.WriteString(s[textStart:i])
				state, tagStart = tag, i
			}
		case tag:
			switch c {
			case '<':
				if quote == 0 {
					depth++
				}
			case '>':
				if quote != 0 {
					break
				}
				if depth > 0 {
					depth--
					break
				}
				quote, state, tagStart, textStart = 0, plain, -1, i+1
			case '"', '\'':
				if c == quote {
					quote = 0
				} else if quote == 0 {
					quote = c
				}
			case '-':
				if i-tagStart == 3 && s[tagStart+1] == '!' && s[tagStart+2] == '-' {
					state = comment
				}
			case ' ', '\n':
				if i-tagStart == 1 { // "< " is text, not a tag
					out.WriteString("< ")
					state, tagStart, textStart = plain, -1, i+1
				}
			}
		case comment:
			if c == '>' {
				if i >= 2 && s[i-1] == '-' && s[i-2] == '-' {
					state, textStart = plain, i+1
				}
				tagStart = -1
			}
		}
	}
	if state == plain && textStart < len(s) {
		out.WriteString(s[textStart:])
	}
	return out.String()
}

// TruncateOptions are hexo-util truncate's options.
type TruncateOptions struct {
	Length    int    // 0 means 30
	Omission  string // "" means "..."
	Separator string // cut at this separator instead of anywhere
}

// Truncate is hexo-util's truncate. Like JavaScript it counts UTF-16 code
// units, so it can cut an emoji in half (the half becomes U+FFFD here); it
// returns the text unchanged when it is shorter than Length. Post.Summary is
// what new code should use.
func Truncate(s string, o TruncateOptions) string {
	length := o.Length
	if length == 0 {
		length = 30
	}
	omission := o.Omission
	if omission == "" {
		omission = "..."
	}
	units := utf16.Encode([]rune(s))
	if len(units) < length {
		return s
	}
	omissionLen := len(utf16.Encode([]rune(omission)))
	if o.Separator == "" {
		return string(utf16.Decode(units[:max(0, min(len(units), length-omissionLen))])) + omission
	}
	var result []uint16
	sep := utf16.Encode([]rune(o.Separator))
	for _, word := range strings.Split(s, o.Separator) {
		w := utf16.Encode([]rune(word))
		if len(result)+len(w)+omissionLen < length {
			result = append(append(result, w...), sep...)
			continue
		}
		return string(utf16.Decode(result[:max(0, len(result)-1)])) + omission
	}
	return "" // as hexo-util: every word fitted, yet the text was not shorter than Length
}

// EscapeHTML is hexo-util's escapeHTML: & < > " ' ` / = become entities; an
// ampersand that already starts an entity is left alone.
func EscapeHTML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '`':
			b.WriteString("&#96;")
		case '/':
			b.WriteString("&#x2F;")
		case '=':
			b.WriteString("&#x3D;")
		case '&':
			if entityRE.MatchString(s[i:]) {
				b.WriteByte('&')
			} else {
				b.WriteString("&amp;")
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// entityRE is what escapeHTML takes for an entity already there.
var entityRE = regexp.MustCompile(`^&(?:#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);`)
