package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// clean makes text from a post (a title, a file name, an error naming them)
// safe to print on a terminal: control characters (newlines and tabs
// included), C1 controls, the Unicode line and paragraph separators, the
// bidirectional overrides and bytes that are not UTF-8 are written as Go
// escapes (\n, \x1b, \u202e), so that a post cannot forge a line of output or
// send the terminal an escape sequence; a backslash is written \\, so that a
// name written with a backslash and "n" cannot pass for one holding a line
// break. Everything else is kept as it is.
func clean(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\\' || unsafeRune(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case !unsafeRune(r, n):
			b.WriteString(s[i : i+n])
		case r == utf8.RuneError:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// gitQuote writes a path in a patch header as git does: as it is, or, when
// it holds a control character, a double quote, a backslash or a byte clean
// escapes, in double quotes with C escapes (\n, \t, \", \\) and octal
// bytes (\342\200\256), which git apply and patch read back to the name.
func gitQuote(s string) string {
	quote := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '"' || r == '\\' || unsafeRune(r, n) {
			quote = true
			break
		}
		i += n
	}
	if !quote {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case unsafeRune(r, n):
			for _, c := range []byte(s[i : i+n]) {
				fmt.Fprintf(&b, `\%03o`, c)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	b.WriteByte('"')
	return b.String()
}

func unsafeRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == '\u2028', r == '\u2029', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// warn prints an error on stderr, cleaned.
func warn(stderr io.Writer, err error) {
	fmt.Fprintf(stderr, "hexopost: %s\n", clean(err.Error()))
}
