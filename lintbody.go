package hexo

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// body runs the body rules: what Hexo's Markdown pass and its Nunjucks pass
// do to the text, and the more marker.
func (l *linter) body() {
	p, off := l.p, l.bodyOffset()
	if p.Format == FormatHTML && !isHTMLFile(p.Source) {
		if breaks := markdownBreaks(p.Body, p.opts.markdownLimits()); len(breaks) > 0 {
			_, ok := p.mendedHTMLBody()
			b := breaks[0]
			var what string
			switch {
			case b.code:
				what = "this indented line after a blank line becomes a code block, its tags shown as text"
			case b.inPre:
				what = "a blank line inside <pre> ends the HTML there: the code after it is read as Markdown"
			default:
				what = "a blank line inside <" + b.elem + "> ends the HTML there: this line is read as Markdown"
			}
			more := ""
			if len(breaks) > 1 {
				more = " (and " + strconv.Itoa(len(breaks)-1) + " more places)"
			}
			l.add(RuleMarkdownHTML, l.lines.line(off+b.off), "", ok, "the HTML body goes through Hexo's Markdown pass: %s%s", what, more)
		}
	}
	spans := swigSpans(p.Body, p.held)
	fixable := p.nunjucksRepair(spans, l.proofs)
	for _, s := range spans {
		line := l.lines.line(off + s.start)
		snippet := clipRunes(p.Body[s.start:s.end], 40)
		switch s.kind {
		case swigUnknown:
			l.add(RuleUnknownTag, line, "", false, "%s is not a tag Hexo 8 knows: rendering fails and the post loses its content (a theme or plugin must provide it)", snippet)
		case swigUnclosed:
			l.add(RuleUnknownTag, line, "", false, "%s has no {%% end%s %%}: rendering fails and the post loses its content", snippet, s.name)
		default:
			l.add(RuleNunjucks, line, "", fixable[s.start], "%s is Nunjucks: Hexo executes it and the text vanishes; wrap it in {%% raw %%}...{%% endraw %%}", snippet)
		}
	}
	l.more(p.Body, off)
}

// repairMarkdownHTML mends every break of the HTML body at once.
func repairMarkdownHTML(p *Post, _ Finding, _ FixOptions) error {
	if mended, ok := p.mendedHTMLBody(); ok {
		return p.rewrite(p.kept.text[:len(p.kept.text)-len(p.Body)] + mended)
	}
	return nil
}

// repairMoreMarker writes Hexo's <!-- more --> for the first marker it misses.
func repairMoreMarker(p *Post, _ Finding, _ FixOptions) error {
	if e, _, ok := p.moreRepair(); ok {
		return p.rewrite(p.kept.text[:len(p.kept.text)-len(p.Body)] + p.Body[:e.start] + e.repl + p.Body[e.end:])
	}
	return nil
}

// mendedHTMLBody is the HTML body mended (mendHTMLBody), ok when the mend
// leaves no break and the parse proves it shows what the body showed.
func (p *Post) mendedHTMLBody() (string, bool) {
	mended, ok := mendHTMLBody(p.Body, p.opts.markdownLimits())
	if !ok || mended == p.Body {
		return p.Body, false
	}
	return mended, p.provenEdits([]textEdit{{start: 0, end: len(p.Body), repl: mended}})[0]
}

// repairNunjucks wraps in {% raw %} the Nunjucks text Lint found fixable.
func repairNunjucks(p *Post, _ Finding, opts FixOptions) error {
	edits, ok := p.nunjucksEdits(swigSpans(p.Body, p.held), opts.proofs)
	if !slices.Contains(ok, true) {
		return nil
	}
	return p.rewrite(p.kept.text[:len(p.kept.text)-len(p.Body)] + applyBodyEdits(p.Body, edits, ok))
}

// nunjucksRepair is, by span start, whether the Nunjucks repair wraps it.
func (p *Post) nunjucksRepair(spans []swigSpan, ps proofs) map[int]bool {
	edits, ok := p.nunjucksEdits(spans, ps)
	fixable := map[int]bool{}
	for i, e := range edits {
		fixable[e.start] = ok[i]
	}
	return fixable
}

