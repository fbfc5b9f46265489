package hexo

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// renderedWalk is how a Markdown body was read before walkMarkdown: rendered
// to HTML, the HTML walked. It is the reference the tree walk must equal.
func renderedWalk(t testing.TB, body string, held heldItems) (walkResult, string) {
	t.Helper()
	content, _, err := renderMarkdown(body, held, markdownLimits{})
	require.NoError(t, err)
	return walkHTML(content, walkLimits{}), content
}

// treeWalk is the parse's walk of the same body: from the tree (ok), or
// from the rendered body when the tree walk gave up.
func treeWalk(body string, held heldItems) (walkResult, bool) {
	res, content, _, _ := walkMarkdownBody(body, held, Options{MaxBlocks: math.MaxInt, MaxDepth: math.MaxInt})
	return res, content == ""
}

// TestMarkdownWalk holds the tree walk equal to the rendered walk on every
// Markdown body of our posts and the shared corpus: the same blocks (kind,
// tag, level, id, text, images, order, excerpt flags), and the same excerpt
// and more as the rendered HTML cut at the marker.
func TestMarkdownWalk(t *testing.T) {
	var bodies, direct int
	for _, dir := range []string{"testdata/posts", "testdata/blog/source/_posts", filepath.Join("..", "shared", "conformance", "cases")} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !IsPostFile(e.Name()) {
				continue
			}
			src, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			p, _ := Options{}.parse(src, e.Name())
			if p.Format != FormatMarkdown {
				continue
			}
			bodies++
			want, content := renderedWalk(t, p.expanded, p.held)
			got, ok := treeWalk(p.expanded, p.held)
			if ok {
				direct++
			}
			assert.Equal(t, want.blocks, got.blocks, "%s/%s", dir, e.Name())
			assert.Equal(t, want.more >= 0, got.more >= 0, "%s: more marker", e.Name())
			assert.Equal(t, content, p.Content(), e.Name())
			if !p.excerptSet && want.more >= 0 {
				assert.Equal(t, closeTags(strings.TrimSpace(content[:want.more])), p.Excerpt(), e.Name())
				assert.Equal(t, strings.TrimSpace(content[want.more+want.moreN:]), p.More(), e.Name())
			}
			// rendered during the parse, from the same tree: the same post
			q, _ := Options{RenderHTML: true}.parse(src, e.Name())
			assert.Equal(t, p.Blocks, q.Blocks, e.Name())
			assert.Equal(t, []string{p.Content(), p.Excerpt(), p.More()}, []string{q.Content(), q.Excerpt(), q.More()}, e.Name())
		}
	}
	t.Logf("%d Markdown bodies, %d walked from the tree (the rest from their rendered HTML)", bodies, direct)
	assert.Greater(t, bodies, 20)
	assert.Greater(t, direct, bodies*3/4, "most bodies are walked from the tree")
}

