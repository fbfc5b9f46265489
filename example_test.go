package hexo_test

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"github.com/gohexo/hexo"
)

const scraped = `
---
title: '英特尔和Arm的CPU再被发现存在重大安全漏洞'
categories:
 - 新媒体
 - cnBeta
author: cnBeta
comments: false
date: Wed, 09 Mar 2022 13:38:44 GMT
headimg: 'https://static.example.cn/head.jpg'
thumbnail: ''
---

<div>
<style>p { color: red }</style>
<h2 id="bhi">BHI 是什么</h2>
<p>BHI是一种影响大多数英特尔和Arm&nbsp;CPU的新型投机执行漏洞。</p>
<p><img src="https://static.example.cn/body.jpg" alt="图"></p>
</div>
`

func ExampleParse() {
	post, err := hexo.Parse([]byte(scraped))
	if err != nil {
		panic(err)
	}
	fmt.Println(post.Title)
	fmt.Println(post.Date.Format(time.RFC3339))
	fmt.Println(post.Categories, post.Author, post.Comments, post.Format)
	// Output:
	// 英特尔和Arm的CPU再被发现存在重大安全漏洞
	// 2022-03-09T13:38:44Z
	// [[新媒体 cnBeta]] cnBeta false html
}

func ExampleParse_brokenFrontMatter() {
	post, err := hexo.Parse([]byte("---\ntitle: \"stray \"quotes\"\n---\nThe body survives.\n"))
	var pe *hexo.ParseError
	fmt.Println(errors.Is(err, hexo.ErrFrontMatter), errors.As(err, &pe), pe.Line)
	fmt.Println(post.Text())
	fmt.Println(post.Published) // Hexo drops such a post
	// Output:
	// true true 2
	// The body survives.
	// false
}

func ExampleOptions_Parse() {
	shanghai := time.FixedZone("CST", 8*3600)
	post, _ := hexo.Options{Location: shanghai}.Parse([]byte("---\ndate: 2021-06-13 10:00:00\n---\n"))
	fmt.Println(post.Date.UTC().Format(time.RFC3339))
	// Output: 2021-06-13T02:00:00Z
}

func ExamplePost_Decode() {
	post, _ := hexo.Parse([]byte(scraped))
	var theme struct {
		HeadImg   string    `yaml:"headimg"`
		Thumbnail string    `yaml:"thumbnail"`
		Date      time.Time `yaml:"date"`
		Tags      []string  `yaml:"categories"`
	}
	if err := post.Decode(&theme); err != nil {
		panic(err)
	}
	fmt.Println(theme.HeadImg)
	fmt.Printf("%q\n", theme.Thumbnail)
	fmt.Println(theme.Date.Format(time.RFC1123))
	fmt.Println(theme.Tags)
	// Output:
	// https://static.example.cn/head.jpg
	// ""
	// Wed, 09 Mar 2022 13:38:44 UTC
	// [新媒体 cnBeta]
}

func ExampleFrontMatter_All() {
	post, _ := hexo.Parse([]byte("---\nz: 1\ntitle: Order\na: [x, y]\n---\n"))
	for k, v := range post.FrontMatter.All() {
		fmt.Println(k, v)
	}
	// Output:
	// z 1
	// title Order
	// a [x y]
}

func ExamplePost_Headings() {
	post, _ := hexo.Parse([]byte("# Hello World\n\n## Hello World\n\n## 中文 标题\n"))
	for _, h := range post.Headings() {
		fmt.Println(h.Level, h.ID, h.Text)
	}
	// Output:
	// 1 Hello-World Hello World
	// 2 Hello-World-1 Hello World
	// 2 中文-标题 中文 标题
}

func ExamplePost_Paragraphs() {
	post, _ := hexo.Parse([]byte("<div>loose text<p>a &amp; b</p><ul><li>item</li></ul></div>"))
	fmt.Printf("%q\n", post.Paragraphs())
	// Output: ["loose text" "a & b" "item"]
}

func ExamplePost_Images() {
	post, _ := hexo.Parse([]byte(scraped))
	for _, img := range post.Images() {
		fmt.Println(img.From, img.URL)
	}
	// Output:
	// headimg https://static.example.cn/head.jpg
	// body https://static.example.cn/body.jpg
}

