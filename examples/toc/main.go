// Toc prints the table of contents of each post below a folder, numbered as
// Hexo's toc helper numbers it; with -html, the helper's markup instead.
//
//	go run ./examples/toc testdata/blog
//	go run ./examples/toc -html testdata/blog
package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/gohexo/hexo"
)

func main() {
	asHTML := flag.Bool("html", false, "print Hexo's toc helper markup")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: toc [-html] DIR")
		os.Exit(2)
	}
	if err := run(os.DirFS(flag.Arg(0)), os.Stdout, *asHTML); err != nil {
		fmt.Fprintln(os.Stderr, "toc:", err)
		os.Exit(1)
	}
}

func run(fsys fs.FS, w io.Writer, asHTML bool) error {
	for post, err := range hexo.ParseDir(fsys, ".") {
		if err != nil {
			return err
		}
		fmt.Fprintln(w, post.Title)
		if asHTML {
			fmt.Fprintln(w, post.TOCHTML(0, 0))
			continue
		}
		printNodes(w, post.TOC(0, 0), 1)
	}
	return nil
}

func printNodes(w io.Writer, nodes []hexo.TOCNode, depth int) {
	for _, n := range nodes {
		fmt.Fprintf(w, "%s%s %s (#%s)\n", strings.Repeat("  ", depth), n.Number, n.Text, n.ID)
		printNodes(w, n.Children, depth+1)
	}
}
