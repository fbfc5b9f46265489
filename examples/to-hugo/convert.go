package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/gohexo/hexo"
	yaml "go.yaml.in/yaml/v3"
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
	c := &conversion{out: out, src: dir, root: root, stderr: stderr, files: map[string]string{}, urls: map[string]string{}}
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
	ext, body, ok := ".md", "", false
	if p.Format == hexo.FormatMarkdown {
		body, ok = hugoMore(p.Markdown(), p)
	}
	summary := ""
	if !ok { // an HTML body, or Markdown where Hugo would take a marker in code for its divider
		if p.Format == hexo.FormatMarkdown {
			fmt.Fprintf(c.stderr, "to-hugo: %s: a more marker in its code would be Hugo's summary divider: written as HTML\n", p.Source)
		}
		// Hugo shows .html content as it is, but leaves out of it what
		// stands before a summary divider: the excerpt goes to summary, and
		// a marker is written as one Hugo does not take
		ext, body, summary = ".html", p.Content(), p.Excerpt()
		body = strings.ReplaceAll(body, "<!--more-->", "<!-- more -->")
	}
	body = escapeShortcodes(body)

	stem := strings.TrimSuffix(rel, path.Ext(rel))
	bundle := len(p.Assets) > 0 || path.Base(stem) == "index"
	if path.Base(stem) == "index" {
		stem = path.Dir(stem) // about/index.md is its folder's page
	}
	name := c.freeName(path.Join(section, stem), p.Source)
	file := name + ext
	if bundle {
		file = path.Join(name, "index"+ext) // a leaf bundle: its files beside it
	}
	url := hexoURL(p.Path)
	if p.Page && (stem == "categories" || stem == "tags") {
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
	c.done = append(c.done, written{post: p, file: file, url: url})
	return nil
}

// freeName is name, or name-2, name-3... when a post already took it (a.md,
// a.html and a.markdown are three posts); Hugo's names ignore case.
func (c *conversion) freeName(name, source string) string {
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s-%d", name, i)
		}
		if first, taken := c.files[strings.ToLower(n)]; taken {
			if i == 1 {
				fmt.Fprintf(c.stderr, "to-hugo: %s: %s is also %s's name: written as the next free one\n", source, name, first)
			}
			continue
		}
		c.files[strings.ToLower(n)] = source
		return n
	}
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

var shortcodeRE = regexp.MustCompile(`(?s)\{\{([<%])(.*?)([>%])\}\}`)

// escapeShortcodes writes text that Hugo would read as a shortcode call
// ({{< x >}}, {{% x %}}, in a post about Hugo) as Hugo's shortcode comment,
// which Hugo shows as written.
func escapeShortcodes(body string) string {
	return shortcodeRE.ReplaceAllString(body, "{{$1/*$2*/$3}}")
}

// mapped are the front-matter keys the conversion writes itself.
var mapped = map[string]bool{
	"title": true, "date": true, "updated": true, "lastmod": true, "draft": true, "published": true,
	"slug": true, "url": true, "permalink": true, "categories": true, "category": true, "tags": true, "tag": true,
	"images": true, "aliases": true, "author": true, "excerpt": true, "summary": true, "layout": true,
}

