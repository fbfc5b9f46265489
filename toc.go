package hexo

import (
	"strconv"
	"strings"
)

// TOCNode is one heading in a table of contents.
type TOCNode struct {
	Level int    `json:"level"`
	ID    string `json:"id"`
	Text  string `json:"text"`
	// Number is the heading's place, "1.", "1.2.": Hexo's toc helper numbering.
	Number string `json:"number"`
	// Unnumbered is set by data-toc-unnumbered="true"; such a heading still
	// takes a number (as in Hexo), it is only not shown.
	Unnumbered bool      `json:"unnumbered,omitempty"`
	Children   []TOCNode `json:"children,omitempty"`
}

// TOC returns the headings from level minDepth to maxDepth (0 means 1 and 6)
// as a tree. A heading's children are the deeper headings that follow it, so
// skipped levels (h1 then h3) nest without empty nodes, as in Hexo's toc helper.
func (p *Post) TOC(minDepth, maxDepth int) []TOCNode {
	if minDepth <= 0 {
		minDepth = 1
	}
	if maxDepth <= 0 {
		maxDepth = 6
	}
	var flat []TOCNode
	for _, b := range p.Blocks {
		if b.Kind == BlockHeading && b.Level >= minDepth && b.Level <= maxDepth {
			flat = append(flat, TOCNode{Level: b.Level, ID: b.ID, Text: b.Text, Unnumbered: b.Unnumbered})
		}
	}
	tree := buildTOC(flat)
	numberTOC(tree, "")
	return tree
}

func buildTOC(flat []TOCNode) []TOCNode {
	var out []TOCNode
	for i := 0; i < len(flat); {
		j := i + 1
		for j < len(flat) && flat[j].Level > flat[i].Level {
			j++
		}
		n := flat[i]
		n.Children = buildTOC(flat[i+1 : j])
		out = append(out, n)
		i = j
	}
	return out
}

func numberTOC(nodes []TOCNode, prefix string) {
	for i := range nodes {
		nodes[i].Number = prefix + strconv.Itoa(i+1) + "."
		numberTOC(nodes[i].Children, nodes[i].Number)
	}
}

// TOCHTML renders TOC(minDepth, maxDepth) as Hexo's toc helper does, with its
// default classes: <ol class="toc">, toc-item toc-level-N, toc-link,
// toc-number, toc-text, toc-child. It is "" for a post without headings.
// Unlike Hexo, a heading without an id of its own gets no link.
func (p *Post) TOCHTML(minDepth, maxDepth int) string {
	tree := p.TOC(minDepth, maxDepth)
	if len(tree) == 0 {
		return ""
	}
	var b strings.Builder
	renderTOC(&b, tree, "toc")
	return b.String()
}

func renderTOC(b *strings.Builder, nodes []TOCNode, class string) {
	b.WriteString(`<ol class="` + class + `">`)
	for _, n := range nodes {
		b.WriteString(`<li class="toc-item toc-level-` + strconv.Itoa(n.Level) + `">`)
		b.WriteString(`<a class="toc-link"`)
		if n.ID != "" {
			b.WriteString(` href="#` + encodeURI(n.ID) + `"`)
		}
		b.WriteString(">")
		if !n.Unnumbered {
			b.WriteString(`<span class="toc-number">` + n.Number + `</span> `)
		}
		b.WriteString(`<span class="toc-text">` + EscapeHTML(n.Text) + `</span></a>`)
		if len(n.Children) > 0 {
			renderTOC(b, n.Children, "toc-child")
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ol>")
}

// encodeURI is JavaScript's encodeURI: everything but letters, digits and
// ;,/?:@&=+$-_.!~*'()# is percent-encoded as UTF-8.
func encodeURI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (isLetter(c) || isDigit(c) || strings.IndexByte(";,/?:@&=+$-_.!~*'()#", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		const hex = "0123456789ABCDEF"
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
