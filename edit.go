package hexo

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// ErrNotEditable is matched by errors of SetField and DeleteField on a post
// whose front matter cannot be edited without rewriting it: front matter Hexo
// refuses, or a YAML mapping written in flow style ({title: x}).
var ErrNotEditable = errors.New("front matter cannot be edited in place")

// SetField sets a top-level front-matter key to value and parses the post
// again from the result, so every field reflects the change. Only that key's
// lines change: the others keep their text, order, quoting and comments, the
// body is kept byte for byte, and the new lines use the file's line endings.
// An existing key is rewritten where it stands; a new one is added at the end
// of the block; a post without front matter gets a "---" block.
//
// The value is written as YAML (yaml.v3's encoding: strings that YAML would
// read as another type are quoted), or as JSON in a ";;;" block. A
// time.Time is written as Hexo's scaffolds write dates, 2006-01-02 15:04:05,
// followed by its offset unless it is in UTC; one whose year is not four
// digits (before 0, past 9999) has no such form and is refused.
//
// A value that is already there changes nothing. The value keeps the style
// it is written in: a list that extends the old one gets its new items only
// (a line each in block style, with the list's dash column; before the "]"
// in flow style), a scalar keeps its quotes when the new text can be written
// in them, and a list replacing another, or added, is written like the
// block's lists (a list replacing a scalar in a block without block lists
// takes the scalar's place, in flow style: tags: solo becomes
// tags: [solo, go]). A post whose front matter Hexo does not see (a "--- "
// opener with trailing spaces, blank lines before it) is refused, naming the
// lint rule that repairs it: a block added above would leave the old one in
// the body.
func (p *Post) SetField(key string, value any) error {
	return p.edit(key, true, func(isJSON bool) (any, any, error) {
		want, err := p.expectedValue(value, isJSON)
		return value, want, err
	})
}

// AppendField adds values to the end of the list under a top-level key, and
// changes nothing else: in a block list each value is one new line, written
// with the list's dash column and quoted like its last item; in a flow list
// the values go before the "]". Values the list already holds are not added
// again, so running the same append twice changes nothing (and when nothing
// is added, a scalar stays a scalar). A missing or null key becomes the list
// of the values; a scalar becomes a list holding it then the values (Hexo
// reads a scalar tags or categories as a list of one); a mapping is refused
// with ErrNotEditable. The edit is checked as SetField's is.
func (p *Post) AppendField(key string, values ...any) error {
	return p.edit(key, true, func(isJSON bool) (any, any, error) {
		old, _ := p.FrontMatter.Get(key)
		var list []any
		switch o := old.(type) {
		case nil:
		case []any:
			list = o
		case map[string]any:
			return nil, nil, fmt.Errorf("%w: %s is a mapping, not a list", ErrNotEditable, key)
		default:
			list = []any{o}
		}
		value := slices.Clone(list)
		want := slices.Clone(list)
		for _, v := range values {
			w, err := p.expectedValue(v, isJSON)
			if err != nil {
				return nil, nil, err
			}
			if !slices.ContainsFunc(want, func(x any) bool { return sameValue(x, w) }) {
				value, want = append(value, v), append(want, w)
			}
		}
		if len(want) == len(list) {
			return nil, nil, errNothingNew
		}
		return value, want, nil
	})
}

// DeleteField removes a top-level front-matter key (its lines and nothing
// else) and parses the post again. Deleting a key the post does not have
// changes nothing; deleting its only key removes the whole block (an empty
// block would make Hexo read the separators as the body).
func (p *Post) DeleteField(key string) error {
	return p.edit(key, false, nil)
}

// errNothingNew is AppendField's "every value is there already".
var errNothingNew = errors.New("nothing new")