func ExamplePost_Text() {
	post, _ := hexo.Parse([]byte(scraped))
	fmt.Println(post.Text())
	// Output:
	// BHI 是什么
	// BHI是一种影响大多数英特尔和Arm CPU的新型投机执行漏洞。
}

func ExamplePost_Summary() {
	post, _ := hexo.Options{SummaryLength: 20}.Parse([]byte("Summaries never cut a word 👩‍👩‍👧 in half."))
	fmt.Println(post.Summary())
	// Output: Summaries never cut…
}

func ExamplePost_WordCount() {
	post, _ := hexo.Parse([]byte("Hello, world! 你好世界"))
	fmt.Println(post.WordCount(), post.ReadingMinutes())
	// Output: 6 1
}

func ExamplePost_Excerpt() {
	post, _ := hexo.Parse([]byte("Intro.\n\n<!-- more -->\n\nThe rest.\n"))
	fmt.Println(post.Excerpt())
	fmt.Println(post.More())
	// Output:
	// <p>Intro.</p>
	// <p>The rest.</p>
}

func ExamplePost_More() {
	post, _ := hexo.Parse([]byte("---\nexcerpt: Set by hand.\n---\nAll of it.\n\n<!-- more -->\n\nStill here.\n"))
	fmt.Println(post.Excerpt()) // the front matter's: the body stays whole
	fmt.Println(post.More())
	// Output:
	// Set by hand.
	// <p>All of it.</p>
	// <!-- more -->
	// <p>Still here.</p>
}

func ExamplePost_Content() {
	post, _ := hexo.Parse([]byte("## Hello *world*\n\n{% blockquote %}\nTag plugins expanded.\n{% endblockquote %}\n"))
	fmt.Println(post.Headings()[0].Text) // read from goldmark's tree: nothing was rendered
	fmt.Print(post.Content())            // rendered on this first call
	// Output:
	// Hello world
	// <h2 id="Hello-world">Hello <em>world</em></h2>
	// <blockquote>
	// <p>Tag plugins expanded.</p>
	// </blockquote>
}

func ExampleSlugize() {
	fmt.Println(hexo.Slugize("Hello, Wörld! 你好 (2021)"))
	// Output: Hello-World-你好-2021
}

func ExampleParseFS() {
	blog := fstest.MapFS{
		"source/_posts/hello.md": {Data: []byte("---\ntitle: Hello\ntags: greeting\n---\nHi.\n")},
	}
	post, err := hexo.ParseFS(blog, "source/_posts/hello.md")
	if err != nil {
		panic(err)
	}
	fmt.Println(post.Source, post.Title, post.Tags)
	// Output: source/_posts/hello.md Hello [greeting]
}

func ExampleParseReader() {
	post, _ := hexo.ParseReader(strings.NewReader(";;;\n\"title\": \"JSON front matter\"\n;;;\nBody."))
	fmt.Println(post.Title, "|", post.Body)
	// Output: JSON front matter | Body.
}

func ExampleFrontMatter_Get() {
	post, _ := hexo.Parse([]byte("---\ntitle: x\nsticky: 3\n---\n"))
	v, ok := post.FrontMatter.Get("sticky")
	fmt.Println(v, ok, post.FrontMatter.Keys())
	// Output: 3 true [title sticky]
}

func ExampleParseDir() {
	blog := fstest.MapFS{
		"source/_posts/b.md":         {Data: []byte("---\ntitle: B\n---\n")},
		"source/_posts/a.html":       {Data: []byte("---\ntitle: A\n---\n<p>a</p>")},
		"source/_posts/.hidden.md":   {Data: []byte("---\ntitle: hidden\n---\n")},
		"source/_posts/image.png":    {Data: []byte{0x89}},
		"source/_posts/bad.md":       {Data: []byte("---\ntitle: [\n---\nbody")},
		"source/_posts/sub/c.md":     {Data: []byte("---\ntitle: C\n---\n")},
		"source/_posts/.git/HEAD.md": {Data: []byte("no")},
	}
	for post, err := range hexo.ParseDir(blog, "source/_posts") {
		if err != nil {
			fmt.Println("error:", post.Source)
			continue
		}
		fmt.Println(post.Source, post.Title)
	}
	// Output:
	// source/_posts/a.html A
	// source/_posts/b.md B
	// error: source/_posts/bad.md
	// source/_posts/sub/c.md C
}

