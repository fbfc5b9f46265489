package hexo

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/net/html"
)

func blocksOf(kind BlockKind, bs []Block) []Block {
	var out []Block
	for _, b := range bs {
		if b.Kind == kind {
			out = append(out, b)
		}
	}
	return out
}

func TestWalkHTML(t *testing.T) {
	tests := []struct {
		name       string
		html       string
		paragraphs []string
		headings   []Heading
		code       []string
		images     []string
	}{
		{"hidden content never leaks",
			"<style>p{color:red}</style><script>var x = 1;</script><noscript><p>no</p><img src=n.png></noscript><template><p>t</p></template><p>yes</p>",
			[]string{"yes"}, nil, nil, nil},
		{"entities and spaces", "<p>&#123;a&#125;&nbsp;&amp;\u3000b  \t c</p>", []string{"{a} & b c"}, nil, nil, nil},
		{"loose text in a div", "<div>loose<br>lines<p>para</p>tail</div>", []string{"loose lines", "para", "tail"}, nil, nil, nil},
		{"list items and cells", "<ul><li>a<li>b</ul><table><tr><td>c</td><th>d</th></tr></table>", []string{"a", "b", "c", "d"}, nil, nil, nil},
		{"heading with own id and permalink", `<h2 id="x"><a href="#x">¶</a> Title <em>one</em></h2>`, nil, []Heading{{2, "x", "Title one"}}, nil, nil},
		{"heading takes no ancestor id", `<section id="s"><h3>Inner</h3></section>`, nil, []Heading{{3, "", "Inner"}}, nil, nil},
		{"heading of only a symbol link keeps it", `<h1><a href="#">#</a></h1>`, nil, []Heading{{1, "", "#"}}, nil, nil},
		{"pre keeps lines", "<pre><code><span>a</span>\n  b\n</code></pre><p>after</p>", []string{"after"}, nil, []string{"a\n  b"}, nil},
		{"gutter dropped", `<table><tr><td class="gutter"><pre>1<br>2</pre></td><td class="code"><pre>x<br>y</pre></td></tr></table>`, nil, nil, []string{"x\ny"}, nil},
		{"lazy and srcset images", `<img src="data:image/gif;base64,AA" data-src="real.png"><img srcset="a.png 1x, b.png 2x"><img src="javascript:alert(1)"><img src=" JaVa	script:x">`,
			nil, nil, nil, []string{"real.png", "a.png"}},
		{"data-original beside src", `<img src="thumb.jpg" data-original="full.jpg">`, nil, nil, nil, []string{"thumb.jpg", "full.jpg"}},
		{"unclosed tags", "<div><p>one<p>two<li>three", []string{"one", "two", "three"}, nil, nil, nil},
		{"comments are not text", "<p>a<!-- hidden -->b</p>", []string{"ab"}, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := walkHTML(tt.html, walkLimits{})
			var paras, code, imgs []string
			for _, b := range blocksOf(BlockParagraph, res.blocks) {
				paras = append(paras, b.Text)
			}
			for _, b := range blocksOf(BlockCode, res.blocks) {
				code = append(code, b.Text)
			}
			for _, b := range blocksOf(BlockImage, res.blocks) {
				imgs = append(imgs, b.URL)
			}
			var hs []Heading
			for _, b := range blocksOf(BlockHeading, res.blocks) {
				hs = append(hs, Heading{b.Level, b.ID, b.Text})
			}
			assert.Equal(t, tt.paragraphs, paras, "paragraphs")
			assert.Equal(t, tt.headings, hs, "headings")
			assert.Equal(t, tt.code, code, "code")
			assert.Equal(t, tt.images, imgs, "images")
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"\n\n<div>\n    <p>indented</p>\n</div>", true},
		{"<p>a</p>\n<pre>\n# comment in code\n- not a list\n</pre>", true},
		{"Plain *Markdown*", false},
		{"<div align=center><img src=x></div>\n\n# Title\n\ntext", false},
		{"<span>inline</span> then ```code```", true},
		{"<img src=x>\n\ntext", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, looksLikeHTML(tt.body), tt.body)
	}
}

func TestCloseTags(t *testing.T) {
	assert.Equal(t, "<div><p>cut <b>here</b></p></div>", closeTags("<div><p>cut <b>here</b>"))
	assert.Equal(t, "<p>a<br>b</p>", closeTags("<p>a<br>b</p>"))
}

// An HTML body in a .md file is walked as HTML: the .md and its .html copy
// give the same blocks (Hexo's Markdown pass mangles the .md one).
func TestHTMLTwinsGiveTheSameBlocks(t *testing.T) {
	md, err := ParseFile("testdata/posts/html-body-in-md.md")
	assert.NoError(t, err)
	html, err := ParseFile("testdata/posts/html-body-in-md-as-html.html")
	assert.NoError(t, err)
	assert.Equal(t, FormatHTML, md.Format)
	assert.Equal(t, html.Blocks, md.Blocks)
	assert.NotEmpty(t, blocksOf(BlockCode, md.Blocks), "the <pre> with blank lines stays one code block")
}

// TestIsMoreMarker holds isMoreMarker to Hexo's expression.
func TestIsMoreMarker(t *testing.T) {
	hexo := regexp.MustCompile(`(?i)^ ?more ?$`)
	for _, s := range []string{"more", " more ", "MORE", " More", "moRe ", "  more", "more  ", "mor", "mores",
		"\tmore", "more\n", "", " ", "ｍore", "more\u212a", "m ore", " more more "} {
		assert.Equal(t, hexo.MatchString(s), isMoreMarker([]byte(s)), "%q", s)
	}
}

// FuzzTagNameOf holds tagNameOf to the tokenizer's TagName on every tag of
// any HTML.
func FuzzTagNameOf(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "<DIV class=x>", "<br/><img\nsrc=a>", "</ x><a\x00b>", "<é></é>", "<script>a</script>", "<div", "</div"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		z := html.NewTokenizer(strings.NewReader(s))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.EndTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			raw := append([]byte(nil), z.Raw()...)
			var buf [16]byte
			got, ok := tagNameOf(raw, tt == html.EndTagToken, buf[:])
			want, _ := z.TagName()
			if ok && string(got) != string(want) {
				t.Fatalf("%q: tagNameOf %q, TagName %q", raw, got, want)
			}
		}
	})
}
