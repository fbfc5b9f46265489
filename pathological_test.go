package hexo

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bounded runs parse on src and fails the test if it takes longer than a
// deadline far above the normal cost (a hang, not a slowness), or allocates
// more than perByte bytes for each input byte (plus a fixed allowance).
func bounded(t *testing.T, opts Options, src string, perByte int) (*Post, error) {
	t.Helper()
	type result struct {
		p   *Post
		err error
	}
	done := make(chan result, 1)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	go func() {
		p, err := opts.Parse([]byte(src))
		done <- result{p, err}
	}()
	select {
	case r := <-done:
		runtime.ReadMemStats(&after)
		allocated := after.TotalAlloc - before.TotalAlloc
		assert.LessOrEqual(t, allocated, uint64(perByte*len(src)+64<<20), "bytes allocated for %d input bytes", len(src))
		require.NotNil(t, r.p)
		return r.p, r.err
	case <-time.After(60 * time.Second):
		t.Fatalf("parsing %d bytes did not finish in a minute", len(src))
		return nil, nil
	}
}

func TestPathologicalHTML(t *testing.T) {
	t.Run("100,000 nested divs", func(t *testing.T) {
		src := "<p>before</p>" + strings.Repeat("<div>", 100_000) + "deep" + strings.Repeat("</div>", 100_000)
		p, err := bounded(t, Options{}, src, 100)
		assert.ErrorIs(t, err, ErrTooDeep)
		assert.Equal(t, []string{"before"}, p.Paragraphs(), "the blocks walked before the limit are kept")
		p, err = bounded(t, Options{MaxDepth: 200_000}, src, 100)
		assert.NoError(t, err)
		assert.Equal(t, []string{"before", "deep"}, p.Paragraphs(), "with a higher limit, the right answer")
	})
	t.Run("unclosed paragraphs and list items do not nest", func(t *testing.T) {
		src := strings.Repeat("<p>para<li>item", 20_000)
		p, err := bounded(t, Options{MaxDepth: 100}, src, 200)
		assert.NoError(t, err)
		assert.Len(t, p.Paragraphs(), 40_000)
	})
	t.Run("stray end tags under a deep stack", func(t *testing.T) {
		src := strings.Repeat("<span>", 9_000) + strings.Repeat("</b>", 500_000) + "text"
		p, err := bounded(t, Options{}, src, 100)
		assert.NoError(t, err)
		assert.Equal(t, "text", p.Text())
	})
	t.Run("a 10 MB paragraph", func(t *testing.T) {
		src := "<p>" + strings.Repeat("word ", 2_000_000) + "</p>"
		p, err := bounded(t, Options{}, src, 40)
		assert.NoError(t, err)
		require.Len(t, p.Paragraphs(), 1)
		assert.Len(t, p.Paragraphs()[0], 10_000_000-1)
		assert.Equal(t, 2_000_000, p.WordCount())
		assert.True(t, strings.HasSuffix(p.Summary(), "word…"))
	})
	t.Run("the blocks limit keeps what was walked", func(t *testing.T) {
		p, err := bounded(t, Options{MaxBlocks: 10}, strings.Repeat("<p>x</p>", 100), 1000)
		assert.ErrorIs(t, err, ErrTooLarge)
		assert.Len(t, p.Blocks, 10)
	})
	t.Run("a limit in an HTML body names its line in the file", func(t *testing.T) {
		src := "---\ntitle: t\n---\n<p>1</p>\n<p>2</p>\n<p>3</p>\n"
		_, err := Options{MaxBlocks: 2}.parse([]byte(src), "deep.html")
		var pe *ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, "deep.html", pe.File)
		assert.Equal(t, 6, pe.Line, "the third paragraph, after three lines of front matter")
	})
}

func TestPathologicalMarkdown(t *testing.T) {
	t.Run("100,000 headings", func(t *testing.T) {
		p, err := bounded(t, Options{}, strings.Repeat("## Same\n\n", 100_000), 400)
		assert.NoError(t, err)
		hs := p.Headings()
		require.Len(t, hs, 100_000)
		assert.Equal(t, "Same-99999", hs[99_999].ID)
	})
	t.Run("a 10 MB paragraph", func(t *testing.T) {
		p, err := bounded(t, Options{}, strings.Repeat("word ", 2_000_000), 60)
		assert.NoError(t, err)
		assert.Len(t, p.Paragraphs(), 1)
	})
	t.Run("tag openers without closers", func(t *testing.T) {
		p, err := bounded(t, Options{}, strings.Repeat("{%", 1_000_000), 100)
		assert.NoError(t, err)
		assert.Len(t, p.Text(), 2_000_000)
	})
	t.Run("block tags without end tags", func(t *testing.T) {
		p, err := bounded(t, Options{}, strings.Repeat("{% raw %}", 200_000), 100)
		assert.NoError(t, err)
		assert.LessOrEqual(t, len(p.Warnings), maxWarnings+1, "warnings are bounded")
	})
	t.Run("code spans that never close", func(t *testing.T) {
		var b strings.Builder
		for n := 1; n <= 1500; n++ {
			b.WriteString(strings.Repeat("`", n) + " x ")
		}
		_, err := bounded(t, Options{}, b.String(), 200)
		assert.NoError(t, err)
	})
}

