package hexo

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/stretchr/testify/assert"
)

func TestTruncateText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"short text is whole", "short", 10, "short"},
		{"a word longer than the summary is cut", "internationalization is long", 10, "internati…"},
		{"backs up to a space", "one two three four", 12, "one two…"},
		{"CJK cut anywhere", "这是一个中文段落用来测试", 6, "这是一个中…"},
		{"emoji cluster kept whole", "ab👩‍👩‍👧‍👦cd", 4, "ab👩‍👩‍👧‍👦…"},
		{"flag kept whole", "🇯🇵🇯🇵🇯🇵", 3, "🇯🇵🇯🇵🇯🇵"},
		{"whitespace collapsed", "a \u3000 b\u00a0\u00a0c", 10, "a b c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := truncateText(tt.in, tt.n, "…")
			assert.Equal(t, tt.want, got)
			assert.LessOrEqual(t, uniseg.GraphemeClusterCount(got), tt.n)
		})
	}
}

func TestWordsAndReading(t *testing.T) {
	tests := []struct {
		text     string
		words    int
		minutes  int
		cjkCount int
	}{
		{"", 0, 0, 0},
		{"Hello, world!", 2, 1, 0},
		{"你好世界", 4, 1, 4},
		{"日本語のテキスト", 8, 1, 8},
		{"한국어 문장", 5, 1, 5},
		{"Go 1.26 是 最新版本", 7, 1, 5},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			p := mustParse(t, tt.text)
			assert.Equal(t, tt.words, p.WordCount())
			assert.Equal(t, tt.minutes, p.ReadingMinutes())
			cjk, _ := countWords(tt.text)
			assert.Equal(t, tt.cjkCount, cjk)
		})
	}
	long := mustParse(t, strings.Repeat("word ", 401))
	assert.Equal(t, 3, long.ReadingMinutes(), "401 words at 200 a minute: 3 minutes, rounded up")
}
