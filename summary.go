package hexo

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// SummaryOptions tunes Post.SummaryWith. The zero value is Post.Summary.
type SummaryOptions struct {
	// Length in user-perceived characters (grapheme clusters), the omission
	// mark included. 0 means Options.SummaryLength (DefaultSummaryLength by default).
	Length int
	// Omission ends a summary that was cut. "" means "…".
	Omission string
	// FrontMatterExcerpt uses the front matter's excerpt, when there is one,
	// instead of the body. It is off by default because that text is not
	// part of the post's text: the default summary always starts the post.
	FrontMatterExcerpt bool
	// IgnoreMore reads past the <!-- more --> marker. By default a post with
	// a marker is summarised from its excerpt, the part its author chose.
	IgnoreMore bool
}

// Summary returns the start of the post: the text before the <!-- more -->
// marker when there is one and it holds text, else the body's text, cut to
// Options.SummaryLength user-perceived characters (DefaultSummaryLength by default), "…"
// included when something was cut.
//
// It never cuts a grapheme cluster (an emoji, a flag, a letter with its
// accents) and, in spaced scripts, backs up to the last space rather than cut
// a word (a single word longer than the summary is cut); CJK text may be cut
// between any two characters. Unlike hexo-util's truncate, which counts UTF-16
// units of stripHTML's output, it never shows style or script content.
func (p *Post) Summary() string {
	m := p.memo
	if m == nil {
		return p.SummaryWith(SummaryOptions{})
	}
	m.summary.Do(func() { m.summaryText = p.SummaryWith(SummaryOptions{}) })
	return m.summaryText
}

// SummaryWith is Summary with options.
func (p *Post) SummaryWith(o SummaryOptions) string {
	n := o.Length
	if n <= 0 {
		n = p.opts.summaryLength()
	}
	mark := o.Omission
	if mark == "" {
		mark = "…"
	}
	var text string
	switch {
	case o.FrontMatterExcerpt && p.excerptSet:
		text = walkHTML(p.fmExcerpt, p.opts.walkLimits()).text
	case !o.IgnoreMore && p.hasExcerpt():
		text = blocksText(p.Blocks, true, func(b Block) bool { return b.InExcerpt })
		if text == "" { // an excerpt of images only: the post's text says more
			text = p.Text()
		}
	default:
		text = p.Text()
	}
	return truncateText(text, n, mark)
}

// truncateText cuts text whose only whitespace runs are single spaces or
// newlines (what blocksText and collapseSpace return) to at most n grapheme
// clusters, mark included; newlines become spaces. Only the clusters up to
// the cut are counted, however long the text.
func truncateText(text string, n int, mark string) string {
	if !longerThan(text, n) {
		return strings.ReplaceAll(text, "\n", " ")
	}
	keep := n - clusterCount(mark)
	if keep <= 0 {
		return ""
	}
	cut, _ := cutText(text, keep)
	return strings.ReplaceAll(cut, "\n", " ") + mark
}

// longerThan reports whether s has more than n grapheme clusters, counting
// no further than n+1.
func longerThan(s string, n int) bool {
	if len(s) <= n {
		return false // every cluster is at least a byte
	}
	state := -1
	for count := 0; s != ""; count++ {
		if count == n {
			return true
		}
		var k int
		k, state = firstCluster(s, state)
		s = s[k:]
	}
	return false
}

// cutText keeps the first keep grapheme clusters of text, backed up to the
// last space when the cut falls inside a word of a spaced script; whole is
// false when there was no space to back up to and a word was cut.
func cutText(text string, keep int) (cut string, whole bool) {
	end, count := 0, 0
	state := -1
	for rest := text; len(rest) > 0 && count < keep; count++ {
		var k int
		k, state = firstCluster(rest, state)
		rest = rest[k:]
		end += k
	}
	if end >= len(text) || !isWordRune(lastRune(text[:end])) || !isWordRune(firstRune(text[end:])) {
		return strings.TrimRightFunc(text[:end], isSpace), true
	}
	if i := strings.LastIndexFunc(text[:end], isSpace); i > 0 {
		return strings.TrimRightFunc(text[:i], isSpace), true
	}
	return text[:end], false
}

func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) && !isCJK(r)
}

// lastRune is the last character of s: the first decoded from its last
// byte that is ASCII or leads a character; 0 for "".
func lastRune[S ~string | ~[]byte](s S) rune {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			r, _ := decodeRune(s[i:])
			return r
		}
	}
	return 0
}

// firstRune is the first character of s, 0 for "".
func firstRune[S ~string | ~[]byte](s S) rune {
	if len(s) == 0 {
		return 0
	}
	r, _ := decodeRune(s)
	return r
}

// SummaryHTML makes the cut of Summary on the HTML instead of the text: the
// excerpt's HTML (or the whole body's), kept up to n user-perceived
// characters of visible text (0 means Options.SummaryLength), "…" added when
// something was cut, and every element left open closed, so that a feed can
// show a formatted summary safely. Style, script, noscript, template and
// iframe elements and comments are left out.
func (p *Post) SummaryHTML(n int) string {
	if n <= 0 {
		n = p.opts.summaryLength()
	}
	src := p.Content()
	if e := p.Excerpt(); !p.excerptSet && e != "" {
		src = e
	}
	return truncateHTML(src, n, "…")
}

func truncateHTML(src string, n int, mark string) string {
	budget := n - clusterCount(mark)
	var out strings.Builder
	var open elemStack
	used := 0
	space := false // whitespace pending between two counted pieces
	walkTokens(src, &open, func(t *htmlToken) bool {
		hidden := open.hidden // around the token: an element it opened is not around its own tag
		if t.opened && open.elems[open.depth()-1].hidden {
			hidden--
		}
		for _, e := range t.closed {
			if !e.hidden && hidden == 0 && e.a != atom.Plaintext {
				out.WriteString("</" + e.name + ">") // spelled out: the summary is well-formed
			}
		}
		if hidden > 0 || t.opened && open.elems[open.depth()-1].hidden {
			return true // inside what hides its content, or that element's own tag
		}
		switch t.kind {
		case html.StartTagToken, html.SelfClosingTagToken:
			if t.opened && open.elems[open.depth()-1].a == atom.Plaintext {
				return true // no end tag ends it: the page the summary is put in would be text to its end
			}
			out.Write(t.raw)
		case html.TextToken:
			raw := string(t.text)
			text := collapseSpace(raw)
			if text == "" {
				space = true
				out.WriteString(html.EscapeString(raw))
				return true
			}
			if used > 0 && (space || isSpace(firstRune(raw))) {
				used++ // the space between this piece and the last
			}
			space = isSpace(lastRune(raw))
			c := clusterCount(text)
			if used+c <= budget {
				used += c
				out.WriteString(html.EscapeString(raw))
				return true
			}
			if cut, whole := cutText(text, budget-used); whole || used == 0 {
				if used > 0 && isSpace(firstRune(raw)) && cut != "" {
					out.WriteByte(' ')
				}
				out.WriteString(html.EscapeString(cut))
			}
			out.WriteString(mark)
			used = max(used, 1)
			return false
		}
		return true
	})
	if used == 0 {
		return "" // no visible text: no summary
	}
	for open.depth() > 0 {
		if e := open.pop(); !e.hidden && open.hidden == 0 && e.a != atom.Plaintext {
			out.WriteString("</" + e.name + ">")
		}
	}
	return out.String()
}