// edit makes the edit of key: with set, target gives the value to write and
// the value the post must then hold under the key (as the decoder reads it).
func (p *Post) edit(key string, set bool, target func(isJSON bool) (value, want any, err error)) error {
	if len(p.src) > p.opts.maxSize() {
		return &ParseError{File: p.Source, Err: fmt.Errorf("%w: the post was not read whole", ErrTooLarge)}
	}
	if err := p.kept.notText; err != nil {
		return editError(p, fmt.Errorf("%w: %w", ErrNotEditable, err))
	}
	if !utf8.ValidString(key) {
		return editError(p, fmt.Errorf("%w: the key %q is not valid UTF-8", ErrNotEditable, key))
	}
	text, sp := p.kept.text, p.kept.split
	if sp.separator != "" && !utf8.ValidString(sp.data) {
		return editError(p, fmt.Errorf("%w: the front matter holds bytes that are not UTF-8 (read as U+FFFD): an edit could not keep them", ErrNotEditable))
	}
	if sp.separator != "" && p.FrontMatter == nil {
		if err := p.kept.fmErr; !errors.Is(err, errNotMapping) {
			return editError(p, fmt.Errorf("%w: fix the front matter first: %w", ErrNotEditable, err))
		}
		sp = split{content: text} // not a mapping: Hexo reads the whole file as the body
	}
	if sp.separator == "" && set {
		// a block Hexo does not see: a new one above it would leave it in the body
		if _, rule, _, ok := missedBlock(text, &p.opts); rule != "" {
			how := "hexopost fix repairs it"
			if !ok {
				how = "and its YAML does not read"
			}
			return editError(p, fmt.Errorf("%w: Hexo does not see this post's front matter (lint rule %s; %s), nothing was changed", ErrNotEditable, rule, how))
		}
	}
	isJSON := strings.HasPrefix(sp.separator, ";")
	var value, want any
	if set {
		var err error
		if value, want, err = target(isJSON); err == errNothingNew {
			return nil
		} else if err != nil {
			return editError(p, err)
		}
	}
	if set && p.FrontMatter.Has(key) {
		if now, _ := p.FrontMatter.Get(key); sameValue(now, want) || sameValue(now, value) {
			return nil // already so: no byte changes
		}
	}
	var why error
	// the edits that keep the value's style first: the others are only
	// written (a yaml.v3 encoding of the whole value each) when those fail
	for _, styled := range []bool{true, false} {
		edits, err := p.candidateEdits(text, sp, key, value, want, set, styled)
		if err != nil {
			return editError(p, err)
		}
		for _, e := range edits {
			if e.noop {
				return nil
			}
			src := applyEdit(p.src, text, e)
			np, perr := p.opts.parse([]byte(src), p.Source)
			if why = p.verifyEdit(np, perr, key, want, set); why == nil {
				p.adopt(np)
				return nil
			}
		}
	}
	return editError(p, fmt.Errorf("%w: the edit cannot be made exactly, nothing was changed: %w", ErrNotEditable, why))
}

// candidateEdits are the ways of writing the edit, the most natural first
// (with styled, only those that keep an existing YAML value's style):
// the first whose result reads back right is made.
func (p *Post) candidateEdits(text string, sp split, key string, value, want any, set, styled bool) ([]textEdit, error) {
	if styled && (sp.separator == "" || strings.HasPrefix(sp.separator, ";") || !set) {
		return nil, nil
	}
	block := textEdit{start: 0, end: len(text) - len(sp.content)} // the whole block, separators included
	if sp.separator == "" {
		if !set {
			return []textEdit{{noop: true}}, nil
		}
		var out []textEdit
		for _, style := range []entryStyle{styleBlock, styleFlow} {
			entry, err := yamlEntry(key, value, 2, style)
			if err != nil {
				return nil, err
			}
			out = append(out, textEdit{repl: "---\n" + entry + "---\n"})
		}
		return out, nil
	}
	off := dataOffset(text, sp)
	var edits []textEdit
	if strings.HasPrefix(sp.separator, ";") {
		e, err := editJSON(sp.data, key, value, set)
		if err != nil {
			return nil, err
		}
		edits = []textEdit{e}
		if !set && e.dropBlock {
			edits = []textEdit{block}
		}
	} else {
		var err error
		if edits, err = editYAML(sp.data, p.FrontMatter, key, value, want, set, styled); err != nil {
			return nil, err
		}
	}
	for i, e := range edits {
		switch {
		case e.dropBlock:
			edits[i] = block
		case !e.noop:
			edits[i].start += off
			edits[i].end += off
		}
	}
	if !set && p.FrontMatter.Len() == 1 && p.FrontMatter.Has(key) {
		// what is left is no front matter (";;;\n\n;;;" is body to Hexo): the
		// block goes; if the body would then be read as front matter (a "---"
		// line in it), an empty mapping stays
		edits = append(edits, block)
		if !strings.HasPrefix(sp.separator, ";") {
			edits = append(edits, textEdit{start: off, end: off + len(sp.data), repl: "{}"})
		}
	}
	return edits, nil
}

