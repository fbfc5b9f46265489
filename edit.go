package hexo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// ErrNotEditable is matched by errors of SetField and DeleteField on a post
// whose front matter cannot be edited without rewriting it: front matter Hexo
// refuses, or a YAML mapping written in flow style ({title: x}).
var ErrNotEditable = errors.New("front matter cannot be edited in place")

// Bytes returns the post's file: the bytes it was read from, with the edits
// made by SetField and DeleteField. A post read and never edited gives its
// input back byte for byte.
func (p *Post) Bytes() []byte { return []byte(p.src) }

// WriteTo writes Bytes to w.
func (p *Post) WriteTo(w io.Writer) (int64, error) {
	n, err := io.WriteString(w, p.src)
	return int64(n), err
}

// WriteFile writes Bytes to the file name atomically: to a temporary file in
// the same folder, synced, then renamed over name, so that a crash leaves the
// old post or the new one, never half of one. An existing file's permissions
// are kept.
func (p *Post) WriteFile(name string) error { return writeFileAtomic(name, []byte(p.src)) }

func writeFileAtomic(name string, data []byte) (err error) {
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(name); err == nil {
		perm = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

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
// followed by its offset unless it is in UTC.
func (p *Post) SetField(key string, value any) error {
	return p.edit(key, value, true)
}

// DeleteField removes a top-level front-matter key (its lines and nothing
// else) and parses the post again. Deleting a key the post does not have
// changes nothing; deleting its only key removes the whole block (an empty
// block would make Hexo read the separators as the body).
func (p *Post) DeleteField(key string) error {
	return p.edit(key, nil, false)
}

func (p *Post) edit(key string, value any, set bool) error {
	if len(p.src) > p.opts.maxSize() {
		return &ParseError{File: p.Source, Err: fmt.Errorf("%w: the post was not read whole", ErrTooLarge)}
	}
	text := normalise([]byte(p.src))
	sp := splitFrontMatter(text)
	if sp.separator != "" && p.FrontMatter == nil {
		if _, err := decodeFrontMatter(sp, &p.opts); !errors.Is(err, errNotMapping) {
			return editError(p, fmt.Errorf("%w: fix the front matter first: %w", ErrNotEditable, err))
		}
		sp = split{content: text} // not a mapping: Hexo reads the whole file as the body
	}
	var e textEdit
	var err error
	switch {
	case sp.separator == "":
		if !set {
			return nil
		}
		e, err = newBlock(key, value)
	case strings.HasPrefix(sp.separator, ";"):
		e, err = editJSON(sp.data, key, value, set)
	default:
		e, err = editYAML(sp.data, key, value, set)
	}
	if err != nil {
		return editError(p, err)
	}
	if e.noop {
		return nil
	}
	if e.dropBlock {
		e = textEdit{start: 0, end: len(text) - len(sp.content)}
	} else if sp.separator != "" {
		off := dataOffset(text, sp)
		e.start += off
		e.end += off
	}
	src := applyEdit(p.src, text, e)
	np, perr := p.opts.parse([]byte(src), p.Source)
	if !set && np.FrontMatter == nil && p.FrontMatter != nil && !e.dropBlock && !errors.Is(perr, ErrFrontMatter) {
		// what is left is no front matter (";;;\n\n;;;" is body to Hexo): drop the block
		src = applyEdit(p.src, text, textEdit{start: 0, end: len(text) - len(sp.content)})
		np, perr = p.opts.parse([]byte(src), p.Source)
	}
	if errors.Is(perr, ErrFrontMatter) {
		return editError(p, fmt.Errorf("the edit would break the front matter: %w", perr))
	}
	p.adopt(np)
	return nil
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

// newBlock puts a "---" block with the one key before a post that has none.
func newBlock(key string, value any) (textEdit, error) {
	entry, err := yamlEntry(key, value, "")
	if err != nil {
		return textEdit{}, err
	}
	return textEdit{start: 0, end: 0, repl: "---\n" + entry + "---\n"}, nil
}

// editYAML finds the key's lines in the block from yaml.v3's node positions.
// An entry runs from its key's line to the line before the next key, less
// the blank and comment lines at its end (they belong to what follows).
func editYAML(data, key string, value any, set bool) (textEdit, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(escapeTabs(data)), &doc); err != nil || len(doc.Content) != 1 {
		return textEdit{}, fmt.Errorf("%w: %v", ErrNotEditable, err)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return textEdit{}, ErrNotEditable
	}
	if root.Style&yaml.FlowStyle != 0 {
		return textEdit{}, fmt.Errorf("%w: the mapping is in flow style", ErrNotEditable)
	}
	lines := strings.SplitAfter(data, "\n")
	lineStart := func(l int) int { // 1-based line to offset; past the end is len(data)
		off := 0
		for i := 0; i < l-1 && i < len(lines); i++ {
			off += len(lines[i])
		}
		return off
	}
	idx := -1
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key && root.Content[i].Tag != "!!merge" {
			idx = i // the last one wins, as YAML's merge overrides do
		}
	}
	indent := detectIndent(lines)
	if idx < 0 {
		if !set {
			return textEdit{noop: true}, nil
		}
		entry, err := yamlEntry(key, value, indent)
		if err != nil {
			return textEdit{}, err
		}
		end := len(data)
		for end > 0 && (data[end-1] == '\n') {
			end-- // after the last line's text, before the final newlines
		}
		prefix := "\n"
		if end == 0 {
			prefix = ""
		}
		return textEdit{start: end, end: end, repl: prefix + strings.TrimSuffix(entry, "\n")}, nil
	}
	first := root.Content[idx].Line // a comment above the key is outside the entry and stays
	next := len(lines) + 1
	if idx+2 < len(root.Content) {
		next = root.Content[idx+2].Line
	}
	last := next - 1
	for last > first {
		t := strings.TrimSpace(lines[last-1])
		if t == "" || strings.HasPrefix(t, "#") {
			last--
			continue
		}
		break
	}
	start, end := lineStart(first), lineStart(last+1)
	if !set && len(root.Content) == 2 {
		return textEdit{dropBlock: true}, nil
	}
	if !set {
		if end == len(data) && start > 0 && !strings.HasSuffix(data, "\n") {
			start-- // the last line goes with the newline before it
		}
		return textEdit{start: start, end: end}, nil
	}
	entry, err := yamlEntry(key, value, indent)
	if err != nil {
		return textEdit{}, err
	}
	if end == len(data) && !strings.HasSuffix(data, "\n") {
		entry = strings.TrimSuffix(entry, "\n")
	}
	if vn := root.Content[idx+1]; vn.LineComment != "" && !strings.Contains(strings.TrimSuffix(entry, "\n"), "\n") {
		entry = strings.TrimSuffix(entry, "\n") + " " + vn.LineComment + entryNewline(entry)
	}
	return textEdit{start: start, end: end, repl: entry}, nil
}

func entryNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return "\n"
	}
	return ""
}

