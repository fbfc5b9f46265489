package hexo

import (
	"bytes"
	"fmt"
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// goldmark does some of its work in time or memory that grows faster than
// its input: a list or quote marker scans the rest of its line again at every
// level of nesting, a closing bracket scans back through its block's lines
// and copies the text back to its opener, a link destination scans to the end
// of its line, a reference definition copies the lines after it, a table row
// is padded to the header's width, and every line and node is allocated
// before anything is rendered. The guard below measures each of these from
// the source, in one linear pass, before goldmark does the work, and holds
// it to a budget:
//
//   - lists and quotes nest at most markdownNesting deep (or MaxDepth, if
//     lower): a deeper marker is read as text;
//   - lines, container markers, inline markup and table cells together count
//     against MaxBlocks before they are allocated; the body is cut where its
//     lines run out of it, and a paragraph or heading whose markup does not
//     fit is kept as plain text;
//   - a paragraph or heading whose scans would cost more than
//     markdownWorkPerByte times its size is kept as plain text, and so is a
//     table whose padded cells outnumber its bytes four times (beyond
//     10,000 cells).
//
// The first limit hit is reported (ErrTooDeep or ErrTooLarge, with its
// place); the text is never dropped, only read without its markup.

// markdownNesting bounds the nesting of lists and block quotes. goldmark's
// cost per line grows with the square of the nesting; real posts nest a few
// levels.
const markdownNesting = 100

// markdownWorkPerByte bounds the superlinear scans of one paragraph or
// heading, per byte of it; real posts stay far below it (a paragraph of a
// thousand reference definitions costs about ten per byte).
const markdownWorkPerByte = 64

// markdownLimits are the bounds of one Markdown parse.
type markdownLimits struct {
	nesting int // lists and quotes
	nodes   int // lines, markers, inline nodes and table cells; 0 means no bound
}

// mdGuard is one parse's budget, kept in goldmark's parser.Context (the
// goldmark instance is shared by every parse).
type mdGuard struct {
	nesting int
	nodes   int // left to spend
	bounded bool
	err     error
	errAt   int      // offset in the source of the first limit hit
	openers []opener // measureInline's stack, kept from paragraph to paragraph
}

var guardKey = parser.NewContextKey()

func guardOf(pc parser.Context) *mdGuard {
	g, _ := pc.Get(guardKey).(*mdGuard)
	return g
}

// fail records the first limit hit.
func (g *mdGuard) fail(at int, err error) {
	if g.err == nil {
		g.err, g.errAt = err, at
	}
}

// spend takes n from the node budget; false when it does not fit.
func (g *mdGuard) spend(n int) bool {
	if !g.bounded {
		return true
	}
	if n > g.nodes {
		return false
	}
	g.nodes -= n
	return true
}

// parseMarkdown parses src with the guard. The returned guard says which
// limit was hit first, if any.
func parseMarkdown(src []byte, lim markdownLimits) (ast.Node, *mdGuard) {
	g := &mdGuard{nesting: lim.nesting, nodes: lim.nodes, bounded: lim.nodes > 0, errAt: -1}
	if g.nesting <= 0 {
		g.nesting = markdownNesting
	}
	if cut := g.budgetLines(src); cut < len(src) {
		g.fail(cut, fmt.Errorf("%w: Markdown body has more lines and list or quote markers than the limit of %d (MaxBlocks)", ErrTooLarge, lim.nodes))
		src = src[:cut]
	}
	pc := parser.NewContext()
	pc.Set(guardKey, g)
	doc := markdown().Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return doc, g
}

// budgetLines spends a node for each line and two for each list or quote
// marker opening it (goldmark allocates a segment per line and nodes per
// marker before anything else), and returns the offset of the first line
// that does not fit (len(src) when all do).
func (g *mdGuard) budgetLines(src []byte) int {
	if !g.bounded {
		return len(src)
	}
	cr := bytes.IndexByte(src, '\r') >= 0 // a body read as Markdown has none left
	for start := 0; start < len(src); {
		end := start
		if !cr {
			if end = bytes.IndexByte(src[start:], '\n'); end < 0 {
				end = len(src)
			} else {
				end += start
			}
		}
		for end < len(src) && src[end] != '\n' && src[end] != '\r' {
			end++
		}
		if !g.spend(lineCost(src[start:end], g.nesting)) {
			return start
		}
		if end < len(src) && src[end] == '\r' && end+1 < len(src) && src[end+1] == '\n' {
			end++
		}
		start = end + 1
	}
	return len(src)
}

// headingCost is what an ATX heading costs against the budget beyond its
// line: goldmark gives each its node, text and attributes, and the walk its
// block.
const headingCost = 4

// lineCost is an upper bound of what a line makes before inline parsing, in
// the budget's units: the line, two for each list marker it opens with (a
// list and its item), one for each quote marker, and a heading's cost for an
// ATX heading.
func lineCost(line []byte, limit int) int {
	cost, i := 1, 0
markers:
	for range limit {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		switch n := listMarker(line[i:]); {
		case n > 0:
			i += n
			cost += 2
		case i < len(line) && line[i] == '>':
			i++
			cost++
		default:
			break markers
		}
	}
	if i < len(line) && line[i] == '#' {
		cost += headingCost
	}
	return cost
}

// listMarker is the length of the list marker s starts with ("-", "+", "*"
// or up to nine digits and "." or ")", then a space, a tab or the line's
// end), 0 when there is none.
func listMarker(s []byte) int {
	n := 0
	switch {
	case len(s) > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '*'):
		n = 1
	default:
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n == len(s) || s[n] != '.' && s[n] != ')' {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// nestingLimited wraps the list and block-quote parsers: past the nesting
// limit a marker opens nothing, and the line is read as text.
type nestingLimited struct{ parser.BlockParser }

func (b nestingLimited) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	// right under a list only its items open (goldmark's list parser declines)
	if g := guardOf(pc); g != nil && parent.Kind() != ast.KindList {
		depth := 0
		for n := parent; n != nil; n = n.Parent() {
			if k := n.Kind(); k == ast.KindList || k == ast.KindBlockquote {
				depth++
			}
		}
		if depth >= g.nesting {
			_, seg := reader.PeekLine()
			g.fail(seg.Start, fmt.Errorf("%w: Markdown lists and quotes nested deeper than %d", ErrTooDeep, g.nesting))
			return nil, parser.NoChildren
		}
	}
	return b.BlockParser.Open(parent, reader, pc)
}

// headingLimited wraps the ATX heading parser: a heading whose markup does
// not fit the guard keeps its text as plain text.
type headingLimited struct{ parser.BlockParser }

func (b headingLimited) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	b.BlockParser.Close(node, reader, pc)
	if g := guardOf(pc); g != nil && !g.admit(node.Lines(), reader.Source()) {
		lit := &plainText{}
		lit.SetLines(node.Lines())
		node.SetLines(text.NewSegments())
		node.AppendChild(node, lit)
	}
}

// paragraphGuard is a paragraph transformer that runs before goldmark's own
// (reference definitions, tables): a paragraph that does not fit the guard
// is replaced by its plain text, which no later stage parses.
type paragraphGuard struct{}

func (paragraphGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	g := guardOf(pc)
	if g == nil || g.admit(node.Lines(), reader.Source()) {
		return
	}
	lit := &plainText{paragraph: true}
	lit.SetLines(node.Lines())
	lit.SetBlankPreviousLines(node.HasBlankPreviousLines())
	// a setext heading reads the paragraph's lines after this: it finds none
	node.SetLines(text.NewSegments())
	node.Parent().ReplaceChild(node.Parent(), node, lit)
}

// admit measures a paragraph's or heading's lines and spends their nodes;
// false means the block is to be kept as plain text.
func (g *mdGuard) admit(lines *text.Segments, source []byte) bool {
	if lines.Len() == 0 {
		return true
	}
	c := g.measureInline(lines, source)
	at := lines.At(0).Start
	if c.work > markdownWorkPerByte*c.bytes+4096 {
		g.fail(at, fmt.Errorf("%w: Markdown markup (brackets, links) too intricate to read in linear time; kept as plain text", ErrTooLarge))
		return false
	}
	if c.cells > 4*c.bytes+10_000 {
		g.fail(at, fmt.Errorf("%w: a Markdown table whose short rows would be padded to %d cells; kept as plain text", ErrTooLarge, c.cells))
		return false
	}
	if !g.spend(c.nodes) {
		g.fail(at, fmt.Errorf("%w: Markdown body has more inline markup and table cells than the limit (MaxBlocks); kept as plain text", ErrTooLarge))
		return false
	}
	return true
}

// inlineCost is what measureInline finds.
type inlineCost struct {
	bytes int
	nodes int // an upper bound of the inline nodes and table cells
	cells int // the table cells, short rows padded
	work  int // an upper bound of goldmark's superlinear scans
}

// measureInline bounds, in one pass, what goldmark's inline parser and
// paragraph transformers will do with these lines:
//   - each line, and each character that can start or end an inline node,
//     may make a node;
//   - a ']' with an opener scans from the block's last line back to the
//     opener's, and copies and walks the text back to it;
//   - a link destination after "](" scans its line to a space or to the
//     ')' that closes it (found for every destination at once with a stack);
//   - a table is its header's cells times its rows, short rows padded.
func (g *mdGuard) measureInline(lines *text.Segments, source []byte) inlineCost {
	var c inlineCost
	n := lines.Len()
	brackets := 0 // the stack's size at most: sized once, never grown
	for li := range n {
		seg := lines.At(li)
		brackets += bytes.Count(source[seg.Start:seg.Stop], []byte("["))
	}
	if cap(g.openers) < brackets {
		g.openers = make([]opener, 0, brackets)
	}
	openers := g.openers[:0]
	for li := range n {
		seg := lines.At(li)
		line := source[seg.Start:seg.Stop]
		c.bytes += len(line)
		c.nodes++
		c.work += destinationScans(line)
		for i := 0; i < len(line); i++ {
			ch := line[i]
			if inlineBytes[ch]&markupByte == 0 {
				continue
			}
			switch ch {
			case '\\':
				i++
			case '[':
				openers = append(openers, opener{seg.Start + i, li})
				c.nodes++
			case ']':
				c.nodes++
				if k := len(openers) - 1; k >= 0 {
					o := openers[k]
					openers = openers[:k]
					c.work += 2*(seg.Start+i-o.pos) + (n - o.line)
				}
			case '`': // a run of backticks opens or closes one code span
				if i == 0 || line[i-1] != '`' {
					c.nodes++
				}
			case '.', '-':
				if i+1 < len(line) && line[i+1] == ch {
					c.nodes++
				}
			default: // * _ ! < ~ ' " : @
				c.nodes++
			}
		}
	}
	g.openers = openers[:0]
	c.cells = tableCells(lines, source)
	c.nodes += c.cells
	return c
}

// opener is a '[' waiting for its ']' in measureInline.
type opener struct{ pos, line int }

// The bytes the guard's scans act on; every other byte (most of a text,
// and all of a CJK one) is passed over by one look-up.
const (
	markupByte      = 1 << iota // measureInline: \ [ ] ` * _ ! < ~ ' " : @ . -
	destinationByte             // destinationScans: \ ] ( ) > and goldmark's spaces
)

var inlineBytes = func() (t [256]uint8) {
	for _, c := range []byte("\\[]`*_!<~'\":@.-") {
		t[c] |= markupByte
	}
	for _, c := range []byte("\\]()>") {
		t[c] |= destinationByte
	}
	for c := range 256 {
		if util.IsSpace(byte(c)) {
			t[c] |= destinationByte
		}
	}
	return t
}()

// destinationScans is the length of every scan parseLinkDestination makes on
// the line: from after "](" (and spaces) to the first space, the line's end,
// or the ')' that takes the paren count below where the scan began; or, for
// "<...>", to the next '>'.
func destinationScans(line []byte) int {
	if bytes.IndexByte(line, ']') < 0 {
		return 0 // no "](": no scan
	}
	type start struct{ pos, depth int }
	var pending []start
	angles, angleSum := 0, 0 // "](<" scans waiting for a '>'
	work, depth := 0, 0
	resolveAll := func(at int) {
		for _, s := range pending {
			work += at - s.pos
		}
		pending = pending[:0]
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if inlineBytes[c]&destinationByte == 0 {
			continue
		}
		switch {
		case c == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]):
			i++
		case c == ']' && i+1 < len(line) && line[i+1] == '(':
			j := i + 2
			for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
				j++
			}
			if j < len(line) && line[j] == '<' {
				angles++
				angleSum += j
			} else {
				pending = append(pending, start{j, depth})
			}
			i = j - 1 // the scan starts after the '(' and the spaces
		case c == '(':
			depth++
		case c == ')':
			depth--
			for k := len(pending) - 1; k >= 0 && pending[k].depth > depth; k-- {
				work += i - pending[k].pos
				pending = pending[:k]
			}
		case c == '>':
			work += angles*i - angleSum
			angles, angleSum = 0, 0
		case util.IsSpace(c):
			resolveAll(i)
		}
	}
	resolveAll(len(line))
	work += angles*len(line) - angleSum
	return work
}

