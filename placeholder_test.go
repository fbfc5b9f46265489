package hexo

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A held item is put back at most once, and text that only looks like a
// placeholder is the post's own: the shapes below write Hexo's placeholder
// text themselves, n times, after one real code block or {% raw %}. Each
// pasted the block back once per copy (37 KB of input gave 40 MB of JSON).
// They are rows of hostileShapes too ("forged: ..."), where
// TestHostileGrowth holds their cost linear.

const forgedBlock = 2000 // bytes of the one real block the copies name

func forgedAfterFence(copy string) func(n int) string {
	return func(n int) string {
		return "```js\n" + strings.Repeat("x", forgedBlock) + "\n```\n\n" + strings.Repeat(copy, n)
	}
}

func forgedAfterRaw(copy string) func(n int) string {
	return func(n int) string {
		return "{% raw %}" + strings.Repeat("y", forgedBlock) + "{% endraw %}\n\n" + strings.Repeat(copy, n)
	}
}

var (
	forgedCode        = forgedAfterFence("<!--code\uFFFC0-->\n")
	forgedSwig        = forgedAfterRaw("<!--swig\uFFFC0-->\n")
	forgedInCodeSpans = forgedAfterFence("`<!--code\uFFFC0-->` ")
	forgedSwigInCode  = forgedAfterRaw("`<!--swig\uFFFC0-->` ")
	forgedEscaped     = forgedAfterFence("&lt;!--code\uFFFC0--&gt; ")
	forgedByReference = forgedAfterFence("&lt;!--code&#xFFFC;0--&gt; <!--code&#65532;0--> ")
	forgedIndented    = forgedAfterFence("\n    <!--code\uFFFC0-->\n")
	// a placeholder of ours Markdown reads as text: it shows its source
	forgedEscapedTags = func(n int) string {
		return strings.Repeat(`\{% raw %}`+strings.Repeat("z", 40)+`{% endraw %} \{% link a http://x %} `, n)
	}
	// a body that holds U+FFFC and a long run of 0xFF (after the text that
	// tells a text file, past 64 KB at n = 2000): the mark stays short
	forgedMarkBytes = func(n int) string {
		return strings.Repeat("text ", 7*n) + "\uFFFC " + strings.Repeat("\xFF", n) + "\n\n" + strings.Repeat("```\nx\n```\n", n/8)
	}
	// a link reference's title, held, copied by the renderer into every use
	forgedReferenceTitle = func(n int) string {
		return "[r]: /x \"{% raw %}" + strings.Repeat("t", forgedBlock) + "{% endraw %}\"\n\n" + strings.Repeat("[a][r] ", n)
	}
)

// placeholderOutputs are what a post's helpers write, by name.
func placeholderOutputs(p *Post) map[string]string {
	j, _ := p.MarshalJSON()
	return map[string]string{
		"Content": p.Content(), "Markdown": p.Markdown(), "Text": p.Text(), "Excerpt": p.Excerpt(),
		"More": p.More(), "Summary": p.Summary(), "JSON": string(j),
	}
}

// allOutputs parses src and asks every helper: the run of the forged rows
// of hostileShapes.
func allOutputs(src string) {
	for _, o := range []Options{{}, {RenderHTML: true}} {
		p, _ := o.Parse([]byte(src))
		if p != nil {
			_ = placeholderOutputs(p)
		}
	}
}

// maxOutputRatio bounds every helper's output by the post's size. The JSON
// view holds the body, the HTML, the text and the paragraphs: a few copies
// of the post, some escaped.
const maxOutputRatio = 24

// TestPlaceholderOutputBounded: for each forged row of hostileShapes, grown
// ×1, ×4 and ×16, every helper writes at most maxOutputRatio bytes per
// input byte, with and without RenderHTML.
func TestPlaceholderOutputBounded(t *testing.T) {
	rows := 0
	for _, s := range hostileShapes {
		if !strings.HasPrefix(s.name, "forged: ") {
			continue
		}
		rows++
		t.Run(s.name, func(t *testing.T) {
			for _, k := range []int{1, 4, 16} {
				src := s.gen(k * s.n)
				for _, o := range []Options{{}, {RenderHTML: true}} {
					p, err := o.Parse([]byte(src))
					require.NoError(t, err)
					for name, out := range placeholderOutputs(p) {
						assert.LessOrEqual(t, len(out), maxOutputRatio*len(src), "%s at ×%d (%+v): %d bytes out of %d", name, k, o, len(out), len(src))
						assert.NotContains(t, out, "code"+p.held.mark(), "%s: a placeholder is left", name)
					}
				}
			}
		})
	}
	assert.GreaterOrEqual(t, rows, 10, "the forged rows of hostileShapes")
}