// hugoFrontMatter is the post's front matter for Hugo, in a fixed order:
// Hexo's keys mapped, then every other key as the post has it.
func hugoFrontMatter(p *hexo.Post, url, summary string, stderr io.Writer) ([]byte, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	keys := map[string]bool{} // lower case: Hugo's keys ignore case
	set := func(k string, v any) {
		var n yaml.Node
		if err := n.Encode(v); err != nil {
			fmt.Fprintf(stderr, "to-hugo: %s: %s left out: %v\n", p.Source, k, err)
			return
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &n)
		keys[strings.ToLower(k)] = true
	}
	fm := p.FrontMatter
	get := func(k string) any {
		v, _ := fm.Get(k)
		return v
	}
	set("title", p.Title)
	if !p.Date.IsZero() {
		set("date", p.Date.Format(time.RFC3339))
	}
	switch {
	case !p.Updated.IsZero():
		set("lastmod", p.Updated.Format(time.RFC3339))
	case dateOf(get("lastmod")) != "":
		set("lastmod", dateOf(get("lastmod")))
	}
	if draft, _ := get("draft").(bool); draft || !p.Published {
		set("draft", true)
	}
	if s, ok := get("slug").(string); ok && s != "" {
		set("slug", s)
	} else if p.Slug != "" {
		set("slug", p.Slug)
	}
	if url != "" {
		set("url", url)
	}
	var cats []string
	seen := map[string]bool{}
	for _, chain := range p.Categories {
		for _, c := range chain {
			if !seen[c] {
				seen[c] = true
				cats = append(cats, c)
			}
		}
	}
	if len(cats) > 0 {
		set("categories", cats)
	}
	if len(p.Tags) > 0 {
		set("tags", p.Tags)
	}
	images := stringList(get("images"))
	if cover, ok := p.Cover(); ok && !contains(images, cover.URL) {
		images = append([]string{cover.URL}, images...)
	}
	if len(images) > 0 {
		set("images", images)
	}
	if aliases := stringList(get("aliases")); len(aliases) > 0 {
		set("aliases", aliases)
	}
	if p.Author != "" {
		set("author", get("author"))
	}
	if s, ok := get("summary").(string); ok {
		set("summary", s)
	} else if s, ok := get("excerpt").(string); ok {
		set("summary", s)
	} else if summary != "" {
		set("summary", summary)
	}
	for k, v := range fm.All() {
		switch lk := strings.ToLower(k); {
		case mapped[lk] && kept(lk, p): // what no mapping carries, beside Hugo's key
			set("hexo_"+k, v)
			continue
		case mapped[lk] || keys[lk]:
			continue
		}
		if hk, hv, ok := hugoValue(k, v); ok {
			set(hk, hv)
		} else {
			fmt.Fprintf(stderr, "to-hugo: %s: %s is %v, which Hugo cannot read: kept as hexo_%s\n", p.Source, k, v, k)
			set("hexo_"+k, v)
		}
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	b.WriteString("---\n")
	return b.Bytes(), nil
}

// kept reports whether a key the conversion maps holds what no mapped key
// carries, and so is kept as hexo_KEY: a layout (Hugo's means a template),
// a url key (Hugo's url is Hexo's path), a date Hexo cannot read.
func kept(key string, p *hexo.Post) bool {
	switch key {
	case "layout":
		return p.Layout != "post" && p.Layout != "page"
	case "url":
		return true
	case "date":
		return p.Date.IsZero()
	case "updated":
		return p.Updated.IsZero()
	}
	return false
}

// hugoValue checks a value under one of Hugo's own keys against the type
// Hugo wants there (Hugo stops the build on a date that is no date or a
// weight that is no number); other keys are params, any value.
func hugoValue(k string, v any) (string, any, bool) {
	switch strings.ToLower(k) {
	case "publishdate", "expirydate", "pubdate", "unpublishdate":
		d := dateOf(v)
		return k, d, d != ""
	case "weight":
		switch v.(type) {
		case int, int64, uint64, float64:
			return k, v, true
		}
		return k, v, false
	case "headless", "iscjklanguage":
		_, ok := v.(bool)
		return k, v, ok
	case "outputs", "keywords", "resources", "cascade", "build", "menu", "menus", "markup", "type", "linktitle", "description", "sitemap", "translationkey":
		if strings.EqualFold(k, "outputs") || strings.EqualFold(k, "keywords") {
			l := stringList(v)
			return k, l, l != nil
		}
		if s, ok := v.(string); ok {
			return k, s, true
		}
		return k, v, strings.EqualFold(k, "cascade") || strings.EqualFold(k, "menu") || strings.EqualFold(k, "menus") || strings.EqualFold(k, "build") || strings.EqualFold(k, "resources") || strings.EqualFold(k, "sitemap")
	}
	return k, v, true
}

// dateOf is a front-matter date as RFC 3339, or "" when it is none.
func dateOf(v any) string {
	if t, ok := v.(time.Time); ok && !t.IsZero() {
		return t.Format(time.RFC3339)
	}
	return ""
}

// stringList is a string or a list of strings as a list; nil for anything else.
func stringList(v any) []string {
	switch v := v.(type) {
	case string:
		if v != "" {
			return []string{v}
		}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func contains(l []string, s string) bool {
	for _, e := range l {
		if e == s {
			return true
		}
	}
	return false
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