// expectedValue is what the post must hold under the key after SetField: the
// value as the decoder reads it, taken from the value's own YAML (or JSON)
// encoding rather than from the text written, so that the read-back check
// catches whatever the layout of the text changed. Bytes that are not UTF-8
// are refused: YAML would write them as !!binary, read back as base64.
func (p *Post) expectedValue(value any, isJSON bool) (any, error) {
	if !validText(reflect.ValueOf(value), 0) {
		return nil, fmt.Errorf("%w: the value holds text that is not valid UTF-8 (YAML would write it as !!binary, JSON as U+FFFD)", ErrNotEditable)
	}
	if isJSON {
		b, err := jsonBytes(value)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		return jsonValue(dec, nil, newJSONLimits(&p.opts))
	}
	// the value's own YAML document, read back: the tags yaml.v3 resolves
	// from text are set as in a parsed post
	// (in flow style when yaml.v3's block style does not read back)
	var doc yaml.Node
	var entry string
	for _, style := range []entryStyle{styleBlock, styleFlow} {
		var err error
		entry, err = yamlEntry("v", value, 2, style)
		if err != nil {
			return nil, err
		}
		doc = yaml.Node{}
		if err = yaml.Unmarshal([]byte(entry), &doc); err == nil && len(doc.Content) == 1 && len(doc.Content[0].Content) == 2 {
			break
		} else if style == styleFlow {
			return nil, fmt.Errorf("%w: the value cannot be written as YAML: %v", ErrNotEditable, err)
		}
	}
	vn := doc.Content[0].Content[1]
	if hasBinary(vn) {
		return nil, fmt.Errorf("%w: the value holds bytes that are not UTF-8 text (YAML would write them as !!binary)", ErrNotEditable)
	}
	c := newConverter(&p.opts, entry)
	v, err := c.value(vn)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotEditable, err)
	}
	return v, nil
}

// validText reports whether every string in v (map keys included) is valid
// UTF-8; a value nested past maxRecursion levels is not text either.
func validText(v reflect.Value, depth int) bool {
	if depth > maxRecursion {
		return false
	}
	switch v.Kind() {
	case reflect.String:
		return utf8.ValidString(v.String())
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || validText(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return true // bytes are written as numbers
		}
		for i := range v.Len() {
			if !validText(v.Index(i), depth+1) {
				return false
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if !validText(it.Key(), depth+1) || !validText(it.Value(), depth+1) {
				return false
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && !validText(v.Field(i), depth+1) {
				return false
			}
		}
	}
	return true
}

func hasBinary(n *yaml.Node) bool {
	if n.Tag == "!!binary" {
		return true
	}
	return slices.ContainsFunc(n.Content, hasBinary)
}

// verifyEdit checks that the post read again holds exactly what the edit
// meant: the value set under the key (or no key), every other key as it was
// and in its place, and the same body.
func (p *Post) verifyEdit(np *Post, perr error, key string, want any, set bool) error {
	if np.Body != p.Body {
		return errors.New("the body would change")
	}
	var keys []string
	for _, k := range p.FrontMatter.Keys() {
		if k != key || set {
			keys = append(keys, k)
		}
	}
	if set && !p.FrontMatter.Has(key) {
		keys = append(keys, key)
	}
	if got := np.FrontMatter.Keys(); !slices.Equal(got, keys) {
		if perr != nil {
			return perr
		}
		return fmt.Errorf("the keys would be %q, not %q", got, keys)
	}
	for _, k := range keys {
		got, _ := np.FrontMatter.Get(k)
		exp, _ := p.FrontMatter.Get(k)
		if k == key {
			exp = want
		}
		if !sameValue(got, exp) {
			return fmt.Errorf("%s would read back as %s", k, jsString(got))
		}
	}
	return nil
}

// sameValue compares decoded values: times by instant, NaN equal to NaN.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	case float64:
		y, ok := b.(float64)
		return ok && (x == y || x != x && y != y)
	case []any:
		y, ok := b.([]any)
		return ok && slices.EqualFunc(x, y, sameValue)
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !sameValue(v, w) {
				return false
			}
		}
		return true
	}
	return a == b
}

