package hexo

import (
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The body as HTML is made only when asked: reading a post (its blocks,
// text, summary, word count) never renders Markdown, and most programs
// never need the HTML.

// memo holds what a post's helpers make on first use. It is a pointer, so
// that copying a Post copies no lock; each part is made once, so a parsed
// post may be read from several goroutines.
type memo struct {
	html                   sync.Once
	content, excerpt, more string
	contentSet             bool // content is known from the parse (an HTML body)

	words      sync.Once
	cjk, other int

	summary     sync.Once
	summaryText string
}

// rendered records the HTML the parse made, with the more marker's offset
// in it (-1: none), before the post is shared.
func (p *Post) rendered(content string, at, n int) {
	p.memo.content, p.memo.contentSet = content, true
	p.moreAt, p.moreN = at, n
}

// Content returns the body as HTML: the body itself for an HTML body, the
// rendered Markdown otherwise (headings with hexo-renderer-marked's ids);
// Hexo's tag plugins are expanded in both. A Markdown body is rendered on
// the first call of Content, Excerpt or More.
func (p *Post) Content() string { return p.html().content }

// Excerpt returns the front matter's excerpt, or the HTML before the first
// <!-- more --> marker, its open elements closed; "" when there is neither.
func (p *Post) Excerpt() string {
	if p.excerptSet {
		return p.fmExcerpt
	}
	return p.html().excerpt
}

// More returns the HTML after the first <!-- more --> marker: the whole
// body's HTML when there is no marker or the front matter sets the excerpt.
func (p *Post) More() string { return p.html().more }

// hasExcerpt reports whether a more marker cuts the body into excerpt and
// more (a front-matter excerpt leaves the body whole).
func (p *Post) hasExcerpt() bool { return !p.excerptSet && p.moreFound }

var noMemo = &memo{}

// html makes Content, Excerpt and More once. The tree walk of a Markdown
// body found whether it has a more marker, not where it falls in the HTML:
// the rendered HTML is searched for it.
func (p *Post) html() *memo {
	m := p.memo
	if m == nil {
		return noMemo // a Post not made by a parse
	}
	m.html.Do(func() {
		at, n := p.moreAt, p.moreN
		if !m.contentSet {
			m.content, _, _ = renderMarkdown(p.expanded, p.held, p.opts.markdownLimits()) // a buffer never fails to write
			if p.hasExcerpt() {
				at, n = findMore(m.content)
			}
		}
		if p.hasExcerpt() && at >= 0 {
			m.excerpt = closeTags(strings.TrimSpace(m.content[:at]))
			m.more = strings.TrimSpace(m.content[at+n:])
		} else {
			m.more = m.content
		}
	})
	return m
}

// findMore returns the offset and length of the first more marker of an
// HTML body outside code and hidden content (the walker's rule), or -1.
func findMore(src string) (at, n int) {
	at = -1
	var open elemStack
	walkTokens(src, &open, func(t *htmlToken) bool {
		if t.kind == html.CommentToken && open.hidden == 0 && open.findAtom(atom.Pre) < 0 && open.findAtom(atom.Code) < 0 &&
			isMoreMarker(t.text) {
			at, n = t.offset, len(t.raw)
			return false
		}
		return true
	})
	return at, n
}
