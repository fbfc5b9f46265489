package hexo

import (
	"fmt"
	"strings"
)

// walk renders the body to HTML when it is Markdown, walks the HTML once into
// Blocks and splits excerpt and more. Every body helper reads what it leaves.
// A limit hit in an HTML body is reported with its line in the body.
func (p *Post) walk() (bodyLine int, err error) {
	expanded := expandTags(p.Body, p.warn, p.Format == FormatHTML) // Hexo's tag pass runs on both
	content := expanded
	var mdErr error
	mdAt := -1
	if p.Format == FormatMarkdown {
		rendered, g, err := renderMarkdown(content, p.opts.markdownLimits())
		if err != nil {
			return 0, fmt.Errorf("rendering Markdown: %w", err)
		}
		content, mdErr, mdAt = rendered, g.err, g.errAt
	}
	p.Content = content
	res := walkHTML(content, p.opts.walkLimits())
	p.Blocks = res.blocks
	p.text = blocksText(p.Blocks, true, nil)
	switch {
	case p.excerptSet:
		// Hexo: a front-matter excerpt leaves the body whole
		p.More = content
		for i := range p.Blocks {
			p.Blocks[i].InExcerpt = false
		}
	case res.more >= 0:
		p.Excerpt = closeTags(strings.TrimSpace(content[:res.more]))
		p.More = strings.TrimSpace(content[res.more+res.moreN:])
	default:
		p.More = content
	}
	if mdErr != nil { // the Markdown guard's limit comes first: it bounded what the walk saw
		if expanded == p.Body {
			bodyLine = 1 + strings.Count(expanded[:mdAt], "\n")
		}
		return bodyLine, mdErr
	}
	if res.err != nil && p.Format == FormatHTML && content == p.Body {
		// Content is the body itself: the offset is a place in the file
		bodyLine = 1 + strings.Count(content[:res.errAt], "\n")
	}
	return bodyLine, res.err
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
