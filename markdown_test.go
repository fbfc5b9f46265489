package hexo

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMarkdownHeadingIDs(t *testing.T) {
	p := mustParse(t, "# Hello World\n\n## Hello World\n\n### Hello World\n\n## 中文 标题\n\n## Café & *bold* `code`\n\n## Don't stop\n")
	var ids []string
	for _, h := range p.Headings() {
		ids = append(ids, h.ID)
	}
	// hexo-renderer-marked: slugized text, case and CJK kept, repeats -1, -2.
	assert.Equal(t, []string{"Hello-World", "Hello-World-1", "Hello-World-2", "中文-标题", "Cafe-bold-code", "Don’t-stop"}, ids)
	assert.Equal(t, FormatMarkdown, p.Format)
}

// TestHeadingIDsAsMarked: hexo-renderer-marked's anchorId on what marked
// writes. Each id is real Hexo's (testdata/posts/heading-ids.md and
// typography.md have its answers).
func TestHeadingIDsAsMarked(t *testing.T) {
	for _, tc := range []struct{ md, id string }{
		{"Foo bar  \nBaz qux\n==\n", "Foo-barBaz-qux"},                  // a line break is a <br>: nothing between
		{"Foo bar\nBaz qux\n==\n", "Foo-barBaz-qux"},                    // marked's breaks option: a soft one too
		{"![alt text](x.png)\n[](#a)Title Here\n-----\n", "Title-Here"}, // an image adds nothing
		{"## 1、&nbsp;条件断点\n", "1、-nbsp-条件断点"},                           // entities count as written
		{"## &#20540; and &copy;\n", "20540-and-copy"},
		{"## Code `x<y>` and **bold** text\n", "Code-x-and-bold-text"}, // <y> is read as a tag
		{"### `<margin-width>`\n", ""},
		{"## &lt;b&gt;gone&lt;/b&gt; kept\n", "gone-kept"}, // hexo-util decodes &lt; before stripping tags
		{"## Quote \"focusable\"?\n", "Quote-“focusable”"}, // the curly quotes stay
		{"## 什么是\"focusable\"？\n", "什么是”focusable”？"},
		{"## a \\<b\\> c\n", "a-c"},
	} {
		p := mustParse(t, tc.md)
		require.Len(t, p.Headings(), 1, "%q", tc.md)
		assert.Equal(t, tc.id, p.Headings()[0].ID, "%q", tc.md)
	}
}

// TestSmartypants: hexo-renderer-marked's typography, as real Hexo renders
// it (testdata/posts/typography.md).
func TestSmartypants(t *testing.T) {
	for _, tc := range []struct{ md, text string }{
		{"a << b and c >> d", "a << b and c >> d"}, // no « »
		{`他说"虚假汇报"指控，"完全"错误。`, "他说”虚假汇报”指控，”完全”错误。"}, // after a letter, a quote closes
		{`"quoted" text, 'single' too`, "“quoted” text, ‘single’ too"},
		{"Dashes -- and --- and dots... ---- -----", "Dashes – and — and dots… —- —–"},
		{`(\"a") 'b"c"' -"d" --"e"`, "(\"a”) ‘b”c”’ -“d” –”e”"}, // an escaped quote stays straight
		{"*em*\"x\" `\"code\"`", "em“x” \"code\""},              // a run of text after an element begins anew; code is code
	} {
		p := mustParse(t, tc.md+"\n")
		assert.Equal(t, tc.text, p.Text(), "%q", tc.md)
	}
}

// TestLoneCR: a lone CR ends a line, for CommonMark and for marked.
func TestLoneCR(t *testing.T) {
	p := mustParse(t, "1. one\r2. two\r\rA paragraph\r> quoted\n")
	assert.Equal(t, []string{"one", "two", "A paragraph", "quoted"}, p.Paragraphs())
}

func TestMarkdownExcerpt(t *testing.T) {
	p := mustParse(t, "Intro **bold**.\n\n<!-- more -->\n\n```\n<!-- more -->\n```\n\nRest.\n")
	assert.Equal(t, "<p>Intro <strong>bold</strong>.</p>", p.Excerpt())
	assert.Contains(t, p.More(), "Rest.")
	assert.Contains(t, p.More(), "&lt;!-- more --&gt;", "a marker in code is code")
	assert.True(t, p.Blocks[0].InExcerpt)
	assert.False(t, p.Blocks[len(p.Blocks)-1].InExcerpt)
}

