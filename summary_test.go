package hexo

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
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
			got := truncateText(collapseSpace(tt.in), tt.n, "…")
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

func TestSummaryOptions(t *testing.T) {
	p := mustParse(t, "---\nexcerpt: Written by hand.\n---\nFirst paragraph of the body.\n\n<!-- more -->\n\nRest.")
	assert.Equal(t, "First paragraph of the body. Rest.", collapseSpace(p.Summary()), "a front-matter excerpt is not the post's text")
	assert.Equal(t, "Written by hand.", p.SummaryWith(SummaryOptions{FrontMatterExcerpt: true}))

	p = mustParse(t, "The excerpt.\n\n<!-- more -->\n\nThe rest of a long post.")
	assert.Equal(t, "The excerpt.", p.Summary(), "the author's cut, no mark")
	assert.Equal(t, "The excerpt. The rest of a long post.", collapseSpace(p.SummaryWith(SummaryOptions{IgnoreMore: true})))
	assert.Equal(t, "The [...]", p.SummaryWith(SummaryOptions{Length: 10, Omission: " [...]"}))
}

func TestSummaryHTML(t *testing.T) {
	tests := []struct {
		html string
		n    int
		want string
	}{
		{"<p>Short <b>bold</b> text.</p>", 140, "<p>Short <b>bold</b> text.</p>"},
		{"<div><p>One <b>two three</b> four</p><p>five</p></div>", 12, "<div><p>One <b>two…</b></p></div>"},
		{"<style>p{}</style><p>a &amp; b</p><script>x()</script>", 140, "<p>a &amp; b</p>"},
		{"<p>中文段落用来测试</p>", 5, "<p>中文段落…</p>"},
		{"<p>unclosed <em>emphasis", 140, "<p>unclosed <em>emphasis</em></p>"},
	}
	for _, tt := range tests {
		p := mustParse(t, tt.html)
		got := p.SummaryHTML(tt.n)
		assert.Equal(t, tt.want, got, tt.html)
		assert.LessOrEqual(t, uniseg.GraphemeClusterCount(mustParse(t, got).Text()), tt.n)
	}
}

func TestReadingTimeExcludeCode(t *testing.T) {
	src := "Two words.\n\n```\ncode code code code\n```\n"
	assert.Equal(t, 6, mustParse(t, src).WordCount())
	p, _ := Options{ExcludeCode: true}.Parse([]byte(src))
	assert.Equal(t, 2, p.WordCount())
	assert.Equal(t, "1m0s", p.ReadingTime().String())
}

func TestEmptyBody(t *testing.T) {
	for _, src := range []string{"", "---\ntitle: Only front matter\n---\n", "<div>\n<style>x{}</style>\n</div>"} {
		p := mustParse(t, src)
		assert.Equal(t, "", p.Text(), src)
		assert.Equal(t, "", p.Summary())
		assert.Equal(t, "", p.SummaryHTML(0))
		assert.Equal(t, 0, p.WordCount())
		assert.Equal(t, 0, p.ReadingMinutes())
		assert.Empty(t, p.TOC(0, 0))
		assert.Equal(t, "", p.TOCHTML(0, 0))
		assert.Empty(t, p.Images())
	}
}

// TestSummaryHTMLHidesWhatTextHides: one rule decides what holds no text,
// so a highlighted block's line-number gutter is in neither.
func TestSummaryHTMLHidesWhatTextHides(t *testing.T) {
	p := mustParse(t, `<figure class="highlight go"><table><tr><td class="gutter"><pre>1<br>2</pre></td>`+
		`<td class="code"><pre>x := 1<br>y := 2</pre></td></tr></table></figure><p>after <style>p{}</style>it</p>`)
	assert.Equal(t, "x := 1 y := 2\nafter it", p.Text())
	h := p.SummaryHTML(0)
	assert.NotContains(t, h, "gutter")
	assert.NotContains(t, h, ">1<")
	assert.NotContains(t, h, "p{}")
	assert.Contains(t, h, "x := 1")
	assert.Contains(t, h, "after ")
}

// TestSummaryHTMLEndsWhatItOpens: what SummaryHTML writes, put in a page,
// leaves the page as it was after it: every element it opens it ends, and
// <plaintext>, which nothing ends (the rest of the page would be text), is
// not written; its text is.
func TestSummaryHTMLEndsWhatItOpens(t *testing.T) {
	for _, src := range []string{
		"<p>a <plaintext>b <b>c</b>",
		"<div><plaintext>",
		"<p>x</p><PLAINTEXT>y",
		"<xmp>a <b> c",
		"<p>a<textarea>b",
		"<p>a<title>b",
		"<noembed>a",
		"<p>a<noframes>b",
	} {
		p, _ := Parse([]byte(src))
		got := p.SummaryHTML(100)
		page := "<body>" + got + "<i>after</i></body>"
		doc, err := html.Parse(strings.NewReader(page))
		require.NoError(t, err)
		var found bool
		var find func(n *html.Node)
		find = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "i" && n.FirstChild != nil && n.FirstChild.Data == "after" {
				found = true
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				find(c)
			}
		}
		find(doc)
		assert.True(t, found, "%q: the page after the summary is still a page: %q", src, got)
	}
}
