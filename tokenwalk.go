package hexo

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hides is the one rule for what holds no text of the post: style, script,
// noscript, template, iframe, noembed and noframes elements, and a
// highlighted block's line-number gutter (class="gutter"). The body walk,
// summaries and every other pass over HTML read it.
func hides(a atom.Atom, attrs *tagAttrs) bool {
	return flagsOf(a)&tagHidden != 0 || attrs != nil && attrs.gutter
}

// htmlToken is one token of walkTokens, with what it did to the open
// elements.
type htmlToken struct {
	kind   html.TokenType
	a      atom.Atom
	name   string
	raw    []byte // the token as written
	text   []byte // a text token's text, a comment's data
	offset int    // where the token starts in the source
	// closed are the elements the token ended (implied by a start tag, or
	// by an end tag), innermost first.
	closed []openElem
	opened bool // a start tag pushed its element (void ones push none)
}

// walkTokens tokenizes src once and keeps the open elements in stack: HTML's
// implied end tags, void elements, and which content is hidden (hides).
// visit sees every token after the stack took it (a start tag's element is
// on the stack, pushed hidden or not); it returns false to stop.
func walkTokens(src string, stack *elemStack, visit func(t *htmlToken) bool) {
	z := html.NewTokenizer(strings.NewReader(src))
	var t htmlToken
	offset := 0
	for {
		tt := z.Next()
		t = htmlToken{kind: tt, raw: z.Raw(), offset: offset, closed: t.closed[:0]}
		offset += len(t.raw)
		switch tt {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			var attrs tagAttrs
			t.a, t.name = readTag(z, tt, &attrs)
			if tt == html.StartTagToken {
				f := flagsOf(t.a)
				if i := stack.impliedEnd(t.a, f); i >= 0 {
					for stack.depth() > i {
						t.closed = append(t.closed, stack.pop())
					}
				}
				if f&tagVoid == 0 {
					stack.push(openElem{a: t.a, name: t.name, hidden: hides(t.a, &attrs)})
					t.opened = true
				}
			}
		case html.EndTagToken:
			t.a, t.name = readTag(z, tt, nil)
			if i := stack.find(t.a, t.name); i >= 0 {
				for stack.depth() > i {
					t.closed = append(t.closed, stack.pop())
				}
			}
		case html.TextToken, html.CommentToken:
			t.text = z.Text()
		}
		if !visit(&t) {
			return
		}
	}
}