// TestForgedPlaceholdersAreText: what a post writes that reads like a
// placeholder is its own text, shown as written; the real block shows once.
func TestForgedPlaceholdersAreText(t *testing.T) {
	p, err := Parse([]byte("```\nreal\n```\n\nx <!--code\uFFFC0--> a \uFFFC b `<!--code\uFFFC0-->` &lt;!--swig&#xFFFC;0--&gt;\n"))
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(p.Content(), "real"), "the block is put back once")
	assert.Contains(t, p.Content(), "<p>x <!--code\uFFFC0--> a \uFFFC b <code>&lt;!--code\uFFFC0--&gt;</code> &lt;!\u2013swig\uFFFC0\u2013&gt;</p>")
	assert.Equal(t, "real\nx a \uFFFC b <!--code\uFFFC0--> <!\u2013swig\uFFFC0\u2013>", p.Text())
	assert.Equal(t, 1, strings.Count(p.Markdown(), "real"))
	assert.Contains(t, p.Markdown(), "x <!--code\uFFFC0--> a \uFFFC b `<!--code\uFFFC0-->`")
}

// TestUnrestoredPlaceholderShowsSource: a placeholder Markdown read as text
// (after a backslash; smartypants made its dashes en dashes) shows the tag
// as written, in the HTML, the text and the JSON.
func TestUnrestoredPlaceholderShowsSource(t *testing.T) {
	for _, o := range []Options{{}, {RenderHTML: true}} {
		testUnrestored(t, o, "")
		testUnrestored(t, o, "\uFFFC ") // under the mark of a body holding U+FFFC
	}
}

func testUnrestored(t *testing.T, o Options, prefix string) {
	p, err := o.Parse([]byte(prefix + "\\{% raw %}x{% endraw %} and \\{% link a http://x %}\n\n| a |\n|---|\n| \\{% raw %}c{% endraw %} |\n\n# \\{% raw %}h{% endraw %}\n"))
	require.NoError(t, err)
	assert.Contains(t, p.Content(), prefix+"{% raw %}x{% endraw %} and {% link a http://x %}</p>")
	assert.Contains(t, p.Content(), "<td>{% raw %}c{% endraw %}</td>")
	assert.Contains(t, p.Text(), "{% raw %}x{% endraw %} and {% link a http://x %}")
	assert.Contains(t, p.Text(), "{% raw %}c{% endraw %}")
	for name, out := range placeholderOutputs(p) {
		if prefix == "" {
			assert.NotContains(t, out, "\uFFFC", "%s (%+v)", name, o)
		}
		assert.NotContains(t, out, "\xFF", "%s (%+v)", name, o)
		assert.NotContains(t, out, "\u2013", "%s (%+v): a mangled placeholder's dash", name, o)
	}
}

// TestNestedHeldItems: a fence inside {% raw %} is held first, so the raw
// tag's HTML holds its placeholder; Hexo restores the code blocks after the
// tags, and so do we (before, the block was an empty comment).
func TestNestedHeldItems(t *testing.T) {
	for _, prefix := range []string{"", "\uFFFC "} {
		testNested(t, prefix)
	}
}

func testNested(t *testing.T, prefix string) {
	p, err := Parse([]byte(prefix + "{% raw %}\n```\nx\n```\n{% endraw %}\n\n`{% raw %}\n```\ny\n```\n{% endraw %}`\n"))
	require.NoError(t, err)
	assert.Contains(t, p.Content(), "<pre><code>x\n</code></pre>")
	assert.Equal(t, 1, strings.Count(p.Content(), "x\n"))
	for name, out := range placeholderOutputs(p) {
		assert.NotContains(t, out, "\xFF", name)
		if prefix == "" {
			assert.NotContains(t, out, "\uFFFC", name)
		}
	}
}