// detectIndent is how the block indents its nested lines: the leading spaces
// of the first indented line ("  " when there is none).
func detectIndent(lines []string) string {
	for _, l := range lines {
		if n := len(l) - len(strings.TrimLeft(l, " ")); n > 0 && strings.TrimSpace(l) != "" {
			return l[:n]
		}
	}
	return "  "
}

// yamlEntry writes "key: value" lines with yaml.v3, nested lines indented
// like the file's.
func yamlEntry(key string, value any, indent string) (string, error) {
	var vn yaml.Node
	if t, ok := value.(time.Time); ok {
		vn = yaml.Node{Kind: yaml.ScalarNode, Value: scaffoldDate(t)} // plain: YAML reads it as a timestamp
	} else if err := vn.Encode(value); err != nil {
		return "", err
	}
	kn := yaml.Node{Kind: yaml.ScalarNode, Value: key}
	doc := yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{&kn, &vn}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	if len(indent) == 2 {
		return b.String(), nil
	}
	// yaml.v3 indents by two; scale each line's indentation to the file's
	// (a one-space " - item" list is common in scraped posts).
	var out strings.Builder
	for _, line := range strings.SplitAfter(b.String(), "\n") {
		n := len(line) - len(strings.TrimLeft(line, " "))
		out.WriteString(strings.Repeat(" ", n/2*len(indent)+n%2) + line[n:])
	}
	return out.String(), nil
}

// scaffoldDate is how hexo new writes a date: the wall time, with the offset
// when the zone is not UTC (js-yaml reads a date without one as UTC).
func scaffoldDate(t time.Time) string {
	if _, off := t.Zone(); off == 0 {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04:05-07:00")
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
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if t, ok := value.(time.Time); ok {
			value = t.Format(time.RFC3339)
		}
		if err := enc.Encode(value); err != nil {
			return textEdit{}, err
		}
		val = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
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
