package hexo_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"github.com/gohexo/hexo"
)

// exampleSite is a small Hexo site in memory; os.DirFS or OpenSite read one
// from disk the same way.
var exampleSite = fstest.MapFS{
	"_config.yml": {Data: []byte("url: https://blog.example.org\ntimezone: Asia/Shanghai\n" +
		"new_post_name: :year-:month-:day-:title.md\npermalink: :year/:month/:title/\n")},
	"source/_posts/2021-06-12-hello.md":  {Data: []byte("---\ntitle: Hello\ncategories: [Go, Tips]\ntags: go\n---\nNo date: it comes from the file name.\n")},
	"source/_posts/2022-01-01-second.md": {Data: []byte("---\ntitle: Second\ndate: 2022-03-04 05:06\ncategories: Go\ntags: [go, hexo]\n---\n")},
	"source/_posts/2022-02-02-broken.md": {Data: []byte("---\ntitle: [\n---\nStill read.\n")},
	"source/_drafts/idea.md":             {Data: []byte("---\ntitle: Idea\n---\n")},
}

func ExampleLoadSite() {
	site, err := hexo.LoadSite(context.Background(), exampleSite, hexo.SiteOptions{})
	if err != nil {
		fmt.Println("error:", strings.Split(err.Error(), ": ")[0]) // every failed post, with file and line
	}
	for _, p := range site.Posts {
		fmt.Println(p.Slug, p.Date.Format("2006-01-02 15:04 MST"), p.URL)
	}
	// Output:
	// error: source/_posts/2022-02-02-broken.md:2
	// hello 2021-06-12 00:00 CST https://blog.example.org/2021/06/hello/
	// second 2022-03-04 05:06 CST https://blog.example.org/2022/03/second/
	// broken 2022-02-02 00:00 CST https://blog.example.org/2022/02/broken/
}

func ExampleSite_All() {
	site, err := hexo.NewSite(exampleSite, hexo.SiteOptions{Drafts: true, Workers: 2})
	if err != nil {
		panic(err)
	}
	for p, err := range site.All(context.Background()) {
		if err != nil {
			continue // p still holds the body of a post that failed
		}
		fmt.Println(p.Source, p.Published)
	}
	// Output:
	// source/_posts/2021-06-12-hello.md true
	// source/_posts/2022-01-01-second.md true
	// source/_drafts/idea.md false
}

// Pages reads the site's pages: the Markdown and HTML files of source/
// outside _posts and _drafts.
func ExampleSite_Pages() {
	site, _ := hexo.NewSite(fstest.MapFS{
		"_config.yml":             {Data: []byte("url: https://blog.example.org\nskip_render: demo/**\n")},
		"source/_posts/hello.md":  {Data: []byte("---\ntitle: Hello\n---\n")},
		"source/about/index.md":   {Data: []byte("---\ntitle: About\ndate: 2021-01-02\n---\nMe.\n")},
		"source/links/index.html": {Data: []byte("---\ntitle: Links\npermalink: /friends/\n---\n<p>Friends.</p>\n")},
		"source/demo/raw.md":      {Data: []byte("copied as it is")},
	}, hexo.SiteOptions{})
	for p, err := range site.Pages(context.Background()) {
		if err != nil {
			continue
		}
		fmt.Println(p.Title, p.Layout, p.Path, p.URL)
	}
	// Output:
	// About page about/index.html https://blog.example.org/about/index.html
	// Links page /friends/index.html https://blog.example.org/friends/index.html
}

// Files lists what Hexo copies as it is: images, a CNAME, what skip_render
// names.
func ExampleSite_Files() {
	site, _ := hexo.NewSite(fstest.MapFS{
		"_config.yml":            {Data: []byte("skip_render: README.md\n")},
		"source/_posts/hello.md": {Data: []byte("---\ntitle: Hello\n---\n")},
		"source/about/index.md":  {Data: []byte("---\ntitle: About\n---\n")},
		"source/images/cat.png":  {Data: []byte("PNG")},
		"source/CNAME":           {Data: []byte("blog.example.org")},
		"source/README.md":       {Data: []byte("# Not a page")},
		"source/_data/menu.yml":  {Data: []byte("home: /")},
	}, hexo.SiteOptions{})
	for name, err := range site.Files(context.Background()) {
		if err == nil {
			fmt.Println(name)
		}
	}
	// Output:
	// CNAME
	// README.md
	// images/cat.png
}

func ExampleMap() {
	site, err := hexo.NewSite(exampleSite, hexo.SiteOptions{Workers: 2})
	if err != nil {
		panic(err)
	}
	// fn runs on the workers; the results come in path order
	words := hexo.Map(context.Background(), site, func(p *hexo.Post, err error) string {
		if p == nil {
			return "unreadable"
		}
		return fmt.Sprintf("%s: %d words", p.Slug, p.WordCount())
	})
	for w := range words {
		fmt.Println(w)
	}
	// Output:
	// hello: 8 words
	// second: 0 words
	// broken: 2 words
}

