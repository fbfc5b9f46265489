package hexo

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
	addSeeds(f, func(b []byte) { f.Add(b, uint8(140), int16(0), uint16(0)) })
	f.Add([]byte("---\na: &a [*a]\n---\n"), uint8(10), int16(480), uint16(3))
	f.Add([]byte("\r\r\n---\n\x00\n---"), uint8(1), int16(-600), uint16(1))
	f.Fuzz(func(t *testing.T, src []byte, summary uint8, offsetMinutes int16, depth uint16) {
		opts := Options{
			SummaryLength: int(summary),
			Location:      time.FixedZone("", int(offsetMinutes)*60),
			MaxDepth:      int(depth),
		}
		p, err := opts.Parse(src)
		if p == nil {
			t.Fatalf("nil post (err %v)", err)
		}
		text := normalise(src)
		if !strings.HasSuffix(text, p.Body) {
			t.Fatalf("the body is not a suffix of the input")
		}
		// nothing between the front matter and the body goes missing: what
		// precedes the body is the front-matter block and its separators
		if sp := splitFrontMatter(text); p.FrontMatter != nil {
			head := text[:len(text)-len(p.Body)]
			if !strings.Contains(head, sp.data) || !strings.HasSuffix(strings.TrimSuffix(head, "\n"), sp.separator) {
				t.Fatalf("the front-matter block %q does not account for %q", sp.data, head)
			}
		}
		var pe *ParseError
		// a lone CR ends a line too (YAML counts it; text has CRLF as LF)
		if errors.As(err, &pe) && pe.Line > strings.Count(text, "\n")+strings.Count(text, "\r")+1 {
			t.Fatalf("error line %d is past the input", pe.Line)
		}
		if !utf8.ValidString(p.Text()) || !utf8.ValidString(p.Summary()) || !utf8.ValidString(p.Title) {
			t.Fatalf("text is not valid UTF-8")
		}
		// the text the walk joined as it made the blocks is the blocks' text
		if want := blocksText(p.Blocks, true, nil); p.Text() != want {
			t.Fatalf("Text %q, the blocks' %q", p.Text(), want)
		}
		// the words counted block by block as the walk made them are those
		// of the text
		if cjk, other := countWords(p.Text()); p.WordCount() != cjk+other {
			t.Fatalf("%d words counted in the walk, %d in the text", p.WordCount(), cjk+other)
		}
		if n := uniseg.GraphemeClusterCount(p.Summary()); n > opts.summaryLength() {
			t.Fatalf("summary of %d clusters, limit %d", n, opts.summaryLength())
		}
		checkWellFormed(t, p.SummaryHTML(0))
		for _, img := range p.Images() {
			if hasScheme(img.URL, "javascript") || hasScheme(img.URL, "vbscript") || hasScheme(img.URL, "data") {
				t.Fatalf("image URL %q", img.URL)
			}
		}
		a, jerr := json.Marshal(p)
		if jerr != nil {
			t.Fatalf("marshal: %v", jerr)
		}
		p2, _ := opts.Parse(src)
		b, _ := json.Marshal(p2)
		if !bytes.Equal(a, b) {
			t.Fatalf("two parses of the same input differ")
		}
	})
}

// checkWellFormed fails unless every element opened in s is closed, in order.
func checkWellFormed(t *testing.T, s string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(s))
	var open []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if len(open) > 0 {
				t.Fatalf("%q leaves %v open", s, open)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if flagsOf(atom.Lookup(name))&tagVoid == 0 {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(open) == 0 || open[len(open)-1] != string(name) {
				t.Fatalf("%q closes %s while %v is open", s, name, open)
			}
			open = open[:len(open)-1]
		}
	}
}

