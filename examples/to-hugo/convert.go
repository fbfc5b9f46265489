package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gohexo/hexo"
)

// written is one post or page the conversion wrote.
type written struct {
	post *hexo.Post
	file string // below the Hugo site
	url  string // Hugo's url: key, "" when Hugo chooses
}

// conversion is one run: what was written, what was skipped, and which
// names and URLs are taken.
type conversion struct {
	out, src string
	root     *os.Root // the site's folder: every file copied is read through it
	stderr   io.Writer
	skipped  int               // files left out, each with a warning
	files    map[string]string // content file (lower case, no extension) -> the Hexo file
	dirs     map[string]bool   // the folders (lower case) holding a content file
	bundles  map[string]bool   // the folders (lower case) of leaf bundles
	next     map[string]int    // a name (lower case) -> the suffix freeName tries first: each name's suffixes are tried once in all
	urls     map[string]string // url -> the Hexo file
	done     []written
}

// run converts the Hexo site at dir into the Hugo site out, and returns
// what it wrote and how many files it skipped. A file that cannot be read or
// is refused (not a regular file, a link out of the site) is skipped with a
// warning on stderr and the conversion goes on; err is for what stops it.
func run(dir, out string, drafts bool, stderr io.Writer) (done []written, skipped int, err error) {
	site, err := hexo.OpenSite(dir, hexo.SiteOptions{Drafts: drafts})
	if err != nil {
		return nil, 0, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, 0, err
	}
	defer root.Close()
	c := &conversion{out: out, src: dir, root: root, stderr: stderr, files: map[string]string{}, urls: map[string]string{},
		dirs: map[string]bool{}, bundles: map[string]bool{}, next: map[string]int{}}
	ctx := context.Background()
	posts, pages := 0, 0
	for p, err := range site.All(ctx) {
		if err != nil && errors.Is(err, hexo.ErrNoPosts) {
			continue
		}
		if err != nil || p == nil {
			c.skip(err) // Hexo would not show it either
			continue
		}
		rel := relBelow(dir, p.Source, site.Config.SourceDir+"/_posts/", site.Config.SourceDir+"/_drafts/")
		if err := c.write(p, "content/posts", rel); err != nil {
			return c.done, c.skipped, err
		}
		posts++
	}
	for p, err := range site.Pages(ctx) {
		if err != nil || p == nil {
			c.skip(err)
			continue
		}
		if err := c.write(p, "content", relBelow(dir, p.Source, site.Config.SourceDir+"/")); err != nil {
			return c.done, c.skipped, err
		}
		pages++
	}
	statics, err := c.copyStatic(site)
	if err != nil {
		return c.done, c.skipped, err
	}
	if err := writeHugoSite(out, site.Config); err != nil {
		return c.done, c.skipped, err
	}
	fmt.Fprintf(stderr, "to-hugo: %d posts, %d pages and %d static files written to %s\n", posts, pages, statics, out)
	if c.skipped > 0 {
		files := "files"
		if c.skipped == 1 {
			files = "file"
		}
		fmt.Fprintf(stderr, "to-hugo: %d %s skipped (named above)\n", c.skipped, files)
	}
	return c.done, c.skipped, nil
}

// skip warns of a file left out, the error naming it and why.
func (c *conversion) skip(err error) {
	fmt.Fprintln(c.stderr, "to-hugo: skipped:", err)
	c.skipped++
}

// relBelow is name's path below dir and the first of prefixes it starts with.
func relBelow(dir, name string, prefixes ...string) string {
	rel, err := filepath.Rel(dir, name)
	if err != nil {
		rel = name
	}
	rel = filepath.ToSlash(rel)
	for _, p := range prefixes {
		if r, ok := strings.CutPrefix(rel, p); ok {
			return r
		}
	}
	return rel
}

