package hexo

import "strings"

// Heading is a heading of the body.
type Heading struct {
	Level int    `json:"level"`
	ID    string `json:"id"`
	Text  string `json:"text"`
}

// Headings returns the body's headings in order.
func (p *Post) Headings() []Heading {
	var hs []Heading
	if n := p.count(BlockHeading); n > 0 {
		hs = make([]Heading, 0, n)
	}
	for _, b := range p.Blocks {
		if b.Kind == BlockHeading {
			hs = append(hs, Heading{Level: b.Level, ID: b.ID, Text: b.Text})
		}
	}
	return hs
}

// Paragraphs returns the text of the body's paragraph-like blocks (paragraphs,
// list items, table cells, quotes, captions, loose text in a <div>), in order.
func (p *Post) Paragraphs() []string {
	var ps []string
	if n := p.count(BlockParagraph); n > 0 {
		ps = make([]string, 0, n)
	}
	for _, b := range p.Blocks {
		if b.Kind == BlockParagraph {
			ps = append(ps, b.Text)
		}
	}
	return ps
}

// count is the number of blocks of a kind.
func (p *Post) count(k BlockKind) int {
	n := 0
	for _, b := range p.Blocks {
		if b.Kind == k {
			n++
		}
	}
	return n
}

// Text returns the body's visible text: one line per heading, paragraph and
// code block, whitespace collapsed, entities decoded, and never the content of
// <style>, <script>, <noscript> or <template>.
func (p *Post) Text() string {
	if p.text == "" && len(p.Blocks) > 0 {
		return blocksText(p.Blocks, true, nil)
	}
	return p.text
}

// blocksText joins the text of blocks, one line each; code is collapsed to a
// line, or left out without withCode; keep, when given, selects the blocks.
func blocksText(blocks []Block, withCode bool, keep func(Block) bool) string {
	var b strings.Builder
	n := 0
	for _, bl := range blocks {
		n += len(bl.Text) + 1
	}
	b.Grow(n) // collapsing code only shortens it
	for _, bl := range blocks {
		if bl.Kind == BlockImage || bl.Kind == BlockCode && !withCode || keep != nil && !keep(bl) {
			continue
		}
		t := bl.Text
		if bl.Kind == BlockCode {
			t = collapseSpace(t)
		}
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(t)
	}
	return b.String()
}