func FuzzMarkdown(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(string(b)) })
	f.Add("{% codeblock %}\n# x\n{% endcodeblock %}\n`{%` ``` {{ x }}")
	f.Fuzz(func(t *testing.T, s string) {
		var warnings []string
		out, _, err := renderMarkdown(expandTagPlugins(s, func(w string) { warnings = append(warnings, w) }), nil, markdownLimits{})
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		again, _, _ := renderMarkdown(expandTagPlugins(s, func(string) {}), nil, markdownLimits{})
		if out != again {
			t.Fatalf("two renderings differ")
		}
		res := walkHTML(out, walkLimits{})
		if res.err != nil {
			t.Fatalf("an unbounded walk failed: %v", res.err)
		}
		for _, b := range res.blocks {
			switch {
			case !utf8.ValidString(b.Text) || !utf8.ValidString(b.URL):
				t.Fatalf("block %+v is not valid UTF-8", b)
			case b.Kind == BlockHeading && (b.Level < 1 || b.Level > 6 || b.Tag != "h"+strconv.Itoa(b.Level)):
				t.Fatalf("heading %+v", b)
			case b.Kind == BlockParagraph && (b.Text == "" || b.Text != collapseSpace(b.Text)):
				t.Fatalf("paragraph %q is empty or not collapsed", b.Text)
			case b.Kind == BlockImage && (b.URL == "" || hasScheme(b.URL, "javascript")):
				t.Fatalf("image %+v", b)
			case b.Kind == BlockCode && strings.TrimSpace(b.Text) == "":
				t.Fatalf("empty code block")
			}
		}
	})
}

func FuzzSummary(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(string(b), uint8(140)) })
	f.Add("<p>a <b>b <i>c</i></b> 👩‍👩‍👧 d</p><p>e", uint8(4))
	f.Fuzz(func(t *testing.T, s string, n uint8) {
		p, _ := Options{SummaryLength: int(n)}.Parse([]byte(s))
		sum := p.Summary()
		if !utf8.ValidString(sum) || uniseg.GraphemeClusterCount(sum) > p.opts.summaryLength() {
			t.Fatalf("summary %q", sum)
		}
		if !strings.HasPrefix(collapseSpace(p.Text()), strings.TrimSuffix(sum, "…")) {
			t.Fatalf("summary %q is not the start of the text", sum)
		}
		h := p.SummaryHTML(int(n))
		checkWellFormed(t, h)
		// at most n visible characters, not counting the spaces between pieces
		if got := uniseg.GraphemeClusterCount(strings.Join(strings.FieldsFunc(walkHTMLText(h), isSpace), "")); got > p.opts.summaryLength() {
			t.Fatalf("SummaryHTML %q shows %d clusters for n=%d", h, got, n)
		}
	})
}