// editError names the post's file, and the line when the cause has one,
// once (a cause that is a *ParseError already carries them).
func editError(p *Post, err error) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		msg := strings.Replace(err.Error(), pe.Error(), pe.Err.Error(), 1)
		return &ParseError{File: p.Source, Line: pe.Line, Column: pe.Column, Err: wrapped{msg, err}}
	}
	return &ParseError{File: p.Source, Err: err}
}

// wrapped is an error with its own message that still unwraps to its cause.
type wrapped struct {
	msg string
	err error
}

func (w wrapped) Error() string { return w.msg }
func (w wrapped) Unwrap() error { return w.err }

// textEdit replaces [start, end) of the normalised text with repl, whose
// newlines are LF.
type textEdit struct {
	start, end int
	repl       string
	noop       bool
	dropBlock  bool // the last key goes: so does the block, which Hexo would misread empty
}

// dataOffset is where the split's data starts in the normalised text.
func dataOffset(text string, sp split) int {
	off := 0
	for range sp.dataLine - 1 {
		off += strings.IndexByte(text[off:], '\n') + 1
	}
	return off
}

// applyEdit makes the edit on the original bytes: offsets in the normalised
// text are moved past the BOM and the CR of each CRLF before them, and the
// replacement gets CRLF when the line it goes into has it.
func applyEdit(src, text string, e textEdit) string {
	bom := 0
	if strings.HasPrefix(src, "\uFEFF") {
		bom = len("\uFEFF")
	}
	raw := func(off int) int {
		// the CRs before off: one per CRLF whose LF comes before off
		n, r := 0, bom
		for n < off && r < len(src) {
			if src[r] == '\r' && r+1 < len(src) && src[r+1] == '\n' {
				r++
			}
			r++
			n++
		}
		return r
	}
	start, end := raw(e.start), raw(e.end)
	repl := e.repl
	if lineEnding(src, start) == "\r\n" {
		repl = strings.ReplaceAll(repl, "\n", "\r\n")
	}
	return src[:start] + repl + src[end:]
}

