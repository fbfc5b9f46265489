package hexo

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Hexo pairs ``` and ~~~ fences on the raw text of a post before its
// Markdown renderer runs (hexo/lib/plugins/filter/before_post_render/
// backtick_code_block.js): each pair becomes a placeholder comment, and the
// highlighted code takes the comment's place after rendering. So a fence
// pairs whatever Markdown would make of its lines: indented after a
// paragraph, opened in a list item and closed at column 0, right after an
// HTML block. pairFences is that filter's regular expression,
//
//	^((?:(?:[ws]*>){0,3}|[-*+]|[0-9]+\.)[ws]*)(`{3,}|~{3,})[ws]*((?:.*?[^`\s])?)[ws]*\n
//	((?:[\s\S]*?\n)?)(?:(?:[ws]*>){0,3}[ws]*)\2[ws]?(\n+|$)      (gm; ws is [^\S\r\n])
//
// matched by hand: Go's regexp has no back-reference, and a search for each
// opener's closer would make a body of unclosed openers quadratic, so the
// closers are indexed once by fence.

// heldItem is what Hexo holds aside while Markdown renders: a code block of
// the fence pass, or the HTML of a tag plugin (tagplugin.go), which Hexo
// runs after Markdown.
type heldItem struct {
	lang     string // the info string's first word; "" for none
	text     string // the code, its common indentation stripped as Hexo's highlighter does
	from, to int    // the fences and the code in the body, for the passes that read it as written
	html     string // a tag's HTML
	src      string // the fence or tag as written: what a placeholder never put back shows
	tag      bool
	mark     string // the body's placeholder mark (placeholderMark), the same in every item
}

// heldItems are a body's held items by placeholder number.
type heldItems []heldItem

// The placeholders are Hexo's own, <!--code￼N--> and <!--swig￼N-->, when
// the body cannot make that text itself; else their U+FFFC is another mark
// (placeholderMark). A Markdown renderer passes them through as raw HTML,
// or escaped inside code.
const (
	heldOpen    = "<!--code" + heldMark
	heldTagOpen = "<!--swig" + heldMark
	heldMark    = "\uFFFC"
)

// placeholderMark is the mark of a body's placeholders: Hexo's U+FFFC, or,
// when the body holds that character or a numeric reference that Markdown
// turns into it, a 0xFF byte and the fewest continuation bytes that make a
// string the body does not hold. No character reference makes a byte that
// is not UTF-8, and the passes join two pieces of the body only where a tag
// argument loses its quotes (a quote's footer), which the choice reads
// without; so the mark occurs in the expanded body and in what Markdown
// makes of it only where a placeholder was put: the post's own text never
// reads as one, and a literal U+FFFC is text. Each byte chosen is the one
// fewest of the body's remaining candidates continue with, so the mark
// grows by a byte per 64-fold of them: six bytes at 16 MiB.
func placeholderMark(src string) string {
	if !holdsUnquoted(src, heldMark) && !refersTo(src, 0xFFFC) {
		return heldMark
	}
	s := strings.NewReplacer(`"`, "", "'", "").Replace(src)
	mark := []byte{0xFF}
	var at []int // where the text after each occurrence of mark starts; nil for the first round
	for round := 0; ; round++ {
		var n [64]int
		next := func(f func(p int)) {
			if round == 0 {
				for i := strings.IndexByte(s, 0xFF); i >= 0; {
					f(i + 1)
					j := strings.IndexByte(s[i+1:], 0xFF)
					if j < 0 {
						break
					}
					i += 1 + j
				}
				return
			}
			for _, p := range at {
				f(p)
			}
		}
		next(func(p int) {
			if p < len(s) && s[p] >= 0x80 && s[p] < 0xC0 {
				n[s[p]-0x80]++
			}
		})
		c := 0
		for i := range n {
			if n[i] < n[c] {
				c = i
			}
		}
		mark = append(mark, byte(0x80+c))
		if n[c] == 0 {
			return string(mark)
		}
		kept := make([]int, 0, n[c])
		next(func(p int) {
			if p < len(s) && s[p] == byte(0x80+c) {
				kept = append(kept, p+1)
			}
		})
		at = kept
	}
}

// holdsUnquoted reports whether s holds pat, a string without quotes, with
// its quotes (" and ') read as absent, as a tag's arguments are.
func holdsUnquoted(s, pat string) bool {
	if strings.Contains(s, pat) {
		return true
	}
	if !strings.ContainsAny(s, `"'`) {
		return false
	}
	for i := strings.IndexByte(s, pat[0]); i >= 0; {
		k, j := 1, i+1
		for k < len(pat) && j < len(s) {
			switch {
			case s[j] == '"' || s[j] == '\'':
				j++
			case s[j] == pat[k]:
				j, k = j+1, k+1
			default:
				j = len(s) + 1 // no match here
			}
		}
		if k == len(pat) {
			return true
		}
		n := strings.IndexByte(s[i+1:], pat[0])
		if n < 0 {
			return false
		}
		i += 1 + n
	}
	return false
}

// refersTo reports whether s holds a numeric character reference that may
// resolve to r: &#N or &#xH, read without CommonMark's digit limits or its
// closing semicolon, so that no reference Markdown resolves is missed.
func refersTo(s string, r int) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "&#")
		if j < 0 {
			return false
		}
		i += j + 2
		base := 10
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			base, i = 16, i+1
		}
		v, digits := 0, 0
		for ; i < len(s); i++ {
			d := hexDigit(s[i])
			if d < 0 || d >= base {
				break
			}
			if v <= 0x10FFFF {
				v = v*base + d
			}
			digits++
		}
		if digits > 0 && v == r {
			return true
		}
	}
}

