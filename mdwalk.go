package hexo

import (
	"bufio"
	"bytes"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	gast "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// walkMarkdown walks goldmark's tree into blocks without rendering it: it
// hands the walker the tokens the rendered HTML would give (the element of
// each node, its text, the renderer's line breaks), and tokenizes raw HTML
// in place. So the blocks are those of walkHTML over the rendered body, at
// a fraction of the cost; TestMarkdownWalk and FuzzMarkdownWalk hold the two
// equal.
//
// Nodes that are rare or whose HTML takes work to predict (the guard's
// plain text, an image whose text holds code, a paragraph holding tags with
// attributes) are rendered on their own by goldmark's renderer and
// tokenized; images, autolinks, task boxes, tables and strikethrough, common
// in real posts, are read from the tree.
// ok is false when raw HTML leaves the tokenizer inside a token or a
// raw-text element (an unclosed comment, <script> opened in one node and
// closed in another): then only the whole rendered body reads as Hexo's
// does, and the caller walks that instead.
func walkMarkdown(doc ast.Node, source []byte, held heldItems, lim walkLimits) (res walkResult, ok bool) {
	m := mdWalker{walker: newWalker(lim), source: source, ok: true, held: held}
	if len(held) > 0 {
		m.used = make([]bool, len(held))
	}
	m.out = renderWriters.Get().(*bufio.Writer)
	m.out.Reset(&m.scratch)
	_ = ast.Walk(doc, m.visit)
	m.out.Reset(nil)
	renderWriters.Put(m.out)
	return m.finish(), m.ok
}

// renderWriters keeps the 4 KB writers a walk renders its rare nodes
// through: one per post was a twentieth of the bytes a parse allocates.
var renderWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

type mdWalker struct {
	*walker
	source  []byte
	ok      bool
	scratch bytes.Buffer  // a node's own HTML, when it is rendered to be read
	out     *bufio.Writer // writes to scratch
	chunk   []byte        // raw HTML gathered from a node's segments
	chunks  int           // pieces tokenized
	done    ast.Node      // the node rendered whole, its exit to skip
	held    heldItems     // the code and tags held aside, put back where raw HTML holds their placeholders
	used    []bool        // the held items put back, each once over the walk
}

var (
	newline = []byte("\n")
	space   = []byte(" ")
	noAttrs tagAttrs
)

func (m *mdWalker) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !m.ok || m.res.err != nil {
		return ast.WalkStop, nil
	}
	if !entering && n == m.done { // rendered whole when entered
		m.done = nil
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Document:
	case *ast.Text:
		if entering {
			m.textNode(n)
		}
	case *ast.Paragraph:
		if entering && (m.tagsInside(n) || m.heldText(n)) {
			return m.rendered(n), nil
		}
		m.element(entering, atom.P, nil, true)
	case *ast.TextBlock:
		if entering && (m.tagsInside(n) || m.heldText(n)) {
			return m.rendered(n), nil
		}
		if !entering && n.NextSibling() != nil && n.FirstChild() != nil {
			m.text(newline)
		}
	case *ast.Heading:
		if entering && (m.tagsInside(n) || m.heldText(n)) {
			return m.rendered(n), nil
		}
		attrs := &noAttrs
		if entering {
			attrs = &tagAttrs{}
			if id, ok := n.AttributeString("id"); ok {
				b, _ := id.([]byte)
				b = bytes.ReplaceAll(b, []byte{0}, []byte("\uFFFD")) // as EscapeHTML writes it
				attrs.id = string(lineEnds(bytes.ToValidUTF8(b, []byte("\uFFFD"))))
			}
		}
		m.element(entering, headingAtoms[n.Level], attrs, true)
	case *ast.Emphasis:
		a := atom.Em
		if n.Level == 2 {
			a = atom.Strong
		}
		m.element(entering, a, nil, false)
	case *ast.Link:
		m.element(entering, atom.A, nil, false)
	case *ast.CodeSpan:
		if !entering {
			m.end(atom.Code, "code")
			return ast.WalkContinue, nil
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); !ok || m.held.in(t.Segment.Value(m.source)) {
				return m.rendered(n), nil
			}
		}
		m.start(atom.Code, "code", &noAttrs, false)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			v := c.(*ast.Text).Segment.Value(m.source)
			if v, ok := bytes.CutSuffix(v, newline); ok {
				m.rawText(v)
				m.text([]byte(" "))
			} else {
				m.rawText(v)
			}
		}
		return ast.WalkSkipChildren, nil
	case *ast.List:
		a := atom.Ul
		if n.IsOrdered() {
			a = atom.Ol
		}
		m.element(entering, a, nil, true)
		if entering {
			m.text(newline)
		}
	case *ast.ListItem:
		m.element(entering, atom.Li, nil, true)
		if entering && n.FirstChild() != nil {
			if _, tight := n.FirstChild().(*ast.TextBlock); !tight {
				m.text(newline)
			}
		}
	case *ast.Blockquote:
		m.element(entering, atom.Blockquote, nil, true)
		if entering {
			m.text(newline)
		}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		if entering && m.held.inLines(n, m.source) {
			return m.rendered(n), nil // its HTML holds a held block's
		}
		if entering {
			m.start(atom.Pre, "pre", &noAttrs, false)
			m.start(atom.Code, "code", &noAttrs, false) // a language class is never "gutter"
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				m.rawText(seg.Value(m.source))
			}
		} else {
			m.end(atom.Code, "code")
			m.end(atom.Pre, "pre")
			m.text(newline)
		}
	case *ast.ThematicBreak:
		if entering {
			m.start(atom.Hr, "hr", &noAttrs, false)
			m.text(newline)
		}
	case *ast.HTMLBlock:
		lines := n.Lines()
		if entering {
			m.chunk = m.chunk[:0]
			for i := range lines.Len() {
				seg := lines.At(i)
				m.chunk = append(m.chunk, seg.Value(m.source)...)
			}
		} else {
			if n.HasClosure() {
				m.chunk = append(m.chunk, n.ClosureLine.Value(m.source)...)
			}
			if bytes.IndexByte(m.chunk, 0) >= 0 { // the renderer's SecureWrite
				m.chunk = bytes.ReplaceAll(m.chunk, []byte{0}, []byte("\uFFFD"))
			}
			m.rawChunk(m.chunk)
		}
	case *ast.RawHTML:
		if entering {
			m.rawChunk(m.rawHTML(n))
		}
		return ast.WalkSkipChildren, nil
	case *ast.String:
		if entering {
			m.stringNode(n)
		}
	case *ast.Image:
		if entering && !m.image(n) {
			return m.rendered(n), nil
		}
		return ast.WalkSkipChildren, nil
	case *ast.AutoLink:
		if !entering {
			return ast.WalkContinue, nil
		}
		// <a href="URL">LABEL</a>, the label escaped: read back as it is
		label := n.Label(m.source)
		if n.Attributes() != nil || m.held.in(label) {
			return m.rendered(n), nil
		}
		m.start(atom.A, "a", &noAttrs, false)
		m.text(lineEnds(label))
		m.end(atom.A, "a")
		return ast.WalkSkipChildren, nil
	case *gast.TaskCheckBox:
		if entering { // <input ...> and a space: a void element the walker passes over
			m.start(atom.Input, "input", &noAttrs, false)
			m.text(space)
		}
	case *ast.LinkReferenceDefinition: // writes nothing
		return ast.WalkSkipChildren, nil
	case *gast.Strikethrough:
		m.element(entering, atom.Del, nil, false)
	case *gast.Table: // the table renderer's tags and line breaks; a cell's alignment is a style the walk reads nothing of
		m.element(entering, atom.Table, nil, true)
		if entering {
			m.text(newline)
		}
	case *gast.TableHeader:
		if entering {
			m.element(true, atom.Thead, nil, true)
			m.text(newline)
			m.element(true, atom.Tr, nil, true)
			m.text(newline)
		} else {
			m.element(false, atom.Tr, nil, true)
			m.element(false, atom.Thead, nil, true)
			if n.NextSibling() != nil {
				m.element(true, atom.Tbody, nil, true)
				m.text(newline)
			}
		}
	case *gast.TableRow:
		m.element(entering, atom.Tr, nil, true)
		if entering {
			m.text(newline)
		} else if n.Parent().LastChild() == n {
			m.element(false, atom.Tbody, nil, true)
		}
	case *gast.TableCell:
		if entering && m.heldText(n) {
			return m.rendered(n), nil
		}
		a := atom.Td
		if n.Parent().Kind() == gast.KindTableHeader {
			a = atom.Th
		}
		m.element(entering, a, nil, true)
	default:
		if entering {
			return m.rendered(n), nil
		}
	}
	return ast.WalkContinue, nil
}

