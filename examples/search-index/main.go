// Search-index writes a search.json for the posts and pages of a Hexo site,
// in the shape hexo-generator-search's JSON has (title, url, content,
// categories, tags), with the clean text: no style or script, entities
// decoded. As with the plugin, -field post, page or all says what is indexed
// (all here: the plugin's default is post), a post or page whose front
// matter says indexing: false is left out, and so is an unpublished post.
//
//	go run ./examples/search-index -o search.json testdata/blog
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/gohexo/hexo"
)

// entry is one post of the index.
type entry struct {
	Title      string   `json:"title"`
	URL        string   `json:"url"`
	Content    string   `json:"content"`
	Categories []string `json:"categories"`
	Tags       []string `json:"tags"`
	Date       string   `json:"date,omitempty"`
}

func main() {
	out := flag.String("o", "search.json", "where to write the index (- for standard output)")
	field := flag.String("field", "all", "what to index: post, page or all")
	flag.Parse()
	if flag.NArg() != 1 || *field != "post" && *field != "page" && *field != "all" {
		fmt.Fprintln(os.Stderr, "usage: search-index [-o FILE] [-field post|page|all] DIR")
		os.Exit(2)
	}
	w := io.Writer(os.Stdout)
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "search-index:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := run(os.DirFS(flag.Arg(0)), *field, w); err != nil {
		fmt.Fprintln(os.Stderr, "search-index:", err)
		os.Exit(1)
	}
}

func run(fsys fs.FS, field string, w io.Writer) error {
	site, err := hexo.NewSite(fsys, hexo.SiteOptions{})
	if err != nil {
		return err
	}
	entries := []entry{}
	add := func(post *hexo.Post, err error) error {
		if err != nil && post == nil && !errors.Is(err, hexo.ErrNoPosts) {
			return err // a file that could not be read
		}
		if post == nil || !post.Published { // unpublished, or dropped by Hexo
			return nil
		}
		if v, ok := post.FrontMatter.Get("indexing"); ok && v == false {
			return nil
		}
		e := entry{Title: post.Title, URL: urlFor(site.Config.Root, post.Path), Content: post.Text(), Tags: post.Tags, Categories: []string{}}
		for _, chain := range post.Categories {
			e.Categories = append(e.Categories, strings.Join(chain, "/"))
		}
		if e.Tags == nil {
			e.Tags = []string{}
		}
		if !post.Date.IsZero() {
			e.Date = post.Date.Format("2006-01-02T15:04:05Z07:00")
		}
		entries = append(entries, e)
		return nil
	}
	ctx := context.Background()
	if field != "page" {
		for post, err := range site.All(ctx) { // streamed: the index never holds the posts
			if err := add(post, err); err != nil {
				return err
			}
		}
	}
	if field != "post" {
		for page, err := range site.Pages(ctx) {
			if err := add(page, err); err != nil {
				return err
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(entries)
}

// urlFor is Hexo's url_for on a post's path: below the site's root.
func urlFor(root, p string) string {
	return strings.TrimSuffix(root, "/") + "/" + strings.TrimPrefix(p, "/")
}
