package hexo

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// Edits that keep a value's own style. A bulk edit is committed and
// reviewed: adding a tag must add one line, not rewrite the list in
// yaml.v3's style. These edits are tried before the ones that write the
// whole entry afresh, and are checked by the same read-back, so a guess that
// reads back wrong only costs a try.

// blockText is a YAML block with its lines as yaml.v3 counts them.
type blockText struct {
	data   string
	starts []int
}

// lineStart is the offset of 1-based line l; past the end is len(data).
func (b blockText) lineStart(l int) int {
	if l >= 1 && l-1 < len(b.starts) {
		return b.starts[l-1]
	}
	if l < 1 {
		return 0
	}
	return len(b.data)
}

// lineEnd is where line l's text ends, before its line break.
func (b blockText) lineEnd(l int) int {
	s, e := b.lineStart(l), b.lineStart(l+1)
	t := b.data[s:e]
	for _, nl := range []string{"\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029"} {
		if strings.HasSuffix(t, nl) {
			return e - len(nl)
		}
	}
	return e
}

// offset is the byte offset of a node's position: yaml.v3 counts columns in
// characters, in the block as escapeTabs gives it to the decoder (a tab
// starting a line after a newline is two spaces).
func (b blockText) offset(line, col int) (int, bool) {
	i, e := b.lineStart(line), b.lineEnd(line)
	if i > 0 && b.data[i-1] == '\n' {
		tabs := len(b.data[i:e]) - len(strings.TrimLeft(b.data[i:e], "\t"))
		if col-1 < 2*tabs {
			return 0, false // inside the tabs
		}
		col -= tabs
	}
	for c := 1; c < col; c++ {
		if i >= e {
			return 0, false
		}
		_, n := utf8.DecodeRuneInString(b.data[i:e])
		i += n
	}
	return i, true
}

// endsInBreak reports whether the block's last line has its line break.
func (b blockText) endsInBreak() bool {
	return len(b.starts) > 0 && b.lineEnd(len(b.starts)) < len(b.data)
}

// blockMapping is the block read again as yaml.v3 nodes, as the decode read it, for the positions
// and styles of its values; nil when it is not one mapping. It costs one more
// parse of the block, linear in it (nodes keep aliases unexpanded).
func blockMapping(data string) *yaml.Node {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(escapeTabs(data)), &doc) != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	return doc.Content[0]
}

// seqStyle is how a block writes a list: in flow style ([a, b]), or a line
// per item starting with prefix (the dash's column and the space after it).
type seqStyle struct {
	flow   bool
	prefix string
}

// sequenceStyle is n's style when n is a list with items.
func sequenceStyle(n *yaml.Node, b blockText) (seqStyle, bool) {
	if n == nil || n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return seqStyle{}, false
	}
	if n.Style&yaml.FlowStyle != 0 {
		return seqStyle{flow: true}, true
	}
	// a block list's position is its first dash, or its anchor or tag when
	// it has one ("tags: &x" above the dash): then the dash is on the
	// first item's line, before the item
	line := n.Line
	off, ok := b.offset(n.Line, n.Column)
	if ok && (n.Anchor != "" || n.Style&yaml.TaggedStyle != 0) && !strings.HasPrefix(b.data[off:], "-") {
		it := n.Content[0]
		line = it.Line
		if off, ok = b.offset(it.Line, it.Column); ok {
			t := b.data[b.lineStart(line):off]
			off -= len(strings.TrimLeft(t, " \t"))
		}
	}
	dash := b.data[b.lineStart(line):off]
	if !ok || strings.Trim(dash, " \t") != "" || !strings.HasPrefix(b.data[off:], "-") {
		return seqStyle{}, false
	}
	// the spaces after the dash are the last item's, when it starts on the
	// dash's line
	it := n.Content[len(n.Content)-1]
	if off, ok := b.offset(it.Line, it.Column); ok {
		prefix := b.data[b.lineStart(it.Line):off]
		t := strings.TrimLeft(prefix, " \t")
		if len(t) >= 2 && t[0] == '-' && strings.Trim(t[1:], " ") == "" {
			return seqStyle{prefix: prefix}, true
		}
	}
	return seqStyle{prefix: dash + "- "}, true
}

