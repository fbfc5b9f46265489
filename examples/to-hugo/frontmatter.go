package main

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/gohexo/hexo"
	yaml "go.yaml.in/yaml/v3"
)

// mapped are the front-matter keys the conversion writes itself.
var mapped = map[string]bool{
	"title": true, "date": true, "updated": true, "lastmod": true, "draft": true, "published": true,
	"slug": true, "url": true, "permalink": true, "categories": true, "category": true, "tags": true, "tag": true,
	"images": true, "aliases": true, "author": true, "excerpt": true, "summary": true, "layout": true,
}

// hugoFrontMatter is the post's front matter for Hugo, in a fixed order:
// Hexo's keys mapped, then every other key as the post has it. A key that
// cannot be written under its own name (a value Hugo would refuse or that
// would hide the post, a mapped key holding what no mapping carries, a
// second key differing only in case) is kept as hexo_KEY, or the first of
// hexo_KEY_2, hexo_KEY_3... that no other key of the post takes: a YAML
// mapping never holds a key twice.
func hugoFrontMatter(p *hexo.Post, url, summary string, stderr io.Writer) ([]byte, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	fm := p.FrontMatter
	keys := map[string]bool{}  // written, lower case: Hugo's keys ignore case
	taken := map[string]bool{} // the post's own keys too, which a new name must not take
	for k := range fm.All() {
		taken[strings.ToLower(k)] = true
	}
	set := func(k string, v any) {
		var n yaml.Node
		if err := n.Encode(v); err != nil {
			fmt.Fprintf(stderr, "to-hugo: %s: %s left out: %v\n", p.Source, k, err)
			return
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &n)
		keys[strings.ToLower(k)] = true
		taken[strings.ToLower(k)] = true
	}
	next := map[string]int{}               // by lower-case key: the suffix to try next, so that many kept alike cost linear time
	keep := func(k string, v any) string { // under a name no other key takes
		name, lk := "hexo_"+k, strings.ToLower(k)
		for i := max(2, next[lk]); taken[strings.ToLower(name)]; i++ {
			name = fmt.Sprintf("hexo_%s_%d", k, i)
			next[lk] = i + 1
		}
		set(name, v)
		return name
	}
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
	if !p.Published { // Hexo reads published, and never draft
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
	if aliases := stringList(get("aliases")); len(aliases) > 0 && !aliasesRoot(aliases) {
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
		case mapped[lk] && kept(lk, v, p): // what no mapping carries, beside Hugo's key
			keep(k, v)
			continue
		case mapped[lk]:
			continue
		case keys[lk]: // Foo after foo: Hugo would read one
			keep(k, v)
			continue
		}
		if hk, hv, why := hugoValue(k, v); why == "" {
			set(hk, hv)
		} else {
			fmt.Fprintf(stderr, "to-hugo: %s: %s is %v, which %s: kept as %s\n", p.Source, k, v, why, keep(k, v))
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
// a url key (Hugo's url is Hexo's path), a date Hexo cannot read, a draft
// Hexo ignores (it reads published) that Hugo would not, aliases Hugo
// refuses.
func kept(key string, v any, p *hexo.Post) bool {
	switch key {
	case "layout":
		return p.Layout != "post" && p.Layout != "page"
	case "url":
		return true
	case "date":
		return p.Date.IsZero()
	case "updated":
		return p.Updated.IsZero()
	case "draft":
		d, ok := v.(bool)
		return !ok || d != !p.Published
	case "aliases":
		l := stringList(v)
		return len(l) == 0 || aliasesRoot(l)
	}
	return false
}

// aliasesRoot reports whether an alias is the site's root, which Hugo
// refuses ("alias "/" resolves to website root directory"), failing the
// build.
func aliasesRoot(aliases []string) bool {
	for _, a := range aliases {
		if c := path.Clean("/" + a); c == "/" || c == "/index.html" {
			return true
		}
	}
	return false
}

// hugoValue checks a value under one of Hugo's own keys against what Hugo
// does with it; why says what is wrong, "" when the key can be written.
// Hugo stops the build on a date that is no date, a weight that is no
// number, an output format it does not know or a markup it must run a
// program for; it hides a post Hexo shows that has expired, is published
// in the future, is headless, or that build options or outputs leave out.
// Other keys are params, any value.
func hugoValue(k string, v any) (string, any, string) {
	const hides = "would hide the post in Hugo (Hexo ignores it)"
	switch strings.ToLower(k) {
	case "expirydate", "unpublishdate":
		return k, v, hides
	case "publishdate", "pubdate", "modified":
		d := dateOf(v)
		if d == "" {
			return k, v, "Hugo cannot read as a date"
		}
		if t, _ := v.(time.Time); t.After(time.Now()) && !strings.EqualFold(k, "modified") {
			return k, v, hides
		}
		return k, d, ""
	case "headless", "build", "_build":
		return k, v, hides
	case "markup": // the conversion chooses the markup: .md or .html
		return k, v, "would have Hugo render the content as another markup"
	case "outputs":
		l := stringList(v)
		if len(l) == 0 {
			return k, v, "Hugo cannot read as output formats"
		}
		for _, f := range l {
			if !strings.EqualFold(f, "html") {
				return k, v, "names output formats other than HTML, which would fail the build or hide the page"
			}
		}
		return k, l, ""
	case "weight":
		switch v.(type) {
		case int, int64, uint64, float64:
			return k, v, ""
		}
		return k, v, "Hugo cannot read as a number"
	case "iscjklanguage":
		if _, ok := v.(bool); !ok {
			return k, v, "Hugo cannot read as true or false"
		}
	case "keywords":
		l := stringList(v)
		if l == nil {
			return k, v, "Hugo cannot read as a list of words"
		}
		return k, l, ""
	case "resources", "cascade", "menu", "menus", "sitemap":
		return k, v, ""
	case "type", "linktitle", "description", "translationkey":
		if _, ok := v.(string); !ok {
			return k, v, "Hugo cannot read as text"
		}
	}
	return k, v, ""
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
