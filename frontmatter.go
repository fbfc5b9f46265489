package hexo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// FrontMatter is a post's decoded front matter, keys in file order.
//
// Values are what YAML 1.2 (or JSON, for ";;;" front matter) decodes: string,
// int64, float64, bool, nil, time.Time (YAML timestamps), []any and
// map[string]any. Keys are strings as JavaScript would make them ("1", "true").
type FrontMatter struct {
	keys   []string
	values map[string]any
	// text holds the source text of top-level scalars, for values whose
	// meaning depends on how they were written (a title YAML reads as a date).
	text map[string]string
	// lines holds the line of each key written at the top level, counted in
	// the file.
	lines map[string]int
	// entries are the top-level entries of a YAML block as the decode found
	// them, in order, for the edits; flow says the mapping is {...}.
	entries []yamlKey
	flow    bool
}

// yamlKey is a top-level entry of a YAML block: its key, the key's line in
// the block, whether it is a << merge, and the value's line comment.
type yamlKey struct {
	name    string
	line    int
	merge   bool
	comment string
}

// line is the file line of a top-level key, 0 when unknown.
func (fm *FrontMatter) line(key string) int {
	if fm == nil {
		return 0
	}
	return fm.lines[key]
}

// Keys returns the keys in file order.
func (fm *FrontMatter) Keys() []string {
	if fm == nil {
		return nil
	}
	return append([]string(nil), fm.keys...)
}

// Len returns the number of keys.
func (fm *FrontMatter) Len() int {
	if fm == nil {
		return 0
	}
	return len(fm.keys)
}

// Get returns the value of key and whether the key is present.
func (fm *FrontMatter) Get(key string) (any, bool) {
	if fm == nil {
		return nil, false
	}
	v, ok := fm.values[key]
	return v, ok
}

// Has reports whether key is present.
func (fm *FrontMatter) Has(key string) bool {
	_, ok := fm.Get(key)
	return ok
}

// All iterates over the keys and values in file order.
func (fm *FrontMatter) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		if fm == nil {
			return
		}
		for _, k := range fm.keys {
			if !yield(k, fm.values[k]) {
				return
			}
		}
	}
}

// Map returns the front matter as a plain map (order lost).
func (fm *FrontMatter) Map() map[string]any {
	m := make(map[string]any, fm.Len())
	for k, v := range fm.All() {
		m[k] = v
	}
	return m
}

// errNotMapping says the block decoded to something other than a mapping, which
// Hexo does not take as front matter.
var errNotMapping = errors.New("front matter is not a mapping")

// errListFrontMatter: a list is taken as data by hexo-front-matter, and the
// post is then refused by Hexo's model; the whole file is still the body.
var errListFrontMatter = errors.New("front matter is a list, not a mapping")

// decodeFrontMatter decodes the split's data by its separator. It returns
// errNotMapping when Hexo would read the whole file as the body, and a
// *ParseError (line counted in the file) when Hexo would refuse the file.
func decodeFrontMatter(sp split, opts *Options) (*FrontMatter, error) {
	if len(sp.data) > opts.maxFrontMatter() {
		return nil, &ParseError{Line: sp.dataLine, Err: fmt.Errorf("%w: front matter is %d bytes, the limit is %d", ErrTooLarge, len(sp.data), opts.maxFrontMatter())}
	}
	if strings.HasPrefix(sp.separator, ";") {
		return decodeJSON(sp.data, sp.dataLine, opts)
	}
	// js-yaml's loader ends its input with a line break when it has none: a
	// block scalar as the last key keeps its final break ("|" reads "a\n")
	data := escapeTabs(sp.data)
	if !utf8.ValidString(data) { // as Node reads the file (utf8text.go)
		data = nodeUTF8(data)
	}
	if data != "" && !strings.HasSuffix(data, "\n") && !strings.HasSuffix(data, "\r") {
		data += "\n"
	}
	return decodeYAML(data, sp.dataLine, opts)
}

// escapeTabs is hexo-front-matter's escapeYAML: tabs that start a line (after a
// newline) become two spaces each, since YAML forbids tab indentation.
func escapeTabs(s string) string {
	if !strings.Contains(s, "\n\t") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '\n' {
			for i+1 < len(s) && s[i+1] == '\t' {
				b.WriteString("  ")
				i++
			}
		}
	}
	return b.String()
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