var headingAtoms = [7]atom.Atom{0, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6}

// element opens or closes an element; a block's end tag is followed by the
// renderer's line break.
func (m *mdWalker) element(entering bool, a atom.Atom, attrs *tagAttrs, block bool) {
	if entering {
		if attrs == nil {
			attrs = &noAttrs
		}
		m.start(a, a.String(), attrs, false)
		return
	}
	m.end(a, a.String())
	if block {
		m.text(newline)
	}
}

// textNode is a text node as the renderer writes it (backslash escapes and
// entities resolved, NUL replaced, the rest escaped) and the tokenizer reads
// it back (entities decoded, CR as LF): text holding none of those
// characters reads back as it is.
func (m *mdWalker) textNode(n *ast.Text) {
	v := n.Segment.Value(m.source)
	if n.IsRaw() {
		m.rawText(v) // written as it is, no line break
		return
	}
	if bytes.ContainsAny(v, "&\\\x00\r") {
		m.written(v, gmhtml.DefaultWriter.Write)
	} else {
		m.text(v)
	}
	switch {
	case n.HardLineBreak():
		m.start(atom.Br, "br", &noAttrs, false)
		m.text(newline)
	case n.SoftLineBreak():
		m.text(newline)
	}
}

// stringNode is a String: smartypants' quotes and dashes, or what an
// extension writes as it is (IsCode) or raw.
func (m *mdWalker) stringNode(n *ast.String) {
	v := n.Value
	switch {
	case n.IsCode():
		if bytes.IndexByte(v, '<') >= 0 {
			m.tokenize(v) // written as it is: it may hold tags
			return
		}
		m.text(readBack(v))
	case n.IsRaw():
		m.written(v, gmhtml.DefaultWriter.RawWrite)
	default:
		m.written(v, gmhtml.DefaultWriter.Write)
	}
}

