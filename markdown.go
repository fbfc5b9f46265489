package hexo

import (
	"bytes"
	"html"
	"reflect"
	"strconv"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// markdown is the renderer for Markdown bodies: CommonMark with GFM (tables,
// strikethrough, autolinks, task lists), raw HTML kept, and smart
// punctuation, as hexo-renderer-marked's defaults (gfm, smartypants) have it.
// It is immutable once built and safe for concurrent use.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(guardedBlockParsers()...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
				util.Prioritized(paragraphGuard{}, 0))...),
		)),
		goldmark.WithExtensions(extension.GFM, extension.Typographer),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(plainTextRenderer{}, 0))),
	)
})

// guardedBlockParsers are goldmark's block parsers with the list, quote and
// ATX heading parsers wrapped by the guard (mdlimits.go).
func guardedBlockParsers() []util.PrioritizedValue {
	typeOf := func(v any) reflect.Type { return reflect.TypeOf(v) }
	list, quote, atx := typeOf(parser.NewListParser()), typeOf(parser.NewBlockquoteParser()), typeOf(parser.NewATXHeadingParser())
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		bp := p.Value.(parser.BlockParser)
		switch typeOf(bp) {
		case list, quote:
			ps[i].Value = nestingLimited{bp}
		case atx:
			ps[i].Value = headingLimited{bp}
		}
	}
	return ps
}

// renderMarkdown turns a Markdown body into HTML. Headings get the ids
// hexo-renderer-marked gives them: the slugized heading text, case and CJK
// kept, a repeat suffixed -1, -2 across all levels. The guard says which
// limit, if any, was hit; the error is the renderer's.
func renderMarkdown(src string, lim markdownLimits) (string, *mdGuard, error) {
	source := []byte(src)
	doc, g := parseMarkdown(source, lim)
	setHeadingIDs(doc, source, map[string]int{})
	out, err := renderDoc(doc, source)
	return out, g, err
}

// renderDoc renders a parsed body, its heading ids set.
func renderDoc(doc ast.Node, source []byte) (string, error) {
	var out bytes.Buffer
	out.Grow(len(source) + len(source)/4)
	if err := markdown().Renderer().Render(&out, source, doc); err != nil {
		return "", err
	}
	return out.String(), nil
}

// setHeadingIDs gives headings their ids in document order, visiting blocks
// only: a heading is never inside inline content, so the inline nodes (most
// of a document) are not walked.
func setHeadingIDs(n ast.Node, source []byte, used map[string]int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch h := c.(type) {
		case *ast.Heading:
			id := Slugize(html.UnescapeString(headingSourceText(h, source)))
			if k := used[id]; k > 0 {
				used[id] = k + 1
				id += "-" + strconv.Itoa(k)
			} else {
				used[id] = 1
			}
			h.SetAttributeString("id", []byte(id))
		default:
			if c.Type() == ast.TypeBlock && c.HasChildren() && c.FirstChild().Type() == ast.TypeBlock {
				setHeadingIDs(c, source, used)
			}
		}
	}
}

// headingSourceText is the heading's text as its rendered HTML would show it
// with the tags stripped (entities still encoded, as marked hands them over).
func headingSourceText(n ast.Node, source []byte) string {
	var b bytes.Buffer
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(source))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			case *ast.RawHTML:
				// tags are stripped; their text children are separate nodes
			case *ast.AutoLink:
				b.Write(t.Label(source))
			case *plainText:
				b.WriteString(html.EscapeString(t.text(source)))
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}
