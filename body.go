package hexo

import (
	"fmt"
	"strings"
)

// walk expands the tag plugins and walks the body once into Blocks: a
// Markdown body through goldmark's tree (walkMarkdown), an HTML body through
// its tokens. Nothing is rendered: Content, Excerpt and More are made when
// first asked (content.go). Every body helper reads what walk leaves. A
// limit hit in an HTML body is reported with its line in the body.
func (p *Post) walk() (bodyLine int, err error) {
	body := p.Body
	var held *heldItems // Hexo holds a Markdown body's code and tags aside while Markdown renders
	if p.Format == FormatMarkdown {
		body, p.held = pairFences(body) // Hexo's fence pass runs first, on the raw text
		held = &p.held
		if strings.IndexByte(body, '\r') >= 0 {
			// a lone CR ends a line for CommonMark and for marked, which
			// replaces it before lexing; goldmark reads it as text
			body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
		}
	}
	expanded := expandTags(body, p.warn, p.Format == FormatHTML, p.opts.assets, held) // Hexo's tag pass runs on both
	p.expanded = expanded
	p.memo = &memo{}
	p.moreAt = -1
	var res walkResult
	var mdErr error
	mdAt := -1
	if p.Format == FormatMarkdown {
		var content string
		var g *mdGuard
		if res, content, g, err = walkMarkdownBody(expanded, p.held, p.opts); err != nil {
			return 0, err
		}
		if content != "" {
			p.rendered(content, res.more, res.moreN)
		}
		mdErr, mdAt = g.err, g.errAt
	} else {
		res = walkHTML(expanded, p.opts.walkLimits())
		p.rendered(expanded, res.more, res.moreN)
	}
	p.Blocks = res.blocks
	p.text = res.text
	p.memo.words.Do(func() { // the words of Text, or of its prose alone
		prose, code := res.words[0], res.words[1]
		p.memo.cjk, p.memo.other = prose.cjk, prose.other
		if !p.opts.ExcludeCode {
			p.memo.cjk += code.cjk
			p.memo.other += code.other
		}
	})
	p.moreFound = res.more >= 0
	if p.excerptSet { // Hexo: a front-matter excerpt leaves the body whole
		for i := range p.Blocks {
			p.Blocks[i].InExcerpt = false
		}
	}
	if mdErr != nil { // the Markdown guard's limit comes first: it bounded what the walk saw
		if expanded == p.Body {
			bodyLine = 1 + strings.Count(expanded[:mdAt], "\n")
		}
		return bodyLine, mdErr
	}
	if res.err != nil && p.Format == FormatHTML && expanded == p.Body {
		// Content is the body itself: the offset is a place in the file
		bodyLine = 1 + strings.Count(expanded[:res.errAt], "\n")
	}
	return bodyLine, res.err
}

// walkMarkdownBody walks a Markdown body from goldmark's tree, or, when its
// raw HTML reads differently cut into pieces (walkMarkdown's ok), from the
// whole rendered body. It returns the rendered body when it rendered it
// (then res.more is the marker's offset in it).
func walkMarkdownBody(body string, held heldItems, o Options) (res walkResult, content string, g *mdGuard, err error) {
	source := []byte(body)
	doc, g := parseMarkdown(source, o.markdownLimits())
	setHeadingIDs(doc, source, map[string]int{})
	if o.RenderHTML {
		// rendered before the walk: goldmark's table renderer adds to the
		// cells' attributes each time it renders them, so the tree renders
		// as Hexo's HTML only once
		if content, err = renderDoc(doc, source, held); err != nil {
			return res, "", g, fmt.Errorf("rendering Markdown: %w", err)
		}
	}
	res, ok := walkMarkdown(doc, source, held, o.walkLimits())
	switch {
	case ok && content == "":
		return res, "", g, nil
	case ok: // the blocks are read; a marker the walk found is found in the HTML
		if res.more >= 0 {
			res.more, res.moreN = findMore(content)
		}
		return res, content, g, nil
	case content == "":
		// the walk rendered nodes of the tree: render a fresh one
		doc, _ = parseMarkdown(source, o.markdownLimits())
		setHeadingIDs(doc, source, map[string]int{})
		if content, err = renderDoc(doc, source, held); err != nil {
			return res, "", g, fmt.Errorf("rendering Markdown: %w", err)
		}
	}
	return walkHTML(content, o.walkLimits()), content, g, nil
}

// closeTags closes the elements left open in an HTML fragment, so that an
// excerpt cut inside a paragraph is well-formed (Hexo returns it cut).
func closeTags(s string) string {
	var open elemStack
	walkTokens(s, &open, func(*htmlToken) bool { return true })
	if open.depth() == 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s)
	for open.depth() > 0 {
		b.WriteString("</" + open.pop().name + ">")
	}
	return b.String()
}
