package hexo

import (
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Markdown returns a Markdown body as Hexo hands it to its Markdown
// renderer, for another engine to render (a migration to Hugo): every tag
// plugin replaced by the HTML Hexo's tag writes ({% asset_img %} an <img>,
// {% blockquote %} a <blockquote>), a tag inside inline or indented code
// left as written (Hexo escapes it there, unless that code holds a
// {% raw %}), a fence Hexo pairs written as one CommonMark pairs the same
// way, and the rest as written. Line breaks are LF. For an HTML body it is Content.
func (p *Post) Markdown() string {
	if p.Format != FormatMarkdown {
		return p.Content()
	}
	s := p.expanded
	if !p.held.inText(s) {
		return s
	}
	code := p.codeRanges(s)
	ran := map[int]bool{} // by code range: whether it holds a {% raw %}, which lets Nunjucks run its tags
	inCode := func(at int) bool { return rangeAt(code, at) >= 0 }
	runs := func(at int) bool {
		r := rangeAt(code, at)
		v, ok := ran[r]
		if !ok {
			v = p.holdsRaw(s[code[r][0]:code[r][1]])
			ran[r] = v
		}
		return v
	}
	var b strings.Builder
	b.Grow(len(s))
	done := 0
	// the line of the last placeholder: where it starts, and where the run
	// of indentation, quote and list markers it starts with ends (kept as
	// the placeholders go, so that many on one line cost linear time)
	lineAt, markersEnd, seen := 0, 0, 0
	used := make([]bool, len(p.held))
	for at := 0; ; {
		ph, ok := p.held.find(s, at)
		if !ok {
			break
		}
		i, end, n := ph.start, ph.end, ph.n
		b.WriteString(s[done:i])
		at, done = end, end
		if n < 0 || used[n] { // the body holds each placeholder once, as the passes wrote it
			continue
		}
		used[n] = true
		if j := strings.LastIndexByte(s[seen:i], '\n'); j >= 0 || seen == 0 {
			lineAt = seen + j + 1
			markersEnd = lineAt
			for markersEnd < len(s) && strings.IndexByte(blockMarkers, s[markersEnd]) >= 0 {
				markersEnd++
			}
		}
		seen = i
		h := p.held[n]
		switch {
		case !h.tag && inCode(i):
			// Hexo paired a fence inside indented code: it shows the code,
			// without the fence's marks
			b.WriteString(fence(h, s[lineAt:i], false))
		case !h.tag: // a fence Hexo paired, as every CommonMark engine reads one
			b.WriteString(fence(h, s[lineAt:i], true))
		case inCode(i) && !runs(i):
			b.WriteString(p.held.source(h.src, n))
		case inCode(i): // Nunjucks ran it: its output ({% raw %}'s text) is the code's text
			b.WriteString(p.held.source(h.html, n))
		case i <= markersEnd: // only indentation and markers before it: it starts a block
			// The comment stands where Hexo's placeholder stood, so that the
			// Markdown around reads as marked read it: a block starting with
			// it is an HTML block of that line only.
			b.WriteString("<!---->" + inertHTML(p.held.restoreUsing(h.html, used)))
		default: // inline, or inside a link's destination
			b.WriteString(inertHTML(p.held.restoreUsing(h.html, used)))
		}
	}
	b.WriteString(s[done:])
	return b.String()
}

// inertHTML is a tag's HTML written so that a Markdown engine passes it
// through as Hexo does (it holds the tag's output away from marked): on one
// line, so that no blank line ends its HTML block, and with the characters
// Markdown reads between its elements written as character references, so
// that "**" in a caption is not bold and "|" no table cell. A browser
// reads the references as the characters. Script and style content is
// left alone.
func inertHTML(h string) string {
	var b strings.Builder
	b.Grow(len(h) + len(h)/8)
	inTag, raw := false, ""
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case raw != "":
			if c == '<' && strings.HasPrefix(strings.ToLower(h[i:]), "</"+raw) {
				raw = ""
				inTag = true
			}
			b.WriteByte(c)
		case inTag:
			if c == '>' {
				inTag = false
				if t := strings.ToLower(h[strings.LastIndexByte(h[:i], '<')+1 : i]); strings.HasPrefix(t, "script") || strings.HasPrefix(t, "style") {
					raw = t[:strings.IndexAny(t+" ", " \t\n/")]
				}
			}
			if c == '\n' || c == '\r' {
				c = ' '
			}
			b.WriteByte(c)
		case c == '<':
			inTag = true
			b.WriteByte(c)
		case c == '\n':
			b.WriteString("&#10;")
		case strings.IndexByte("\\`*_[]~|{}", c) >= 0:
			b.WriteString("&#" + strconv.Itoa(int(c)) + ";")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// fence writes a code block Hexo paired as a fence that CommonMark reads
// the same: Hexo pairs fences CommonMark does not (after text in a list
// item, indented past its container, closed by a shorter fence), and
// shows their code, its common indentation stripped. prefix is what stands
// before the block on its line; the code's lines continue its containers
// (quote markers kept, a list marker's width as spaces). Without marks,
// only the code's lines are written.
func fence(h heldItem, prefix string, marks bool) string {
	cont := []byte(prefix)
	for i, c := range cont {
		if c != '>' && c != ' ' && c != '\t' {
			cont[i] = ' '
		}
	}
	longest, run := 0, 0
	for i := 0; i < len(h.text); i++ {
		if h.text[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	ticks := strings.Repeat("`", max(3, longest+1))
	var b strings.Builder
	if marks {
		b.WriteString(ticks + h.lang + "\n")
	}
	for i, line := range strings.Split(h.text, "\n") {
		if i > 0 || marks {
			b.Write(cont)
		}
		b.WriteString(line)
		if marks {
			b.WriteString("\n")
		} else if i < strings.Count(h.text, "\n") {
			b.WriteString("\n")
		}
	}
	if marks {
		b.Write(cont)
		b.WriteString(ticks)
	}
	return b.String()
}

// blockMarkers are what may stand before a block's first character on its
// line: indentation, quote markers and list markers.
const blockMarkers = " \t>-*+0123456789.)"

// codeRanges are the byte ranges of s that Markdown reads as code: code
// spans, indented code and the fences Hexo did not pair.
func (p *Post) codeRanges(s string) [][2]int {
	source := []byte(s)
	doc, _ := parseMarkdown(source, p.opts.markdownLimits())
	var out [][2]int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					out = append(out, [2]int{t.Segment.Start, t.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			if lines.Len() > 0 {
				out = append(out, [2]int{lines.At(0).Start, lines.At(lines.Len() - 1).Stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}

// holdsRaw reports whether text holds a held {% raw %}.
func (p *Post) holdsRaw(text string) bool {
	open := "<!--swig" + p.held.mark()
	for {
		m := strings.Index(text, open)
		if m < 0 {
			return false
		}
		text = text[m+len(open):]
		if n, _, ok := p.held.item(text, 0); ok && rawOpenRE.MatchString(p.held[n].src) {
			return true
		}
	}
}

// rangeAt is the index of the sorted range holding offset at, or -1.
func rangeAt(rs [][2]int, at int) int {
	i, _ := slices.BinarySearchFunc(rs, at, func(r [2]int, at int) int {
		switch {
		case r[1] <= at:
			return -1
		case r[0] > at:
			return 1
		}
		return 0
	})
	if i < len(rs) && rs[i][0] <= at && at < rs[i][1] {
		return i
	}
	return -1
}