func decodeYAML(data string, firstLine int, opts *Options) (*FrontMatter, error) {
	var doc yaml.Node
	lr := &lineReader{s: data}
	dec := yaml.NewDecoder(lr)
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) {
		return nil, errNotMapping // empty or only comments
	}
	if err == nil {
		var extra yaml.Node
		if err2 := dec.Decode(&extra); !errors.Is(err2, io.EOF) {
			line := extra.Line
			if err2 != nil {
				line = 0
			}
			return nil, yamlError(firstLine, line, 0, errors.New("expected a single document in the stream"))
		}
	}
	if err != nil {
		// yaml.v3's parser often names the line where the enclosing mapping
		// began, or none; the first line at which a prefix stops decoding is
		// where the author has to look.
		msg := err.Error()
		named := 0
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			named, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		return nil, yamlError(firstLine, failingLine(data, lr.lines, named), 0, errors.New(msg))
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	c := newConverter(opts, data)
	if root.Kind == yaml.SequenceNode {
		// Hexo takes a list as its data and then refuses the post.
		return nil, yamlError(firstLine, root.Line, root.Column, errListFrontMatter)
	}
	if root.Kind != yaml.MappingNode {
		return nil, errNotMapping
	}
	fm := &FrontMatter{text: map[string]string{}}
	top := &partialMapping{values: map[string]any{}}
	err = c.convertMapping(root, top, func(k string, _ any, vn *yaml.Node) {
		if vn != nil && vn.Kind == yaml.ScalarNode {
			fm.text[k] = vn.Value
		}
	})
	fm.keys, fm.values = top.keys, top.values
	fm.lines = make(map[string]int, len(root.Content)/2)
	fm.entries = make([]yamlKey, 0, len(root.Content)/2)
	fm.flow = root.Style&yaml.FlowStyle != 0
	for i := 0; i+1 < len(root.Content); i += 2 {
		kn := root.Content[i]
		if kn.Kind == yaml.ScalarNode {
			fm.lines[kn.Value] = firstLine + kn.Line - 1
		}
		fm.entries = append(fm.entries, yamlKey{name: kn.Value, line: kn.Line, merge: kn.Tag == "!!merge", comment: root.Content[i+1].LineComment})
	}
	if err != nil {
		var ce *convError
		if errors.As(err, &ce) {
			return nil, yamlError(firstLine, ce.line, ce.col, ce.err)
		}
		return nil, err
	}
	return fm, nil
}

// lineReader hands yaml.v3 the block one line per Read, so that the lines
// handed out when a decode fails bound where it failed.
type lineReader struct {
	s     string
	off   int
	lines int // lines handed out, in whole or in part
}