// walkHTMLText is the visible text of an HTML fragment, for checks.
func walkHTMLText(s string) string { return blocksText(walkHTML(s, walkLimits{}).blocks, true, nil) }

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
		for _, b := range walkHTML(s, walkLimits{}).blocks {
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
	plus5 := time.FixedZone("", 5*3600)
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseDate(s, time.UTC)
		if !ok {
			if _, ok := parseDate(s, plus5); ok {
				t.Fatalf("%q is a date in one zone and not in another", s)
			}
			return
		}
		if d.Year() < -300000 || d.Year() > 300000 {
			t.Fatalf("%q: year %d", s, d.Year())
		}
		// a date with its own zone is one instant; one without is wall time
		// read in the zone given, so five hours earlier at +05:00
		d5, ok := parseDate(s, plus5)
		if !ok || !d5.Equal(d) && d.Sub(d5) != 5*time.Hour {
			t.Fatalf("%q: %v in UTC, %v at +05:00", s, d, d5)
		}
		if _, off := d.Zone(); !d5.Equal(d) && off != 0 {
			t.Fatalf("%q read without a zone is not in the zone given: %v", s, d)
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

func FuzzParseSiteConfig(f *testing.F) {
	for _, s := range []string{"", "url: http://a.org/blog/\nroot:\n", "permalink: :lang/:title\nnew_post_name: :year-:title.md\n",
		"permalink_defaults: {lang: [1]}\n", "url: [\n", "timezone: Asia/Shanghai\nfilename_case: x\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, _ := ParseSiteConfig([]byte(s))
		if !strings.HasSuffix(c.Root, "/") || strings.HasSuffix(c.URL, "/") || c.Permalink == "" || c.NewPostName == "" {
			t.Fatalf("not normalised: url %q root %q permalink %q new_post_name %q", c.URL, c.Root, c.Permalink, c.NewPostName)
		}
	})
}

// FuzzSitePaths runs a file name through a new_post_name pattern and the
// result through a permalink pattern, both arbitrary: no panic, and the
// slug is never empty for a name that has a slug.
func FuzzSitePaths(f *testing.F) {
	f.Add(":year-:month-:day-:title.md", "2021-06-12-hello world.md", ":year/:i_month/:hash/:name.html")
	f.Add(":lang/:title.md", "en/x.md", ":lang/:category/:post_title/")
	f.Add(":title.md", "a/b/c.md", ":nothing:_:title_")
	f.Fuzz(func(t *testing.T, newPostName, rel, permalink string) {
		c := DefaultSiteConfig()
		c.Permalink = permalink
		info := newFilenamePattern(newPostName).parse(rel)
		p := &Post{Slug: info["title"], Title: rel, Date: time.Unix(1e9, 0), Published: true}
		if d, ok := filenameDate(info, time.UTC); ok {
			p.Date = d
		}
		if stem := strings.TrimSuffix(rel, filepath.Ext(rel)); p.Slug == "" && Slugize(stem) != "" {
			t.Fatalf("no slug for %q under %q (info %v)", rel, newPostName, info)
		}
		if d, ok := filenameDate(info, time.UTC); ok && (d.Hour() != 0 || d.Minute() != 0 || d.Location() != time.UTC) {
			t.Fatalf("the file-name date %v is not midnight in the site's zone", d)
		}
		path, ok := permalinkPath(p, &c, time.UTC)
		if ok && strings.Contains(path, "undefined") && !strings.Contains(permalink+rel+newPostName, "undefined") {
			t.Fatalf("every parameter was found, yet %q holds undefined", path)
		}
		if !permalinkParam.MatchString(permalink) && len(permalink) <= maxPermalinkLen && path != permalink {
			t.Fatalf("a pattern without parameters is the path: %q, not %q", path, permalink)
		}
		// full_url_for leaves a protocol-relative or absolute URL as it is
		if u := fullURL(&c, path); !strings.HasPrefix(u, c.URL) && !strings.HasPrefix(path, "//") && !strings.HasPrefix(path, "http") {
			t.Fatalf("%q is not below the site's url %q", u, c.URL)
		}
	})
}

// FuzzEdit sets a key on any post with front matter and deletes it again:
// no panic; a successful edit leaves the body alone, holds the value, and
// deleting it again gives the input back.
func FuzzEdit(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(string(b)) })
	f.Add("\uFEFF---\r\ntitle: x\r\n---\r\nbody")
	f.Add(";;;\n\"a\": 1\n;;;\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse([]byte(s))
		if err != nil || p.FrontMatter == nil || p.FrontMatter.Has("zz_fuzz") {
			return
		}
		body, before := p.Body, p.FrontMatter.Len()
		if err := p.SetField("zz_fuzz", "v"); err != nil {
			return
		}
		if v, _ := p.FrontMatter.Get("zz_fuzz"); v != "v" || p.Body != body {
			t.Fatalf("after SetField: value %v, body changed %v", v, p.Body != body)
		}
		if err := p.DeleteField("zz_fuzz"); err != nil {
			t.Fatalf("DeleteField: %v", err)
		}
		if keys := before; keys == 0 { // "{}": the block goes with the only key, as for any post
			if p.Body != body || p.FrontMatter.Len() != 0 {
				t.Fatalf("set then delete on an empty mapping changed %q into %q", s, p.Bytes())
			}
			return
		}
		if string(p.Bytes()) != s {
			t.Fatalf("set then delete changed the file:\n%q\n%q", s, p.Bytes())
		}
	})
}

// FuzzEditValues sets a value built from the fuzzer's bytes (nested lists
// and mappings, multi-line and YAML-ambiguous strings, numbers, dates) on a
// post, then reads the file written from scratch: it must hold exactly that
// value under that key, every other key as it was, and the same body; or the
// edit must be refused with an error and the post left as it was.
func FuzzEditValues(f *testing.F) {
	posts := []string{"---\ntitle: t\nauthor:\n    name: x\n---\nbody\n", "body\n", "---\ntitle: \"a\rb\"\ntags: x\n---\nbody\n",
		"title: t\n---\nbody", ";;;\n\"title\": \"t\"\n;;;\nbody", "---\ntags:\n - a\n - b\n# c\ntitle: x\n---\n", "---\n{}\n---\n"}
	for i, post := range posts {
		f.Add(post, "k", []byte{3, 2, 3, 2, 0, 1, 'a', 0, 1, 'b', 0, 1, 'c'}, uint8(i))
		f.Add(post, "title", []byte{0, 9, 'a', '\n', ' ', ' ', 'b', '\n', 'y', 'e', 's'}, uint8(i))
		f.Add(post, "tags", []byte{4, 2, 0, 1, 'x', 1, 7, 0, 1, '~', 6}, uint8(i))
	}
	f.Fuzz(func(t *testing.T, post, key string, spec []byte, indent uint8) {
		post = strings.ReplaceAll(post, "    ", strings.Repeat(" ", int(indent%6)+1))
		p, err := Parse([]byte(post))
		if err != nil {
			return
		}
		value, _ := fuzzValue(spec, 0)
		before, body := p.FrontMatter, p.Body
		src := string(p.Bytes())
		if err := p.SetField(key, value); err != nil {
			if string(p.Bytes()) != src {
				t.Fatalf("a refused edit (%v) changed the post", err)
			}
			return
		}
		again, err := Parse(p.Bytes())
		if err != nil {
			t.Fatalf("the file written does not parse: %v\n%q", err, p.Bytes())
		}
		got, ok := again.FrontMatter.Get(key)
		if want := plainValue(value, strings.HasPrefix(splitFrontMatter(normalise(p.Bytes())).separator, ";")); !ok || !sameValue(got, want) {
			t.Fatalf("%q reads back as %#v, not %#v:\n%q", key, got, want, p.Bytes())
		}
		if again.Body != body {
			t.Fatalf("the body changed:\n%q", p.Bytes())
		}
		for k, v := range before.All() {
			if w, _ := again.FrontMatter.Get(k); k != key && !sameValue(v, w) {
				t.Fatalf("%q changed from %#v to %#v:\n%q", k, v, w, p.Bytes())
			}
		}
	})
}

