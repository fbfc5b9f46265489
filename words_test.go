package hexo

import (
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countWordsAsWritten is WordCount's rule as its documentation states it,
// one character at a time through the Unicode tables: what countWords's
// short ways (ideographs decoded by hand, punctuation looked up in a
// table) must agree with.
func countWordsAsWritten(s string) (cjk, other int) {
	inWord := false
	var prev rune
	runes := []rune(s)
	for i, r := range runes {
		next := rune(0)
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		switch {
		case isCJK(r):
			cjk++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) && inWord:
			if !inWord {
				other++
				inWord = true
			}
		case inWord && isJoiner(r, prev, next):
		default:
			inWord = false
		}
		prev = r
	}
	return cjk, other
}

func TestCountWords(t *testing.T) {
	for _, s := range []string{
		"", "hello world", "1.26 and 1,000 don't", "don’t stop", "中文，標點。混合 English 文字",
		"「引号」『书名』：“双引号”——破折号…省略", "ｆｕｌｌｗｉｄｔｈ　ＡＢＣ１２３", "ひらがな カタカナ 한국어",
		"e\u0301te\u0301", "\u0301alone", "x\xffy\xe4\xb8中", "a.b 1.a a'1 ’x x’",
	} {
		cjk, other := countWords(s)
		wc, wo := countWordsAsWritten(s)
		assert.Equal(t, [2]int{wc, wo}, [2]int{cjk, other}, "%q", s)
	}
}

func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"中文，English 1.5 don’t", "ｆｕｌｌ　ｗｉｄｔｈ", "e\u0301\u2019s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			// the two read an invalid byte alike, but the rule as written
			// looks past it differently for a joiner; text is valid UTF-8
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		cjk, other := countWords(s)
		wc, wo := countWordsAsWritten(s)
		if cjk != wc || other != wo {
			t.Fatalf("%q: countWords %d+%d, as written %d+%d", s, cjk, other, wc, wo)
		}
	})
}

// TestWordsCountedInTheWalk holds the count the walk makes, block by block,
// to the count of the text on every test post and shared case, with and
// without the code.
func TestWordsCountedInTheWalk(t *testing.T) {
	n := 0
	for _, f := range corpusFiles() {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, o := range []Options{{}, {ExcludeCode: true}} {
			p, _ := o.Parse(src)
			text := p.Text()
			if o.ExcludeCode {
				text = blocksText(p.Blocks, false, nil)
			}
			cjk, other := countWords(text)
			assert.Equal(t, cjk+other, p.WordCount(), "%s %+v", f, o)
			n++
		}
	}
	assert.Greater(t, n, 80) // our posts twice, beside the shared cases when they are here
}
