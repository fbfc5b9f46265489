package hexo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMarkdownReadsAsThePost: the body Markdown gives another engine reads,
// with our Hexo rules, as the post itself: the same blocks (headings, text,
// code, images) on every test post and shared case whose body is Markdown.
// The tags it replaced by their HTML are no longer there to expand.
func TestMarkdownReadsAsThePost(t *testing.T) {
	n := 0
	for _, dirs := range conformanceSuites(t) {
		for _, f := range postFiles(t, dirs[0]) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			p, _ := Parse(src)
			if p.Format != FormatMarkdown {
				assert.Equal(t, p.Content(), p.Markdown(), f)
				continue
			}
			n++
			again, _ := Options{}.Parse([]byte("---\ntitle: again\n---\n" + p.Markdown()))
			assert.Equal(t, blockTexts(p.Blocks), blockTexts(again.Blocks), filepath.Base(f))
		}
	}
	assert.Greater(t, n, 30)
}

func blockTexts(bs []Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, string(b.Kind)+" "+b.Text+" "+b.URL+" "+b.ID)
	}
	return out
}

// TestMarkdownFencesAsCommonMarkReadsThem: fences Hexo pairs and CommonMark
// does not come out as fences both pair alike.
func TestMarkdownFencesAsCommonMarkReadsThem(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"- item\n  ```java\nList<Snow> s;\n  ```\n", "- item\n  ```java\n  List<Snow> s;\n  ```\n"},
		{"> ```\n> a\n> ```\n", "> ```\n> a\n> ```\n"},
		{"```\ncode with ``` inside\n```\n", "````\ncode with ``` inside\n````\n"},
		{"1. x\n\n    ```js\n    let a\n    ```\n", "1. x\n\n    ```js\n    let a\n    ```\n"},
		{"> q\n\n    ```\n    f(a,\n      b)\n    ```\n", "> q\n\n    f(a,\n      b)\n"}, // in indented code: the code, no marks
	} {
		p, err := Parse([]byte(tc.body))
		require.NoError(t, err)
		assert.Equal(t, tc.want, p.Markdown(), "%q", tc.body)
	}
}

func TestMarkdownKeepsCodeAsWritten(t *testing.T) {
	p, err := Parse([]byte("Intro {% blockquote Someone %}quoted **md**{% endblockquote %}\n\n" +
		"`{% img inline.png %}` inline\n\n```go\n{% img fenced.png %}\n```\n\n    {% img indented.png %}\n\n{% img /c.png 'A cat' %}\n\n~~~\r\nx\r\n~~~\r\n"))
	require.NoError(t, err)
	md := p.Markdown()
	assert.Contains(t, md, "`{% img inline.png %}` inline", "Hexo escapes a tag in code: it shows as written")
	assert.Contains(t, md, "```go\n{% img fenced.png %}\n```", "a fence Hexo pairs is held before the tags")
	assert.Contains(t, md, "    {% img indented.png %}\n")
	assert.Contains(t, md, `<img src="/c.png" title="A cat">`)
	assert.Contains(t, md, "<blockquote>")
	assert.Contains(t, md, "<footer><strong>Someone</strong></footer></blockquote>")
	assert.Contains(t, md, "```\nx\n```\n", "a fence as CommonMark reads it, lines ending in LF")
	assert.NotContains(t, md, heldMark)
}

// FuzzPostMarkdown: Markdown never panics and leaves no placeholder of its
// own behind.
func FuzzPostMarkdown(f *testing.F) {
	for _, s := range []string{"{% img /a.png %}\n", "`{% img a %}`", "```\n{% raw %}\n```\n", "    {% raw %}x{% endraw %}\n", "> {% blockquote %}*a*{% endblockquote %}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, _ := Parse([]byte(s))
		if p == nil {
			return
		}
		if md := p.Markdown(); strings.Count(md, heldMark) > strings.Count(s, heldMark) {
			t.Fatalf("a placeholder is left in %q", md)
		}
	})
}