// The shapes where the tree walk must read what the renderer writes.
func TestMarkdownWalkShapes(t *testing.T) {
	for _, body := range []string{
		"a &amp; b &copy c &#20540; \\* d\n",
		"\"quoted\" -- dash... <<x>>\n",
		"line  \nbreak\\\nagain\nsoft\n",
		"- tight\n- list\n\n1. loose\n\n2. list\n",
		"# H1 *em* `code`\n\nSetext\n===\n\n## [link](x) ##\n",
		"```go\nx := 1 < 2 && y\n```\n\n    indented\n    code\n",
		"<div>\n*not md*\n</div>\n\n<div>\n\n*md*\n\n</div>\n",
		"a <span class=\"x\">b</span> c<br>d\n",
		"<script>\nvar a = '<p>';\n</script>\n\nafter\n",
		"text <script>x</script> more\n",
		"an unclosed <script> hides the rest\n\nnext\n\n## heading\n\n<div>x</div>\n", // the walk gives up: the rendered body reads on
		"<!--\nunclosed\n\n# h\n",
		"> <!-- in a quote\n\nout\n",
		"| a | b |\n|---|---|\n| <b>1</b> | ![i](x.png) |\n",
		"![alt *em*](a.png \"t\") <https://x.org> www.example.com ~~del~~\n",
		"- [ ] task\n- [x] done\n",
		"a\n\n<!-- more -->\n\nb\n",
		"a <!-- more --> b\n",
		"`a\nb` and `` ` `` \r\nCR\rlone\n",
		"x\x00y &\x00; <b>\x00</b>\n",
		"```\n\x00 &amp;\n```\n\n`\x00 &amp;`\n\n# \x00\n",                             // raw text: NUL replaced, entities kept
		"`a\n```\nx\n```\n`\n\n    b\n    ```\n    y\n    ```\n\n</div\n```\n)\n```\n", // held code inside a code span, an indented block, a tag
		"<textarea>\n*a*\n</textarea>\n\n<title>t</title>\n",
		"***\n---\n___\n",
		"<img src=x><img src=y>\n\n<IMG SRC=z>\n",
		"&lt;b&gt; &amp\n",
		"| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- <!-- unclosed\n\nafter\n",                      // a table in a body walked whole
		"<pre>\n<span class=\"a\">x</span>\n\nz <span class=\"b\">w</span>\n\nq\n</pre>\n", // a paragraph rendered whole inside a <pre>
		// images read from the tree: alt text escaped, entities, breaks, NUL, code, nesting
		"![a \"q\" &amp; &copy; \\* <b>](x y.png \"t\") ![](<a b.png>) ![*em* [l](u) `c`](p.png)\n",
		"![one  \ntwo\nthree\x00 \r\nfour](é%20ü.png?a=1&b=2#f) ![x][ref]\n\n[ref]: /r.png \"T\"\n",
		"![a ![b](in.png) c](out.png) ![<span>x</span>](h.png) ![\u00a0](javascript:x)\n",
		"- [ ] a\n- [x] b ![i](t.png)\n\n[unused]: /u\n",
		// tables and strikethrough read from the tree
		"| a |\n|---|\n\ntext\n\n| h1 | h2 | h3 |\n|:--|:-:|--:|\n| `c\\|d` | **b** ~~s *e*~~ | <i>x</i> |\n| only one |\n",
		"- item\n\n  | x | y |\n  |---|---|\n  | 1 | 2 |\n  | 3 |\n\n> | q |\n> |---|\n> | ![i](t.png) <br> z |\n",
		"# h ~~del~~\n\n~~a\nb~~ ~~~x~~~ ~one~\n\n|a|b|\n|-|-|\n|<!-- more -->|c|\n",
	} {
		paired, held := pairFences(body)
		want, content := renderedWalk(t, paired, held)
		got, _ := treeWalk(paired, held)
		assert.Equal(t, want.blocks, got.blocks, "%q", body)
		assert.Equal(t, want.more >= 0, got.more >= 0, "%q: more marker", body)
		for _, o := range []Options{{}, {RenderHTML: true}} {
			if p, _ := o.Parse([]byte(body)); p.Format == FormatMarkdown && p.Body == body {
				assert.Equal(t, content, p.Content(), "%q: Content with %+v", body, o)
			}
		}
	}
}

// FuzzMarkdownWalk: on any body the tree walk reads what the rendered walk
// reads.
func FuzzMarkdownWalk(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(string(b)) })
	f.Add("a <span>b\n\n</span> <!-- c\n\n-->")
	f.Fuzz(func(t *testing.T, body string) {
		paired, held := pairFences(body)
		want, _ := renderedWalk(t, paired, held)
		got, _ := treeWalk(paired, held)
		if !assert.Equal(t, want.blocks, got.blocks) || want.more >= 0 != (got.more >= 0) {
			t.Fatalf("the tree walk of %q differs from the rendered walk", body)
		}
	})
}
