package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/gohexo/hexo"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// headingAt is a heading of a Markdown body in document order: a Markdown
// heading, with the offset its id attribute goes at (the end of its last
// line), or a heading element of its raw HTML (at -1), whose id is its own.
type headingAt struct {
	level, at int
}

// withHeadingIDs writes Hexo's id of each Markdown heading as a heading
// attribute (## Title {#id}, which the generated hugo.toml lets goldmark
// read), so that a link to #id on the old pages finds its heading: Hugo's
// own ids are lower case and count repeats otherwise. The headings are
// those goldmark, Hugo's renderer, reads in md; they are matched with the
// post's (Post.Headings, Markdown and HTML headings in document order) one
// for one. When the two do not match, the ids are left to Hugo, with a
// warning.
func withHeadingIDs(md string, p *hexo.Post, stderr io.Writer) string {
	hs := p.Headings()
	if len(hs) == 0 {
		return md
	}
	src := []byte(md)
	found := markdownHeadings(src)
	if len(found) != len(hs) {
		fmt.Fprintf(stderr, "to-hugo: %s: Hugo reads %d headings, Hexo %d: heading ids left to Hugo\n", p.Source, len(found), len(hs))
		return md
	}
	for i, h := range found {
		if h.level != hs[i].Level {
			fmt.Fprintf(stderr, "to-hugo: %s: heading %d is level %d for Hugo, %d for Hexo: heading ids left to Hugo\n", p.Source, i+1, h.level, hs[i].Level)
			return md
		}
	}
	var b strings.Builder
	b.Grow(len(md) + 16*len(found))
	done := 0
	for i, h := range found {
		attr := idAttribute(hs[i].ID)
		if h.at < 0 || attr == "" {
			continue
		}
		b.WriteString(md[done:h.at])
		b.WriteString(" " + attr)
		done = h.at
	}
	b.WriteString(md[done:])
	return b.String()
}

// markdownHeadings are the headings of a Markdown body as goldmark reads it
// with GFM, Hugo's settings for blocks.
func markdownHeadings(src []byte) []headingAt {
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(gmtext.NewReader(src))
	var out []headingAt
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			at := -1
			if lines := n.Lines(); lines.Len() > 0 {
				start := lines.At(lines.Len() - 1).Start
				at = len(src)
				if j := bytes.IndexByte(src[start:], '\n'); j >= 0 {
					at = start + j
				}
				for at > start && src[at-1] == '\r' {
					at--
				}
			}
			out = append(out, headingAt{n.Level, at})
		case *ast.HTMLBlock:
			var b strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				b.Write(s.Value(src))
			}
			if n.HasClosure() {
				b.Write(n.ClosureLine.Value(src))
			}
			out = append(out, htmlHeadings(b.String())...)
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				s := n.Segments.At(i)
				b.Write(s.Value(src))
			}
			out = append(out, htmlHeadings(b.String())...)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// htmlHeadings are the heading elements that start in a piece of raw HTML.
func htmlHeadings(s string) []headingAt {
	var out []headingAt
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
				out = append(out, headingAt{int(name[1] - '0'), -1})
			}
		}
	}
}

// idAttribute is goldmark's attribute giving a heading the id: {#id} when
// goldmark reads every character of it there (no space, no ASCII
// punctuation but _-:.), {id="id"} otherwise; "" for no id, or one that no
// attribute can hold.
func idAttribute(id string) string {
	if id == "" || strings.ContainsAny(id, "\"\\\n\r") {
		return ""
	}
	for _, c := range []byte(id) {
		if c <= ' ' || c < 0x80 && strings.IndexByte("!\"#$%&'()*+,/;<=>?@[\\]^`{|}~", c) >= 0 {
			return `{id="` + id + `"}`
		}
	}
	return "{#" + id + "}"
}
