package hexo

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// smartypants is hexo-renderer-marked's typography (its renderer.js, which
// marked's own smartypants was): on each run of text, --- is an em dash, --
// an en dash, ... an ellipsis, and a quote opens when it begins the run or
// follows white space or one of - — / ( [ { (and " for a single quote, ‘
// for a double one); every other quote closes. So "虚假汇报"指控 has two
// closing quotes, as on a Hexo site, and << and >> stay as they are.
//
// A run of text begins the paragraph or follows another inline element (an
// emphasis, a link, code): marked applies the rule to each text token. The
// substitutes are written as the characters themselves, not entities, so
// that a heading's id holds them as Hexo's does.
type smartypants struct{}

var (
	emDash     = []byte("\u2014")
	enDash     = []byte("\u2013")
	ellipsis   = []byte("\u2026")
	openDbl    = []byte("\u201C")
	closeDbl   = []byte("\u201D")
	openSingle = []byte("\u2018")
	closeSgl   = []byte("\u2019")
)

func (smartypants) Trigger() []byte { return []byte{'-', '.', '\'', '"'} }

func (smartypants) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	var v []byte
	n := 1
	switch c := line[0]; c {
	case '-':
		switch {
		case len(line) > 2 && line[1] == '-' && line[2] == '-':
			v, n = emDash, 3
		case len(line) > 1 && line[1] == '-':
			v, n = enDash, 2
		default:
			return nil
		}
	case '.':
		if len(line) < 3 || line[1] != '.' || line[2] != '.' {
			return nil
		}
		v, n = ellipsis, 3
	case '\'', '"':
		if opens(c, precedingRune(parent, block)) {
			v = openSingle
			if c == '"' {
				v = openDbl
			}
		} else {
			v = closeSgl
			if c == '"' {
				v = closeDbl
			}
		}
	}
	block.Advance(n)
	return ast.NewString(v)
}

// precedingRune is the character before the quote as marked's rule sees it
// after the earlier substitutions: -1 at the start of a run of text.
func precedingRune(parent ast.Node, block text.Reader) rune {
	switch last := parent.LastChild().(type) {
	case *ast.Text:
		_, pos := block.Position()
		if last.Segment.Stop != pos.Start {
			return -1
		}
		return block.PrecendingCharacter()
	case *ast.String:
		r, _ := utf8.DecodeLastRune(last.Value)
		return r
	}
	return -1
}

// opens is the rule's test for a quote c after r.
func opens(c byte, r rune) bool {
	switch r {
	case -1, '-', '\u2014', '/', '(', '[', '{':
		return true
	case '"':
		return c == '\''
	case '\u2018':
		return c == '"'
	}
	return unicode.IsSpace(r) || r == '\uFEFF'
}