// nunjucksEdits are the wraps in {% raw %} the Nunjucks repair may make, and
// which of them it makes. The places come from the parse: Nunjucks text
// outside the code the parse reads (bodyCode), which a wrap would show, and
// without an endraw of its own. A wrap is made only where provenEdits proves
// the post shows what it showed: the Nunjucks text as written, its headings'
// ids, links and images as they were (a wrap in a link's destination, a
// heading or a reference definition changes them, and is not made). None is
// made when the wraps would leave Nunjucks text behind (a stray "{%" before
// them can undo them), so that a second Fix has nothing left to wrap.
func (p *Post) nunjucksEdits(spans []swigSpan, ps proofs) ([]textEdit, []bool) {
	if pr, ok := ps.get(RuleNunjucks, p); ok {
		return pr.edits, pr.ok
	}
	var edits []textEdit
	var code [][2]int
	codeRead := false
	text := 0 // the spans of Nunjucks text
	for _, s := range spans {
		if s.kind != swigText {
			continue
		}
		text++
		if strings.Contains(p.Body[s.start:s.end], "endraw") {
			continue
		}
		if !codeRead {
			code, codeRead = mergeRanges(p.bodyCode()), true
		}
		if overlapsRange(code, s.start, s.end) {
			continue
		}
		edits = append(edits, textEdit{start: s.start, end: s.end, repl: "{% raw %}" + p.Body[s.start:s.end] + "{% endraw %}"})
	}
	ok := p.provenEdits(edits)
	made := 0
	for _, b := range ok {
		if b {
			made++
		}
	}
	if made > 0 {
		wrapped := applyBodyEdits(p.Body, edits, ok)
		_, held := pairFences(wrapped) // the text the fix would write, read as Hexo would
		left := 0
		for _, s := range swigSpans(wrapped, held) {
			if s.kind == swigText {
				left++
			}
		}
		if left != text-made {
			clear(ok)
		}
	}
	ps.put(RuleNunjucks, p, proof{edits: edits, ok: ok})
	return edits, ok
}

// bodyCode are the parts of the body the parse reads as code: the fences
// Hexo's fence pass holds and, where Hexo runs Markdown (not an .html file),
// the code spans and blocks of the Markdown tree read with those fences
// held aside (each stands as a comment of its length, on one line, as Hexo's
// placeholder does), so that offsets are the body's. What they hold shows
// as written, so a repair never edits there.
func (p *Post) bodyCode() [][2]int {
	var out [][2]int
	var b strings.Builder
	done := 0
	for _, h := range p.held {
		if h.tag || h.from < done || h.to > len(p.Body) {
			continue
		}
		out = append(out, [2]int{h.from, h.to})
		b.WriteString(p.Body[done:h.from])
		if n := h.to - h.from; n >= len("<!---->") {
			b.WriteString("<!--" + strings.Repeat("x", n-len("<!---->")) + "-->")
		} else {
			b.WriteString(strings.Repeat("x", n))
		}
		done = h.to
	}
	if !isHTMLFile(p.Source) {
		b.WriteString(p.Body[done:])
		out = append(out, p.codeRanges(b.String())...)
	}
	return out
}

