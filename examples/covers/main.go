// Covers prints each post's title and cover image, reading theme keys
// (headimg, thumbnail, cover...) with Post.Decode and falling back to the
// first image of the body.
//
//	go run ./examples/covers testdata/blog/source/_posts
package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/gohexo/hexo"
)

// theme holds the cover keys the common Hexo themes use.
type theme struct {
	Cover     string `yaml:"cover"`
	Thumbnail string `yaml:"thumbnail"`
	HeadImg   string `yaml:"headimg"`
	IndexImg  string `yaml:"index_img"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: covers DIR")
		os.Exit(2)
	}
	if err := run(os.DirFS(os.Args[1]), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "covers:", err)
		os.Exit(1)
	}
}

func run(fsys fs.FS, w io.Writer) error {
	for post, err := range hexo.ParseDir(fsys, ".") {
		if err != nil {
			return err
		}
		var t theme
		if err := post.Decode(&t); err != nil {
			return err
		}
		cover := firstNonEmpty(t.Cover, t.Thumbnail, t.HeadImg, t.IndexImg)
		if imgs := post.Images(); cover == "" && len(imgs) > 0 {
			cover = imgs[0].URL
		}
		fmt.Fprintf(w, "%s\t%s\n", post.Title, cover)
	}
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
