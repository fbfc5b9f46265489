package hexo_test

import (
	"errors"
	"fmt"
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
	// Output:
	// true true 2
	// The body survives.
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

func ExamplePost_excerpt() {
	post, _ := hexo.Parse([]byte("Intro.\n\n<!-- more -->\n\nThe rest.\n"))
	fmt.Println(post.Excerpt)
	fmt.Println(post.More)
	// Output:
	// <p>Intro.</p>
	// <p>The rest.</p>
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