func ExampleSite_Categories() {
	site, _ := hexo.LoadSite(context.Background(), exampleSite, hexo.SiteOptions{})
	var show func(cats []*hexo.Category, indent string)
	show = func(cats []*hexo.Category, indent string) {
		for _, c := range cats {
			var slugs []string
			for _, p := range c.Posts {
				slugs = append(slugs, p.Slug)
			}
			fmt.Printf("%s%s (%s) %d: %s\n", indent, c.Name, c.Slug, c.Count, strings.Join(slugs, ", "))
			show(c.Children, indent+"  ")
		}
	}
	show(site.Categories(), "")
	// Output:
	// Go (Go) 2: hello, second
	//   Tips (Go/Tips) 1: hello
}

// The views work however the site was read: after a loop over All, which
// holds no post, the first view loads the site.
func ExampleSite_Post() {
	site, _ := hexo.NewSite(exampleSite, hexo.SiteOptions{})
	for p, err := range site.All(context.Background()) {
		_, _ = p, err // index, convert, check...
	}
	for _, ref := range []string{"second", "/2021/06/hello/", "source/_posts/2022-02-02-broken.md", "nope"} {
		if p, ok := site.Post(ref); ok {
			fmt.Printf("%s: %s\n", ref, p.Source)
		} else {
			fmt.Printf("%s: not found\n", ref)
		}
	}
	// Output:
	// second: source/_posts/2022-01-01-second.md
	// /2021/06/hello/: source/_posts/2021-06-12-hello.md
	// source/_posts/2022-02-02-broken.md: source/_posts/2022-02-02-broken.md
	// nope: not found
}

func ExampleSite_Tags() {
	site, _ := hexo.LoadSite(context.Background(), exampleSite, hexo.SiteOptions{})
	for _, t := range site.Tags() {
		fmt.Println(t.Name, t.Count, t.Posts[0].Slug)
	}
	// Output:
	// go 2 hello
	// hexo 1 second
}

func ExampleSite_ByDate() {
	site, _ := hexo.LoadSite(context.Background(), exampleSite, hexo.SiteOptions{})
	for _, p := range site.ByDate() {
		fmt.Println(p.Date.Format("2006-01-02"), p.Slug)
	}
	// Output:
	// 2022-03-04 second
	// 2022-02-02 broken
	// 2021-06-12 hello
}

func ExampleSite_Err() {
	site, _ := hexo.NewSite(exampleSite, hexo.SiteOptions{})
	fmt.Println(len(site.ByDate()), "posts") // the view loads the site itself
	fmt.Println(site.Err())                  // and keeps what that load found wrong
	// Output:
	// 3 posts
	// source/_posts/2022-02-02-broken.md:2: front matter: did not find expected node content
}

func ExampleParseSiteConfig() {
	c, err := hexo.ParseSiteConfig([]byte("url: https://example.org/blog/\npermalink: :title.html\n"))
	if err != nil {
		panic(err)
	}
	fmt.Println(c.URL, c.Root, c.Permalink, c.NewPostName)
	// Output:
	// https://example.org/blog /blog/ :title.html :title.md
}

func ExamplePost_SetField() {
	post, _ := hexo.Parse([]byte("---\ntitle: 'Kept as written'  # and this comment\ndate: Invalid Date\n---\nThe body is never touched.\n"))
	_ = post.SetField("date", time.Date(2021, 6, 12, 13, 7, 48, 0, time.UTC))
	_ = post.SetField("tags", []string{"go", "hexo"})
	fmt.Print(string(post.Bytes()))
	fmt.Println(post.Date.Format(time.RFC3339), post.Tags)
	// Output:
	// ---
	// title: 'Kept as written'  # and this comment
	// date: 2021-06-12 13:07:48
	// tags:
	//   - go
	//   - hexo
	// ---
	// The body is never touched.
	// 2021-06-12T13:07:48Z [go hexo]
}

// An edit that cannot be made exactly is refused, and nothing changes.
func ExamplePost_SetField_refused() {
	post, _ := hexo.Parse([]byte("---\ntitle: x\n---\nbody\n"))
	err := post.SetField("title", "not UTF-8: \xff")
	fmt.Println(errors.Is(err, hexo.ErrNotEditable))
	fmt.Printf("%q\n", post.Bytes())
	// Output:
	// true
	// "---\ntitle: x\n---\nbody\n"
}

// Save writes a post back where it was read, and only if no one changed
// the file since.
func ExamplePost_Save() {
	dir, _ := os.MkdirTemp("", "hexo-save")
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "post.md")
	_ = os.WriteFile(name, []byte("---\ntitle: x\n---\nbody\n"), 0o644)

	post, _ := hexo.ParseFile(name)
	_ = post.SetField("tags", []string{"go"})
	fmt.Println(post.Save())

	_ = os.WriteFile(name, []byte("---\ntitle: someone else's\n---\nbody\n"), 0o644)
	_ = post.SetField("tags", []string{"go", "hexo"})
	fmt.Println(errors.Is(post.Save(), hexo.ErrChanged))
	// Output:
	// <nil>
	// true
}