func TestExcerptRules(t *testing.T) {
	p := mustParse(t, "<div><p>One <!--MORE--> two</p></div>")
	assert.Equal(t, FormatHTML, p.Format)
	assert.Equal(t, "<div><p>One</p></div>", p.Excerpt(), "an excerpt cut inside a paragraph is closed")
	assert.Equal(t, "two</p></div>", p.More())

	p = mustParse(t, "a\n\n<!--  more  -->\n\nb")
	assert.Equal(t, "", p.Excerpt(), "two spaces do not match Hexo's rule")

	p = mustParse(t, "---\nexcerpt: Given.\n---\na\n\n<!-- more -->\n\nb")
	assert.Equal(t, "Given.", p.Excerpt())
	assert.Contains(t, p.More(), "<p>a</p>", "a front-matter excerpt leaves the body whole")
	assert.Contains(t, p.More(), "<p>b</p>")
}

// TestAssetImgArguments: Hexo's asset_img takes the first argument that is
// a file of the post's asset folder, the words before it classes; a post
// read on its own (no folder known) takes the first that looks like a file.
// TestSiteMatchesHexo checks the lookup in a real asset folder.
func TestAssetImgArguments(t *testing.T) {
	for _, tc := range []struct{ tag, url string }{
		{"{% asset_img 网站截图 screenshot.png %}", "screenshot.png"},
		{"{% asset_img 01.png The title %}", "01.png"},
		{"{% asset_img \"Fig. 1\" fig.svg %}", "fig.svg"},
		{"{% asset_img cover %}", "cover"},
	} {
		p := mustParse(t, tc.tag+"\n")
		require.Len(t, p.Images(), 1, tc.tag)
		assert.Equal(t, tc.url, p.Images()[0].URL, tc.tag)
	}
}

func TestTagPlugins(t *testing.T) {
	src := "Intro.\n\n{% codeblock lang:go %}\n    # not a heading\n    <!-- more -->\n{% endcodeblock %}\n\n" +
		"{% blockquote Ada Lovelace, Notes %}\nQuoted.\n{% endblockquote %}\n\n" +
		"{% img left /a.png 10 20 '\"The title\" \"The alt\"' %}\n\n{% asset_img b.png B %}\n\n{% youtube abc %}\n\n" +
		"See {% link Go https://go.dev %} and `{% code %}` in a span.\n\n{% raw %}{{ x }}{% endraw %} {{ y }}\n\n{% unknown a %}\n"
	p := mustParse(t, src)
	assert.Empty(t, p.Headings(), "code holds code")
	assert.Equal(t, "", p.Excerpt(), "no marker inside code")
	var code []string
	for _, b := range blocksOf(BlockCode, p.Blocks) {
		code = append(code, b.Text)
	}
	assert.Equal(t, []string{"# not a heading\n<!-- more -->"}, code, "indentation stripped as Hexo does")
	paras := p.Paragraphs()
	assert.Contains(t, paras, "Quoted.")
	assert.Contains(t, paras, "Ada LovelaceNotes")
	assert.Contains(t, paras, "See Go and {% code %} in a span.")
	assert.Contains(t, paras, "{{ x }} {{ y }}")
	assert.Contains(t, paras, "{% unknown a %}", "an unknown tag stays as text")
	imgs := p.Images()
	require.Len(t, imgs, 2)
	assert.Equal(t, Image{URL: "/a.png", Alt: "The alt", From: "body"}, imgs[0])
	assert.Equal(t, "b.png", imgs[1].URL)
	assert.Contains(t, p.Content(), "https://www.youtube.com/embed/abc")
	// the one table says what each tag is: youtube is expanded, and Hexo 8
	// lacks it (lint calls it unknown too); an unknown tag stays text
	require.Len(t, p.Warnings, 2)
	assert.Contains(t, p.Warnings[0], "{% youtube %} is not one of Hexo 8's")
	assert.Contains(t, p.Warnings[1], "unknown tag plugin {% unknown %}")
	for name, tag := range tagPlugins {
		lint := Lint(mustParse(t, "{% "+name+" x %}"+strings.Repeat("{% end"+name+" %}", btoi(tag.block))))
		unknown := slices.ContainsFunc(lint, func(f Finding) bool { return f.Rule == RuleUnknownTag })
		assert.Equal(t, !tag.hexo8, unknown, "{%% %s %%}: lint's unknown-tag and the table agree", name)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestHeadingIDsOfObjectNames: hexo-renderer-marked counts repeated ids in
// a plain JavaScript object, so a heading named like one of
// Object.prototype's properties gets -NaN first (real Hexo's answer on a
// public blog's post), none the second time, then -1.
func TestHeadingIDsOfObjectNames(t *testing.T) {
	p := mustParse(t, "## constructor\n\n## constructor\n\n## constructor\n\n## toString\n\n## other\n\n## other\n")
	var ids []string
	for _, h := range p.Headings() {
		ids = append(ids, h.ID)
	}
	assert.Equal(t, []string{"constructor-NaN", "constructor", "constructor-1", "toString-NaN", "other", "other-1"}, ids)
}