// image is an image as the renderer writes it, <img src="URL" alt="ALT">,
// and the tokenizer reads it back: the destination URL-escaped, the alt
// text written as text is (both escaped, so read back whole). An image
// holding a held item or code written as it is (which may hold a quote) is
// rendered instead: false.
func (m *mdWalker) image(n *ast.Image) bool {
	if m.held.in(n.Destination) {
		return false
	}
	m.scratch.Reset()
	m.out.Reset(&m.scratch)
	if !m.altText(n) {
		return false
	}
	_ = m.out.Flush()
	var attrs tagAttrs
	attrs.src = validString(lineEnds(util.URLEscape(n.Destination, true)))
	attrs.alt = validString(readBack(m.scratch.Bytes()))
	m.start(atom.Img, "img", &attrs, false)
	return true
}

// altText writes an image's text as the renderer's alt attribute holds it.
func (m *mdWalker) altText(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.String:
			switch {
			case c.IsCode() || m.held.in(c.Value):
				return false
			case c.IsRaw():
				gmhtml.DefaultWriter.RawWrite(m.out, c.Value)
			default:
				gmhtml.DefaultWriter.Write(m.out, c.Value)
			}
		case *ast.Text:
			v := c.Segment.Value(m.source)
			switch {
			case m.held.in(v):
				return false
			case c.IsRaw():
				gmhtml.DefaultWriter.RawWrite(m.out, v)
				continue
			}
			gmhtml.DefaultWriter.Write(m.out, v)
			if c.HardLineBreak() {
				_, _ = m.out.WriteString("<br>\n")
			} else if c.SoftLineBreak() {
				_ = m.out.WriteByte('\n')
			}
		default:
			if !m.altText(c) {
				return false
			}
		}
	}
	return true
}

// validString is an attribute's value as the walk hands it out: valid UTF-8.
func validString(v []byte) string {
	if !utf8.Valid(v) { // as tagAttrs.read: a copy only when something is replaced
		v = bytes.ToValidUTF8(v, []byte("\uFFFD"))
	}
	return string(v)
}

