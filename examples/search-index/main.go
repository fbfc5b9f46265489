// Search-index writes a search.json for the posts below a folder, in the
// shape hexo-generator-search's JSON has (title, url, content, categories,
// tags), with the clean text: no style or script, entities decoded.
//
//	go run ./examples/search-index -o search.json testdata/blog
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
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
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: search-index [-o FILE] DIR")
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
	if err := run(os.DirFS(flag.Arg(0)), w); err != nil {
		fmt.Fprintln(os.Stderr, "search-index:", err)
		os.Exit(1)
	}
}

func run(fsys fs.FS, w io.Writer) error {
	entries := []entry{}
	for post, err := range hexo.ParseDir(fsys, ".") {
		if err != nil {
			return err
		}
		e := entry{Title: post.Title, URL: postURL(post), Content: post.Text(), Tags: post.Tags, Categories: []string{}}
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
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(entries)
}

// postURL is Hexo's default permalink, :year/:month/:day/:title/, where the
// title is the file name; a front-matter permalink wins.
func postURL(p *hexo.Post) string {
	if p.Permalink != "" {
		return p.Permalink
	}
	slug := strings.TrimSuffix(path.Base(p.Source), path.Ext(p.Source))
	if p.Date.IsZero() {
		return "/" + slug + "/"
	}
	return p.Date.Format("/2006/01/02/") + slug + "/"
}
