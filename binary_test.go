package hexo

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestNotText: a program or an image saved as a post is refused, and so is
// text in another encoding; a post with a stray NUL or a few broken bytes
// is still read.
func TestNotText(t *testing.T) {
	program := []byte("\x7fELF\x02\x01\x01" + strings.Repeat("\x00\x00\x00\x10\xe8\x03\xff", 200))
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String("---\ntitle: 旧博客\n---\n" + strings.Repeat("这是一篇用 GBK 写的文章。", 40))
	require.NoError(t, err)
	for name, src := range map[string][]byte{"program": program, "GBK text": []byte(gbk)} {
		p, err := Parse(src)
		assert.ErrorIs(t, err, ErrNotText, name)
		require.NotNil(t, p, name)
		assert.False(t, p.Published, name)
		assert.Empty(t, p.Text(), name)
		assert.Zero(t, p.WordCount(), name)
		assert.Equal(t, src, p.Bytes(), "%s: the bytes are kept", name)
		assert.ErrorIs(t, p.SetField("title", "x"), ErrNotEditable, "%s: an edit would corrupt the file", name)
		assert.Equal(t, src, p.Bytes(), "%s: nothing changed", name)
	}
	for name, src := range map[string]string{
		"a stray NUL":     "---\ntitle: ok\n---\nA scraped\x00 post with one NUL.\n",
		"a few bad bytes": "---\ntitle: ok\n---\nMostly text \xff\xfe with two bad bytes, and more words after them.\n",
		"short and odd":   "\x00\x00\x00\x01",
	} {
		_, err := Parse([]byte(src))
		assert.NotErrorIs(t, err, ErrNotText, name)
	}
	if b, err := os.ReadFile("/bin/ls"); err == nil {
		_, err := Parse(b[:min(len(b), 1<<20)])
		assert.ErrorIs(t, err, ErrNotText, "/bin/ls")
	}
}