// fileListStyle is the style of the key's own list, else of the block's
// first list.
func fileListStyle(root, own *yaml.Node, b blockText) (seqStyle, bool) {
	if s, ok := sequenceStyle(own, b); ok {
		return s, true
	}
	if root == nil {
		return seqStyle{}, false
	}
	for i := 1; i < len(root.Content); i += 2 {
		if s, ok := sequenceStyle(root.Content[i], b); ok {
			return s, true
		}
	}
	return seqStyle{}, false
}

// encodeEntry writes "key: value" with yaml.v3, nested lines indented by 2.
func encodeEntry(key string, vn *yaml.Node) (string, bool) {
	var kn yaml.Node
	if kn.Encode(key) != nil {
		return "", false
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if enc.Encode(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{&kn, vn}}) != nil || enc.Close() != nil {
		return "", false
	}
	return b.String(), true
}

// reindentItems moves the item lines yaml.v3 wrote under a key ("  - a",
// their inner lines indented past it) to the block's own dash prefix.
func reindentItems(text, prefix string) (string, bool) {
	var out strings.Builder
	for _, l := range strings.SplitAfter(text, "\n") {
		n := len(l) - len(strings.TrimLeft(l, " "))
		switch {
		case l == "":
		case strings.HasPrefix(l, "  - "):
			out.WriteString(prefix + l[4:])
		case strings.HasPrefix(l, "  -") && strings.TrimSpace(l[3:]) == "":
			out.WriteString(strings.TrimRight(prefix, " ") + l[3:])
		case strings.TrimSpace(l) == "": // a blank line of a block scalar
			out.WriteString(l)
		case n < 4:
			return "", false
		default:
			out.WriteString(strings.Repeat(" ", len(prefix)+n-4) + l[n:])
		}
	}
	return out.String(), true
}

// listStyleEntries are the entry for a list value written in the block's
// list style (the key's own list's, else the block's first list's), when
// that is not yaml.v3's; empty for other values.
func listStyleEntries(key string, value any, root, own *yaml.Node, b blockText) []string {
	style, ok := fileListStyle(root, own, b)
	if !ok {
		return nil
	}
	vn, err := valueNode(value)
	if err != nil || vn.Kind != yaml.SequenceNode || len(vn.Content) == 0 {
		return nil
	}
	if style.flow {
		if items := listItems(value, len(vn.Content)); slices.ContainsFunc(items, isTime) {
			// yaml.v3 would quote the dates: the items are written one by one
			head, ok := encodeEntry(key, &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle})
			head, cut := strings.CutSuffix(head, "[]\n")
			if !ok || !cut {
				return nil
			}
			var out []string
			for _, texts := range flowItemTexts(items, vn.Content) {
				out = append(out, head+"["+strings.Join(texts, ", ")+"]\n")
			}
			return out
		}
		vn.Style = yaml.FlowStyle
		if e, ok := encodeEntry(key, vn); ok && strings.Count(e, "\n") == 1 {
			return []string{e}
		}
		return nil
	}
	e, ok := encodeEntry(key, vn)
	head, items, cut := strings.Cut(e, "\n")
	if !ok || !cut || style.prefix == "  - " {
		return nil
	}
	items, ok = reindentItems(items, style.prefix)
	if !ok {
		return nil
	}
	return []string{head + "\n" + items}
}

// listItems are the items of a list value as the caller gave them, nil when
// value is not a slice or array of n items.
func listItems(value any, n int) []any {
	rv := reflect.ValueOf(value)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array || rv.Len() != n {
		return nil
	}
	out := make([]any, n)
	for i := range n {
		out[i] = rv.Index(i).Interface()
	}
	return out
}

// quoteStyle is the quoting of a text scalar, to write a new one like it.
func quoteStyle(n *yaml.Node) yaml.Style {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!str" || n.Style&yaml.TaggedStyle != 0 {
		return 0
	}
	return n.Style & (yaml.SingleQuotedStyle | yaml.DoubleQuotedStyle)
}