// mergeRanges sorts ranges and joins those that overlap, for overlapsRange.
func mergeRanges(rs [][2]int) [][2]int {
	slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	for _, r := range rs {
		if n := len(out); n > 0 && r[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// overlapsRange reports whether [start, end) meets one of the merged ranges.
func overlapsRange(rs [][2]int, start, end int) bool {
	i := sort.Search(len(rs), func(i int) bool { return rs[i][1] > start })
	return i < len(rs) && rs[i][0] < end
}

// mdBreak is a place where Markdown stops reading an HTML body as HTML.
type mdBreak struct {
	off   int    // start of the line in the body
	code  bool   // an indented code block
	inPre bool   // inside <pre> or <textarea>, where blank lines show
	elem  string // the innermost open element
}

// markdownBreaks parses an HTML body as Markdown (CommonMark, as Hexo's
// marked does for HTML blocks) and returns the lines that do not stay raw
// HTML: indented code blocks anywhere, and any other block that starts while
// an element is still open (after a blank line ended its HTML block).
func markdownBreaks(body string, lim markdownLimits) []mdBreak {
	src := []byte(body)
	doc, _ := parseMarkdown(src, lim) // a limit hit only reads some markup as text
	var cands []mdBreak
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindHTMLBlock {
			continue
		}
		off := blockStart(n)
		if off < 0 {
			continue
		}
		off = strings.LastIndexByte(body[:off], '\n') + 1
		cands = append(cands, mdBreak{off: off, code: n.Kind() == ast.KindCodeBlock})
	}
	if len(cands) == 0 {
		return nil
	}
	// the open elements at each candidate, from one pass of the tokenizer
	z := html.NewTokenizer(strings.NewReader(body))
	var open elemStack
	pos, k := 0, 0
	var out []mdBreak
	for k < len(cands) {
		tt := z.Next()
		end := pos + len(z.Raw())
		if tt == html.ErrorToken {
			end = len(body) + 1
		}
		for ; k < len(cands) && cands[k].off < end; k++ {
			c := cands[k]
			if open.depth() > 0 {
				c.elem = open.elems[open.depth()-1].name
				c.inPre = open.findAtom(atom.Pre) >= 0 || open.findAtom(atom.Textarea) >= 0 || open.findAtom(atom.Listing) >= 0
			}
			if c.code || open.depth() > 0 {
				out = append(out, c)
			}
		}
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			open.startTag(atom.Lookup(name), string(name))
		case html.EndTagToken:
			name, _ := z.TagName()
			open.endTag(atom.Lookup(name), string(name))
		}
		pos = end
	}
	return out
}

// blockStart is the body offset of a block's first line, -1 when it has none.
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	return -1
}

// mendHTMLBody makes an HTML body survive Markdown without changing what it
// shows: at each break, the blank lines before it are removed (inside <pre>
// each becomes &#10;, the newline it stood for), and an indented line that
// still opens a code block loses its indentation (outside <pre>, where
// leading spaces show nothing). ok says no break is left.
func mendHTMLBody(body string, lim markdownLimits) (mended string, ok bool) {
	for range 50 {
		breaks := markdownBreaks(body, lim)
		if len(breaks) == 0 {
			return body, true
		}
		// one pass per round, whatever the number of breaks
		var b strings.Builder
		b.Grow(len(body) + len(breaks)*8)
		done, changed := 0, false
		for _, br := range breaks {
			e, ok := mendBreak(body, br)
			if !ok || e.start < done {
				continue
			}
			b.WriteString(body[done:e.start])
			b.WriteString(e.repl)
			done, changed = e.end, true
		}
		if !changed {
			return body, false
		}
		b.WriteString(body[done:])
		body = b.String()
	}
	return body, false
}

// mendBreak is the edit that mends one break: see mendHTMLBody.
func mendBreak(body string, b mdBreak) (e textEdit, ok bool) {
	start := b.off
	i := start
	for i > 0 { // back over the blank lines before the break
		prev := strings.LastIndexByte(body[:i-1], '\n') + 1
		if strings.TrimSpace(body[prev:i-1]) != "" {
			break
		}
		i = prev
	}
	switch {
	case i < start && b.inPre:
		return textEdit{start: i, end: start, repl: strings.ReplaceAll(body[i:start], "\n", "&#10;")}, true
	case i < start:
		return textEdit{start: i, end: start}, true
	case b.code && !b.inPre:
		n := len(body[start:]) - len(strings.TrimLeft(body[start:], " \t"))
		return textEdit{start: start, end: start + n}, true
	case start > 0:
		// The line before ended a <pre>, <script>, <style> or comment block
		// and went on with more HTML: start that HTML on a line of its own,
		// where it opens a block Markdown leaves alone.
		prevStart := strings.LastIndexByte(body[:start-1], '\n') + 1
		prev := body[prevStart : start-1]
		at := lastBlockEnd(prev)
		if at > 0 && strings.HasPrefix(strings.TrimLeft(prev[at:], " \t"), "<") {
			return textEdit{start: prevStart + at, end: prevStart + at, repl: "\n"}, true
		}
	}
	return textEdit{}, false
}

var blockEndRE = regexp.MustCompile(`(?i)</(?:pre|script|style|textarea)>|-->`)