func (r *lineReader) Read(p []byte) (int, error) {
	if r.off >= len(r.s) {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	if r.off == 0 || r.s[r.off-1] == '\n' {
		r.lines++
	}
	chunk := r.s[r.off:min(len(r.s), r.off+len(p))] // a long line goes in parts, each searched once
	if i := strings.IndexByte(chunk, '\n'); i >= 0 {
		chunk = chunk[:i+1]
	}
	r.off += copy(p, chunk)
	return len(chunk), nil
}

// failingLine is the first line of the block at which a prefix of it stops
// decoding, the line the author has to look at, from a decode that failed
// having read the first read lines and whose message named the line named
// (0 for none). yaml.v3 reads two tokens past the one it refuses (for its
// comments), so that line is the last read or one of the two lines with
// content before it; or, for a quote or bracket left open, the line the
// message names (one too low when the parser, not the scanner, failed), or
// the first line, which the message does not name. Only those prefixes are
// decoded, first to last, the first that fails giving the line: at most five
// decodes, each linear in the block.
func failingLine(data string, read, named int) int {
	ends := make([]int, 0, read) // ends[i] is where line i+1 ends
	for off := 0; len(ends) < read && off < len(data); {
		i := strings.IndexByte(data[off:], '\n')
		if i < 0 {
			ends = append(ends, len(data))
			break
		}
		off += i + 1
		ends = append(ends, off)
	}
	read = len(ends)
	candidates := []int{1, named, named + 1}
	for l, n := read-1, 0; l >= 1 && n < 2; l-- {
		if t := strings.TrimSpace(data[lineStart(ends, l):ends[l-1]]); t != "" && t[0] != '#' {
			candidates = append(candidates, l)
			n++
		}
	}
	slices.Sort(candidates)
	for i, l := range candidates {
		if l < 1 || l >= read || i > 0 && l == candidates[i-1] {
			continue
		}
		var n yaml.Node
		if yaml.Unmarshal([]byte(data[:ends[l-1]]), &n) != nil {
			return l
		}
	}
	return read
}

// lineStart is where line l (from 1) begins, given where each line ends.
func lineStart(ends []int, l int) int {
	if l == 1 {
		return 0
	}
	return ends[l-2]
}

func yamlError(firstLine, line, col int, err error) error {
	pe := &ParseError{Column: col, Err: &frontMatterError{err}}
	if line > 0 {
		pe.Line = firstLine + line - 1
	} else {
		pe.Line = firstLine
	}
	return pe
}

// errDuplicateKey is the cause of a key written twice in one mapping.
var errDuplicateKey = errors.New("duplicated mapping key")

// convError is an error at a YAML node, in block coordinates.
type convError struct {
	line, col int
	err       error
}

func (e *convError) Error() string { return e.err.Error() }

// converter turns yaml.v3 nodes into plain values the way js-yaml (YAML 1.2
// core schema plus timestamps and merge keys) would.
type converter struct {
	loc      *time.Location
	budget   int // nodes left to expand: stops alias bombs
	text     int // bytes of text left to expand: a few aliases of a long string are few nodes
	depth    int // nesting of the value being converted
	maxDepth int
	// building holds the mappings being converted, by node: a merge of one
	// of them (a mapping merging itself or an ancestor) takes the keys it has
	// so far, as js-yaml does, instead of recursing.
	building map[*yaml.Node]*partialMapping
}

// partialMapping is a mapping under conversion.
type partialMapping struct {
	keys   []string // in the order they were set
	values map[string]any
}

func (m *partialMapping) set(k string, v any) {
	if _, dup := m.values[k]; !dup {
		m.keys = append(m.keys, k)
	}
	m.values[k] = v
}

// enter counts n against MaxYAMLNodes and one level against MaxDepth. Every
// recursive step of the conversion (a value, an alias, a merge) enters, so
// that a mapping merging itself or an alias to its own ancestor fails with a
// typed error rather than exhausting the stack.
func (c *converter) enter(n *yaml.Node) error {
	if err := c.spendNode(n); err != nil {
		return err
	}
	c.depth++
	if c.depth > c.maxDepth {
		return &convError{n.Line, n.Column, fmt.Errorf("%w: YAML nested deeper than %d", ErrTooDeep, c.maxDepth)}
	}
	return nil
}

func (c *converter) leave() { c.depth-- }

func (c *converter) value(n *yaml.Node) (any, error) {
	defer c.leave()
	if err := c.enter(n); err != nil {
		return nil, err
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.value(n.Alias)
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := c.value(e)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := &partialMapping{values: map[string]any{}}
		err := c.convertMapping(n, out, nil)
		return out.values, err
	case yaml.DocumentNode:
		if len(n.Content) == 1 {
			return c.value(n.Content[0])
		}
	}
	return nil, nil
}

// mapping walks a mapping in order. Like js-yaml it refuses a key given twice,
// and a "<<" merge adds the merged keys that the mapping does not set itself.
func (c *converter) mapping(n *yaml.Node, set func(k string, v any, vn *yaml.Node)) error {
	seen := map[string]bool{}   // keys written explicitly
	merged := map[string]bool{} // keys that came from a merge (overridable)
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if kn.Kind == yaml.ScalarNode && kn.ShortTag() == "!!merge" {
			if err := c.merge(vn, seen, merged, set); err != nil {
				return err
			}
			continue
		}
		k, err := c.key(kn)
		if err != nil {
			return err
		}
		if seen[k] {
			return &convError{kn.Line, kn.Column, fmt.Errorf("%w %q", errDuplicateKey, k)}
		}
		seen[k] = true
		delete(merged, k)
		v, err := c.value(vn)
		if err != nil {
			return err
		}
		set(k, v, vn)
	}
	return nil
}

func (c *converter) merge(vn *yaml.Node, seen, merged map[string]bool, set func(string, any, *yaml.Node)) error {
	srcs := []*yaml.Node{vn}
	if vn.Kind == yaml.SequenceNode {
		srcs = vn.Content
	}
	for _, s := range srcs {
		if err := c.mergeOne(s, seen, merged, set); err != nil {
			return err
		}
	}
	return nil
}