// styledNode is value's node, text quoted like the scalar like (when the
// text is one line, or the quotes are double: those escape a line break, so
// the text stays on one line whatever it holds).
func styledNode(value any, like yaml.Style) (*yaml.Node, bool) {
	nn, err := valueNode(value)
	if err != nil {
		return nil, false
	}
	if like != 0 && nn.Kind == yaml.ScalarNode && nn.Tag == "!!str" && (like == yaml.DoubleQuotedStyle || !strings.ContainsAny(nn.Value, "\n\r")) {
		nn.Style = like
	}
	return nn, true
}

// styledEdits are the edits of an existing entry that keep its value's
// style, the smallest first: a list that grows gets its new items only (a
// line each in block style, before the "]" in flow style), a scalar gets its
// new text in the old one's place and quotes, the key, spacing and comment
// kept; a list replacing a scalar (not a null: "tags:" from hexo new's
// scaffold gets a block list), in a block whose lists are in flow style or
// that has none (flowLists), goes in the scalar's place. vn is the
// entry's value; first and last its lines.
func styledEdits(b blockText, vn *yaml.Node, first, last int, comment string, flowLists bool, old, value, want any) []textEdit {
	if vn == nil {
		return nil
	}
	if es := appendEdit(b, vn, last, comment, old, value, want); len(es) > 0 {
		return es
	}
	nn, ok := styledNode(value, quoteStyle(vn))
	if ok && flowLists && nn.Kind == yaml.SequenceNode && len(nn.Content) > 0 && vn.Tag != "!!null" {
		nn.Style = yaml.FlowStyle
	} else if !ok || nn.Kind != yaml.ScalarNode {
		return nil
	}
	if vn.Kind != yaml.ScalarNode || vn.Style&yaml.TaggedStyle != 0 || vn.Anchor != "" {
		return nil
	}
	if vn.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && nn.Tag == "!!str" && strings.Contains(nn.Value, "\n") {
		nn.Style = vn.Style & (yaml.LiteralStyle | yaml.FoldedStyle)
	}
	e, ok := encodeEntry("k", nn)
	if !ok || !strings.HasPrefix(e, "k: ") {
		return nil
	}
	text := strings.TrimSuffix(e[len("k: "):], "\n")
	start, ok := b.offset(vn.Line, vn.Column)
	if !ok || vn.Line < first || vn.Line > last {
		return nil
	}
	end := b.lineEnd(last)
	oneLine := vn.Line == last && !strings.Contains(text, "\n")
	if oneLine {
		// the value's text ends before the comment and the spaces before it
		rest := strings.TrimRight(b.data[start:end], " \t")
		if comment != "" {
			if !strings.HasSuffix(rest, comment) {
				return nil
			}
			rest = strings.TrimRight(strings.TrimSuffix(rest, comment), " \t")
		}
		end = start + len(rest)
	} else if comment != "" {
		return nil // the generic entries carry the comment
	}
	out := []textEdit{{start: start, end: end, repl: text}}
	if t := strings.TrimRight(text, "\n"); t != text && !oneLine {
		// yaml.v3 ends a folded text that ends in a break with a blank line
		// more (">\n  x y\n\n"), which the last line's own break makes
		// needless: the read-back keeps it when it is not
		out = append([]textEdit{{start: start, end: end, repl: t}}, out...)
	}
	return out
}

// appendEdit is the edit that adds the new items of a list that extends the
// old one: a line each after the last item of a block list, written with its
// dash prefix and quoted like it; before the "]" of a flow list on one line.
// The list's anchor and tag stay as written: an alias of the anchor would
// change with it, which the read-back of the other keys refuses.
func appendEdit(b blockText, vn *yaml.Node, last int, comment string, old, value, want any) []textEdit {
	was, ok1 := old.([]any)
	now, ok2 := want.([]any)
	if !ok1 || !ok2 || vn.Kind != yaml.SequenceNode || len(vn.Content) != len(was) || len(now) <= len(was) {
		return nil
	}
	for i := range was {
		if !sameValue(was[i], now[i]) {
			return nil
		}
	}
	items := listItems(value, len(now))
	if items == nil {
		return nil
	}
	var like yaml.Style
	if len(vn.Content) > 0 {
		like = quoteStyle(vn.Content[len(vn.Content)-1])
	}
	var nodes []*yaml.Node
	for _, it := range items[len(was):] {
		nn, ok := styledNode(it, like)
		if !ok {
			return nil
		}
		nodes = append(nodes, nn)
	}
	if vn.Style&yaml.FlowStyle != 0 {
		return flowAppend(b, vn, last, comment, len(was), items[len(was):], nodes)
	}
	style, ok := sequenceStyle(vn, b)
	if !ok {
		return nil
	}
	e, ok := encodeEntry("k", &yaml.Node{Kind: yaml.SequenceNode, Content: nodes})
	_, text, cut := strings.Cut(e, "\n")
	if !ok || !cut {
		return nil
	}
	if text, ok = reindentItems(text, style.prefix); !ok {
		return nil
	}
	at := b.lineStart(last + 1)
	if at == len(b.data) && !b.endsInBreak() {
		text = "\n" + strings.TrimSuffix(text, "\n")
	}
	return []textEdit{{start: at, end: at, repl: text}}
}

