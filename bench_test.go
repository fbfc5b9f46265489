package hexo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"
)

// corpusFiles is every post file of testdata/posts and, when present, of
// the shared conformance corpus: real posts, mostly republished HTML
// articles.
func corpusFiles() []string {
	var files []string
	for _, dir := range []string{"testdata/posts", filepath.Join("..", "shared", "conformance", "cases")} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if IsPostFile(e.Name()) {
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
	}
	return files
}

// benchCorpus is the bytes of corpusFiles.
func benchCorpus(b *testing.B) (posts [][]byte, total int64) {
	b.Helper()
	for _, f := range corpusFiles() {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		posts = append(posts, src)
		total += int64(len(src))
	}
	if len(posts) == 0 {
		b.Skip("no posts")
	}
	return posts, total
}

// BenchmarkParse is the full job a program does with a post: typed front
// matter, the body walked into blocks, headings, paragraphs, images, text,
// summary and word count. One op is the whole corpus.
func BenchmarkParse(b *testing.B) {
	posts, total := benchCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range posts {
			p, _ := Parse(src)
			_ = p.Headings()
			_ = p.Paragraphs()
			_ = p.Images()
			_ = p.Text()
			_ = p.Summary()
			_ = p.WordCount()
		}
	}
}

// BenchmarkFloor is the least any parser must do, on the same bytes: decode
// the front matter with yaml.v3 and run x/net/html's tokenizer once over the
// body. BenchmarkParse is measured against it.
func BenchmarkFloor(b *testing.B) {
	posts, total := benchCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range posts {
			sp := splitFrontMatter(normalise(src))
			var m map[string]any
			_ = yaml.Unmarshal([]byte(sp.data), &m)
			z := html.NewTokenizer(strings.NewReader(sp.content))
			for z.Next() != html.ErrorToken {
			}
		}
	}
}

// BenchmarkCeiling is the least the full parse can do with the libraries
// it must use, on the same bytes: the front matter decoded (as Parse does,
// to keep key order and js-yaml's rules), a Markdown body parsed by goldmark
// (not rendered), an HTML body tokenized once. Parse / Floor can never rise
// above Ceiling / Floor.
func BenchmarkCeiling(b *testing.B) {
	posts, total := benchCorpus(b)
	md := markdown()
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range posts {
			body := ceilingFrontMatter(src)
			if looksLikeHTML(body) {
				z := html.NewTokenizer(strings.NewReader(body))
				for z.Next() != html.ErrorToken {
				}
				continue
			}
			md.Parser().Parse(text.NewReader([]byte(body)))
		}
	}
}

// ceilingFrontMatter is the ceilings' first step: the front matter split
// and decoded as Parse does; it returns the body.
func ceilingFrontMatter(src []byte) string {
	sp := splitFrontMatter(normalise(src))
	if sp.separator == "" {
		return normalise(src)
	}
	decodeFrontMatter(sp, &Options{}) //nolint:errcheck // measuring
	return sp.content
}

// BenchmarkCeilingText is the ceiling plus the least text work any reader
// of the body must do: every text node of goldmark's tree (every text token
// of an HTML body) copied once, and its words counted. Its distance from
// BenchmarkCeiling is what the text alone costs; the rest of Parse's
// distance is how the blocks are built (bench/README.md).
func BenchmarkCeilingText(b *testing.B) {
	posts, total := benchCorpus(b)
	md := markdown()
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range posts {
			body := ceilingFrontMatter(src)
			var all strings.Builder
			if looksLikeHTML(body) {
				z := html.NewTokenizer(strings.NewReader(body))
				for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
					if tt == html.TextToken {
						all.Write(z.Text())
					}
				}
			} else {
				source := []byte(body)
				doc := md.Parser().Parse(text.NewReader(source))
				_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
					if t, ok := n.(*ast.Text); ok && entering {
						all.Write(t.Segment.Value(source))
					}
					return ast.WalkContinue, nil
				})
			}
			countWords(all.String())
		}
	}
}

func BenchmarkSplit(b *testing.B) {
	posts, total := benchCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range posts {
			splitFrontMatter(normalise(src))
		}
	}
}

