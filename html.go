package hexo

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hiddenTags hold no text of the post: their content never reaches a block
// (hides, in tokenwalk.go, is the whole rule).
var hiddenTags = map[atom.Atom]bool{
	atom.Style: true, atom.Script: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Noembed: true, atom.Noframes: true,
}

// blockTags end the paragraph being collected, when they open and when they close.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Head: true, atom.Title: true, atom.Textarea: true, atom.Legend: true,
}

var voidTags = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Keygen: true, atom.Link: true,
	atom.Meta: true, atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// moreMarker is Hexo's excerpt rule, /<!-- ?more ?-->/i, on a comment's data.
var moreMarker = regexp.MustCompile(`(?i)^ ?more ?$`)

// walkResult is what one pass over a body's HTML yields.
type walkResult struct {
	blocks []Block
	more   int   // byte offset of the first more marker outside code; -1 when none
	moreN  int   // its length
	err    error // a limit was hit: blocks hold what was walked before it
	errAt  int   // byte offset of the token where the limit was hit
}

// walkLimits bound a walk; zero values mean no bound.
type walkLimits struct {
	depth  int // open elements
	blocks int
}

// pendingImage is an image of the paragraph being collected.
type pendingImage struct{ url, alt string }

type headingPiece struct {
	child  int  // index of the heading's direct child holding the text; -1 for the heading itself
	anchor bool // that child is an <a>
	text   string
}

type walker struct {
	res    walkResult
	offset int // byte offset of the current token
	stack  elemStack
	lim    walkLimits

	hidden int // open elements whose content is hidden
	pre    int // open <pre> elements
	code   int // open <code> elements
	para   strings.Builder
	paraOK bool           // para holds visible text
	paraAt string         // innermost block element when the paragraph began
	images []pendingImage // the paragraph's images, added after its text

	inHeading bool
	hDepth    int // stack depth of the open heading
	heading   Block
	hPieces   []headingPiece
	hChild    int // counter of direct children

	preText strings.Builder
}

// walkHTML walks an HTML fragment once into blocks and finds the more marker.
func walkHTML(src string, lim walkLimits) walkResult {
	w := newWalker(len(src), lim)
	z := html.NewTokenizer(strings.NewReader(src))
	offset := 0
	for w.res.err == nil {
		w.offset = offset
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		w.token(z, tt, raw)
		offset += raw
	}
	w.flushAll()
	return w.res
}

// newWalker sizes the block list for a body of n bytes: about one block per
// 300 bytes in real posts.
func newWalker(n int, lim walkLimits) *walker {
	return &walker{res: walkResult{more: -1, blocks: make([]Block, 0, n/300+4)}, lim: lim}
}

// token hands the walker the tokenizer's current token, raw bytes long. Both
// walks feed it: walkHTML every token of a body, walkMarkdown the tokens of
// the raw HTML in goldmark's tree. It returns a tag's element.
func (w *walker) token(z *html.Tokenizer, tt html.TokenType, raw int) (a atom.Atom) {
	switch tt {
	case html.TextToken:
		w.text(z.Text())
	case html.StartTagToken, html.SelfClosingTagToken:
		name, hasAttr := z.TagName()
		a = atom.Lookup(name)
		var attrs tagAttrs
		if hasAttr {
			attrs.read(z)
		}
		w.start(a, tagName(a, name), &attrs, tt == html.SelfClosingTagToken)
	case html.EndTagToken:
		name, _ := z.TagName()
		a = atom.Lookup(name)
		w.end(a, tagName(a, name))
	case html.CommentToken:
		w.comment(z.Text(), raw)
	}
	return a
}

// comment takes the first more marker outside code and hidden content: the
// blocks before it are the excerpt's.
func (w *walker) comment(data []byte, raw int) {
	if w.res.more < 0 && w.pre == 0 && w.code == 0 && w.hidden == 0 && moreMarker.Match(data) {
		w.flushParagraph()
		w.res.more, w.res.moreN = w.offset, raw
		for i := range w.res.blocks {
			w.res.blocks[i].InExcerpt = true
		}
	}
}