// fuzzValue builds a value from spec: 0 text (length, bytes), 1 integer,
// 2 boolean, 3 list (length, items), 4 mapping (length, key text, items),
// 5 float, 6 null, 7 a date; it returns what is left of spec.
func fuzzValue(spec []byte, depth int) (any, []byte) {
	if len(spec) == 0 || depth > 8 {
		return "", nil
	}
	op, spec := spec[0]%8, spec[1:]
	next := func() byte {
		if len(spec) == 0 {
			return 0
		}
		b := spec[0]
		spec = spec[1:]
		return b
	}
	text := func() string {
		n := min(int(next()), len(spec))
		s := string(spec[:n])
		spec = spec[n:]
		return s
	}
	switch op {
	case 0:
		return text(), spec
	case 1:
		return int(int8(next())) * 1000, spec
	case 2:
		return next()%2 == 0, spec
	case 3:
		n := int(next() % 5)
		list := []any{}
		for range n {
			var v any
			v, spec = fuzzValue(spec, depth+1)
			list = append(list, v)
		}
		return list, spec
	case 4:
		n := int(next() % 5)
		m := map[string]any{}
		for range n {
			k := text()
			var v any
			v, spec = fuzzValue(spec, depth+1)
			m[k] = v
		}
		return m, spec
	case 5:
		return float64(int8(next())) / 4, spec
	case 6:
		return nil, spec
	default:
		return time.Date(2000+int(next()%50), time.Month(next()%12+1), int(next()%28+1), int(next()%24), 0, 0, 0, time.FixedZone("", (int(next()%48)-24)*1800)), spec
	}
}

// plainValue is a Go value as the decoder gives it back. A float with no
// fraction comes back an integer: to JavaScript, and so to Hexo, they are the
// same number. JSON has no dates: a ";;;" block holds them as RFC 3339 text.
func plainValue(v any, json bool) any {
	switch x := v.(type) {
	case time.Time:
		if json {
			return x.Format(time.RFC3339)
		}
	case int:
		return int64(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x)
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plainValue(e, json)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plainValue(e, json)
		}
		return out
	}
	return v
}

// FuzzLint lints and fixes any post: no panic, every finding inside the file,
// and Fix leaves nothing it could repair again.
func FuzzLint(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(string(b)) })
	f.Add("\n\n--- \ntitle: \"\"'x'\"\"\ndate: 99\nthumbnail: ''\ncomments: no\n---\n<div>\n<pre>a\n\n  b</pre>\n\n    <p>{{ c }} {% if %}<!--  more -->\n</div>\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, _ := Options{Location: time.UTC}.parse([]byte(s), "2021-06-12-post.md")
		lines := strings.Count(normalise([]byte(s)), "\n") + 1
		for _, fd := range Lint(p) {
			if fd.Line < 0 || fd.Line > lines || fd.Rule == "" || fd.Message == "" {
				t.Fatalf("finding out of the file (%d lines): %+v", lines, fd)
			}
		}
		if _, err := Fix(p, FixOptions{}); err != nil {
			return // a repair refused is an answer
		}
		again, err := Fix(p, FixOptions{})
		if err != nil || len(again) > 0 {
			t.Fatalf("a second Fix repaired %v (err %v) in %q", again, err, p.Bytes())
		}
	})
}