// write converts one post or page into the content folder section, at its
// path rel below Hexo's folder.
func (c *conversion) write(p *hexo.Post, section, rel string) error {
	ext, body, summary, why := ".md", "", "", ""
	if p.Format == hexo.FormatMarkdown {
		var ok bool
		if body, ok = hugoMore(withHeadingIDs(p.Markdown(), p, c.stderr), p); !ok {
			why = "a more marker in its code would be Hugo's summary divider"
		} else if body, ok = escapeShortcodes(body, false); !ok {
			why = "a {{< or {{% without its closer would stop Hugo's build"
		}
	}
	if p.Format != hexo.FormatMarkdown || why != "" {
		if why != "" {
			fmt.Fprintf(c.stderr, "to-hugo: %s: %s: written as HTML\n", p.Source, why)
		}
		// Hugo shows .html content as it is, but leaves out of it what
		// stands before a summary divider: the excerpt goes to summary, and
		// a marker is written as one Hugo does not take
		ext, body, summary = ".html", p.Content(), p.Excerpt()
		body = strings.ReplaceAll(body, "<!--more-->", "<!-- more -->")
		body, _ = escapeShortcodes(body, true)
	}

	stem := strings.TrimSuffix(rel, path.Ext(rel))
	url := hexoURL(p.Path)
	home := false
	switch base := path.Base(stem); {
	case p.Page && (stem == "categories" || stem == "tags" || stem == "categories/index" || stem == "tags/index"):
		stem = strings.TrimSuffix(stem, "/index") // categories/index.md is its folder's page
	case url == "/" && c.urls[url] == "":
		home = true // source/index.md: Hexo's home page is Hugo's
	case base == "index" || base == "_index":
		// Hugo would take the file for a bundle holding every page below
		// its folder (the whole site for source/index.md): an ordinary
		// page, at its Hexo URL, takes another name
		stem = path.Join(path.Dir(stem), base+"-page")
	}
	bundle := len(p.Assets) > 0
	// Hugo takes every page below a leaf bundle's folder for a file of the
	// bundle, and shows none of them: a bundle's folder holds no other
	// page, and no page goes below one
	var free func(string) bool
	if bundle {
		free = func(n string) bool { return !c.dirs[n] }
	}
	name := c.freeName(c.outsideBundles(path.Join(section, stem)), p.Source, free)
	if bundle {
		c.bundles[strings.ToLower(name)] = true
	}
	file := name + ext
	if bundle {
		file = path.Join(name, "index"+ext) // a leaf bundle: its files beside it
	}
	switch {
	case home:
		// the home page's _index gives it its title and text, and leaves
		// the site's pages its own
		file, url = path.Join("content", "_index"+ext), ""
		c.urls["/"] = p.Source
	case p.Page && (stem == "categories" || stem == "tags"):
		// a theme's page for Hexo's lists is Hugo's taxonomy list: its
		// _index gives that list its title and text, at Hugo's URL
		file, url = path.Join(name, "_index"+ext), ""
	}

	if first, taken := c.urls[url]; taken && url != "" {
		fmt.Fprintf(c.stderr, "to-hugo: %s: its URL %s is also %s's: Hugo chooses this one's\n", p.Source, url, first)
		url = ""
	} else if url != "" {
		c.urls[url] = p.Source
	}
	fm, err := hugoFrontMatter(p, url, summary, c.stderr)
	if err != nil {
		return fmt.Errorf("%s: %w", p.Source, err)
	}
	target := filepath.Join(c.out, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(target, append(fm, body...), 0o644); err != nil {
		return err
	}
	if bundle {
		src := relBelow(c.src, p.Source) // the post's path in the site's root
		folder := strings.TrimSuffix(src, path.Ext(src))
		for _, a := range p.Assets {
			if skipped, err := c.copyFile(path.Join(folder, a), filepath.Join(filepath.Dir(target), filepath.FromSlash(a))); skipped {
				c.skip(err)
			} else if err != nil {
				return err
			}
		}
	}
	for d := path.Dir(file); d != "." && d != "/"; d = path.Dir(d) {
		c.dirs[strings.ToLower(d)] = true
	}
	c.done = append(c.done, written{post: p, file: file, url: url})
	return nil
}

// freeName is name, or name-2, name-3... when a post already took it (a.md,
// a.html and a.markdown are three posts) or free says it is not free;
// Hugo's names ignore case.
func (c *conversion) freeName(name, source string, free func(lower string) bool) string {
	lower := strings.ToLower(name)
	if first, taken := c.files[lower]; taken {
		fmt.Fprintf(c.stderr, "to-hugo: %s: %s is also %s's name: written as the next free one\n", source, name, first)
	}
	for i := max(1, c.next[lower]); ; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s-%d", name, i)
		}
		_, taken := c.files[strings.ToLower(n)]
		if taken || free != nil && !free(strings.ToLower(n)) {
			continue
		}
		c.files[strings.ToLower(n)] = source
		c.next[lower] = i + 1
		return n
	}
}

// outsideBundles is name, with the folder of a leaf bundle it lies in
// (foo/bar below the bundle foo, foo.md's) written as the first of foo-2,
// foo-3... that is none.
func (c *conversion) outsideBundles(name string) string {
	for dir := path.Dir(name); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if !c.bundles[strings.ToLower(dir)] {
			continue
		}
		for i := 2; ; i++ {
			if d := fmt.Sprintf("%s-%d", dir, i); !c.bundles[strings.ToLower(d)] {
				return c.outsideBundles(d + name[len(dir):])
			}
		}
	}
	return name
}

// hexoURL is Hexo's path as Hugo's url, which Hugo puts below its
// baseURL (Hexo's url); "index.html" is left for the folder.
func hexoURL(p string) string {
	if p == "" {
		return ""
	}
	u := "/" + strings.TrimPrefix(p, "/")
	if strings.HasSuffix(u, "/index.html") {
		u = strings.TrimSuffix(u, "index.html")
	}
	return u
}

var moreRE = regexp.MustCompile(`<!--\s*more\s*-->`)

// hugoMore writes Hexo's more marker in a Markdown body as Hugo's summary
// divider, which has no spaces. Hugo looks for its divider in the source,
// code included, so this is done only when no other marker could be taken
// for it; ok is false for Markdown holding a marker in its code.
func hugoMore(body string, p *hexo.Post) (string, bool) {
	markers := moreRE.FindAllStringIndex(body, -1)
	hasMore := moreRE.MatchString(p.Content()) // in the HTML Hexo renders, only its own marker is raw
	switch {
	case hasMore && len(markers) == 1:
		m := markers[0]
		return body[:m[0]] + "<!--more-->" + body[m[1]:], true
	case !hasMore && !strings.Contains(body, "<!--more-->"):
		return body, true
	}
	return body, false
}

// copyStatic copies the files Hexo copies as they are (Site.Files) into
// static/; one that cannot be listed or read is skipped.
func (c *conversion) copyStatic(site *hexo.Site) (int, error) {
	n := 0
	for rel, err := range site.Files(context.Background()) {
		if err != nil {
			c.skip(err)
			continue
		}
		skipped, err := c.copyFile(path.Join(site.Config.SourceDir, rel), filepath.Join(c.out, "static", filepath.FromSlash(rel)))
		switch {
		case skipped:
			c.skip(err)
			continue
		case err != nil:
			return n, err
		}
		n++
	}
	return n, nil
}