// lastBlockEnd is the offset just past the last end condition of a CommonMark
// HTML block of types 1 and 2 in line, 0 when there is none.
func lastBlockEnd(line string) int {
	m := blockEndRE.FindAllStringIndex(line, -1)
	if len(m) == 0 {
		return 0
	}
	return m[len(m)-1][1]
}

// The kinds of Nunjucks text swigSpans finds.
const (
	swigText     = iota // {{ }}, {# #}, or a Nunjucks statement: executed
	swigUnknown         // a {% tag %} Hexo does not know
	swigUnclosed        // a block tag without its end tag
)

type swigSpan struct {
	start, end int
	kind       int
	name       string
}

// nunjucksStatements are Nunjucks' own tags, which Hexo's tag pass runs.
var nunjucksStatements = map[string]bool{
	"if": true, "elif": true, "elseif": true, "else": true, "endif": true, "for": true, "endfor": true,
	"asyncEach": true, "endeach": true, "asyncAll": true, "endall": true, "set": true, "endset": true,
	"macro": true, "endmacro": true, "call": true, "endcall": true, "filter": true, "endfilter": true,
	"block": true, "endblock": true, "extends": true, "include": true, "import": true, "from": true,
}

// swigSpans finds the Nunjucks text of a body the way Hexo's post renderer
// sees it: outside the code its fence pass pairs (held), other fenced code,
// code spans and indented code (Hexo's tag pass escapes what a <code> holds),
// skipping {% raw %} blocks and the content of Hexo's block tags. <pre>
// without <code> is not skipped: Hexo runs the template there.
func swigSpans(body string, held heldItems) []swigSpan {
	if !strings.Contains(body, "{{") && !strings.Contains(body, "{%") && !strings.Contains(body, "{#") {
		return nil
	}
	x := tagExpander{src: body, skips: codeSpans(body, held), spanFailsUntil: map[int]int{}}
	x.index()
	var out []swigSpan
	// the scan goes forward, so the closer found for one opener is the first
	// one for every later opener before it: each closer is searched for once
	type found struct{ from, at int }
	last := map[string]found{}
	closed := func(i int, closer string, kind int) int {
		from := i + 2
		f, ok := last[closer]
		if !ok || from > f.at && f.at >= 0 || from < f.from {
			f = found{from, strings.Index(body[from:], closer)}
			if f.at >= 0 {
				f.at += from
			}
			last[closer] = f
		}
		if f.at < 0 {
			return -1
		}
		end := f.at + 2
		out = append(out, swigSpan{start: i, end: end, kind: kind})
		return end
	}
	x.scan(func(i int) int {
		rest := body[i:]
		switch {
		case strings.HasPrefix(rest, "{{"):
			return closed(i, "}}", swigText)
		case strings.HasPrefix(rest, "{#"):
			return closed(i, "#}", swigText)
		case !strings.HasPrefix(rest, "{%"):
			return -1
		}
		k := sort.SearchInts(x.closes, i+2)
		if k == len(x.closes) {
			return -1
		}
		end := x.closes[k] + 2
		args := tagArgs(strings.Trim(body[i+2:end-2], "-"))
		if len(args) == 0 {
			return end
		}
		name := args[0]
		tag, known := tagPlugins[name]
		known = known && tag.hexo8
		switch {
		case known && tag.block:
			spans := x.ends[name]
			j := sort.Search(len(spans), func(j int) bool { return spans[j][0] >= end })
			if j == len(spans) {
				out = append(out, swigSpan{start: i, end: end, kind: swigUnclosed, name: name})
				return end
			}
			return spans[j][1]
		case known:
			return end
		case nunjucksStatements[name]:
			out = append(out, swigSpan{start: i, end: end, kind: swigText, name: name})
		case !strings.HasPrefix(name, "end"):
			out = append(out, swigSpan{start: i, end: end, kind: swigUnknown, name: name})
		}
		return end
	})
	return out
}