// flowAppend inserts items (their nodes) before the "]" of a flow list
// written on its entry's last line, separated as its items are: an edit for
// each way of writing its dates (flowItemTexts).
func flowAppend(b blockText, vn *yaml.Node, last int, comment string, had int, items []any, nodes []*yaml.Node) []textEdit {
	start, ok := b.offset(vn.Line, vn.Column)
	if !ok || vn.Line != last {
		return nil
	}
	rest := strings.TrimRight(b.data[start:b.lineEnd(last)], " \t")
	if comment != "" {
		if !strings.HasSuffix(rest, comment) {
			return nil
		}
		rest = strings.TrimRight(strings.TrimSuffix(rest, comment), " \t")
	}
	// the node starts at its anchor or tag ("&x !!seq [a]"), kept as written
	props := len(rest) - len(skipProperties(rest))
	start, rest = start+props, rest[props:]
	if !strings.HasPrefix(rest, "[") || !strings.HasSuffix(rest, "]") {
		return nil
	}
	inner := strings.TrimRight(rest[1:len(rest)-1], " \t")
	sep := ", "
	if had > 1 && !strings.Contains(inner, ", ") {
		sep = ","
	}
	if strings.HasSuffix(inner, ",") {
		return nil
	}
	at := start + 1 + len(inner)
	var out []textEdit
	for _, texts := range flowItemTexts(items, nodes) {
		repl := strings.Join(texts, sep)
		if had > 0 {
			repl = sep + repl
		}
		out = append(out, textEdit{start: at, end: at, repl: repl})
	}
	return out
}

// flowItemTexts are the texts of a flow list's items, each item's node
// written alone in flow style, but for dates: yaml.v3 quotes a time there
// (its ":" is a flow indicator to it), which reads back as text, so a date
// is written plain, by hand: as a day when it is midnight UTC, else as
// scaffoldDate writes it (YAML reads both in flow). A list of texts for
// each way, the shortest first; none when an item does not fit on a line.
func flowItemTexts(items []any, nodes []*yaml.Node) [][]string {
	if len(items) != len(nodes) {
		return nil
	}
	var out [][]string
	for form := range 2 {
		dated := false
		texts := make([]string, len(nodes))
		for i, n := range nodes {
			if t, ok := items[i].(time.Time); ok && writableYear(t) == nil {
				dated = true
				texts[i] = scaffoldDate(t)
				if h, m, s := t.Clock(); form == 0 && t.Location() == time.UTC && h+m+s == 0 && t.Nanosecond() == 0 {
					texts[i] = t.Format("2006-01-02")
				}
				continue
			}
			e, ok := encodeEntry("k", &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{n}})
			item, cut := strings.CutPrefix(strings.TrimSuffix(e, "\n"), "k: [")
			if !ok || !cut || !strings.HasSuffix(item, "]") || strings.Contains(item, "\n") {
				return nil
			}
			texts[i] = strings.TrimSuffix(item, "]")
		}
		out = append(out, texts)
		if !dated {
			break
		}
	}
	return out
}

// skipProperties is s after the anchor and tag a node starts with ("&x ",
// "!!seq "), each ended by a space or tab.
func skipProperties(s string) string {
	for len(s) > 0 && (s[0] == '&' || s[0] == '!') {
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return s
		}
		s = strings.TrimLeft(s[i:], " \t")
	}
	return s
}

// isTime reports whether v is a time.Time.
func isTime(v any) bool {
	_, ok := v.(time.Time)
	return ok
}