// lineEnding is the newline of the line at off (of the line before, at the
// end of the text), so that a file mixing endings keeps each line's.
func lineEnding(src string, off int) string {
	i := strings.IndexByte(src[off:], '\n') + off
	if i < off {
		i = strings.LastIndexByte(src[:off], '\n')
	}
	if i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// editYAML finds the key's lines in the block from the positions the one
// decode kept, and returns the candidate edits (one for a delete, one per
// entry style for a set). An entry runs from its key's line to the line
// before the next key, less the blank and comment lines at its end (they
// belong to what follows). Lines are counted as yaml.v3 counts them: CR, LF,
// CRLF, NEL, LS and PS each end one.
func editYAML(data string, fm *FrontMatter, key string, value, want any, set, styled bool) ([]textEdit, error) {
	if fm == nil {
		return nil, ErrNotEditable
	}
	entries := fm.entries
	starts := yamlLineStarts(data)
	b := blockText{data, starts}
	lineStart := b.lineStart
	idx := -1
	for i, e := range entries {
		if e.name == key && !e.merge {
			idx = i // the last one wins, as YAML's merge overrides do
		}
	}
	if fm.flow && len(entries) > 0 {
		return nil, fmt.Errorf("%w: the mapping is in flow style", ErrNotEditable)
	}
	if styled && idx < 0 {
		return nil, nil // a new key has no style of its own
	}
	// the block's nodes, for the value's own style; the entries were read
	// from the same text, in the same order
	var root, own *yaml.Node
	if set && !fm.flow {
		if root = blockMapping(data); root != nil && len(root.Content) != 2*len(entries) {
			root = nil
		}
		if root != nil && idx >= 0 && root.Content[2*idx].Line == entries[idx].line {
			own = root.Content[2*idx+1]
		}
	}
	written := func() ([]string, error) {
		out := listStyleEntries(key, value, root, own, b)
		for _, style := range []entryStyle{styleScaled, styleBlock, styleBlockIndent2, styleFlow} {
			e, err := yamlEntry(key, value, blockIndent(data, starts), style)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
		return out, nil
	}
	if idx < 0 {
		if !set {
			return []textEdit{{noop: true}}, nil
		}
		es, err := written()
		if err != nil {
			return nil, err
		}
		if fm.flow { // "{}": the entry takes its place
			var out []textEdit
			for _, e := range es {
				out = append(out, textEdit{start: 0, end: len(data), repl: strings.TrimSuffix(e, "\n")})
			}
			return out, nil
		}
		end := len(data)
		for end > 0 && data[end-1] == '\n' {
			end-- // after the last line's text, before the final newlines
		}
		prefix := "\n"
		if end == 0 {
			prefix = ""
		}
		var out []textEdit
		for _, e := range es {
			out = append(out, textEdit{start: end, end: end, repl: prefix + strings.TrimSuffix(e, "\n")})
		}
		return out, nil
	}
	first := entries[idx].line // a comment above the key is outside the entry and stays
	next := len(starts) + 1
	if idx+1 < len(entries) {
		next = entries[idx+1].line
	}
	last := next - 1
	for last > first {
		t := strings.TrimSpace(data[lineStart(last):lineStart(last+1)])
		if t == "" || strings.HasPrefix(t, "#") {
			last--
			continue
		}
		break
	}
	start, end := lineStart(first), lineStart(last+1)
	if !set && len(entries) == 1 {
		return []textEdit{{dropBlock: true}}, nil
	}
	if !set {
		if end == len(data) && start > 0 && !strings.HasSuffix(data, "\n") {
			start-- // the last line goes with the newline before it
		}
		return []textEdit{{start: start, end: end}}, nil
	}
	if styled {
		old, _ := fm.Get(key)
		ls, lists := fileListStyle(root, own, b)
		return styledEdits(b, own, first, last, entries[idx].comment, !lists || ls.flow, old, value, want), nil
	}
	es, err := written()
	if err != nil {
		return nil, err
	}
	var out []textEdit
	for _, entry := range es {
		if end == len(data) && !strings.HasSuffix(data, "\n") {
			entry = strings.TrimSuffix(entry, "\n")
		}
		if c := entries[idx].comment; c != "" && !strings.Contains(strings.TrimSuffix(entry, "\n"), "\n") {
			entry = strings.TrimSuffix(entry, "\n") + " " + c + entryNewline(entry)
		}
		out = append(out, textEdit{start: start, end: end, repl: entry})
	}
	return out, nil
}

// yamlLineStarts are the offsets where data's lines start, by yaml.v3's rule
// for line breaks (node positions are counted by it).
func yamlLineStarts(data string) []int {
	starts := []int{0}
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\n':
		case c == '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
		case c == 0xC2 && strings.HasPrefix(data[i:], "\u0085"),
			c == 0xE2 && (strings.HasPrefix(data[i:], "\u2028") || strings.HasPrefix(data[i:], "\u2029")):
			_, n := utf8.DecodeRuneInString(data[i:])
			i += n - 1
		default:
			continue
		}
		if i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func entryNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return "\n"
	}
	return ""
}

// blockIndent is how the block indents its nested lines: the leading spaces
// of the first indented line (2 when there is none).
func blockIndent(data string, starts []int) int {
	for i, st := range starts {
		end := len(data)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		l := data[st:end]
		if n := len(l) - len(strings.TrimLeft(l, " ")); n > 0 && strings.TrimSpace(l) != "" {
			return n
		}
	}
	return 2
}

// entryStyle is a way of writing an entry.
type entryStyle int

const (
	// styleScaled is yaml.v3's block style with each line's indentation
	// scaled to the file's (a one-space " - item" list is common in scraped
	// posts); right for most values, and checked like every style.
	styleScaled       entryStyle = iota
	styleBlock                   // yaml.v3's block style, indented like the file
	styleBlockIndent2            // the same with yaml.v3's own indentation
	styleFlow                    // collections in flow style, text double-quoted: no line of it depends on what comes after
)