func (c *converter) mergeOne(s *yaml.Node, seen, merged map[string]bool, set func(string, any, *yaml.Node)) error {
	defer c.leave()
	if err := c.enter(s); err != nil {
		return err
	}
	t := s
	if t.Kind == yaml.AliasNode {
		t = t.Alias
	}
	if t.Kind != yaml.MappingNode {
		return &convError{s.Line, s.Column, errors.New("cannot merge mappings; the provided source object is unacceptable")}
	}
	add := func(k string, v any, n *yaml.Node) {
		if seen[k] || merged[k] {
			return
		}
		merged[k] = true
		set(k, v, n)
	}
	if m, ok := c.building[t]; ok {
		for _, k := range m.keys {
			if err := c.spendNode(t); err != nil {
				return err
			}
			add(k, m.values[k], nil)
		}
		return nil
	}
	return c.mapping(t, add)
}

// spendNode counts one value against MaxYAMLNodes without nesting.
func (c *converter) spendNode(n *yaml.Node) error {
	c.budget--
	if c.budget < 0 {
		return &convError{n.Line, n.Column, fmt.Errorf("%w: too many YAML nodes (alias expansion)", ErrTooLarge)}
	}
	if c.text -= len(n.Value); c.text < 0 {
		return &convError{n.Line, n.Column, fmt.Errorf("%w: aliases expand the text past %d times the front matter", ErrTooLarge, aliasTextFactor)}
	}
	return nil
}

// aliasTextFactor bounds the text a front matter's values may hold, its
// aliases expanded, by a multiple of its own size (plus a little): without
// aliases the values hold at most the block's text, and with them a post of
// 10 KB made 4 MB of JSON. What a post gives out stays a multiple of what it
// is.
const aliasTextFactor = 8

// newConverter converts the values of data, a YAML block, with opts's limits.
func newConverter(opts *Options, data string) converter {
	return converter{loc: opts.location(), budget: opts.maxYAMLNodes(), maxDepth: opts.maxValueDepth(), text: aliasTextFactor*len(data) + 64<<10}
}

// convertMapping converts the mapping n into out, registered as being built
// while it is; each key also goes to also, when given.
func (c *converter) convertMapping(n *yaml.Node, out *partialMapping, also func(string, any, *yaml.Node)) error {
	if c.building == nil {
		c.building = map[*yaml.Node]*partialMapping{}
	}
	c.building[n] = out
	defer delete(c.building, n)
	return c.mapping(n, func(k string, v any, vn *yaml.Node) {
		out.set(k, v)
		if also != nil {
			also(k, v, vn)
		}
	})
}

// key makes a mapping key into the string JavaScript would use for it.
func (c *converter) key(kn *yaml.Node) (string, error) {
	if kn.Kind == yaml.ScalarNode && kn.ShortTag() == "!!timestamp" {
		return kn.Value, nil
	}
	v, err := c.value(kn)
	if err != nil {
		return "", err
	}
	return jsString(v), nil
}

func (c *converter) scalar(n *yaml.Node) (any, error) {
	switch tag := n.ShortTag(); tag {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, &convError{n.Line, n.Column, err}
		}
		return b, nil
	case "!!int", "!!float":
		if strings.Contains(n.Value, "_") && n.Style == 0 {
			// js-yaml 4 reads no "_" in a number (1_000 and 0x1_F are text);
			// yaml.v3 keeps YAML 1.1's digit separators
			return n.Value, nil
		}
		if tag == "!!int" {
			return c.integer(n)
		}
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, &convError{n.Line, n.Column, err}
		}
		return f, nil
	case "!!timestamp":
		t, ok := yamlTimestamp(n.Value, c.loc)
		if !ok {
			return n.Value, nil
		}
		return t, nil
	case "!!str", "!!binary":
		// js-yaml also reads "2021-06-13 10:00:00 +08:00" (a space before the
		// zone) as a timestamp; yaml.v3 does not.
		if n.Style == 0 && tag == "!!str" && n.Tag == "!!str" {
			if t, ok := yamlTimestamp(n.Value, c.loc); ok {
				return t, nil
			}
		}
		return n.Value, nil
	default:
		if strings.HasPrefix(tag, "!!") {
			return n.Value, nil
		}
		return nil, &convError{n.Line, n.Column, fmt.Errorf("unknown tag %s", n.Tag)}
	}
}