// hexDigit is the value of a hexadecimal digit, -1 for another byte.
func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// mark is the items' placeholder mark; "" when none is held.
func (hs heldItems) mark() string {
	if len(hs) == 0 {
		return ""
	}
	return hs[0].mark
}

// hold appends an item held under mark and returns its placeholder.
func (hs *heldItems) hold(h heldItem, mark string) string {
	kind := "<!--code"
	if h.tag {
		kind = "<!--swig"
	}
	h.mark = mark
	*hs = append(*hs, h)
	return kind + mark + strconv.Itoa(len(*hs)-1) + "-->"
}

// pairFences replaces each fence pair of a Markdown body by its placeholder,
// keeping what precedes the fence on its line (indentation, quote markers, a
// list marker) and the line breaks after the closer, as the filter does.
func pairFences(src string) (string, heldItems) {
	if !strings.Contains(src, "```") && !strings.Contains(src, "~~~") {
		return src, nil
	}
	f := fencePass{src: src}
	f.index()
	var out strings.Builder
	var held heldItems
	mark := ""
	last := 0
	for s := 0; s < len(src); {
		m, ok := f.matchAt(s)
		if !ok {
			s = nextLineStart(src, s)
			continue
		}
		if f.inComment(s, m.end) || m.noHighlight {
			// the filter returns such a match as it was (its braces escaped)
			out.WriteString(src[last:m.end])
		} else {
			if mark == "" {
				mark = placeholderMark(src)
			}
			out.WriteString(src[last:m.prefixEnd])
			h := m.code(src)
			h.from, h.to, h.src = m.prefixEnd, m.closeEnd, src[m.prefixEnd:m.closeEnd]
			out.WriteString(held.hold(h, mark))
			out.WriteString(src[m.closeEnd:m.end])
		}
		last, s = m.end, m.end
	}
	if held == nil {
		return src, nil
	}
	out.WriteString(src[last:])
	return out.String(), held
}

// fencePass indexes a body once for pairFences.
type fencePass struct {
	src      string
	closers  map[fenceKey][]int // closer lines by fence, their starts ascending
	comments [][2]int           // <!-- … --> spans, as the filter finds them
	ci       int                // the first comment that may still hold a match
}

// fenceKey names a fence by its character and length: a key that costs
// nothing to hash, however long the run.
type fenceKey struct {
	c byte
	n int
}

// fenceMatch is one match of the filter's expression.
type fenceMatch struct {
	prefixEnd   int // end of group 1 (what precedes the fence)
	args        string
	quoted      int // '>' markers in group 1
	bodyStart   int // start of group 4
	bodyEnd     int // end of group 4 (the closer's line start)
	closeEnd    int // end of the closer, before group 5
	end         int // end of the match
	noHighlight bool
}

