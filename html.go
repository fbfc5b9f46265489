package hexo

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isMoreMarker is Hexo's excerpt rule, /<!-- ?more ?-->/i, on a comment's
// data: "more" in any case, a space before and after allowed.
func isMoreMarker(data []byte) bool {
	data, _ = bytes.CutPrefix(data, space)
	data, _ = bytes.CutSuffix(data, space)
	return bytes.EqualFold(data, []byte("more"))
}

// walkResult is what one pass over a body's HTML yields.
type walkResult struct {
	blocks []Block
	// words counts the words of the prose blocks (headings, paragraphs) and
	// of the code blocks, each block as it is made, while its text is at
	// hand: what WordCount reads, without a pass over the whole text later
	words [2]struct{ cjk, other int }
	// text is the blocks' text as Text joins it: a block's text a line
	// (code collapsed to one), the prose blocks' Text slices of it
	text  string
	more  int   // byte offset of the first more marker outside code; -1 when none
	moreN int   // its length
	err   error // a limit was hit: blocks hold what was walked before it
	errAt int   // byte offset of the token where the limit was hit
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
	end    int  // where the piece ends in the heading's text
}

type walker struct {
	res    walkResult
	offset int // byte offset of the current token
	stack  elemStack
	lim    walkLimits

	hidden int    // open elements whose content is hidden
	pre    int    // open <pre> elements
	code   int    // open <code> elements
	para   []byte // the paragraph's text as written, its spaces not yet collapsed
	paraOK bool   // para holds visible text
	paraAt string // innermost block element when the paragraph began
	images []pendingImage

	inHeading bool
	hDepth    int // stack depth of the open heading
	heading   Block
	hText     []byte         // the heading's text, its pieces one after another
	hPieces   []headingPiece // where each piece came from
	hChild    int            // counter of direct children

	preText []byte
	// joined is the text of the blocks so far as Text joins it, made one
	// string when the walk ends: one allocation for the text of every block
	joined []byte

	// the blocks so far, and where their Text lies in joined: the current
	// chunk, and the full ones (each as large as all before it, so that no
	// block is copied until the walk ends)
	blocks   []Block
	texts    []textAt
	chunks   []blockChunk
	nBlocks  int
	excerptN int // blocks before the more marker
}

// The buffers of a walk (its blocks, the text being collected, the open
// elements) are kept for the next walk, so that a walk allocates its
// blocks and their text and little else.
var walkers = sync.Pool{New: func() any { return new(walker) }}

// keepLimit is the size past which a walk's buffer is let go rather than
// kept for the next: a hostile post's buffers are not held on to.
const keepLimit = 1 << 16

// walkHTML walks an HTML fragment once into blocks and finds the more marker.
func walkHTML(src string, lim walkLimits) walkResult {
	w := newWalker(lim)
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
	return w.finish()
}

// newWalker starts a walk with the buffers of an earlier one.
func newWalker(lim walkLimits) *walker {
	w := walkers.Get().(*walker)
	w.res = walkResult{more: -1}
	w.lim = lim
	return w
}

// finish closes what is open, hands out the result and lets the walker go:
// w is not to be used after.
func (w *walker) finish() walkResult {
	w.flushAll()
	res := w.res
	res.text = string(w.joined)
	res.blocks = make([]Block, 0, w.nBlocks) // the buffers stay with the walker
	for _, c := range append(w.chunks, blockChunk{w.blocks, w.texts}) {
		for i, b := range c.blocks {
			if t := c.texts[i]; t.from >= 0 {
				b.Text = res.text[t.from:t.to]
			}
			res.blocks = append(res.blocks, b)
		}
	}
	for i := range w.excerptN {
		res.blocks[i].InExcerpt = true
	}
	w.release()
	return res
}