// valueNode is the YAML node a value is written as. A time.Time is written as
// Hexo's scaffolds write dates (a plain scalar YAML reads as a timestamp). A
// list Encode refuses is built item by item: Encode writes the whole list and
// reads it back, which fails for a text in it starting with a blank line
// ("- |4"), where the flow style the edits fall back on would not (a call
// per item costs a yaml.v3 encoder and parser each, so it is the fallback).
func valueNode(value any) (*yaml.Node, error) {
	if t, ok := value.(time.Time); ok {
		if err := writableYear(t); err != nil {
			return nil, err
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Value: scaffoldDate(t)}, nil
	}
	return itemNode(value)
}

// itemNode is valueNode for a value inside a list: a time.Time is yaml.v3's
// timestamp, which reads back in flow style too.
func itemNode(value any) (*yaml.Node, error) {
	var vn yaml.Node
	if err := vn.Encode(value); err != nil {
		return builtNode(value, err)
	}
	keepTexts(&vn, reflect.ValueOf(value), 0)
	return &vn, nil
}

// keepTexts puts back, in the node of a list Encode made, the multi-line
// texts it holds: Encode reads back what it wrote, and a text starting with
// a blank line inside a list ("- |4-") reads back as another ("\n#x" as "").
// The read-back check then sees how the node is written.
func keepTexts(n *yaml.Node, rv reflect.Value, depth int) {
	for rv.Kind() == reflect.Interface && !rv.IsNil() {
		rv = rv.Elem()
	}
	switch {
	case depth > maxRecursion:
	case rv.Kind() == reflect.String && n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.ContainsAny(rv.String(), "\n\r"):
		if _, custom := rv.Interface().(yaml.Marshaler); !custom {
			n.Value = rv.String()
		}
	case (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array) && n.Kind == yaml.SequenceNode && len(n.Content) == rv.Len():
		for i := range rv.Len() {
			keepTexts(n.Content[i], rv.Index(i), depth+1)
		}
	}
}

// builtNode is the node of a value Encode refused (with err): a list item by
// item (each item's Encode once, so a deep list costs its size), a text
// double-quoted, which holds any text ("\t\n" is one Encode cannot read back).
func builtNode(value any, err error) (*yaml.Node, error) {
	_, custom := value.(yaml.Marshaler)
	_, text := value.(encoding.TextMarshaler)
	if rv := reflect.ValueOf(value); !custom && !text && (rv.Kind() == reflect.Array ||
		rv.Kind() == reflect.Slice && !rv.IsNil() && rv.Type().Elem().Kind() != reflect.Uint8) {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range rv.Len() {
			n, err := builtNode(rv.Index(i).Interface(), nil)
			if err != nil {
				return nil, err
			}
			seq.Content = append(seq.Content, n)
		}
		return seq, nil
	}
	if err == nil {
		var vn yaml.Node
		if err = vn.Encode(value); err == nil {
			return &vn, nil
		}
	}
	if s, ok := value.(string); ok {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: s}, nil
	}
	return nil, err
}

// yamlEntry writes "key: value" lines with yaml.v3, nested lines indented by
// indent spaces (yaml.v3 takes 2 to 9).
func yamlEntry(key string, value any, indent int, style entryStyle) (string, error) {
	vn, err := valueNode(value)
	if err != nil {
		return "", err
	}
	var kn yaml.Node
	if err := kn.Encode(key); err != nil {
		return "", err
	}
	if style == styleFlow {
		flowStyle(vn)
	}
	scaleTo := 2
	if style == styleScaled {
		scaleTo = indent
	}
	if style != styleBlock {
		indent = 2
	}
	doc := yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{&kn, vn}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(indent)
	if err := enc.Encode(&doc); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	if scaleTo == 2 {
		return b.String(), nil
	}
	var out strings.Builder
	for _, line := range strings.SplitAfter(b.String(), "\n") {
		n := len(line) - len(strings.TrimLeft(line, " "))
		out.WriteString(strings.Repeat(" ", n/2*scaleTo+n%2) + line[n:])
	}
	return out.String(), nil
}

