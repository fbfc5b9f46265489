// Summary prints the title, cover and summary of each post below a folder:
// what a blog index or a link preview card shows.
//
//	go run ./examples/summary testdata/blog
package main

import (
	"fmt"
	"io"
	"io/fs"
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
	opts := hexo.Options{SummaryLength: 60}
	for post, err := range opts.ParseDir(fsys, ".") {
		if err != nil {
			return err
		}
		cover, _ := post.Cover()
		fmt.Fprintf(w, "%s\n  cover:   %s\n  summary: %s\n", post.Title, cover.URL, post.Summary())
	}
	return nil
}