// release clears the walker for the next walk and pools it.
func (w *walker) release() {
	w.stack.reset()
	clear(w.blocks) // the pool must not keep the text alive
	clear(w.images)
	*w = walker{
		stack:   w.stack,
		para:    keep(w.para),
		images:  keep(w.images[:0]),
		hText:   keep(w.hText),
		hPieces: keep(w.hPieces),
		preText: keep(w.preText),
		joined:  keep(w.joined),
		blocks:  keep(w.blocks[:0]),
		texts:   keep(w.texts),
	}
	walkers.Put(w)
}

// keep is a buffer emptied for the next walk, or nil when it grew too large
// to hold on to.
func keep[T any](b []T) []T {
	if cap(b)*int(unsafe.Sizeof(*new(T))) > keepLimit {
		return nil
	}
	return b[:0]
}

// token hands the walker the tokenizer's current token, raw bytes long. Both
// walks feed it: walkHTML every token of a body, walkMarkdown the tokens of
// the raw HTML in goldmark's tree. It returns a tag's element.
func (w *walker) token(z *html.Tokenizer, tt html.TokenType, raw int) (a atom.Atom) {
	switch tt {
	case html.TextToken:
		w.text(z.Text())
	case html.StartTagToken, html.SelfClosingTagToken:
		var attrs tagAttrs
		var name string
		a, name = readTag(z, tt, &attrs)
		w.start(a, name, &attrs, tt == html.SelfClosingTagToken)
	case html.EndTagToken:
		var name string
		a, name = readTag(z, tt, nil)
		w.end(a, name)
	case html.CommentToken:
		w.comment(z.Text(), raw)
	}
	return a
}

// comment takes the first more marker outside code and hidden content: the
// blocks before it are the excerpt's.
func (w *walker) comment(data []byte, raw int) {
	if w.res.more < 0 && w.pre == 0 && w.code == 0 && w.hidden == 0 && isMoreMarker(data) {
		w.flushParagraph()
		w.res.more, w.res.moreN = w.offset, raw
		w.excerptN = w.nBlocks
	}
}

func (w *walker) start(a atom.Atom, name string, attrs *tagAttrs, selfClosing bool) {
	f := flagsOf(a)
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
			w.preText = append(w.preText, '\n')
		case w.inHeading:
			w.headingText(newline)
		default:
			w.para = append(w.para, '\n')
		}
		return
	}
	if f&tagVoid != 0 {
		if a == atom.Hr {
			w.flushParagraph()
		}
		return
	}
	if w.hidden == 0 && !w.inHeading && w.pre == 0 && f&tagBlock != 0 {
		w.flushParagraph()
	}
	if selfClosing {
		return // <div/> opens nothing that needs closing here
	}
	if i := w.stack.impliedEnd(a, f); i >= 0 {
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
				w.preText = w.preText[:0]
			}
			w.pre++
		case a == atom.Code:
			w.code++
		case f&tagHeading != 0 && !w.inHeading && w.pre == 0:
			w.inHeading = true
			w.hDepth = w.stack.depth() + 1
			w.heading = Block{Kind: BlockHeading, Tag: name, Level: int(name[1] - '0'), ID: attrs.id,
				Unnumbered: attrs.unnumbered}
			w.hText = w.hText[:0]
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
	if i := w.stack.find(a, name); i >= 0 {
		for w.stack.depth() > i {
			w.pop()
		}
	}
	if flagsOf(a)&tagBlock != 0 && w.hidden == 0 && !w.inHeading && w.pre == 0 {
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
			code := bytes.TrimPrefix(w.preText, newline)
			code = bytes.TrimRight(code, " \t\n")
			if len(bytes.TrimSpace(code)) > 0 {
				text := validString(code)
				sp, _ := appendText(w, text) // Text holds it collapsed to a line
				sp.own = true
				w.addBlock(Block{Kind: BlockCode, Tag: "pre", Text: text}, sp)
			}
			w.preText = w.preText[:0]
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
		w.headingText(s)
	case w.pre > 0:
		w.preText = append(w.preText, s...)
	default:
		if !w.paraOK && !allSpace(s) {
			w.paraOK = true
			w.paraAt = w.stack.innermostBlock()
		}
		w.para = append(w.para, s...)
	}
}