func ExamplePost_TOC() {
	post, _ := hexo.Parse([]byte("# Guide\n\n### Install\n\n## Use\n\n# FAQ\n"))
	var show func(nodes []hexo.TOCNode, indent string)
	show = func(nodes []hexo.TOCNode, indent string) {
		for _, n := range nodes {
			fmt.Println(indent+n.Number, n.Text, "#"+n.ID)
			show(n.Children, indent+"  ")
		}
	}
	show(post.TOC(0, 0), "")
	// Output:
	// 1. Guide #Guide
	//   1.1. Install #Install
	//   1.2. Use #Use
	// 2. FAQ #FAQ
}

func ExamplePost_TOCHTML() {
	post, _ := hexo.Parse([]byte(`<h2 id="a">A &amp; B</h2><h3 id="b">C</h3>`))
	fmt.Println(post.TOCHTML(2, 3))
	// Output: <ol class="toc"><li class="toc-item toc-level-2"><a class="toc-link" href="#a"><span class="toc-number">1.</span> <span class="toc-text">A &amp; B</span></a><ol class="toc-child"><li class="toc-item toc-level-3"><a class="toc-link" href="#b"><span class="toc-number">1.1.</span> <span class="toc-text">C</span></a></li></ol></li></ol>
}

func ExamplePost_Cover() {
	post, _ := hexo.Parse([]byte("---\nthumbnail: ''\nindex_img: /img/index.png\n---\n<img src=\"/img/body.png\">"))
	cover, ok := post.Cover()
	fmt.Println(cover.URL, cover.From, ok)
	// Output: /img/index.png index_img true
}

func ExamplePost_ResolveImages() {
	post, _ := hexo.Parse([]byte(`<img src="pic.png"><img src="//cdn.example.org/a.png"><img src="javascript:alert(1)">`))
	base, _ := url.Parse("https://blog.example.com/2021/06/13/hello/")
	for _, img := range post.ResolveImages(base) {
		fmt.Println(img.URL)
	}
	// Output:
	// https://blog.example.com/2021/06/13/hello/pic.png
	// https://cdn.example.org/a.png
}

func ExamplePost_SummaryWith() {
	post, _ := hexo.Parse([]byte("---\nexcerpt: The author's own summary.\n---\nThe body starts here and goes on for a while."))
	fmt.Println(post.SummaryWith(hexo.SummaryOptions{Length: 25, Omission: " […]"}))
	fmt.Println(post.SummaryWith(hexo.SummaryOptions{FrontMatterExcerpt: true}))
	// Output:
	// The body starts here […]
	// The author's own summary.
}

func ExamplePost_SummaryHTML() {
	post, _ := hexo.Parse([]byte("<div><p>Feeds can show <b>formatted</b> summaries safely.</p><script>track()</script></div>"))
	fmt.Println(post.SummaryHTML(30))
	// Output: <div><p>Feeds can show <b>formatted</b>…</p></div>
}

func ExamplePost_ReadingTime() {
	post, _ := hexo.Parse([]byte(strings.Repeat("字", 600) + strings.Repeat(" word", 200)))
	fmt.Println(post.WordCount(), post.ReadingTime())
	// Output: 800 3m0s
}

func ExampleStripHTML() {
	fmt.Printf("%q\n", hexo.StripHTML("<style>p{}</style><p>a &amp; b</p>"))
	// Output: "p{}a &amp; b"
}

func ExampleTruncate() {
	fmt.Println(hexo.Truncate("Once upon a time in a world far away", hexo.TruncateOptions{Length: 17, Separator: " "}))
	// Output: Once upon a...
}

func ExampleEscapeHTML() {
	fmt.Println(hexo.EscapeHTML(`<a href="/x">Tom & Jerry &amp; co</a>`))
	// Output: &lt;a href&#x3D;&quot;&#x2F;x&quot;&gt;Tom &amp; Jerry &amp; co&lt;&#x2F;a&gt;
}