// integer reads YAML 1.2 integers; unlike YAML 1.1, "017" is seventeen.
func (c *converter) integer(n *yaml.Node) (any, error) {
	s := strings.ReplaceAll(n.Value, "_", "")
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimLeft(s, "+-")
	base := 10
	switch {
	case strings.HasPrefix(body, "0x"):
		base, body = 16, body[2:]
	case strings.HasPrefix(body, "0o"):
		base, body = 8, body[2:]
	case strings.HasPrefix(body, "0b"):
		base, body = 2, body[2:]
	}
	u, err := strconv.ParseUint(body, base, 64)
	if err != nil || u > 1<<53 {
		// beyond what a JavaScript number holds exactly: keep it as a float, as JS does
		f, ferr := strconv.ParseFloat(strings.TrimLeft(s, "+"), 64)
		if base != 10 || ferr != nil {
			var v any
			if derr := n.Decode(&v); derr != nil {
				return nil, &convError{n.Line, n.Column, derr}
			}
			return v, nil
		}
		return f, nil
	}
	if neg {
		return -int64(u), nil
	}
	return int64(u), nil
}

// decodeJSON decodes ";;;" front matter: hexo-front-matter wraps it in braces
// and calls JSON.parse. Invalid JSON is no front matter, not an error (Hexo's rule).
func decodeJSON(data string, firstLine int, opts *Options) (*FrontMatter, error) {
	dec := json.NewDecoder(strings.NewReader("{" + data + "}"))
	dec.UseNumber()
	fm := &FrontMatter{values: map[string]any{}, text: map[string]string{}, lines: map[string]int{}}
	lim := newJSONLimits(opts)
	lim.depth = -1 // the braces are Hexo's, not a level the author wrote: nesting counts as in YAML
	v, err := jsonValue(dec, func(k string, v any, keyEnd int64) {
		if _, dup := fm.values[k]; !dup {
			fm.keys = append(fm.keys, k)
		}
		fm.values[k] = v
		if s, ok := v.(string); ok {
			fm.text[k] = s
		}
		// the offset is in "{" + data: the key's line counted in the file
		fm.lines[k] = firstLine + strings.Count(data[:min(int(keyEnd)-1, len(data))], "\n")
	}, lim)
	if lim.err != nil { // valid or not, Hexo would parse it: a limit is an error, not "no front matter"
		return nil, &ParseError{Line: firstLine, Err: &frontMatterError{lim.err}}
	}
	if err != nil || v == nil {
		return nil, errNotMapping
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errNotMapping
	}
	return fm, nil
}

// jsonLimits are MaxYAMLNodes and MaxDepth for JSON front matter.
type jsonLimits struct {
	budget, depth, maxDepth int
	err                     error
}

func newJSONLimits(opts *Options) *jsonLimits {
	return &jsonLimits{budget: opts.maxYAMLNodes(), maxDepth: opts.maxValueDepth()}
}

// jsonValue reads one JSON value keeping object key order at the top level
// (top receives each top-level pair; nested objects become map[string]any).
func jsonValue(dec *json.Decoder, top func(k string, v any, keyEnd int64), lim *jsonLimits) (any, error) {
	if lim.budget--; lim.budget < 0 {
		lim.err = fmt.Errorf("%w: too many JSON values", ErrTooLarge)
		return nil, lim.err
	}
	if lim.depth++; lim.depth > lim.maxDepth {
		lim.err = fmt.Errorf("%w: JSON nested deeper than %d", ErrTooDeep, lim.maxDepth)
		return nil, lim.err
	}
	defer func() { lim.depth-- }()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := map[string]any{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				keyEnd := dec.InputOffset()
				v, err := jsonValue(dec, nil, lim)
				if err != nil {
					return nil, err
				}
				m[k] = v
				if top != nil {
					top(k, v, keyEnd)
				}
			}
			_, err := dec.Token()
			return m, err
		case '[':
			out := []any{}
			for dec.More() {
				v, err := jsonValue(dec, nil, lim)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			_, err := dec.Token()
			return out, err
		}
	case json.Number:
		if i, err := t.Int64(); err == nil && i <= 1<<53 && i >= -(1<<53) {
			return i, nil
		}
		f, _ := t.Float64()
		return f, nil
	}
	return tok, nil
}
