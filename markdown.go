package hexo

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// markdown is the renderer for Markdown bodies: CommonMark with GFM (tables,
// strikethrough, autolinks, task lists), raw HTML kept, and
// hexo-renderer-marked's smartypants (smartypants.go), as its defaults (gfm,
// smartypants) have it.
// It is immutable once built and safe for concurrent use.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(guardedBlockParsers()...),
			parser.WithInlineParsers(append(parser.DefaultInlineParsers(),
				util.Prioritized(smartypants{}, 9999))...),
			parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
				util.Prioritized(paragraphGuard{}, 0))...),
		)),
		goldmark.WithExtensions(extension.GFM),
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
func renderMarkdown(src string, held heldItems, lim markdownLimits) (string, *mdGuard, error) {
	source := []byte(src)
	doc, g := parseMarkdown(source, lim)
	setHeadingIDs(doc, source, map[string]int{})
	out, err := renderDoc(doc, source, held)
	return out, g, err
}

// renderDoc renders a parsed body, its heading ids set, and puts back the
// code blocks the fence pass held aside.
func renderDoc(doc ast.Node, source []byte, held heldItems) (string, error) {
	var out bytes.Buffer
	out.Grow(len(source) + len(source)/4)
	if err := markdown().Renderer().Render(&out, source, doc); err != nil {
		return "", err
	}
	return held.restore(out.String()), nil
}

// setHeadingIDs gives headings their ids in document order, visiting blocks
// only: a heading is never inside inline content, so the inline nodes (most
// of a document) are not walked.
func setHeadingIDs(n ast.Node, source []byte, used map[string]int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch h := c.(type) {
		case *ast.Heading:
			id := headingID(h, source)
			k, seen := used[id]
			switch {
			case k > 0:
				used[id] = k + 1
				id += "-" + strconv.Itoa(k)
			case !seen && objectProto[id]:
				// hexo-renderer-marked counts repeats in a plain object, where
				// these names are Object.prototype's: its first such heading
				// gets -NaN (the count becomes NaN), the next none, then -1…
				used[id] = 0
				id += "-NaN"
			default:
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

// objectProto are the names a slugized heading can have that a JavaScript
// object inherits.
var objectProto = map[string]bool{
	"constructor": true, "hasOwnProperty": true, "isPrototypeOf": true, "propertyIsEnumerable": true,
	"toString": true, "valueOf": true, "toLocaleString": true,
}

// headingID is hexo-renderer-marked's anchorId: slugize(stripHTML(
// unescapeHTML(html)).trim()), where html is the heading's inline HTML as
// marked writes it. So entities count as written (&nbsp; gives "nbsp"; only
// hexo-util's eight are decoded, and then read as markup: <y> in code is a
// tag and goes), an image adds nothing, and a line break (marked's breaks
// option makes every one a <br>) joins the lines with nothing between.
func headingID(h *ast.Heading, source []byte) string {
	var b bytes.Buffer
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(util.UnescapePunctuations(t.Segment.Value(source)))
			case *ast.String:
				b.Write(t.Value)
			case *ast.CodeSpan:
				b.WriteString("<code>")
				for g := t.FirstChild(); g != nil; g = g.NextSibling() {
					if s, ok := g.(*ast.Text); ok {
						b.Write(bytes.ReplaceAll(s.Segment.Value(source), newline, []byte(" ")))
					}
				}
				b.WriteString("</code>")
			case *ast.RawHTML:
				for i := range t.Segments.Len() {
					seg := t.Segments.At(i)
					b.Write(seg.Value(source))
				}
			case *ast.Image:
				b.WriteString("<img>")
			case *ast.AutoLink:
				b.Write(t.Label(source))
			case *plainText:
				b.WriteString(t.text(source))
			default:
				walk(c)
			}
		}
	}
	walk(h)
	html := b.String()
	if strings.ContainsAny(html, "&<") { // plain text is neither unescaped nor stripped
		html = StripHTML(hexoUnescape.Replace(html))
	}
	return Slugize(strings.TrimFunc(html, isJSSpace))
}

// hexoUnescape is hexo-util's unescapeHTML: its eight entities, one pass.
var hexoUnescape = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`,
	"&#39;", "'", "&#96;", "`", "&#x2F;", "/", "&#x3D;", "=")

// isJSSpace is what JavaScript's trim removes.
func isJSSpace(r rune) bool { return r == '\uFEFF' || r != 0x85 && unicode.IsSpace(r) }
