package hexo

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPairFences holds pairFences to Hexo's backtick_code_block expression.
// Each want was checked with the expression itself in Node: "<N>" stands
// for the placeholder of block N.
func TestPairFences(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		codes          []heldItem // lang and text
	}{
		{"plain", "a\n\n```js\nx = 1\n```\n\nb\n", "a\n\n<0>\n\nb\n", []heldItem{{lang: "js", text: "x = 1"}}},
		{"indented after a paragraph", "p:\n    ```\n    y\n    ```\n", "p:\n    <0>\n", []heldItem{{text: "y"}}},
		{"in a list item, closed at column 0", "* a\n  ```py\n  x\n```\n\n## H\n", "* a\n  <0>\n\n## H\n", []heldItem{{lang: "py", text: "x"}}},
		{"right after an HTML block", "<div>1</div>\n```\nz\n```\n", "<div>1</div>\n<0>\n", []heldItem{{text: "z"}}},
		{"a list marker before the fence", "- ```go\nf()\n```\n", "- <0>\n", []heldItem{{lang: "go", text: "f()"}}},
		{"an ordered marker", "12. ~~~\nx\n~~~", "12. <0>", []heldItem{{text: "x"}}},
		{"an indented list marker is no prefix", "  - ```\nx\n```\n", "  - ```\nx\n```\n", nil},
		{"quote markers stripped to the opener's depth", "> ```sh\n> echo\n>  two\n> ```\n", "> <0>\n", []heldItem{{lang: "sh", text: "echo\n two"}}},
		{"a marker without a space after it stays", "> ```\n>x\n> ```\n", "> <0>\n", []heldItem{{text: ">x"}}},
		{"four quote markers are too many", ">>>> ```\nx\n```\n", ">>>> ```\nx\n```\n", nil},
		{"caption and options", "``` ruby Caption here line_number:false\nputs 1\n```\n", "<0>\n", []heldItem{{lang: "ruby", text: "puts 1"}}},
		{"highlight:false leaves it to Markdown", "``` js highlight:false\nx\n```\n", "``` js highlight:false\nx\n```\n", nil},
		{"a closer with one space after it", "```\nx\n``` \ny\n", "<0>\ny\n", []heldItem{{text: "x"}}},
		{"two spaces after a closer close nothing", "```\nx\n```  \ny\n", "```\nx\n```  \ny\n", nil},
		{"a longer run closes nothing", "```\nx\n````\n", "```\nx\n````\n", nil},
		{"tildes close tildes only", "~~~\nx\n```\n~~~\n", "<0>\n", []heldItem{{text: "x\n```"}}},
		{"the next line closes only when nothing later does", "```\n```\nfoo\n```\n", "<0>\n", []heldItem{{text: "```\nfoo"}}},
		{"an empty block", "a\n```\n```\n", "a\n<0>\n", []heldItem{{}}},
		{"a shorter fence when the longer has no closer", "````md\n```\n", "<0>\n", []heldItem{{lang: "`md"}}},
		{"the rest of the run starts the info string", "````x\ny\n```\n", "<0>\n", []heldItem{{lang: "`x", text: "y"}}},
		{"an info string ending in a backtick opens nothing", "``` a`\nx\n```\n", "``` a`\nx\n```\n", nil},
		{"an inline span is an opener with an info string", "```transaction()``` : x\ny\n```\n", "<0>\n", []heldItem{{lang: "transaction()```", text: "y"}}},
		{"the opening line must end in a newline", "```", "```", nil},
		{"inside a comment, left as it is", "<!--\n```\nx\n```\n-->\n", "<!--\n```\nx\n```\n-->\n", nil},
		{"a lone CR starts a line", "a\r```\nx\n```\r", "a\r<0>\r", []heldItem{{text: "x"}}},
		{"a CR ends the info string's line badly", "```\r\nx\n```\n", "```\r\nx\n```\n", nil},
		{"common indentation stripped", "```\n  a\n    b\n```\n", "<0>\n", []heldItem{{text: "a\n  b"}}},
		{"two blocks", "```\na\n```\n```\nb\n```\n", "<0>\n<1>\n", []heldItem{{text: "a"}, {text: "b"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, held := pairFences(tc.in)
			for i := range held {
				got = strings.Replace(got, heldOpen+strconv.Itoa(i)+"-->", "<"+strconv.Itoa(i)+">", 1)
			}
			assert.Equal(t, tc.want, got)
			var codes []heldItem
			for _, h := range held {
				codes = append(codes, heldItem{lang: h.lang, text: h.text})
			}
			assert.Equal(t, tc.codes, codes)
			for _, h := range held {
				assert.Contains(t, tc.in[h.from:h.to], "\n", "a held block spans its fences")
			}
		})
	}
}

// TestPairedFencesInAPost: what the pass makes a post hold, where Markdown
// alone reads it otherwise (testdata/posts/fence-pairing.md has Hexo's
// answer beside it).
func TestPairedFencesInAPost(t *testing.T) {
	p, err := Parse([]byte("* item\n  ```py\n  x = 1\n```\n\n## After the list\n\n<div>1</div>\n```js\nvar y;\n```\n\n## After the div\n"))
	assert.NoError(t, err)
	var got []string
	for _, b := range p.Blocks {
		got = append(got, string(b.Kind)+":"+b.Text)
	}
	assert.Equal(t, []string{"paragraph:item", "code:x = 1", "heading:After the list", "paragraph:1", "code:var y;", "heading:After the div"}, got)
	assert.Contains(t, p.Content(), `<pre><code class="language-py">x = 1`+"\n</code></pre>")
	assert.NotContains(t, p.Content(), "\uFFFC", "no placeholder is left in the HTML")
}

func FuzzPairFences(f *testing.F) {
	for _, s := range []string{"```\nx\n```\n", "> ```\n> a\n> ```", "- ~~~\n~~~", "<!--\n```\n```\n-->", "````a\n```\n", "\uFFFC```\nx\n```\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, held := pairFences(s)
		if open := "<!--code" + held.mark(); strings.Count(out, open)-strings.Count(s, open) != len(held) {
			t.Fatalf("%d placeholders for %d blocks in %q", strings.Count(out, open), len(held), out)
		}
		last := 0
		for _, h := range held {
			if h.from < last || h.to <= h.from || h.to > len(s) {
				t.Fatalf("block spans out of order: %+v", held)
			}
			last = h.to
		}
		if !strings.Contains(s, "code\uFFFC") && strings.Contains(held.restore(out), "code\uFFFC") {
			t.Fatalf("a placeholder survives restore in %q", out)
		}
	})
}