func BenchmarkDecodeFrontMatter(b *testing.B) {
	posts, _ := benchCorpus(b)
	var splits []split
	var total int64
	for _, src := range posts {
		sp := splitFrontMatter(normalise(src))
		splits = append(splits, sp)
		total += int64(len(sp.data))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	opts := Options{}
	for b.Loop() {
		for _, sp := range splits {
			if sp.separator != "" {
				decodeFrontMatter(sp, &opts) //nolint:errcheck // measuring
			}
		}
	}
}

// benchStage prepares one stage's input from every parsed post of the
// corpus (pick says what, and whether the post has it), sets the bytes per
// op, and runs fn on each input per op.
func benchStage(b *testing.B, pick func(*Post) (string, bool), fn func(string)) {
	posts, _ := benchCorpus(b)
	var inputs []string
	var total int64
	for _, src := range posts {
		p, _ := Parse(src)
		if in, ok := pick(p); ok {
			inputs = append(inputs, in)
			total += int64(len(in))
		}
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			fn(in)
		}
	}
}

func BenchmarkWalk(b *testing.B) {
	benchStage(b, func(p *Post) (string, bool) { return p.Content(), true },
		func(h string) { walkHTML(h, walkLimits{}) })
}

func BenchmarkMarkdown(b *testing.B) {
	benchStage(b, func(p *Post) (string, bool) { return p.Body, p.Format == FormatMarkdown },
		func(body string) { renderMarkdown(expandTagPlugins(body, func(string) {}), nil, markdownLimits{}) }) //nolint:errcheck // measuring
}

func BenchmarkSummary(b *testing.B) {
	posts, _ := benchCorpus(b)
	var parsed []*Post
	for _, src := range posts {
		p, _ := Parse(src)
		parsed = append(parsed, p)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range parsed {
			_ = p.Summary()
			_ = p.WordCount()
		}
	}
}

// siteOf builds a site of n posts in memory from the corpus, each under its
// own name, the way a large blog of republished articles looks.
func siteOf(b *testing.B, n int) (fstest.MapFS, int64) {
	posts, _ := benchCorpus(b)
	fsys := fstest.MapFS{"_config.yml": {Data: []byte("timezone: UTC\n")}}
	var total int64
	for i := range n {
		src := posts[i%len(posts)]
		fsys[fmt.Sprintf("source/_posts/%03d/post-%05d.md", i%100, i)] = &fstest.MapFile{Data: src}
		total += int64(len(src))
	}
	return fsys, total
}

// BenchmarkLoadSite streams a 10,000-post site through Site.All with one
// worker and with two; the ratio of the two shows both cores at work.
func BenchmarkLoadSite(b *testing.B) {
	fsys, total := siteOf(b, 10_000)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(total)
			b.ReportAllocs()
			for b.Loop() {
				site, err := NewSite(fsys, SiteOptions{Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				for p := range site.All(context.Background()) {
					if p != nil {
						_ = p.Summary()
					}
				}
			}
		})
	}
}

// BenchmarkLint is what a blog's CI pays per post on top of parsing it. One
// op lints the whole corpus, parsed beforehand.
func BenchmarkLint(b *testing.B) {
	posts, total := benchCorpus(b)
	parsed := make([]*Post, len(posts))
	for i, src := range posts {
		parsed[i], _ = Options{}.parse(src, fmt.Sprintf("post-%d.md", i))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range parsed {
			_ = Lint(p)
		}
	}
}

// BenchmarkMarshalJSON writes every post of the corpus, parsed beforehand
// with its HTML, as hexopost --json does: by hand (MarshalJSON), and as
// encoding/json wrote the same view from a struct before (reflected).
func BenchmarkMarshalJSON(b *testing.B) {
	posts, total := benchCorpus(b)
	parsed := make([]*Post, len(posts))
	for i, src := range posts {
		parsed[i], _ = Options{RenderHTML: true}.Parse(src)
		_, _ = parsed[i].MarshalJSON() // the helpers' first use is not the writer's
	}
	b.Run("hand", func(b *testing.B) {
		b.SetBytes(total)
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range parsed {
				_, _ = p.MarshalJSON()
			}
		}
	})
	b.Run("reflected", func(b *testing.B) {
		b.SetBytes(total)
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range parsed {
				_ = reflectedJSON(b, p)
			}
		}
	})
}