// TestPlaceholderMark: Hexo's mark unless the body holds or refers to it
// (a tag argument's quotes read as absent), then 0xFF and the fewest
// continuation bytes that make a string the body does not hold.
func TestPlaceholderMark(t *testing.T) {
	assert.Equal(t, heldMark, placeholderMark("```\nx\n```\n&#65533; &amp; \uFF0C"))
	assert.Equal(t, heldMark, placeholderMark("&#99999999999999999999; &#x; &#"))
	assert.Equal(t, "\xFF\x80", placeholderMark("a \uFFFC"))
	assert.Equal(t, "\xFF\x80", placeholderMark("&#xfffc;"))
	assert.Equal(t, "\xFF\x80", placeholderMark("&#0000065532"))
	assert.Equal(t, "\xFF\x80", placeholderMark("{% blockquote \xEF\"\xBF'\xBC' %}"))
	assert.Equal(t, "\xFF\x81", placeholderMark("\uFFFC \xFF\x80 \xFF'\x80"))
	var all strings.Builder
	all.WriteString("\uFFFC")
	for c := range 64 {
		all.WriteString("\xFF" + string([]byte{byte(0x80 + c)})) // every byte follows 0xFF once
	}
	assert.Equal(t, "\xFF\x80\x80", placeholderMark(all.String()))
}

// TestForgedThroughQuotes: a quote's footer writes its argument without
// its quotes, joining what the body held apart.
func TestForgedThroughQuotes(t *testing.T) {
	p, err := Parse([]byte("```\nreal\n```\n\n{% blockquote <!--code\xEF\"\xBF\xBC\"0--> %}q{% endblockquote %}\n"))
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(p.Content(), "real"), p.Content())
	assert.Contains(t, p.Content(), "<footer><strong>&lt;!--code\uFFFC0--&gt;</strong></footer>")
}

// FuzzPlaceholders: random text with forged placeholders and real code
// blocks and raw tags put in. No helper's output holds a placeholder of
// ours (the mark), nor more of Hexo's placeholder text than the input did,
// and none writes more than maxOutputRatio bytes per input byte; the tree
// walk reads what the rendered walk reads.
func FuzzPlaceholders(f *testing.F) {
	for _, g := range []func(int) string{forgedCode, forgedSwig, forgedInCodeSpans, forgedSwigInCode, forgedEscaped,
		forgedByReference, forgedIndented, forgedEscapedTags, forgedReferenceTitle, forgedMarkBytes} {
		f.Add(g(3), uint16(0))
	}
	f.Add("a\n\nb `c` d\n\n> e\n", uint16(0x1234))
	f.Add("- x\n\n    y\n\n[r]: /u \"t\"\n[a][r] [b][r]", uint16(0xffff))
	inserts := []string{
		"```\nreal code\n```\n", "{% raw %}raw text{% endraw %}", "<!--code\uFFFC0-->", "<!--swig\uFFFC1-->",
		"`<!--code\uFFFC0-->`", "&lt;!--swig\uFFFC0--&gt;", "&#xFFFC;", "\\{% raw %}r{% endraw %}",
		"\n    <!--code\uFFFC1-->\n", "[r]: /x \"{% raw %}t{% endraw %}\"\n", "\xFF",
	}
	f.Fuzz(func(t *testing.T, s string, choice uint16) {
		// put four inserts into s at places the choice picks
		var b strings.Builder
		at := 0
		for k := range 4 {
			c := int(choice >> (4 * k) & 0xF)
			cut := at + (len(s)-at)*c/16
			b.WriteString(s[at:cut])
			b.WriteString("\n" + inserts[c%len(inserts)] + "\n")
			at = cut
		}
		b.WriteString(s[at:])
		in := b.String()
		paired, held := pairFences(in)
		want, _ := renderedWalk(t, paired, held)
		if got, _ := treeWalk(paired, held); !assert.Equal(t, want.blocks, got.blocks) {
			t.Fatalf("the tree walk of %q differs from the rendered walk", in)
		}
		for _, o := range []Options{{}, {RenderHTML: true}} {
			p, _ := o.Parse([]byte(in))
			if p == nil || p.Format != FormatMarkdown {
				continue
			}
			mark := p.held.mark()
			for name, out := range placeholderOutputs(p) {
				if len(out) > maxOutputRatio*len(in)+4096 {
					t.Fatalf("%s: %d bytes out of %d in %q", name, len(out), len(in), in)
				}
				if mark != "" && mark != heldMark && strings.Contains(out, mark) {
					t.Fatalf("%s: the mark %q is left in %q, from %q", name, mark, out, in)
				}
				if name == "JSON" {
					continue // it holds the body and what the helpers make of it
				}
				for _, kind := range []string{"!--code" + heldMark, "!--swig" + heldMark} { // raw or escaped; a heading's id may repeat the rest
					if strings.Count(out, kind) > strings.Count(in, kind)+strings.Count(in, "&#") {
						t.Fatalf("%s: %q more often than in the input: %q, from %q", name, kind, out, in)
					}
				}
			}
		}
	})
}
