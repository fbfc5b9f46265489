package hexo

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Each row is one of hexo-front-matter's splitting rules.
func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		data      string
		content   string
		separator string
		prefix    bool
	}{
		{"classic", "---\ntitle: a\n---\nbody\n", "title: a", "body\n", "---", true},
		{"classic without body", "---\ntitle: a\n---", "title: a", "", "---", true},
		{"longer separator", "----\ntitle: a\n----\nbody", "title: a", "body", "----", true},
		{"closer starts with the opener's run", "---\ntitle: a\n-----\nbody", "title: a", "--\nbody", "---", true},
		{"first closer wins", "---\na: 1\n---\nb\n---\nc", "a: 1", "b\n---\nc", "---", true},
		{"json", ";;;\n\"a\": 1\n;;;\nbody", "\"a\": 1", "body", ";;;", true},
		{"opener without closer is no front matter", "---\ntitle: a\nbody", "", "---\ntitle: a\nbody", "", false},
		{"empty block is no front matter", "---\n---\nbody", "", "---\n---\nbody", "", false},
		{"trailing space after opener", "--- \ntitle: a\n---\nbody", "", "--- \ntitle: a\n---\nbody", "", false},
		{"new style", "title: a\n---\nbody", "title: a", "body", "---", false},
		{"new style at the end", "title: a\n---", "title: a", "", "---", false},
		{"one blank line goes the new way", "\n---\ntitle: a\n---\nbody", "\n---\ntitle: a", "body", "---", false},
		{"two blank lines split on the first rule", "\n\n---\ntitle: a\n---\nbody", "\n", "title: a\n---\nbody", "---", false},
		{"a separator must end its line", "text\n---x\nmore\n---\nend", "text\n---x\nmore", "end", "---", false},
		{"no separator at all", "just text\n", "", "just text\n", "", false},
		{"two dashes are no separator", "a: 1\n--\nbody", "", "a: 1\n--\nbody", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := splitFrontMatter(tt.in)
			assert.Equal(t, tt.data, sp.data, "data")
			assert.Equal(t, tt.content, sp.content, "content")
			assert.Equal(t, tt.separator, sp.separator, "separator")
			assert.Equal(t, tt.prefix, sp.prefix, "prefix")
		})
	}
}

func TestNormalise(t *testing.T) {
	assert.Equal(t, "---\na: 1\n---\nb\n", normalise([]byte("\uFEFF---\r\na: 1\r\n---\r\nb\r\n")))
	assert.Equal(t, "a\rb", normalise([]byte("a\rb")), "a lone CR stays")
}
