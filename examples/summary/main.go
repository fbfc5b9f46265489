// Summary prints the title, cover and summary of each post of a Hexo site:
// what a blog index or a link preview card shows. Covers are made absolute
// against the post's URL, so a relative image of the post's asset folder
// becomes the address it is served at.
//
//	go run ./examples/summary testdata/blog
package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"

	"github.com/gohexo/hexo"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: summary DIR")
		os.Exit(2)
	}
	if err := run(os.DirFS(os.Args[1]), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "summary:", err)
		os.Exit(1)
	}
}

func run(fsys fs.FS, w io.Writer) error {
	site, err := hexo.NewSite(fsys, hexo.SiteOptions{Options: hexo.Options{SummaryLength: 60}})
	if err != nil {
		return err
	}
	for post, err := range site.All(context.Background()) {
		if err != nil {
			return err
		}
		cover, _ := post.Cover()
		if base, err := url.Parse(post.URL); err == nil && cover.URL != "" {
			if abs, err := base.Parse(cover.URL); err == nil {
				cover.URL = abs.String()
			}
		}
		fmt.Fprintf(w, "%s\n  cover:   %s\n  summary: %s\n", post.Title, cover.URL, post.Summary())
	}
	return nil
}
