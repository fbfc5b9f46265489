package hexo

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// addSeeds seeds a fuzz target with our posts and, when present, the shared corpus.
func addSeeds(f *testing.F, add func(b []byte)) {
	for _, dir := range []string{"testdata/posts", filepath.Join("..", "shared", "conformance", "cases")} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".json") {
				continue
			}
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
				add(b)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(b) })
	f.Add([]byte("---\na: &a [*a]\n---\n"))
	f.Add([]byte("\r\r\n---\n\x00\n---"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse(src)
		if p == nil {
			t.Fatalf("nil post (err %v)", err)
		}
		if !strings.HasSuffix(normalise(src), p.Body) {
			t.Fatalf("the body is not a suffix of the input")
		}
		if pe, ok := err.(*ParseError); ok && pe.Line > strings.Count(normalise(src), "\n")+1 {
			t.Fatalf("error line %d is past the input", pe.Line)
		}
		text := p.Text()
		if !utf8.ValidString(text) || !utf8.ValidString(p.Summary()) {
			t.Fatalf("text is not valid UTF-8")
		}
		a, jerr := json.Marshal(p)
		if jerr != nil {
			t.Fatalf("marshal: %v", jerr)
		}
		p2, _ := Parse(src)
		b, _ := json.Marshal(p2)
		if !bytes.Equal(a, b) {
			t.Fatalf("two parses of the same input differ")
		}
	})
}

func FuzzSplitFrontMatter(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(string(b)) })
	f.Fuzz(func(t *testing.T, s string) {
		sp := splitFrontMatter(s)
		if !strings.HasSuffix(s, sp.content) {
			t.Fatalf("content is not a suffix")
		}
		if sp.separator == "" && sp.content != s {
			t.Fatalf("no front matter, but the content is not the whole text")
		}
		if sp.separator != "" && !strings.Contains(s, sp.data) {
			t.Fatalf("data is not from the text")
		}
	})
}

func FuzzWalkHTML(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(string(b)) })
	f.Add("<div><style>x{}</style><p>a<pre>b<h1>c")
	f.Fuzz(func(t *testing.T, s string) {
		for _, b := range walkHTML(s).blocks {
			if (b.Kind == BlockParagraph || b.Kind == BlockCode) && strings.TrimSpace(b.Text) == "" {
				t.Fatalf("empty %s block", b.Kind)
			}
			if b.Kind == BlockImage && (b.URL == "" || hasScheme(b.URL, "javascript")) {
				t.Fatalf("bad image URL %q", b.URL)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"Sat, 12 Jun 2021 13:07:48 GMT", "2021-06-13T10:00:00+08:00", "2021/6/3 9:05 PM", "Jun 13 2021 GMT+0800 (x)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := parseDate(s, time.UTC); ok && (d.Year() < -300000 || d.Year() > 300000) {
			t.Fatalf("%q: year %d", s, d.Year())
		}
	})
}

func FuzzSlugize(f *testing.F) {
	for _, s := range []string{"Hello, World!", "中文 标题", "Ærø -- Łódź", "\x00--a--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Slugize(s)
		if strings.Contains(out, "--") || strings.HasPrefix(out, "-") || strings.HasSuffix(out, "-") {
			t.Fatalf("Slugize(%q) = %q", s, out)
		}
	})
}