// written is text as write writes it and the tokenizer reads it back: the
// writers escape <, >, & and ", so it is one text token.
func (m *mdWalker) written(v []byte, write func(util.BufWriter, []byte)) {
	m.scratch.Reset()
	m.out.Reset(&m.scratch)
	write(m.out, v)
	_ = m.out.Flush()
	m.text(readBack(m.scratch.Bytes()))
}

// readBack is a text token's text as the tokenizer gives it: line endings
// as LF, entities decoded.
func readBack(v []byte) []byte {
	v = lineEnds(v)
	if bytes.IndexByte(v, '&') >= 0 {
		v = []byte(html.UnescapeString(string(v)))
	}
	return v
}

// rawText is text the renderer writes with only <, >, &, " and NUL escaped:
// the tokenizer reads it back as it is, but for NUL (U+FFFD) and carriage
// returns.
func (m *mdWalker) rawText(v []byte) {
	if bytes.IndexByte(v, 0) >= 0 {
		v = bytes.ReplaceAll(v, []byte{0}, []byte("\uFFFD"))
	}
	m.text(lineEnds(v))
}

// lineEnds turns CR LF and lone CR into LF, as the tokenizer reads text.
func lineEnds(v []byte) []byte {
	if bytes.IndexByte(v, '\r') >= 0 {
		v = bytes.ReplaceAll(bytes.ReplaceAll(v, []byte("\r\n"), newline), []byte("\r"), newline)
	}
	return v
}

// rawHTML gathers an inline HTML node's segments (lines apart in the
// source when it spans lines in a container) into m.chunk.
func (m *mdWalker) rawHTML(n *ast.RawHTML) []byte {
	m.chunk = m.chunk[:0]
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		m.chunk = append(m.chunk, seg.Value(m.source)...)
	}
	return m.chunk
}

// tagsInside reports whether a block's inline content holds raw HTML other
// than plain tags (<br>, </b>): such a block is rendered and tokenized whole,
// one tokenizer for the block rather than one per tag.
func (m *mdWalker) tagsInside(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := c.(*ast.RawHTML); ok {
			if _, _, ok := plainTag(m.rawHTML(r)); !ok {
				return true
			}
		} else if c.HasChildren() && m.tagsInside(c) {
			return true
		}
	}
	return false
}

// heldText reports whether a block's inline text holds a placeholder that
// Markdown read as text (after a backslash): rendered whole, it is found
// with its ends, which smartypants made other nodes, and shows its source.
func (m *mdWalker) heldText(n ast.Node) bool {
	if len(m.held) == 0 {
		return false
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && m.held.in(t.Segment.Value(m.source)) || c.HasChildren() && m.heldText(c) {
			return true
		}
	}
	return false
}

// rendered renders n (its children too) with goldmark's renderer and
// tokenizes the HTML: the node reads exactly as in the rendered body.
func (m *mdWalker) rendered(n ast.Node) ast.WalkStatus {
	m.scratch.Reset()
	m.out.Reset(&m.scratch)
	if err := markdown().Renderer().Render(m.out, m.source, n); err != nil {
		m.ok = false
		return ast.WalkStop
	}
	m.done = n
	m.tokenize(m.held.restoreHTML(m.scratch.Bytes(), m.used))
	return ast.WalkSkipChildren
}

// rawChunk tokenizes a piece of raw HTML with the held items put back. A
// piece that is one held code block (a fence on lines of its own, the most
// common) is walked as its <pre><code> without a tokenizer.
func (m *mdWalker) rawChunk(b []byte) {
	if !m.held.in(b) {
		m.tokenize(b)
		return
	}
	one, nl := bytes.CutSuffix(b, newline)
	if n, ok := m.held.only(one); ok && !m.used[n] {
		m.used[n] = true
		m.start(atom.Pre, "pre", &noAttrs, false)
		m.start(atom.Code, "code", &noAttrs, false)
		if t := m.held[n].text; t != "" {
			m.text(lineEnds([]byte(t))) // as the tokenizer reads htmlOf's text: NUL kept
			m.text(newline)
		}
		m.end(atom.Code, "code")
		m.end(atom.Pre, "pre")
		if nl {
			m.text(newline)
		}
		return
	}
	m.tokenize(m.held.restoreHTML(b, m.used))
}

