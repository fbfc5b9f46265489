package hexo

import "golang.org/x/net/html/atom"

// What the walks know of HTML's elements, in one table: every tag the
// walks see is looked up here once.

// tagFlags are the properties of an element that the walks act on.
type tagFlags uint8

const (
	// tagBlock ends the paragraph being collected, where it opens and where
	// it closes.
	tagBlock tagFlags = 1 << iota
	// tagVoid has no content and no end tag.
	tagVoid
	// tagHidden holds no text of the post: its content never reaches a
	// block (hides, in tokenwalk.go, is the whole rule).
	tagHidden
	// tagRawText is read by the tokenizer as text up to its end tag.
	tagRawText
	// tagPCloser ends an open <p> where it starts.
	tagPCloser
	// tagHeading is h1 to h6.
	tagHeading
)

var elementFlags = []struct {
	flags tagFlags
	atoms []atom.Atom
}{
	{tagHidden, []atom.Atom{atom.Style, atom.Script, atom.Noscript, atom.Template, atom.Iframe,
		atom.Noembed, atom.Noframes}},
	{tagBlock, []atom.Atom{atom.Address, atom.Article, atom.Aside, atom.Blockquote,
		atom.Body, atom.Caption, atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div,
		atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr,
		atom.Html, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section,
		atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr,
		atom.Ul, atom.Head, atom.Title, atom.Textarea, atom.Legend}},
	{tagVoid, []atom.Atom{atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Keygen, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr}},
	{tagRawText, []atom.Atom{atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript,
		atom.Plaintext, atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp}},
	{tagPCloser, []atom.Atom{atom.Address, atom.Article, atom.Aside, atom.Blockquote,
		atom.Details, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr,
		atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Table, atom.Ul}},
	{tagHeading, []atom.Atom{atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6}},
}

// atomSlots is an open-addressing table keyed by atom: a lookup per tag
// costs a multiplication and a probe or two, where a Go map costs several
// times that, and every tag of every post is looked up.
type atomSlots[V any] struct {
	keys []atom.Atom // a power of two long; 0 marks a free slot
	vals []V
	n    int
}

func (t *atomSlots[V]) slot(a atom.Atom) uint32 {
	mask := uint32(len(t.keys) - 1)
	i := uint32(a) * 0x9E3779B1 >> 16 & mask
	for t.keys[i] != a && t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	return i
}

// get returns a's value, the zero value when a has none.
func (t *atomSlots[V]) get(a atom.Atom) (v V) {
	if len(t.keys) == 0 {
		return v
	}
	return t.vals[t.slot(a)]
}

// ref returns where a's value is kept, adding a (a non-zero atom).
func (t *atomSlots[V]) ref(a atom.Atom) *V {
	if len(t.keys) > 0 {
		if i := t.slot(a); t.keys[i] == a {
			return &t.vals[i]
		}
	}
	if 4*(t.n+1) > 3*len(t.keys) {
		t.grow()
	}
	i := t.slot(a)
	t.keys[i] = a
	t.n++
	return &t.vals[i]
}

func (t *atomSlots[V]) grow() {
	old := *t
	size := max(32, 2*len(old.keys))
	*t = atomSlots[V]{keys: make([]atom.Atom, size), vals: make([]V, size)}
	for i, k := range old.keys {
		if k != 0 {
			*t.ref(k) = old.vals[i]
		}
	}
}

var elements = func() *atomSlots[tagFlags] {
	var t atomSlots[tagFlags]
	for _, g := range elementFlags {
		for _, a := range g.atoms {
			*t.ref(a) |= g.flags
		}
	}
	return &t
}()

// flagsOf returns an element's flags; an element the table does not name
// (span, em, a custom element, atom 0) has none.
func flagsOf(a atom.Atom) tagFlags { return elements.get(a) }