func (w *walker) start(a atom.Atom, name string, attrs *tagAttrs, selfClosing bool) {
	if a == atom.Img {
		if w.hidden == 0 {
			w.image(attrs)
		}
		return
	}
	if a == atom.Br {
		if w.hidden > 0 {
			return
		}
		switch {
		case w.pre > 0:
			w.preText.WriteByte('\n')
		case w.inHeading:
			w.headingText("\n")
		default:
			w.para.WriteByte('\n')
		}
		return
	}
	if voidTags[a] {
		if a == atom.Hr {
			w.flushParagraph()
		}
		return
	}
	if w.hidden == 0 && !w.inHeading && w.pre == 0 && blockTags[a] {
		w.flushParagraph()
	}
	if selfClosing {
		return // <div/> opens nothing that needs closing here
	}
	if i := w.stack.impliedEnd(a); i >= 0 {
		for w.stack.depth() > i {
			w.pop()
		}
	}
	if w.lim.depth > 0 && w.stack.depth() >= w.lim.depth {
		w.fail(fmt.Errorf("%w: HTML nested deeper than %d elements", ErrTooDeep, w.lim.depth))
		return
	}
	hidden := hides(a, attrs)
	if hidden {
		w.hidden++
	}
	if w.hidden == 0 {
		switch {
		case a == atom.Pre:
			if w.pre == 0 && !w.inHeading {
				w.preText.Reset()
			}
			w.pre++
		case a == atom.Code:
			w.code++
		case isHeading(a) && !w.inHeading && w.pre == 0:
			w.inHeading = true
			w.hDepth = w.stack.depth() + 1
			w.heading = Block{Kind: BlockHeading, Tag: name, Level: int(name[1] - '0'), ID: attrs.id,
				Unnumbered: attrs.unnumbered}
			w.hPieces = w.hPieces[:0]
			w.hChild = 0
		}
	}
	if w.hidden == 0 && w.inHeading && w.stack.depth() == w.hDepth {
		w.hChild++ // a new direct child of the heading
	}
	w.stack.push(openElem{a: a, name: name, hidden: hidden})
}

func (w *walker) end(a atom.Atom, name string) {
	// close up to the innermost open element of that name; a stray end tag
	// closes nothing
	if i := w.stack.find(name); i >= 0 {
		for w.stack.depth() > i {
			w.pop()
		}
	}
	if blockTags[a] && w.hidden == 0 && !w.inHeading && w.pre == 0 {
		w.flushParagraph()
	}
}

func (w *walker) pop() {
	e := w.stack.pop()
	if e.hidden {
		w.hidden--
		return
	}
	if w.hidden > 0 {
		return
	}
	switch {
	case e.a == atom.Code:
		w.code--
	case e.a == atom.Pre:
		w.pre--
		if w.pre == 0 && !w.inHeading {
			w.flushParagraph()
			code := strings.TrimPrefix(w.preText.String(), "\n")
			code = strings.ToValidUTF8(strings.TrimRight(code, " \t\n"), "\uFFFD")
			if strings.TrimSpace(code) != "" {
				w.addBlock(Block{Kind: BlockCode, Tag: "pre", Text: code})
			}
			w.preText.Reset()
		}
	}
	if w.inHeading && w.stack.depth()+1 == w.hDepth {
		w.endHeading()
	}
}

func (w *walker) text(s []byte) {
	if w.hidden > 0 {
		return
	}
	switch {
	case w.inHeading:
		w.headingText(string(s))
	case w.pre > 0:
		w.preText.Write(s)
	default:
		if !w.paraOK && !allSpace(s) {
			w.paraOK = true
			w.paraAt = w.stack.innermostBlock()
		}
		w.para.Write(s)
	}
}

func (w *walker) headingText(s string) {
	p := headingPiece{child: -1, text: s}
	if w.stack.depth() > w.hDepth {
		p.child = w.hChild
		p.anchor = w.stack.elems[w.hDepth].a == atom.A
	}
	w.hPieces = append(w.hPieces, p)
}

// endHeading applies Hexo's tocObj rule: a direct <a> child whose text is one
// non-alphanumeric character (a permalink symbol) is not part of the text.
func (w *walker) endHeading() {
	w.inHeading = false
	var full, kept strings.Builder
	for i := 0; i < len(w.hPieces); {
		first := w.hPieces[i]
		j := i + 1
		if first.child >= 0 {
			for j < len(w.hPieces) && w.hPieces[j].child == first.child {
				j++
			}
		}
		var group strings.Builder
		for _, p := range w.hPieces[i:j] {
			group.WriteString(p.text)
		}
		g := group.String()
		full.WriteString(g)
		if !(first.anchor && isPermalinkSymbol(g)) {
			kept.WriteString(g)
		}
		i = j
	}
	text := collapseSpace(kept.String())
	if text == "" {
		text = collapseSpace(full.String())
	}
	w.heading.Text = text
	w.addBlock(w.heading)
}