// tokenize hands the walker the tokens of one piece of HTML. In the rendered
// body the piece would be followed by the next node's HTML; when it ends in a
// way that lets what follows change how it reads (inside a tag, a comment, a
// raw-text element, after a lone < or a partial entity), the walk gives up
// (ok false) rather than guess.
func (m *mdWalker) tokenize(b []byte) {
	if len(b) == 0 {
		return
	}
	if m.simpleTag(b) || m.moreComment(b) {
		return
	}
	// a tokenizer costs 4 KB: past a chunk per 256 bytes of body, walking the
	// rendered body whole costs less
	if m.chunks++; m.chunks > 16+len(m.source)/256 {
		m.ok = false
		return
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	var raw atom.Atom // the raw-text element open
	var last html.TokenType
	var lastRaw []byte
	for m.res.err == nil {
		tt := z.Next()
		r := z.Raw()
		if tt == html.ErrorToken {
			if len(r) > 0 {
				m.ok = false
			}
			break
		}
		last, lastRaw = tt, r
		switch a := m.token(z, tt, len(r)); {
		case tt == html.StartTagToken || tt == html.SelfClosingTagToken:
			if flagsOf(a)&tagRawText != 0 {
				raw = a
			}
		case tt == html.EndTagToken && a == raw:
			raw = 0
		}
	}
	if raw != 0 || !cleanEnd(last, lastRaw) {
		m.ok = false
	}
}

// cleanEnd reports whether a piece of HTML whose last token is t, written
// raw, ends where nothing after it can join that token.
func cleanEnd(t html.TokenType, raw []byte) bool {
	switch t {
	case html.CommentToken, html.DoctypeToken:
		if bytes.HasPrefix(raw, []byte("<!--")) {
			return bytes.HasSuffix(raw, []byte("-->")) || bytes.HasSuffix(raw, []byte("--!>")) ||
				string(raw) == "<!-->" || string(raw) == "<!--->"
		}
		return bytes.HasSuffix(raw, []byte(">"))
	case html.TextToken:
		if bytes.HasSuffix(raw, []byte("<")) || bytes.HasSuffix(raw, []byte("</")) {
			return false
		}
		if i := bytes.LastIndexByte(raw, '&'); i >= 0 {
			for _, c := range raw[i+1:] {
				if !(c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
					return true
				}
			}
			return false // an entity the next text may complete
		}
	}
	return true
}

// simpleTag handles a piece that is a plain tag, maybe followed by a line
// break, read without a tokenizer.
func (m *mdWalker) simpleTag(b []byte) bool {
	tag, nl := bytes.CutSuffix(b, newline) // an HTML block's line: the tag, then a text token
	a, end, ok := plainTag(tag)
	switch {
	case !ok:
		return false
	case end:
		m.end(a, a.String())
	default:
		m.start(a, a.String(), &noAttrs, false)
	}
	if nl {
		m.text(newline)
	}
	return true
}

// moreComment handles a piece that is Hexo's more marker alone, maybe
// followed by a line break: the raw HTML most Markdown posts hold, read
// without a tokenizer (the tokenizer reads it as a comment, its data what
// lies between <!-- and -->, and a text token).
func (m *mdWalker) moreComment(b []byte) bool {
	c, nl := bytes.CutSuffix(b, newline)
	data, ok := bytes.CutPrefix(c, []byte("<!--"))
	if ok {
		data, ok = bytes.CutSuffix(data, []byte("-->"))
	}
	if !ok || !isMoreMarker(data) {
		return false
	}
	m.comment(data, len(c))
	if nl {
		m.text(newline)
	}
	return true
}

// plainTag reads a start or end tag of a known element, lower case, without
// attributes (<br>, </span>, <h2>): most inline HTML. Raw-text elements are
// not plain.
func plainTag(b []byte) (a atom.Atom, end, ok bool) {
	if len(b) < 3 || b[0] != '<' || b[len(b)-1] != '>' {
		return 0, false, false
	}
	name := b[1 : len(b)-1]
	if end = name[0] == '/'; end {
		name = name[1:]
	}
	if len(name) == 0 || len(name) > 10 {
		return 0, false, false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' && len(name) == 2) {
			return 0, false, false
		}
	}
	a = atom.Lookup(name)
	return a, end, a != 0 && flagsOf(a)&tagRawText == 0
}
