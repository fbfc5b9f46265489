// Feed writes an Atom feed of the newest posts of a Hexo site, with
// encoding/xml: title, dates, categories, the summary, the HTML content and
// each post's URL by the site's permalink setting.
//
//	go run ./examples/feed testdata/blog > atom.xml
package main

import (
	"cmp"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
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
	limit := flag.Int("n", 20, "how many posts")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: feed [-n N] SITE")
		os.Exit(2)
	}
	if err := run(os.DirFS(flag.Arg(0)), os.Stdout, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "feed:", err)
		os.Exit(1)
	}
}

func run(fsys fs.FS, w io.Writer, limit int) error {
	site, err := hexo.LoadSite(context.Background(), fsys, hexo.SiteOptions{})
	if err != nil {
		return err
	}
	var posts []*hexo.Post
	for _, p := range site.ByDate() {
		if p.Published && !p.Date.IsZero() && len(posts) < limit { // a feed needs a date
			posts = append(posts, p)
		}
	}
	home := site.Config.URL + "/"
	f := feed{Title: site.Config.Title, ID: home, Link: link{Href: home}}
	for _, p := range posts {
		u := p.URL
		updated := cmp.Or(p.Updated, p.Date)
		e := entry{
			Title: p.Title, ID: u, Link: link{Href: u, Rel: "alternate"},
			Published: p.Date.UTC().Format(time.RFC3339), Updated: updated.UTC().Format(time.RFC3339),
			Summary: p.Summary(), Content: content{Type: "html", Body: p.Content()},
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