func ExamplePost_DeleteField() {
	post, _ := hexo.Parse([]byte("---\r\ntitle: x\r\nheadimg: a.jpg\r\n---\r\nbody\r\n"))
	_ = post.DeleteField("headimg")
	fmt.Printf("%q\n", post.Bytes())
	// Output:
	// "---\r\ntitle: x\r\n---\r\nbody\r\n"
}

func ExampleNew() {
	c := hexo.DefaultSiteConfig()
	c.NewPostName = ":year-:month-:day-:title.md"
	post, _ := hexo.New("Hello World", c, time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC))
	fmt.Println(post.Source)
	fmt.Print(string(post.Bytes()))
	// Output:
	// source/_posts/2026-11-29-Hello-World.md
	// ---
	// title: Hello World
	// date: 2026-11-29 08:00:00
	// tags:
	// ---
}

// OpenSite reads a site from disk: a folder with _config.yml and
// source/_posts (or a bare folder of posts).
func ExampleOpenSite() {
	dir, _ := os.MkdirTemp("", "blog")
	defer os.RemoveAll(dir)
	_ = os.MkdirAll(filepath.Join(dir, "source", "_posts"), 0o755)
	_ = os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("permalink: :title/\n"), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "source", "_posts", "hello.md"), []byte("---\ntitle: Hello\ndate: 2021-06-12\n---\nHi.\n"), 0o644)

	site, err := hexo.OpenSite(dir, hexo.SiteOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for p, err := range site.All(context.Background()) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p.Title, p.Path)
	}
	// Output: Hello hello/
}

// NewSite reads a site from any fs.FS. Go's embed skips names starting
// with "_" (_config.yml, _posts): embed a site with //go:embed all:blog.
func ExampleNewSite() {
	site, _ := hexo.NewSite(exampleSite, hexo.SiteOptions{})
	fmt.Println(site.Config.Permalink, site.Config.Timezone)
	// Output: :year/:month/:title/ Asia/Shanghai
}

// Load reads every post into site.Posts; the error joins each post's.
func ExampleSite_Load() {
	site, _ := hexo.NewSite(exampleSite, hexo.SiteOptions{Drafts: true})
	err := site.Load(context.Background())
	fmt.Println(len(site.Posts), errors.Is(err, hexo.ErrFrontMatter))
	// Output: 4 true
}

// A post file that is a symbolic link out of the site is not read: its
// error matches ErrOutsideSite and names the file.
func ExampleErrOutsideSite() {
	outside, _ := os.MkdirTemp("", "outside")
	defer os.RemoveAll(outside)
	dir, _ := os.MkdirTemp("", "blog")
	defer os.RemoveAll(dir)
	_ = os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: secret\n---\n"), 0o644)
	_ = os.MkdirAll(filepath.Join(dir, "source", "_posts"), 0o755)
	_ = os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "source", "_posts", "leak.md"))

	site, _ := hexo.OpenSite(dir, hexo.SiteOptions{})
	err := site.Load(context.Background())
	fmt.Println(errors.Is(err, hexo.ErrOutsideSite), len(site.Posts))
	fmt.Println(strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)))
	// Output:
	// true 0
	// source/_posts/leak.md: a symbolic link that leads outside the site
}

// A site with no post says what was looked for. Here the files were
// embedded with their folder (//go:embed all:blog): the site is one folder
// down, and fs.Sub reaches it.
func ExampleErrNoPosts() {
	embedded := fstest.MapFS{
		"blog/_config.yml":            {Data: []byte("title: My blog\n")},
		"blog/source/_posts/hello.md": {Data: []byte("---\ntitle: Hello\n---\n")},
	}
	_, err := hexo.LoadSite(context.Background(), embedded, hexo.SiteOptions{})
	fmt.Println(errors.Is(err, hexo.ErrNoPosts), strings.Contains(err.Error(), "its folder blog holds a _config.yml"))

	blog, _ := fs.Sub(embedded, "blog")
	site, err := hexo.LoadSite(context.Background(), blog, hexo.SiteOptions{})
	fmt.Println(len(site.Posts), err)
	// Output:
	// true true
	// 1 <nil>
}

// SiteOptions.Progress is called as each file is read, for a progress line
// on long runs.
func ExampleSiteOptions() {
	read := 0
	site, _ := hexo.NewSite(exampleSite, hexo.SiteOptions{Drafts: true, Progress: func(n int) { read = n }})
	_ = site.Load(context.Background())
	fmt.Println(read, "files read")
	// Output: 4 files read
}
