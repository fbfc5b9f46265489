package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/gohexo/hexo"
)

// conversionShapes are post bodies of n repeats that the conversion's own
// passes (shortcode escaping, heading ids, front-matter names) walk.
var conversionShapes = []struct {
	name string
	n    int
	gen  func(n int) string
}{
	{"unclosed openers in HTML", 2000, func(n int) string {
		return "---\ntitle: t\n---\n<p>" + strings.Repeat("a {{< b {{% c ", n) + "</p>\n"
	}},
	{"unclosed openers in Markdown", 2000, func(n int) string {
		return "---\ntitle: t\n---\n" + strings.Repeat("a {{< b {{% c\n", n)
	}},
	{"paired openers", 2000, func(n int) string {
		return "---\ntitle: t\n---\n" + strings.Repeat("a {{< b >}} {{% c %}}\n", n)
	}},
	{"brace runs", 2000, func(n int) string {
		return "---\ntitle: t\n---\n" + strings.Repeat("{{{{{{{{ ", n) + "\n"
	}},
	{"headings", 1000, func(n int) string {
		return "---\ntitle: t\n---\n" + strings.Repeat("## Head 题\n\ntext\n\nSetext\n===\n\n<h3>raw</h3>\n\n", n)
	}},
	{"keys kept alike", 100, func(n int) string {
		var b strings.Builder
		b.WriteString("---\ntitle: t\n")
		for i := range 4 * n { // weight in 4n spellings, each Hugo cannot read
			k := []byte("weightweightweight")
			for j := range k {
				if i>>j&1 == 1 {
					k[j] -= 'a' - 'A'
				}
			}
			fmt.Fprintf(&b, "%s: heavy\n", k)
		}
		b.WriteString("---\nbody\n")
		return b.String()
	}},
}

// TestConversionGrowth: the bytes allocated converting a post, and the
// bytes written, grow with the post (×16 input, at most ×40), as the
// library's TestHostileGrowth measures.
func TestConversionGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	for _, s := range conversionShapes {
		t.Run(s.name, func(t *testing.T) {
			var allocs, outs [3]float64
			for i, m := range []int{1, 4, 16} {
				src := s.gen(m * s.n)
				allocs[i], outs[i] = convertOne(t, src)
			}
			t.Logf("bytes allocated %.0f, %.0f, %.0f; written %.0f, %.0f, %.0f", allocs[0], allocs[1], allocs[2], outs[0], outs[1], outs[2])
			if r := allocs[2] / allocs[0]; r > 40 {
				t.Errorf("input ×16: bytes allocated ×%.1f: not linear", r)
			}
			if r := outs[2] / outs[0]; r > 40 {
				t.Errorf("input ×16: bytes written ×%.1f: not linear", r)
			}
		})
	}
}

// convertOne is the bytes allocated by the conversion's passes over one
// post (not counting the library's parse) and the bytes they write.
func convertOne(t *testing.T, src string) (alloc, out float64) {
	p, err := hexo.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = p.Markdown(), p.Content() // the library's own work, done before measuring
	p.Headings()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	body, n := "", 0
	if p.Format == hexo.FormatMarkdown {
		var ok bool
		if body, ok = escapeShortcodes(withHeadingIDs(p.Markdown(), p, io.Discard), false); !ok {
			body, _ = escapeShortcodes(p.Content(), true)
		}
	} else {
		body, _ = escapeShortcodes(p.Content(), true)
	}
	fm, err := hugoFrontMatter(p, "/x/", "", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	n = len(body) + len(fm)
	runtime.ReadMemStats(&ms)
	return float64(ms.TotalAlloc - before), float64(n)
}
