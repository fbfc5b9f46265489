package hexo

import (
	"fmt"
	"html"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Hexo's tag plugins ({% name args %}) are expanded in Markdown bodies before
// rendering: the built-in ones that carry content become the HTML or Markdown
// they stand for, so their images, quotes and code come out. Nothing is ever
// executed; an unknown tag stays as text with a warning (in Hexo it aborts
// the post), and {{ ... }} is text.

var (
	fenceRE  = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	tagURLRE = regexp.MustCompile(`^(?:[A-Za-z][A-Za-z0-9+.-]{2,8}:|/|www\.)`)
)

// tagPlugin is one of Hexo's tag plugins: how Hexo reads it, and what we
// make of it. The one table below drives expansion, Parse's warnings and
// lint's unknown-tag rule.
type tagPlugin struct {
	block bool // takes content up to {% endNAME %}
	// markdown says the content is Markdown (a quote): the tag's HTML
	// wraps it in the body, where Hexo renders it on its own
	markdown bool
	// hexo8 says Hexo 8 has the tag. youtube, vimeo, gist and jsfiddle moved
	// to plugins in Hexo 7: a bare Hexo 8 site fails a post that uses one.
	hexo8 bool
	// expand writes what the tag stands for; nil keeps it as text (we do not
	// read the file include_code names).
	expand func(t tagCall) string
}

// tagCall is one use of a tag plugin.
type tagCall struct {
	name    string
	args    []string
	content string // a block tag's, indentation stripped
	asHTML  bool   // in an HTML body: code becomes <pre><code>, not a fence
	assets  *assetFolder
	// expand expands the tags nested in a quote's content
	expand func(string) string
}

var tagPlugins = map[string]tagPlugin{
	"codeblock":  {block: true, hexo8: true, expand: codeTag},
	"code":       {block: true, hexo8: true, expand: codeTag},
	"blockquote": {block: true, markdown: true, hexo8: true, expand: quoteTag},
	"quote":      {block: true, markdown: true, hexo8: true, expand: quoteTag},
	"pullquote":  {block: true, markdown: true, hexo8: true, expand: pullquoteTag},
	// Nunjucks' own raw blocks, which Hexo's tag pass runs: their content as written
	"raw":      {block: true, hexo8: true, expand: rawTag},
	"verbatim": {block: true, hexo8: true, expand: rawTag},

	"img":          {hexo8: true, expand: imgTag},
	"image":        {hexo8: true, expand: imgTag},
	"asset_img":    {hexo8: true, expand: imgTag},
	"asset_image":  {hexo8: true, expand: imgTag},
	"iframe":       {hexo8: true, expand: iframeTag},
	"link":         {hexo8: true, expand: linkTag},
	"a":            {hexo8: true, expand: linkTag},
	"anchor":       {hexo8: true, expand: linkTag},
	"post_link":    {hexo8: true, expand: postLinkTag},
	"asset_link":   {hexo8: true, expand: postLinkTag},
	"post_path":    {hexo8: true, expand: pathTag},
	"asset_path":   {hexo8: true, expand: pathTag},
	"url_for":      {hexo8: true, expand: pathTag},
	"full_url_for": {hexo8: true, expand: pathTag},
	"include_code": {hexo8: true},
	"include-code": {hexo8: true},

	"youtube":  {expand: iframeTag},
	"vimeo":    {expand: iframeTag},
	"gist":     {},
	"jsfiddle": {},
}

// expandTagPlugins rewrites the tag plugins of a Markdown body. Fenced code
// and code spans are left alone, as Hexo protects them.
func expandTagPlugins(src string, warn func(string)) string {
	return expandTags(src, warn, false, nil, nil)
}

// expandTags rewrites the tag plugins of a Markdown body, or with asHTML of
// an HTML body (Hexo runs its tag pass on both): code tags then become
// <pre><code> rather than a Markdown fence. assets is the post's asset
// folder, when known.
//
// With held, a Markdown body's tags are held aside as Hexo holds them
// (<!--swig￼N-->, its HTML appended to held) and put back after Markdown,
// so that a tag on a line of its own starts no HTML block that would take
// in the lines after it. A quote's content is Markdown: its tag stays in the
// body as HTML around it.
func expandTags(src string, warn func(string), asHTML bool, assets *assetFolder, held *heldItems) string {
	if !strings.Contains(src, "{%") {
		return src
	}
	mark := ""
	if held != nil {
		mark = held.mark()
		if mark == "" { // no fence held: the body as the tag pass reads it is the body
			mark = placeholderMark(src)
		}
	}
	return expandTagsMarked(src, warn, asHTML, assets, held, mark)
}

// expandTagsMarked is expandTags holding tags under mark, the body's
// placeholder mark: a quote's content, expanded on its own, holds its tags
// under the mark of the whole body.
func expandTagsMarked(src string, warn func(string), asHTML bool, assets *assetFolder, held *heldItems, mark string) string {
	if !strings.Contains(src, "{%") {
		return src
	}
	x := tagExpander{src: src, warn: warn, asHTML: asHTML, assets: assets, held: held, mark: mark, spanFailsUntil: map[int]int{}}
	x.index()
	if held != nil { // at most one item a "%}": grown once, not by doubling
		*held = slices.Grow(*held, len(x.closes))
	}
	return x.run()
}

// tagExpander scans a body once. Every search is answered from indexes built
// in one pass (the "%}" positions, the end tags by name), and an unclosed code
// span is searched for once per length, so that no input makes it quadratic.
type tagExpander struct {
	src            string
	warn           func(string)
	asHTML         bool
	assets         *assetFolder
	held           *heldItems         // where the tags' HTML is held, nil to expand in place
	mark           string             // the placeholders' mark, with held
	skips          [][2]int           // code to copy as it is, in a body read as written (ascending)
	closes         []int              // positions of "%}"
	ends           map[string][][]int // {% endNAME %} spans by NAME
	spanFailsUntil map[int]int        // a code span of this length opened before here has no closer
	out            strings.Builder
}

var endTagRE = regexp.MustCompile(`\{%-?\s*end(\w+)\s*-?%\}`)

func (x *tagExpander) index() {
	x.closes = make([]int, 0, strings.Count(x.src, "%}"))
	for i := 0; ; {
		j := strings.Index(x.src[i:], "%}")
		if j < 0 {
			break
		}
		x.closes = append(x.closes, i+j)
		i += j + 2
	}
	x.ends = map[string][][]int{}
	for _, m := range endTagRE.FindAllStringSubmatchIndex(x.src, -1) {
		name := x.src[m[2]:m[3]]
		x.ends[name] = append(x.ends[name], m[:2])
	}
}

func (x *tagExpander) run() string {
	x.out.Grow(len(x.src))
	x.scan(func(i int) int {
		if strings.HasPrefix(x.src[i:], "{%") {
			return x.expandOne(i)
		}
		return -1
	})
	return x.out.String()
}

// scan walks the body as Hexo's escaping does: fenced code and code spans
// are copied to out untouched; at every "{" elsewhere visit is asked, and
// returns where to go on (having written what it stands for) or -1 to copy
// the "{" as text.
func (x *tagExpander) scan(visit func(i int) int) {
	src := x.src
	i := 0
	skip := len(src) + 1 // where the next paired fence starts
	if len(x.skips) > 0 {
		skip = x.skips[0][0]
	}
	for i < len(src) {
		if i >= skip {
			end := max(i, x.skips[0][1])
			x.out.WriteString(src[i:end])
			i, x.skips = end, x.skips[1:]
			skip = len(src) + 1
			if len(x.skips) > 0 {
				skip = x.skips[0][0]
			}
			continue
		}
		if i == 0 || src[i-1] == '\n' {
			if m := fenceRE.FindStringSubmatch(src[i:min(len(src), i+64)]); m != nil {
				end := closingFence(src, i, m[1])
				x.out.WriteString(src[i:end])
				i = end
				continue
			}
		}
		switch src[i] {
		case '`':
			n := runLength(src[i:], '`')
			closeAt := x.codeSpanEnd(i+n, n)
			if closeAt < 0 {
				x.out.WriteString(src[i : i+n])
				i += n
				continue
			}
			x.out.WriteString(src[i : closeAt+n])
			i = closeAt + n
		case '{':
			if next := visit(i); next > i {
				i = next
				continue
			}
			x.out.WriteByte('{')
			i++
		default:
			j := i + 1 // copy up to the next byte scan must look at
			for j < len(src) && j < skip && src[j] != '`' && src[j] != '{' && src[j-1] != '\n' {
				j++
			}
			x.out.WriteString(src[i:j])
			i = j
		}
	}
}

// expandOne handles the tag starting at src[i] and returns where to go on.
func (x *tagExpander) expandOne(i int) int {
	src := x.src
	k := sort.SearchInts(x.closes, i+2)
	if k == len(x.closes) {
		x.out.WriteString("{%")
		return i + 2
	}
	end := x.closes[k] + 2
	inner := strings.Trim(src[i+2:end-2], "-")
	args := tagArgs(inner)
	if len(args) == 0 {
		x.out.WriteString(src[i:end])
		return end
	}
	name := args[0]
	tag, known := tagPlugins[name]
	if !known {
		if !strings.HasPrefix(name, "end") { // one warning for a {% x %}...{% endx %} pair
			x.warn(fmt.Sprintf("unknown tag plugin {%% %s %%} kept as text", name))
		}
		x.out.WriteString(src[i:end])
		return end
	}
	hold := x.held != nil && !tag.markdown
	call := tagCall{name: name, args: args[1:], asHTML: x.asHTML || hold, assets: x.assets,
		expand: func(s string) string { return expandTagsMarked(s, x.warn, x.asHTML, x.assets, x.held, x.mark) }}
	next := end
	if tag.block {
		spans := x.ends[name]
		j := sort.Search(len(spans), func(j int) bool { return spans[j][0] >= end })
		if j == len(spans) {
			x.warn(fmt.Sprintf("tag plugin {%% %s %%} has no {%% end%s %%}; kept as text", name, name))
			x.out.WriteString(src[i:end])
			return end
		}
		call.content = stripIndent(strings.TrimPrefix(strings.TrimSuffix(src[end:spans[j][0]], "\n"), "\n"))
		next = spans[j][1]
	}
	switch {
	case tag.expand == nil:
		x.warn(fmt.Sprintf("tag plugin {%% %s %%} is not read (it names a file or a service); kept as text", name))
		x.out.WriteString(src[i:next])
		return next
	case !tag.hexo8:
		x.warn(fmt.Sprintf("tag plugin {%% %s %%} is not one of Hexo 8's: a plugin or theme must provide it", name))
	}
	out := tag.expand(call)
	if hold {
		x.out.WriteString(x.held.hold(heldItem{tag: true, html: out, src: src[i:next]}, x.mark))
		return next
	}
	x.out.WriteString(out)
	return next
}

// codeSpanEnd finds the backtick run of length n that closes a code span
// opened before from, within the same paragraph; -1 when there is none.
func (x *tagExpander) codeSpanEnd(from, n int) int {
	if from < x.spanFailsUntil[n] {
		return -1
	}
	src := x.src
	for i := from; i < len(src); {
		if strings.HasPrefix(src[i:], "\n\n") {
			x.spanFailsUntil[n] = i
			return -1
		}
		if src[i] == '`' {
			k := runLength(src[i:], '`')
			if k == n {
				return i
			}
			i += k
			continue
		}
		i++
	}
	x.spanFailsUntil[n] = len(src)
	return -1
}

func codeTag(t tagCall) string {
	lang := ""
	for _, a := range t.args {
		if l, ok := strings.CutPrefix(a, "lang:"); ok {
			lang = l
		}
	}
	if t.asHTML {
		class := ""
		if lang != "" {
			class = ` class="language-` + html.EscapeString(lang) + `"`
		}
		return "<pre><code" + class + ">" + html.EscapeString(t.content) + "</code></pre>"
	}
	fence := strings.Repeat("`", max(3, longestRun(t.content, '`')+1))
	return "\n" + fence + lang + "\n" + t.content + "\n" + fence + "\n"
}

func rawTag(t tagCall) string { return t.content }

func pullquoteTag(t tagCall) string {
	class := strings.Join(append([]string{"pullquote"}, t.args...), " ")
	return "\n<blockquote class=\"" + html.EscapeString(class) + "\">\n\n" +
		t.expand(t.content) + "\n\n</blockquote>\n"
}

func quoteTag(t tagCall) string {
	footer := quoteFooter(strings.Join(t.args, " "))
	if footer != "" {
		footer = "<footer>" + footer + "</footer>"
	}
	return "\n<blockquote>\n\n" + t.expand(t.content) + "\n\n" + footer + "</blockquote>\n"
}

var (
	citeTitleRE   = regexp.MustCompile(`(?i)(\S.*)\s+(https?://\S+)\s+(.+)`)
	citeRE        = regexp.MustCompile(`(?i)(\S.*)\s+(https?://\S+)`)
	authorTitleRE = regexp.MustCompile(`([^,]+),\s*([^,]+)`)
	citeLinkRE    = regexp.MustCompile(`^https?://|/(index.html?)?$`)
)

// quoteFooter is Hexo's blockquote footer: author, and a source link or title.
func quoteFooter(s string) string {
	if s == "" {
		return ""
	}
	var author, source, title string
	if m := citeTitleRE.FindStringSubmatch(s); m != nil {
		author, source, title = m[1], m[2], m[3]
	} else if m := citeRE.FindStringSubmatch(s); m != nil {
		author, source = m[1], m[2]
	} else if m := authorTitleRE.FindStringSubmatch(s); m != nil {
		author, title = m[1], m[2]
	} else {
		author = s
	}
	var f strings.Builder
	if author != "" {
		f.WriteString("<strong>" + html.EscapeString(author) + "</strong>")
	}
	switch {
	case source != "":
		label := title
		if label == "" {
			label = citeLinkRE.ReplaceAllString(source, "")
		}
		f.WriteString(`<cite><a href="` + html.EscapeString(source) + `">` + html.EscapeString(label) + "</a></cite>")
	case title != "":
		f.WriteString("<cite>" + html.EscapeString(title) + "</cite>")
	}
	return f.String()
}

func imgTag(t tagCall) string {
	attr := html.EscapeString
	var src, class []string
	rest := t.args
	asset := -1
	if t.name == "asset_img" || t.name == "asset_image" {
		asset = assetArg(t)
	}
	for i := 0; len(rest) > 0; i++ {
		a := rest[0]
		rest = rest[1:]
		if i == asset || asset < 0 && tagURLRE.MatchString(a) {
			src = append(src, a)
			break
		}
		class = append(class, a) // Hexo's img tag: the words before the URL are classes
	}
	if len(src) == 0 {
		return ""
	}
	for len(rest) > 0 && isAllDigits(rest[0]) {
		rest = rest[1:] // width and height
	}
	title, alt := imgMeta(strings.Join(rest, " "))
	s := `<img src="` + attr(src[0]) + `"`
	if len(class) > 0 {
		s += ` class="` + attr(strings.Join(class, " ")) + `"`
	}
	if title != "" {
		s += ` title="` + attr(title) + `"`
	}
	if alt != "" {
		s += ` alt="` + attr(alt) + `"`
	}
	return s + ">"
}

// assetArg is the argument of asset_img that names its file: Hexo takes the
// first that is a file of the post's asset folder (and writes nothing when
// none is). Without the folder (a post parsed on its own), the first that
// looks like a file name, with an extension; else the first.
func assetArg(t tagCall) int {
	if t.assets != nil {
		for i, a := range t.args {
			if t.assets.has(a) {
				return i
			}
		}
	}
	for i, a := range t.args {
		if fileExtRE.MatchString(path.Ext(a)) {
			return i
		}
	}
	return 0
}

var fileExtRE = regexp.MustCompile(`^\.[A-Za-z0-9]{1,5}$`)

func iframeTag(t tagCall) string {
	if len(t.args) == 0 {
		return ""
	}
	u := t.args[0]
	switch t.name {
	case "youtube":
		u = "https://www.youtube.com/embed/" + u
	case "vimeo":
		u = "https://player.vimeo.com/video/" + u
	}
	return `<iframe src="` + html.EscapeString(u) + `" frameborder="0" loading="lazy" allowfullscreen></iframe>`
}

func linkTag(t tagCall) string {
	for i, a := range t.args {
		if tagURLRE.MatchString(a) {
			text := strings.Join(t.args[:i], " ")
			return `<a href="` + html.EscapeString(a) + `">` + html.EscapeString(text) + "</a>"
		}
	}
	return html.EscapeString(strings.Join(t.args, " "))
}

func postLinkTag(t tagCall) string {
	if len(t.args) == 0 {
		return ""
	}
	label := t.args[0]
	if len(t.args) > 1 && t.args[1] != "true" && t.args[1] != "false" {
		label = strings.Join(t.args[1:], " ")
	}
	return `<a href="` + html.EscapeString(t.args[0]) + `">` + html.EscapeString(label) + "</a>"
}

func pathTag(t tagCall) string {
	if len(t.args) == 0 {
		return ""
	}
	return html.EscapeString(t.args[0])
}

// imgMeta splits the img tag's trailing "title text [alt text]", quotes optional.
func imgMeta(meta string) (title, alt string) {
	meta = strings.TrimSpace(meta)
	if meta == "" {
		return "", ""
	}
	q := byte('\'')
	if meta[0] == '"' {
		q = '"'
	}
	if meta[0] == q {
		if j := strings.IndexByte(meta[1:], q); j >= 0 {
			title = meta[1 : j+1]
			rest := strings.TrimSpace(meta[j+2:])
			alt = strings.Trim(rest, `"'`)
			return title, alt
		}
	}
	return strings.Trim(meta, `"'`), ""
}

// tagArgs splits a tag's inside on spaces, keeping quoted runs together.
func tagArgs(s string) []string {
	var args []string
	var cur strings.Builder
	quote := byte(0)
	has := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote, has = c, true
		case quote == 0 && (c == ' ' || c == '\t' || c == '\n'):
			if has {
				args = append(args, cur.String())
				cur.Reset()
				has = false
			}
		default:
			cur.WriteByte(c)
			has = true
		}
	}
	if has {
		args = append(args, cur.String())
	}
	return args
}

func closingFence(src string, start int, open string) int {
	i := strings.IndexByte(src[start:], '\n')
	if i < 0 {
		return len(src)
	}
	i += start + 1
	for i < len(src) {
		j := strings.IndexByte(src[i:], '\n')
		lineEnd := len(src)
		if j >= 0 {
			lineEnd = i + j + 1
		}
		line := strings.TrimRight(src[i:lineEnd], "\n")
		if m := fenceRE.FindStringSubmatch(line); m != nil && m[1][0] == open[0] && len(m[1]) >= len(open) &&
			strings.TrimSpace(line[len(m[0]):]) == "" {
			return lineEnd
		}
		i = lineEnd
	}
	return len(src)
}

// stripIndent removes the indentation every non-blank line shares, as Hexo
// does to a block tag's content.
func stripIndent(s string) string {
	lines := strings.Split(s, "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	if common <= 0 {
		return s
	}
	for i, l := range lines {
		if len(l) >= common {
			lines[i] = l[common:]
		} else {
			lines[i] = strings.TrimLeft(l, " \t")
		}
	}
	return strings.Join(lines, "\n")
}