// flowStyle writes collections in flow style and text double-quoted.
func flowStyle(n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		n.Style = yaml.FlowStyle
	case yaml.ScalarNode:
		if n.Tag == "!!str" {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
}

// writableYear refuses a date whose year is not four digits: YAML's
// timestamps and RFC 3339 have no other (-271821-04-20 read back as year
// 271821, and year -1 as no date).
func writableYear(t time.Time) error {
	if y := t.Year(); y < 0 || y > 9999 {
		return fmt.Errorf("%w: year %d cannot be written as a date (four digits)", ErrNotEditable, y)
	}
	return nil
}

// scaffoldDate is how hexo new writes a date: the wall time, with the offset
// when the zone is not UTC (js-yaml reads a date without one as UTC).
// A fraction of a second is written when there is one (an epoch's
// milliseconds: two posts of one second keep their order).
func scaffoldDate(t time.Time) string {
	if _, off := t.Zone(); off == 0 {
		return t.Format("2006-01-02 15:04:05.999999999")
	}
	return t.Format("2006-01-02 15:04:05.999999999-07:00")
}

// jsonBytes is a value as a ";;;" block holds it: JSON, HTML unescaped, a
// time.Time as RFC 3339 text.
func jsonBytes(value any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if t, ok := value.(time.Time); ok {
		if err := writableYear(t); err != nil {
			return nil, err
		}
		value = t.Format(time.RFC3339)
	}
	if err := enc.Encode(value); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// editJSON edits a ";;;" block: a JSON object without its braces. Offsets
// come from encoding/json's decoder over the block wrapped in braces.
func editJSON(data, key string, value any, set bool) (textEdit, error) {
	type entry struct{ sepStart, keyStart, valStart, valEnd int }
	dec := json.NewDecoder(strings.NewReader("{" + data + "}"))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return textEdit{}, ErrNotEditable
	}
	var entries []entry
	found := -1
	for dec.More() {
		e := entry{sepStart: int(dec.InputOffset()) - 1}
		t, err := dec.Token()
		if err != nil {
			return textEdit{}, fmt.Errorf("%w: %v", ErrNotEditable, err)
		}
		k, _ := t.(string)
		keyEnd := int(dec.InputOffset()) - 1
		// only a comma and blanks come between the previous value and the key
		e.keyStart = max(e.sepStart, 0) + strings.IndexByte(data[max(e.sepStart, 0):keyEnd], '"')
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return textEdit{}, fmt.Errorf("%w: %v", ErrNotEditable, err)
		}
		e.valEnd = int(dec.InputOffset()) - 1
		e.valStart = e.valEnd - len(raw)
		if k == key {
			found = len(entries)
		}
		entries = append(entries, e)
	}
	var val []byte
	if set {
		var err error
		if val, err = jsonBytes(value); err != nil {
			return textEdit{}, err
		}
	}
	switch {
	case found >= 0 && set:
		e := entries[found]
		return textEdit{start: e.valStart, end: e.valEnd, repl: string(val)}, nil
	case found >= 0: // delete, with one of the commas around the entry
		e := entries[found]
		switch {
		case len(entries) == 1: // edit drops the block if what is left is no front matter
			return textEdit{start: e.keyStart, end: e.valEnd}, nil
		case found == 0:
			return textEdit{start: e.keyStart, end: entries[1].keyStart}, nil
		default:
			return textEdit{start: entries[found-1].valEnd, end: e.valEnd}, nil
		}
	case !set:
		return textEdit{noop: true}, nil
	}
	k, _ := json.Marshal(key)
	if len(entries) == 0 { // an empty object: the pair goes first, so deleting it restores the block
		return textEdit{start: 0, end: 0, repl: string(k) + ": " + string(val)}, nil
	}
	last := entries[len(entries)-1]
	// the new pair goes on its own line, indented and spaced like the last key
	lineStart := strings.LastIndexByte(data[:last.keyStart], '\n') + 1
	indent := data[lineStart:last.keyStart]
	if strings.TrimSpace(indent) != "" {
		indent = ""
	}
	colon := ": "
	if rest := data[last.keyStart:last.valStart]; !strings.Contains(rest, ": ") {
		colon = ":"
	}
	return textEdit{start: last.valEnd, end: last.valEnd, repl: ",\n" + indent + string(k) + colon + string(val)}, nil
}