// isFenceSpace is [^\S\r\n]: JavaScript's white space but the two line breaks.
func isFenceSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// spaces returns the end of the run of fence spaces at i.
func spaces(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isFenceSpace(r) {
			break
		}
		i += n
	}
	return i
}

// quoteMarkers reads (?:[ws]*>){0,3} at i: its end and the markers read.
func quoteMarkers(s string, i int) (end, n int) {
	for n < 3 {
		j := spaces(s, i)
		if j >= len(s) || s[j] != '>' {
			break
		}
		i, n = j+1, n+1
	}
	return i, n
}

// nextLineStart is where ^ next matches after i (JavaScript's multiline ^
// follows \n, \r, U+2028 and U+2029).
func nextLineStart(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\n' || c == '\r':
			return i + 1
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			return i + 3
		}
		i++
	}
	return len(s) + 1
}

// atLineEnd is JavaScript's multiline $ at i.
func atLineEnd(s string, i int) bool {
	return i == len(s) || s[i] == '\n' || s[i] == '\r' || strings.HasPrefix(s[i:], "\u2028") || strings.HasPrefix(s[i:], "\u2029")
}

// fenceRun returns the run of ` or ~ at i, "" when shorter than three.
func fenceRun(s string, i int) string {
	if i >= len(s) || s[i] != '`' && s[i] != '~' {
		return ""
	}
	j := i
	for j < len(s) && s[j] == s[i] {
		j++
	}
	if j-i < 3 {
		return ""
	}
	return s[i:j]
}

