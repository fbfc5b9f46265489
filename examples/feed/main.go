// Feed writes an Atom feed of the newest posts below a folder, with
// encoding/xml: title, dates, categories, the summary and the HTML content.
//
//	go run ./examples/feed -url http://example.com testdata/blog > atom.xml
package main

import (
	"cmp"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/gohexo/hexo"
)

type feed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    link     `xml:"link"`
	Updated string   `xml:"updated"`
	Entries []entry  `xml:"entry"`
}

type link struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type entry struct {
	Title      string     `xml:"title"`
	ID         string     `xml:"id"`
	Link       link       `xml:"link"`
	Published  string     `xml:"published"`
	Updated    string     `xml:"updated"`
	Author     *author    `xml:"author,omitempty"`
	Categories []category `xml:"category"`
	Summary    string     `xml:"summary"`
	Content    content    `xml:"content"`
}

type author struct {
	Name string `xml:"name"`
}

type category struct {
	Term string `xml:"term,attr"`
}

type content struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

func main() {
	site := flag.String("url", "http://example.com", "the blog's URL")
	limit := flag.Int("n", 20, "how many posts")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: feed [-url URL] [-n N] DIR")
		os.Exit(2)
	}
	base, err := url.Parse(*site)
	if err != nil {
		fmt.Fprintln(os.Stderr, "feed: -url:", err)
		os.Exit(2)
	}
	if err := run(os.DirFS(flag.Arg(0)), os.Stdout, base, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "feed:", err)
		os.Exit(1)
	}
}

func run(fsys fs.FS, w io.Writer, base *url.URL, limit int) error {
	var posts []*hexo.Post
	for post, err := range hexo.ParseDir(fsys, ".") {
		if err != nil {
			return err
		}
		if post.Published && !post.Date.IsZero() { // a feed needs a date
			posts = append(posts, post)
		}
	}
	slices.SortStableFunc(posts, func(a, b *hexo.Post) int { return b.Date.Compare(a.Date) })
	posts = posts[:min(limit, len(posts))]

	f := feed{Title: "Posts", ID: base.String(), Link: link{Href: base.String()}}
	for _, p := range posts {
		u := base.JoinPath(p.Date.Format("2006/01/02"), strings.TrimSuffix(path.Base(p.Source), path.Ext(p.Source))).String() + "/"
		updated := cmp.Or(p.Updated, p.Date)
		e := entry{
			Title: p.Title, ID: u, Link: link{Href: u, Rel: "alternate"},
			Published: p.Date.UTC().Format(time.RFC3339), Updated: updated.UTC().Format(time.RFC3339),
			Summary: p.Summary(), Content: content{Type: "html", Body: p.Content},
		}
		if p.Author != "" {
			e.Author = &author{Name: p.Author}
		}
		for _, chain := range p.Categories {
			e.Categories = append(e.Categories, category{Term: strings.Join(chain, "/")})
		}
		for _, t := range p.Tags {
			e.Categories = append(e.Categories, category{Term: t})
		}
		f.Entries = append(f.Entries, e)
		if f.Updated < e.Updated {
			f.Updated = e.Updated
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(f)
}
