package hexo

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
)

// TestIsSpace checks the written-out isSpace against its definition for
// every character.
func TestIsSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
		if isSpace(r) != want {
			t.Fatalf("isSpace(%U) = %v", r, !want)
		}
	}
}

// collapsedAsWritten is collapseSpace's rule one character at a time: each
// invalid byte a U+FFFD, the words between whitespace joined by one space.
func collapsedAsWritten(s string) string {
	var runes []rune
	for _, r := range s {
		runes = append(runes, r)
	}
	return strings.Join(strings.FieldsFunc(string(runes), isSpace), " ")
}

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "  a  b\t\nc  ", "\u3000中文\u00a0 text\u200b\ufeff", "x\xff\xfey", "\xe4\xb8 \x80", "a\u2028b\u205f"} {
		assert.Equal(t, collapsedAsWritten(s), collapseSpace(s), "%q", s)
		assert.Equal(t, "x"+collapsedAsWritten(s), string(appendCollapsed([]byte("x"), []byte(s))), "%q after other text", s)
	}
}

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"  a \u3000b\xff ", "中\u00a0文\t\n", "\u2028\u200b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), collapsedAsWritten(s); got != want {
			t.Fatalf("%q: collapseSpace %q, as written %q", s, got, want)
		}
	})
}