func ExampleOptions_SummaryLength() {
	post, _ := hexo.Options{SummaryLength: 12}.Parse([]byte("A summary is cut between words, the mark counted."))
	fmt.Println(post.Summary())
	fmt.Println(hexo.DefaultSummaryLength)
	// Output:
	// A summary…
	// 140
}

// A post named in GBK (an older Chinese blog) has a Source that is not
// UTF-8; SourceName writes it as text without losing a byte.
func ExamplePost_SourceName() {
	p := &hexo.Post{Source: "source/_posts/\xc4\xe3\xba\xc3.md"}
	fmt.Println(p.SourceName())
	// Output: source/_posts/\xc4\xe3\xba\xc3.md
}

// Fix renames a post named in GBK to its UTF-8 name in memory; Save makes
// the rename. (Not run here: some file systems refuse such a name.)
func ExamplePost_PendingRename() {
	dir, _ := os.MkdirTemp("", "gbk")
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "\xc4\xe3\xba\xc3.md")
	_ = os.WriteFile(name, []byte("---\ntitle: GBK\n---\nbody\n"), 0o644)
	p, _ := hexo.ParseFile(name)
	if _, err := hexo.Fix(p, hexo.FixOptions{Rules: []string{hexo.RuleFileNameEncoding}}); err != nil {
		fmt.Println(err)
		return
	}
	from, to := p.PendingRename()
	fmt.Println(filepath.Base(from) == "\xc4\xe3\xba\xc3.md", filepath.Base(to))
	fmt.Println(p.Save())
}

// ParseFile reads one post file; an error names the file and the line.
func ExampleParseFile() {
	dir, _ := os.MkdirTemp("", "post")
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "hello.md")
	_ = os.WriteFile(name, []byte("---\ntitle: Hello\ntags: [go, hexo]\n---\nFirst post.\n"), 0o644)
	post, err := hexo.ParseFile(name)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(post.Title, post.Tags, post.Text())
	// Output: Hello [go hexo] First post.
}

// WriteFile writes the post's bytes (with any edits) to a file, atomically.
func ExamplePost_WriteFile() {
	dir, _ := os.MkdirTemp("", "post")
	defer os.RemoveAll(dir)
	post, _ := hexo.Parse([]byte("---\ntitle: Draft\n---\nText.\n"))
	_ = post.SetField("published", false)
	name := filepath.Join(dir, "draft.md")
	if err := post.WriteFile(name); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(name)
	fmt.Printf("%q\n", b)
	// Output: "---\ntitle: Draft\npublished: false\n---\nText.\n"
}

// A file that is not text (a program saved as ls.md) is not read as a post.
func ExampleErrNotText() {
	post, err := hexo.Parse([]byte("\x7fELF\x02\x01\x01" + strings.Repeat("\x00\x00\x00\x10", 100)))
	fmt.Println(errors.Is(err, hexo.ErrNotText), post.Published, post.WordCount())
	// Output: true false 0
}

// Markdown is the body for another Markdown engine: tag plugins are HTML,
// the rest is as written.
func ExamplePost_Markdown() {
	post, _ := hexo.Parse([]byte("---\ntitle: Cats\n---\n{% img /cat.png 'A cat' %}\n\nThe `{% img %}` tag, and **Markdown**.\n"))
	fmt.Print(post.Markdown())
	// Output:
	// <!----><img src="/cat.png" title="A cat">
	//
	// The `{% img %}` tag, and **Markdown**.
}

// AppendField adds to a list in the style it is written in: one new line at
// the list's dash column, or the item before the "]" of a flow list. A value
// the list holds is not added again.
func ExamplePost_AppendField() {
	post, _ := hexo.Parse([]byte("---\ntitle: Notes\ntags:\n- go\ncategories: [dev]\n---\nText.\n"))
	_ = post.AppendField("tags", "hexo", "go")
	_ = post.AppendField("categories", "tools")
	fmt.Print(string(post.Bytes()))
	// Output:
	// ---
	// title: Notes
	// tags:
	// - go
	// - hexo
	// categories: [dev, tools]
	// ---
	// Text.
}