func TestPathologicalFrontMatter(t *testing.T) {
	t.Run("a key repeated 100,000 times", func(t *testing.T) {
		p, err := bounded(t, Options{}, "---\n"+strings.Repeat("key: v\n", 100_000)+"---\nbody", 2000)
		assert.ErrorIs(t, err, ErrFrontMatter)
		var pe *ParseError
		require.True(t, errors.As(err, &pe))
		assert.Equal(t, 3, pe.Line, "the second occurrence")
		assert.Equal(t, "body", p.Body)
	})
	t.Run("1 MB of separator lines", func(t *testing.T) {
		src := strings.Repeat("---\n", 1<<18)
		p, err := bounded(t, Options{}, src, 100)
		assert.NoError(t, err)
		assert.Equal(t, src, p.Body, "no front matter: every byte is body")
	})
	t.Run("billion laughs", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("---\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
		for i := 1; i <= 9; i++ {
			fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 10), ", "))
		}
		b.WriteString("---\nbody")
		p, err := bounded(t, Options{}, b.String(), 100_000)
		assert.ErrorIs(t, err, ErrTooLarge)
		assert.Equal(t, "body", p.Body)
	})
	t.Run("deep YAML", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("---\n")
		for i := range 1200 {
			b.WriteString(strings.Repeat(" ", i) + "k:\n")
		}
		b.WriteString("---\nbody")
		p, err := bounded(t, Options{MaxDepth: 1000}, b.String(), 5000)
		assert.ErrorIs(t, err, ErrTooDeep)
		assert.Equal(t, "body", p.Body)
	})
}

func TestOddBytes(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		title string
		body  string
	}{
		// read as Hexo (Node) reads the bytes, a U+FFFD for the stray byte (the post was refused)
		{"invalid UTF-8", "---\ntitle: a\xffb\n---\n<p>x\xfe\xffy</p>", "a\uFFFDb", "<p>x\xfe\xffy</p>"},
		{"NUL bytes", "---\ntitle: a\n---\nbo\x00dy", "a", "bo\x00dy"},
		{"lone CR is not a line end", "---\rtitle: a\r---\rbody", "", "---\rtitle: a\r---\rbody"},
		{"mixed line ends", "---\r\ntitle: a\n---\r\nbody\r\n", "a", "body\n"},
		{"unclosed everything", "---\ntitle: a\n---\n<div><p><b><i>text", "a", "<div><p><b><i>text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := bounded(t, Options{}, tt.src, 1000)
			assert.Equal(t, tt.title, p.Title)
			assert.Equal(t, tt.body, p.Body)
			assert.True(t, utf8.ValidString(p.Text()))
			assert.True(t, utf8.ValidString(p.Summary()))
		})
	}
}

// TestFrontMatterReadAsNodeReadsIt: front matter bytes that are not UTF-8
// read as Node's decoder reads them, a U+FFFD for each maximal run (Hexo
// 8.1.2 loads such a post; we refused it whole), with a warning naming the
// line; an edit, which could not write the bytes back, is refused.
func TestFrontMatterReadAsNodeReadsIt(t *testing.T) {
	for in, want := range map[string]string{
		"\xff\xfe bad \xc3(": "\uFFFD\uFFFD bad \uFFFD(", // the example, Hexo's answer
		"a\xe4\xb8b":         "a\uFFFDb",                 // a character cut short is one
		"a\xed\xa0\x80b":     "a\uFFFD\uFFFD\uFFFDb",     // a surrogate's bytes are three
		"a\xf0\x9f\x98b":     "a\uFFFDb",
		"a\xc0\xafb":         "a\uFFFD\uFFFDb", // an overlong form is two
	} {
		p, err := Parse([]byte("---\ndate: 2021-06-12\ntitle: " + in + "\n---\nbody\n"))
		require.NoError(t, err, "%q", in)
		assert.Equal(t, want, p.Title, "%q", in)
		assert.Contains(t, p.Warnings, "line 3: front matter bytes that are not UTF-8 are read as U+FFFD, as Hexo reads them")
		assert.ErrorIs(t, p.SetField("author", "x"), ErrNotEditable)
	}
}