func isPermalinkSymbol(s string) bool {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if utf8.RuneCountInString(s) != 1 {
		return false
	}
	c := s[0]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
}

// fail stops the walk at the current token with err (the first one wins).
func (w *walker) fail(err error) {
	if w.res.err == nil {
		w.res.err, w.res.errAt = err, w.offset
	}
}

// addBlock appends a block; at the limit the walk stops with an error.
func (w *walker) addBlock(b Block) {
	if w.lim.blocks > 0 && len(w.res.blocks) >= w.lim.blocks {
		w.fail(fmt.Errorf("%w: more than %d blocks", ErrTooLarge, w.lim.blocks))
		return
	}
	w.res.blocks = append(w.res.blocks, b)
}

func (w *walker) flushParagraph() {
	if w.paraOK {
		if t := collapseSpace(w.para.String()); t != "" {
			tag := w.paraAt
			if tag == "" {
				tag = "p"
			}
			w.addBlock(Block{Kind: BlockParagraph, Tag: tag, Text: t})
		}
	}
	w.para.Reset()
	w.paraOK = false
	for _, img := range w.images {
		w.addBlock(Block{Kind: BlockImage, Tag: "img", URL: img.url, Alt: img.alt})
	}
	w.images = w.images[:0]
}

func (w *walker) flushAll() {
	for w.stack.depth() > 0 {
		w.pop()
	}
	if w.inHeading {
		w.endHeading()
	}
	w.flushParagraph()
}

// image records an <img>. A data: placeholder in src gives way to the lazy
// loaders' attributes; srcset is the last resort; script URLs are dropped.
func (w *walker) image(attrs *tagAttrs) {
	src := strings.TrimSpace(attrs.src)
	var buf [1 + len(attrs.lazy)]string // no allocation per image: a post may hold a million
	urls := buf[:0]
	if src != "" {
		urls = append(urls, src)
	}
	lazy := false
	for _, u := range attrs.lazy {
		if u = strings.TrimSpace(u); u != "" {
			urls = append(urls, u)
			lazy = true
		}
	}
	if lazy && src != "" && hasScheme(src, "data") {
		urls = urls[1:]
	}
	if len(urls) == 0 {
		if u := firstSrcset(attrs.srcset); u != "" {
			urls = append(urls, u)
		}
	}
	for i, u := range urls {
		if slices.Contains(urls[:i], u) || hasScheme(u, "javascript") || hasScheme(u, "vbscript") {
			continue
		}
		if w.inHeading || w.pre > 0 {
			w.addBlock(Block{Kind: BlockImage, Tag: "img", URL: u, Alt: attrs.alt})
		} else {
			w.images = append(w.images, pendingImage{u, attrs.alt})
		}
	}
}

func isHeading(a atom.Atom) bool {
	return a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6
}

// tagAttrs holds the attributes the walk reads; the first of a name wins.
type tagAttrs struct {
	id, src, srcset, alt string
	lazy                 [3]string // data-src, data-original, data-lazy-src
	gutter               bool      // class="gutter": a line-number column
	unnumbered           bool      // data-toc-unnumbered="true"
	seen                 uint16
}

func (t *tagAttrs) read(z *html.Tokenizer) {
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		var bit uint16
		switch string(k) {
		case "id":
			bit = 1
		case "src":
			bit = 2
		case "srcset":
			bit = 4
		case "alt":
			bit = 8
		case "data-src":
			bit = 16
		case "data-original":
			bit = 32
		case "data-lazy-src":
			bit = 64
		case "class":
			bit = 128
		case "data-toc-unnumbered":
			bit = 256
		default:
			continue
		}
		if t.seen&bit != 0 {
			continue
		}
		t.seen |= bit
		if !utf8.Valid(v) { // like text, what the walk hands out is valid UTF-8
			v = bytes.ToValidUTF8(v, []byte("\uFFFD"))
		}
		switch bit {
		case 1:
			t.id = string(v)
		case 2:
			t.src = string(v)
		case 4:
			t.srcset = string(v)
		case 8:
			t.alt = string(v)
		case 16, 32, 64:
			t.lazy[bit>>5] = string(v)
		case 128:
			t.gutter = hasClass(v, "gutter")
		case 256:
			t.unnumbered = string(v) == "true"
		}
	}
}

func hasClass(classes []byte, c string) bool {
	for _, f := range strings.Fields(string(classes)) {
		if f == c {
			return true
		}
	}
	return false
}

// tagName is the element's name without an allocation for known elements.
func tagName(a atom.Atom, name []byte) string {
	if a != 0 {
		return a.String()
	}
	return string(name)
}