// codeSpans are the parts of a body whose Nunjucks Hexo does not run: the
// fences its fence pass pairs, and indented code. An indented block holding
// a {% raw %} is not one of them: Hexo's tag pass then leaves that <code> to
// Nunjucks.
func codeSpans(body string, held heldItems) [][2]int {
	var spans [][2]int
	for _, h := range held {
		if !h.tag {
			spans = append(spans, [2]int{h.from, h.to})
		}
	}
	for _, c := range indentedCode(body) {
		if !rawOpenRE.MatchString(body[c[0]:c[1]]) {
			spans = append(spans, c)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	return spans
}

// indentedCode finds a Markdown body's indented code blocks by CommonMark's
// main rule: lines indented four columns, after a blank line or the start,
// outside a list (whose indented lines are the list's). It reads the lines
// only, for lint; the parse's own reading is goldmark's.
func indentedCode(body string) [][2]int {
	var out [][2]int
	blank, inList, inCode := true, false, false
	for i := 0; i < len(body); {
		end := strings.IndexByte(body[i:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += i + 1
		}
		line := strings.TrimRight(body[i:end], "\r\n")
		switch {
		case strings.TrimSpace(line) == "":
			blank = true
		case indentColumns(line) >= 4:
			switch {
			case inCode:
				out[len(out)-1][1] = end
			case blank && !inList:
				out = append(out, [2]int{i, end})
				inCode = true
			}
			blank = false
		default:
			inCode = false
			if listMarkerRE.MatchString(line) {
				inList = true
			} else if blank {
				inList = false
			}
			blank = false
		}
		i = end
	}
	return out
}

var listMarkerRE = regexp.MustCompile(`^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)`)

// indentColumns is a line's indentation, a tab reaching the next multiple of four.
func indentColumns(line string) int {
	n := 0
	for _, c := range []byte(line) {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 4 - n%4
		default:
			return n
		}
	}
	return n
}

var (
	hexoMoreRE    = regexp.MustCompile(`(?i)<!-- ?more ?-->`)
	moreVariantRE = regexp.MustCompile(`(?i)<!--\s*more\s*-->`)
)

// more checks the <!-- more --> marker: a spelling Hexo does not match, and
// a marker inside a line of text.
func (l *linter) more(body string, off int) {
	first := hexoMoreRE.FindStringIndex(body)
	if e, found, ok := l.p.moreRepair(); found {
		v := []int{e.start, e.end}
		l.add(RuleMoreMarker, l.lines.line(off+v[0]), "", ok, "%q is not Hexo's <!-- more --> (one space at most on each side): the post gets no excerpt", body[v[0]:v[1]])
	}
	if first == nil {
		return
	}
	ls := strings.LastIndexByte(body[:first[0]], '\n') + 1
	le := len(body)
	if j := strings.IndexByte(body[first[1]:], '\n'); j >= 0 {
		le = first[1] + j
	}
	before := strings.TrimSpace(body[ls:first[0]])
	after := strings.TrimSpace(body[first[1]:le])
	if before != "" && !strings.HasSuffix(before, ">") || after != "" && !strings.HasPrefix(after, "<") {
		l.add(RuleMoreSplitsParagraph, l.lines.line(off+first[0]), "", false, "<!-- more --> is inside a line of text: the excerpt ends in the middle of a paragraph")
	}
}

// moreVariant is the first marker outside code, nil when Hexo matches it
// or there is none. A marker in code is text the post shows, not a marker.
func moreVariant(body string, code func() [][2]int) []int {
	var rs [][2]int
	for i, m := range moreVariantRE.FindAllStringIndex(body, -1) {
		if i == 0 {
			rs = mergeRanges(code())
		}
		if overlapsRange(rs, m[0], m[1]) {
			continue
		}
		if hexoMoreRE.MatchString(body[m[0]:m[1]]) {
			return nil
		}
		return m
	}
	return nil
}

// moreRepair is the more-marker repair's edit of the body: found says
// there is a marker to mend, ok that the parse proves the mended post shows
// what it showed (its excerpt aside).
func (p *Post) moreRepair() (e textEdit, found, ok bool) {
	v := moreVariant(p.Body, p.bodyCode)
	if v == nil {
		return textEdit{}, false, false
	}
	e = textEdit{start: v[0], end: v[1], repl: "<!-- more -->"}
	return e, true, p.provenEdits([]textEdit{e})[0]
}

// clipRunes shortens s to n runes, with "…" when cut, on one line.
func clipRunes(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