// tableCells is the cells GFM's table transformer would make of the lines:
// the header's cells times the rows from the first delimiter row on.
func tableCells(lines *text.Segments, source []byte) int {
	for i := 1; i < lines.Len(); i++ {
		if row := lines.At(i); isDelimiterRow(row.Value(source)) {
			hs := lines.At(i - 1)
			header := hs.Value(source)
			cols := 1
			for _, ch := range header {
				if ch == '|' {
					cols++
				}
			}
			return cols * (lines.Len() - i + 1)
		}
	}
	return 0
}

// isDelimiterRow: a table's second line holds only '|', '-', ':' and spaces,
// with a '-'.
func isDelimiterRow(line []byte) bool {
	dash := false
	for _, ch := range line {
		switch ch {
		case '-':
			dash = true
		case '|', ':', ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return dash
}

// plainText is a paragraph, or a heading's content, that the guard kept as
// text: raw, so goldmark's inline parser leaves it alone, and rendered
// escaped.
type plainText struct {
	ast.BaseBlock
	paragraph bool // it stands for a paragraph (else it is a heading's content)
}

var kindPlainText = ast.NewNodeKind("PlainText")

func (n *plainText) Kind() ast.NodeKind { return kindPlainText }
func (n *plainText) IsRaw() bool        { return true }
func (n *plainText) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

// text is the node's lines as text, a line break between lines.
func (n *plainText) text(source []byte) string {
	var b []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, util.TrimRightSpace(seg.Value(source))...)
	}
	return string(b)
}

type plainTextRenderer struct{}

func (plainTextRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPlainText, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*plainText)
		if n.paragraph {
			_, _ = w.WriteString("<p>")
		}
		_, _ = w.WriteString(html.EscapeString(n.text(source)))
		if n.paragraph {
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}