// index finds every line that can close a fence, and the comments.
func (f *fencePass) index() {
	src := f.src
	f.closers = map[fenceKey][]int{}
	for i := 0; i < len(src); {
		if fence, _, ok := closerAt(src, i); ok {
			k := fenceKey{fence[0], len(fence)}
			f.closers[k] = append(f.closers[k], i)
		}
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	for i := 0; ; {
		j := strings.Index(src[i:], "<!--")
		if j < 0 {
			break
		}
		k := strings.Index(src[i+j+4:], "-->")
		if k < 0 {
			break
		}
		f.comments = append(f.comments, [2]int{i + j, i + j + 4 + k + 3})
		i += j + 4 + k + 3
	}
}

// closerAt reads the closing line (?:[ws]*>){0,3}[ws]*FENCE[ws]?(\n+|$) at
// i: the fence (the whole run: a longer run closes only its own length) and
// where the match's group 5 begins.
func closerAt(s string, i int) (fence string, end int, ok bool) {
	j, _ := quoteMarkers(s, i)
	j = spaces(s, j)
	fence = fenceRun(s, j)
	if fence == "" {
		return "", 0, false
	}
	end = j + len(fence)
	k := end
	if r, n := utf8.DecodeRuneInString(s[k:]); k < len(s) && isFenceSpace(r) {
		k += n
	}
	switch {
	case atLineEnd(s, k):
		return fence, k, true
	case k > end && atLineEnd(s, end): // the space was U+2028 or U+2029, where $ matches
		return fence, end, true
	}
	return "", 0, false
}

// matchAt tries the expression at s, a line start.
func (f *fencePass) matchAt(s int) (m fenceMatch, ok bool) {
	src := f.src
	// group 1: quote markers or a list marker, then spaces; at most one
	// alternative can reach a fence
	p, quoted := quoteMarkers(src, s)
	p = spaces(src, p)
	if fenceRun(src, p) == "" && quoted == 0 {
		q := s
		switch {
		case q < len(src) && (src[q] == '-' || src[q] == '*' || src[q] == '+'):
			q++
		default:
			for q < len(src) && src[q] >= '0' && src[q] <= '9' {
				q++
			}
			if q == s || q >= len(src) || src[q] != '.' {
				return m, false
			}
			q++
		}
		p = spaces(src, q)
	}
	run := fenceRun(src, p)
	if run == "" {
		return m, false
	}
	eol := strings.IndexByte(src[p:], '\n')
	if eol < 0 {
		return m, false // the opening line must end in \n
	}
	eol += p
	line := src[p+len(run) : eol]
	if strings.IndexByte(line, '\r') >= 0 {
		return m, false
	}
	// the fence is greedy: a shorter one is tried when the longer finds no
	// closer, the rest of its run then starting the info string
	argsEnd := p + len(run) + len(strings.TrimRightFunc(line, isFenceSpace))
	rest := src[p+len(run) : argsEnd]
	breaks := strings.ContainsAny(rest, "\u2028\u2029") // . matches neither
	for l := len(run); l >= 3; l-- {
		args := src[p+l : argsEnd]
		if l == len(run) {
			args = strings.TrimLeftFunc(args, isFenceSpace)
		}
		if args != "" && (args[len(args)-1] == '`' || breaks && strings.ContainsAny(args, "\u2028\u2029")) {
			continue
		}
		// group 4, ((?:[\s\S]*?\n)?), tries every non-empty body first: a
		// closer on the very next line closes only when no later one does
		closers := f.closers[fenceKey{run[0], l}]
		k := sort.SearchInts(closers, eol+2)
		switch {
		case k < len(closers):
		case k > 0 && closers[k-1] == eol+1:
			k--
		default:
			continue
		}
		c := closers[k]
		_, closeEnd, _ := closerAt(src, c)
		end := closeEnd
		for end < len(src) && src[end] == '\n' {
			end++
		}
		_, noHL := fenceOptions(args)
		return fenceMatch{prefixEnd: p, args: args, quoted: strings.Count(src[s:p], ">"),
			bodyStart: eol + 1, bodyEnd: c, closeEnd: closeEnd, end: end, noHighlight: noHL}, true
	}
	return m, false
}

// inComment reports whether a comment holds the match whole.
func (f *fencePass) inComment(start, end int) bool {
	for f.ci < len(f.comments) && f.comments[f.ci][1] <= start {
		f.ci++
	}
	return f.ci < len(f.comments) && f.comments[f.ci][0] < start && f.comments[f.ci][1] > end
}

// fenceOptions removes the filter's options (line_number:true, mark:1-3, …)
// from an info string; highlight:false leaves the fence to Markdown.
func fenceOptions(args string) (rest string, noHighlight bool) {
	if !strings.Contains(args, ":") {
		return args, false
	}
	fields := strings.FieldsFunc(args, func(r rune) bool { return r == ' ' || r == '\t' })
	kept := fields[:0]
	for i, fl := range fields {
		key, value, _ := strings.Cut(fl, ":")
		switch key {
		case "line_number", "line_threshold", "first_line", "wrap", "mark", "language_attr", "highlight":
			if i > 0 { // the filter's option follows white space
				if key == "highlight" && value != "true" {
					noHighlight = true
				}
				continue
			}
		}
		kept = append(kept, fl)
	}
	return strings.Join(kept, " "), noHighlight
}

// code is the match's code block: the language as the filter reads it, the
// quote markers of its lines removed to the opener's depth.
func (m fenceMatch) code(src string) heldItem {
	body := strings.TrimSuffix(src[m.bodyStart:m.bodyEnd], "\n")
	if m.quoted > 0 {
		lines := strings.Split(body, "\n")
		for i, l := range lines {
			lines[i] = unquote(l, m.quoted)
		}
		body = strings.Join(lines, "\n")
	}
	args, _ := fenceOptions(m.args)
	args, _, _ = strings.Cut(args, "=")
	lang, _, _ := strings.Cut(strings.TrimSpace(args), " ")
	lang, _, _ = strings.Cut(lang, "\t")
	return heldItem{lang: lang, text: stripIndent(body)}
}

// unquote is the filter's ^([ws]*>){0,depth}([ws]|$) on one line: it
// removes the markers only when a space or the line's end follows them.
func unquote(l string, depth int) string {
	ends := []int{0}
	for i, n := 0, 0; n < depth; n++ {
		j := spaces(l, i)
		if j >= len(l) || l[j] != '>' {
			break
		}
		i = j + 1
		ends = append(ends, i)
	}
	for k := len(ends) - 1; k >= 0; k-- {
		e := ends[k]
		if e == len(l) {
			return ""
		}
		if r, n := utf8.DecodeRuneInString(l[e:]); isFenceSpace(r) {
			return l[e+n:]
		}
	}
	return l
}

// htmlOf is a held item's HTML: a code block as goldmark renders a fenced
// one.
func (h heldItem) htmlOf() string {
	if h.tag {
		return h.html
	}
	var b strings.Builder
	b.Grow(len(h.text) + 40)
	b.WriteString("<pre><code")
	if h.lang != "" {
		b.WriteString(` class="language-` + html.EscapeString(h.lang) + `"`)
	}
	b.WriteString(">")
	b.WriteString(html.EscapeString(h.text))
	if h.text != "" {
		b.WriteString("\n")
	}
	b.WriteString("</code></pre>")
	return b.String()
}

// restoreHTML is restore on a piece of raw HTML of the tree, so that the
// walk tokenizes what the rendered body holds (a placeholder after "</div"
// is read as part of that tag, in both); used is the walk's, shared by its
// pieces.
func (hs heldItems) restoreHTML(b []byte, used []bool) []byte {
	if !hs.in(b) {
		return b
	}
	return []byte(hs.restoreUsing(string(b), used))
}

// restore puts the held items' HTML in place of their placeholders in
// rendered HTML, in either form (raw, or escaped inside code). A tag inside
// a <code> element shows as written, as Hexo's tag pass escapes it there,
// unless that element holds a {% raw %} (then Hexo leaves it to Nunjucks).
func (hs heldItems) restore(s string) string {
	if !hs.inText(s) {
		return s
	}
	return hs.restoreUsing(s, make([]bool, len(hs)))
}

// restoreUsing is restore over pieces of one text: used says which items
// are back already.
func (hs heldItems) restoreUsing(s string, used []bool) string {
	if !hs.inText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	hs.put(&b, s, used)
	return b.String()
}

// put writes s with its placeholders restored, each item at most once over
// all the text given with the same used, as Hexo puts each back once (it
// fails a post that names one twice): a copy the renderer made (a link
// reference's title used twice) gets nothing, so that what is put back
// costs no more than the items themselves. A placeholder Markdown mangled
// (its "<" escaped by a backslash, its "--" made dashes) shows its source.
// An item's HTML holding placeholders (a fence inside {% raw %}) has them
// restored, as Hexo restores the code blocks after the tags.
func (hs heldItems) put(b *strings.Builder, s string, used []bool) {
	done := 0
	codeEnd, runs := -1, false // the <code> element holding the last escaped tag
	for {
		p, ok := hs.find(s, done)
		if !ok {
			break
		}
		b.WriteString(s[done:p.start])
		done = p.end
		if p.n < 0 || used[p.n] {
			continue
		}
		used[p.n] = true
		h := hs[p.n]
		switch {
		case p.form == heldMangled:
			b.WriteString(html.EscapeString(hs.source(h.src, p.n)))
		case !h.tag:
			b.WriteString(h.htmlOf())
		case p.form == heldRaw:
			hs.put(b, h.html, used)
		default:
			if p.start > codeEnd {
				codeEnd, runs = hs.codeElement(s, p.start)
			}
			if runs {
				hs.put(b, h.html, used)
			} else {
				b.WriteString(html.EscapeString(hs.source(h.src, p.n)))
			}
		}
	}
	b.WriteString(s[done:])
}

// source is text of the passes (an item's src) as written: each placeholder
// in it, which names an earlier item, replaced by that item's source.
func (hs heldItems) source(s string, below int) string {
	if !hs.inText(s) {
		return s
	}
	var b strings.Builder
	done := 0
	for {
		p, ok := hs.find(s, done)
		if !ok {
			break
		}
		b.WriteString(s[done:p.start])
		done = p.end
		if p.n >= 0 && p.n < below {
			b.WriteString(hs.source(hs[p.n].src, p.n))
		}
	}
	b.WriteString(s[done:])
	return b.String()
}

// The forms a placeholder takes in rendered HTML.
const (
	heldRaw     = iota // <!--code￼N-->, raw HTML
	heldEscaped        // &lt;!--code￼N--&gt;, inside code or an attribute
	heldMangled        // anything else Markdown made of it
)

// What Markdown makes of a placeholder's ends when it reads the
// placeholder as text: "<" escaped, and "--" a dash (smartypants).
var (
	mangledOpens  = []string{"&lt;!--", "&lt;!\u2013", "<!\u2013", "<!--", "&lt;!", "<!"}
	mangledCloses = []string{"--&gt;", "\u2013&gt;", "\u2013>", "-->"}
)

// heldAt is a placeholder found in text.
type heldAt struct {
	start, end int // its extent
	n          int // its item; -1 for a mark that names none (which cannot be, as only placeholders hold one)
	form       int
}

// find finds the first placeholder of s at or after offset at. The mark
// occurs only in placeholders (placeholderMark), so every occurrence is
// one, whatever Markdown made of its ends.
func (hs heldItems) find(s string, at int) (p heldAt, ok bool) {
	mark := hs.mark()
	if mark == "" {
		return p, false
	}
	m := strings.Index(s[at:], mark)
	if m < 0 {
		return p, false
	}
	m += at
	i := m - len("code")
	n, k, ok := hs.item(s, m+len(mark))
	if i < at || !ok || hs[n].tag != (s[i:m] == "swig") || s[i:m] != "code" && s[i:m] != "swig" {
		return heldAt{start: m, end: m + len(mark), n: -1}, true
	}
	p = heldAt{start: i, end: k, n: n, form: heldMangled}
	switch {
	case strings.HasSuffix(s[at:i], "<!--") && strings.HasPrefix(s[k:], "-->"):
		p.start, p.end, p.form = i-len("<!--"), k+len("-->"), heldRaw
	case strings.HasSuffix(s[at:i], "&lt;!--") && strings.HasPrefix(s[k:], "--&gt;"):
		p.start, p.end, p.form = i-len("&lt;!--"), k+len("--&gt;"), heldEscaped
	default:
		for _, o := range mangledOpens {
			if strings.HasSuffix(s[at:i], o) {
				p.start = i - len(o)
				break
			}
		}
		for _, c := range mangledCloses {
			if strings.HasPrefix(s[k:], c) {
				p.end = k + len(c)
				break
			}
		}
	}
	return p, true
}

var rawOpenRE = regexp.MustCompile(`\{% *raw *%\}`)

// codeElement finds the <code> element around offset at of rendered HTML
// (Hexo's /<code[^<>]*>[\s\S]+?<\/code>/): where it ends, and whether a
// {% raw %} in it, held as a tag, lets Nunjucks run its tags.
func (hs heldItems) codeElement(s string, at int) (end int, runs bool) {
	end = strings.Index(s[at:], "</code>")
	if end < 0 {
		end = len(s)
	} else {
		end += at
	}
	start := max(strings.LastIndex(s[:at], "<code"), 0)
	open := "swig" + hs.mark()
	for r := start; ; {
		j := strings.Index(s[r:end], open)
		if j < 0 {
			return end, false
		}
		r += j + len(open)
		if n, _, ok := hs.item(s[:end], r); ok && hs[n].tag && rawOpenRE.MatchString(hs[n].src) {
			return end, true
		}
	}
}

// only reports whether b is exactly the placeholder of a held code block,
// and which.
func (hs heldItems) only(b []byte) (int, bool) {
	open := "<!--code" + hs.mark()
	if len(hs) == 0 || !bytes.HasPrefix(b, []byte(open)) || !bytes.HasSuffix(b, []byte("-->")) {
		return 0, false
	}
	s := string(b)
	n, end, ok := hs.item(s, len(open))
	return n, ok && end == len(s)-len("-->") && !hs[n].tag
}

// item reads the placeholder number at s[at:] (after "code￼" or "swig￼"):
// the item it names, where its digits end, and whether it names one.
func (hs heldItems) item(s string, at int) (n, end int, ok bool) {
	end = at
	for end < len(s) && end-at < 10 && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(s[at:end])
	return n, end, err == nil && n < len(hs)
}

// in reports whether text holds a placeholder (escaped when rendered as
// code: the rendered body then holds the block's HTML there).
func (hs heldItems) in(v []byte) bool {
	return len(hs) > 0 && bytes.Contains(v, []byte(hs.mark()))
}

// inText is in for a string.
func (hs heldItems) inText(s string) bool {
	return len(hs) > 0 && strings.Contains(s, hs.mark())
}

// inLines is in for a block's lines.
func (hs heldItems) inLines(n ast.Node, source []byte) bool {
	if len(hs) == 0 {
		return false
	}
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		if hs.in(seg.Value(source)) {
			return true
		}
	}
	return false
}