func (w *walker) headingText(s []byte) {
	p := headingPiece{child: -1}
	if w.stack.depth() > w.hDepth {
		p.child = w.hChild
		p.anchor = w.stack.elems[w.hDepth].a == atom.A
	}
	w.hText = append(w.hText, s...)
	p.end = len(w.hText)
	w.hPieces = append(w.hPieces, p)
}

// endHeading applies Hexo's tocObj rule: a direct <a> child whose text is one
// non-alphanumeric character (a permalink symbol) is not part of the text.
func (w *walker) endHeading() {
	w.inHeading = false
	kept := w.hText // the pieces a permalink symbol leaves
	var dropped []byte
	from := 0 // where piece i starts
	for i := 0; i < len(w.hPieces); {
		first := w.hPieces[i]
		j := i + 1
		if first.child >= 0 {
			for j < len(w.hPieces) && w.hPieces[j].child == first.child {
				j++
			}
		}
		to := w.hPieces[j-1].end
		if first.anchor && isPermalinkSymbol(w.hText[from:to]) {
			if dropped == nil {
				dropped = append(make([]byte, 0, len(w.hText)), w.hText[:from]...)
			}
		} else if dropped != nil {
			dropped = append(dropped, w.hText[from:to]...)
		}
		from, i = to, j
	}
	if dropped != nil {
		kept = dropped
	}
	sp, ok := appendText(w, kept)
	if !ok {
		sp, _ = appendText(w, w.hText)
	}
	w.addBlock(w.heading, sp)
}

func isPermalinkSymbol(s []byte) bool {
	s = bytes.TrimFunc(s, unicode.IsSpace)
	if utf8.RuneCount(s) != 1 {
		return false
	}
	c := s[0]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
}

// noText is the span of a block without text.
func (w *walker) noText() textSpan {
	n := len(w.joined)
	return textSpan{mark: n, from: n, to: n}
}

// textSpan is where a block's text lies in the joined text: from mark, a
// line break before it when text precedes it, then the text from from to
// to. own says the block's Text is its own string (code, which keeps its
// line breaks); an image has an empty span.
type textSpan struct {
	mark, from, to int
	own            bool
}

// textAt is where a block's Text lies in the joined text; from is -1 when
// the block's Text is its own.
type textAt struct{ from, to int }

// blockChunk is a full chunk of blocks and where their text lies.
type blockChunk struct {
	blocks []Block
	texts  []textAt
}

// appendText appends a block's text, its spaces collapsed (collapseSpace),
// to the joined text; ok is false, and nothing appended, when none is left.
func appendText[S ~string | ~[]byte](w *walker, s S) (sp textSpan, ok bool) {
	sp.mark = len(w.joined)
	if sp.mark > 0 {
		w.joined = append(w.joined, '\n')
	}
	sp.from = len(w.joined)
	w.joined = appendCollapsed(w.joined, s)
	sp.to = len(w.joined)
	if sp.to == sp.from {
		w.joined = w.joined[:sp.mark]
		return textSpan{mark: sp.mark, from: sp.mark, to: sp.mark}, false
	}
	return sp, true
}

// fail stops the walk at the current token with err (the first one wins).
func (w *walker) fail(err error) {
	if w.res.err == nil {
		w.res.err, w.res.errAt = err, w.offset
	}
}

