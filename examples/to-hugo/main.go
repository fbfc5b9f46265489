// To-hugo converts the posts of a Hexo site (or a folder of posts) to Hugo
// content: the front matter rewritten for Hugo, the body kept byte for byte.
//
//	go run ./examples/to-hugo -o /tmp/hugo/content/posts testdata/blog
//
// title stays; date and lastmod become RFC 3339; categories (Hexo's chains,
// flattened), tags and author stay; the cover image becomes images; published: false
// becomes draft: true; the old Hexo path becomes an alias, so old links
// still work; every other key is kept as it was.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gohexo/hexo"
	yaml "go.yaml.in/yaml/v3"
)

func main() {
	out := flag.String("o", "content/posts", "where to write the Hugo posts")
	drafts := flag.Bool("drafts", false, "convert source/_drafts too")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: to-hugo [-o DIR] [-drafts] SITE")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *drafts, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "to-hugo:", err)
		os.Exit(1)
	}
}

// hugoFrontMatter is what Hugo reads, in the order it is written.
type hugoFrontMatter struct {
	Title      string         `yaml:"title"`
	Date       string         `yaml:"date,omitempty"`
	Lastmod    string         `yaml:"lastmod,omitempty"`
	Draft      bool           `yaml:"draft,omitempty"`
	Slug       string         `yaml:"slug,omitempty"`
	Categories []string       `yaml:"categories,omitempty"`
	Tags       []string       `yaml:"tags,omitempty"`
	Images     []string       `yaml:"images,omitempty"`
	Aliases    []string       `yaml:"aliases,omitempty"`
	Author     string         `yaml:"author,omitempty"`
	Params     map[string]any `yaml:",inline"`
}

func run(dir, out string, drafts bool, stderr io.Writer) error {
	site, err := hexo.OpenSite(dir, hexo.SiteOptions{Drafts: drafts})
	if err != nil {
		return err
	}
	n := 0
	for p, err := range site.All(context.Background()) {
		if err != nil {
			fmt.Fprintln(stderr, "to-hugo: skipped:", err) // Hexo would not publish it either
			continue
		}
		src, err := convert(p, site.Config.Root)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p.Source)
		if err != nil {
			return err
		}
		rel = strings.TrimPrefix(strings.TrimPrefix(filepath.ToSlash(rel), "source/_posts/"), "source/_drafts/")
		target := filepath.Join(out, filepath.FromSlash(strings.TrimSuffix(rel, filepath.Ext(rel))+".md"))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, src, 0o644); err != nil {
			return err
		}
		n++
	}
	fmt.Fprintf(stderr, "to-hugo: %d posts written to %s\n", n, out)
	return nil
}

// convert writes one post for Hugo.
func convert(p *hexo.Post, root string) ([]byte, error) {
	fm := hugoFrontMatter{Title: p.Title, Draft: !p.Published, Tags: p.Tags, Author: p.Author, Params: map[string]any{}}
	if !p.Date.IsZero() {
		fm.Date = p.Date.Format(time.RFC3339)
	}
	if !p.Updated.IsZero() {
		fm.Lastmod = p.Updated.Format(time.RFC3339)
	}
	seen := map[string]bool{}
	for _, chain := range p.Categories {
		for _, c := range chain {
			if !seen[c] {
				seen[c] = true
				fm.Categories = append(fm.Categories, c)
			}
		}
	}
	if cover, ok := p.Cover(); ok {
		fm.Images = []string{cover.URL}
	}
	if p.Path != "" {
		fm.Slug = p.Slug
		fm.Aliases = []string{strings.TrimSuffix(root, "/") + "/" + strings.TrimPrefix(p.Path, "/")}
	}
	for k, v := range p.Extra {
		if k != "headimg" && k != "thumbnail" && k != "cover" && k != "index_img" {
			fm.Params[k] = v
		}
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	b.WriteString("---\n")
	b.WriteString(p.Body)
	return b.Bytes(), nil
}