// addBlock appends a block whose text appendText has just joined (sp); at
// the limit the walk stops with an error, and the text is taken back.
func (w *walker) addBlock(b Block, sp textSpan) {
	if w.lim.blocks > 0 && w.nBlocks >= w.lim.blocks {
		w.fail(fmt.Errorf("%w: more than %d blocks", ErrTooLarge, w.lim.blocks))
		w.joined = w.joined[:sp.mark]
		return
	}
	if len(w.blocks) == cap(w.blocks) {
		if cap(w.blocks) > 0 {
			w.chunks = append(w.chunks, blockChunk{w.blocks, w.texts})
		}
		size := max(32, w.nBlocks)
		w.blocks, w.texts = make([]Block, 0, size), make([]textAt, 0, size)
	}
	w.blocks = append(w.blocks, b)
	t := textAt{-1, -1}
	if !sp.own && sp.to > sp.from {
		t = textAt{sp.from, sp.to}
	}
	w.texts = append(w.texts, t)
	w.nBlocks++
	if sp.to > sp.from {
		wc := &w.res.words[0]
		if b.Kind == BlockCode {
			wc = &w.res.words[1]
		}
		cjk, other := countWords(w.joined[sp.from:sp.to])
		wc.cjk += cjk
		wc.other += other
	}
}

func (w *walker) flushParagraph() {
	if w.paraOK {
		if sp, ok := appendText(w, w.para); ok {
			tag := w.paraAt
			if tag == "" {
				tag = "p"
			}
			w.addBlock(Block{Kind: BlockParagraph, Tag: tag}, sp)
		}
	}
	w.para = w.para[:0]
	w.paraOK = false
	for _, img := range w.images {
		w.addBlock(Block{Kind: BlockImage, Tag: "img", URL: img.url, Alt: img.alt}, w.noText())
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
			w.addBlock(Block{Kind: BlockImage, Tag: "img", URL: u, Alt: attrs.alt}, w.noText())
		} else {
			w.images = append(w.images, pendingImage{u, attrs.alt})
		}
	}
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

// hasClass reports whether c is one of the space-separated classes.
func hasClass(classes []byte, c string) bool {
	for len(classes) > 0 {
		i := bytes.IndexFunc(classes, unicode.IsSpace)
		if i < 0 {
			return string(classes) == c
		}
		if string(classes[:i]) == c {
			return true
		}
		_, n := utf8.DecodeRune(classes[i:])
		classes = classes[i+n:]
	}
	return false
}

// readTag reads the current tag's (of type tt) element and name and, into
// attrs when it is given (a start tag), the attributes the walks act on.
// They are read only where one can matter: an image's, a heading's, and an
// element's class when it may name the gutter (the tokenizer copies every
// attribute it hands out).
func readTag(z *html.Tokenizer, tt html.TokenType, attrs *tagAttrs) (atom.Atom, string) {
	raw := z.Raw()
	var buf [16]byte
	name, ok := tagNameOf(raw, tt == html.EndTagToken, buf[:])
	if !ok {
		name, _ = z.TagName()
	}
	a := atom.Lookup(name)
	if attrs != nil && (a == atom.Img || flagsOf(a)&tagHeading != 0 || bytes.Contains(raw, []byte("gutter")) || bytes.IndexByte(raw, '&') >= 0) {
		attrs.read(z) // a tag without attributes reads none
	}
	return a, tagName(a, name)
}

// tagNameOf reads a tag's name from the token as written, as the
// tokenizer's TagName hands it out (ASCII lowered) but without the copy
// TagName makes of every name: into buf. The name starts after "<" (after
// "</" for an end tag) and ends at a space, "/", ">" or the token's end;
// ok is false for a name TagName must read (a NUL or a byte past ASCII in
// it, or longer than buf). FuzzTagNameOf holds the two equal.
func tagNameOf(raw []byte, end bool, buf []byte) ([]byte, bool) {
	i := 1
	if end {
		i = 2
	}
	n := 0
	for ; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			return buf[:n], n > 0
		}
		if c == 0 || c >= utf8.RuneSelf || n == len(buf) {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return buf[:n], n > 0
}

// tagName is the element's name without an allocation for known elements.
func tagName(a atom.Atom, name []byte) string {
	if a != 0 {
		return a.String()
	}
	return string(name)
}
