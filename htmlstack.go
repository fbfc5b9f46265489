package hexo

import "golang.org/x/net/html/atom"

// openElem is an element the walk is inside of.
type openElem struct {
	a      atom.Atom
	name   string
	hidden bool // its content is not text of the post (style, script, a line-number gutter...)
}

// elemStack is the stack of open elements. It knows HTML's optional end
// tags (a <p> ends where a block starts, an <li> where the next one starts),
// so that old-style HTML does not nest deeper with every paragraph, and it
// indexes open elements by name, so that every operation costs the same
// however deep the stack: hostile nesting cannot make the walk quadratic.
type elemStack struct {
	elems  []openElem
	byName map[string][]int // indexes in elems of the open elements of each name
	blocks []int            // indexes in elems of the open block-level elements
	hidden int              // open elements that hide their content
}

func (s *elemStack) depth() int { return len(s.elems) }

func (s *elemStack) push(e openElem) {
	if s.byName == nil {
		s.byName = map[string][]int{}
	}
	s.byName[e.name] = append(s.byName[e.name], len(s.elems))
	if blockTags[e.a] {
		s.blocks = append(s.blocks, len(s.elems))
	}
	s.elems = append(s.elems, e)
	if e.hidden {
		s.hidden++
	}
}

func (s *elemStack) pop() openElem {
	e := s.elems[len(s.elems)-1]
	s.elems = s.elems[:len(s.elems)-1]
	l := s.byName[e.name]
	s.byName[e.name] = l[:len(l)-1]
	if n := len(s.blocks); n > 0 && s.blocks[n-1] == len(s.elems) {
		s.blocks = s.blocks[:n-1]
	}
	if e.hidden {
		s.hidden--
	}
	return e
}

// innermostBlock returns the innermost open block-level element's name, or "".
func (s *elemStack) innermostBlock() string {
	if n := len(s.blocks); n > 0 {
		return s.elems[s.blocks[n-1]].name
	}
	return ""
}

// find returns the index of the innermost open element named name, or -1.
func (s *elemStack) find(name string) int {
	if l := s.byName[name]; len(l) > 0 {
		return l[len(l)-1]
	}
	return -1
}

// pClosers are the start tags that end an open <p>.
var pClosers = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Details: true, atom.Div: true, atom.Dl: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true,
	atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Table: true, atom.Ul: true,
}

// Scope boundaries: an optional end tag is implied only for an element open
// inside the same table, list or cell (HTML's "scopes", simplified).
var (
	defaultScope = []atom.Atom{atom.Html, atom.Table, atom.Td, atom.Th, atom.Caption, atom.Template, atom.Object, atom.Button}
	listScope    = append([]atom.Atom{atom.Ul, atom.Ol, atom.Menu}, defaultScope...)
	dlScope      = append([]atom.Atom{atom.Dl}, defaultScope...)
	rowScope     = []atom.Atom{atom.Html, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Template}
	cellScope    = []atom.Atom{atom.Html, atom.Table, atom.Tr, atom.Template}
)

// impliedEnd returns the index down to which open elements end before a start
// tag a opens, or -1 when none does.
func (s *elemStack) impliedEnd(a atom.Atom) int {
	switch {
	case pClosers[a]:
		return s.innermost([]atom.Atom{atom.P}, defaultScope)
	case a == atom.Li:
		return s.innermost([]atom.Atom{atom.Li}, listScope)
	case a == atom.Dt || a == atom.Dd:
		return s.innermost([]atom.Atom{atom.Dt, atom.Dd}, dlScope)
	case a == atom.Tr:
		return s.innermost([]atom.Atom{atom.Tr}, rowScope)
	case a == atom.Td || a == atom.Th:
		return s.innermost([]atom.Atom{atom.Td, atom.Th}, cellScope)
	}
	return -1
}

// innermost returns the index of the innermost open element among targets,
// unless a boundary is open inside it; -1 when there is none.
func (s *elemStack) innermost(targets, boundaries []atom.Atom) int {
	best := -1
	for _, t := range targets {
		best = max(best, s.find(t.String()))
	}
	for _, b := range boundaries {
		if s.find(b.String()) > best {
			return -1
		}
	}
	return best
}

// startTag records a start tag for a walk that only needs the open elements:
// it returns the names of the elements the tag implicitly ends, innermost
// first, and pushes it unless it is void.
func (s *elemStack) startTag(a atom.Atom, name string) (ended []string) {
	if i := s.impliedEnd(a); i >= 0 {
		for s.depth() > i {
			ended = append(ended, s.pop().name)
		}
	}
	if !voidTags[a] {
		s.push(openElem{a: a, name: name})
	}
	return ended
}

// endTag closes up to the innermost open element of that name and returns
// the names closed, innermost first; a stray end tag closes nothing.
func (s *elemStack) endTag(name string) (closed []string) {
	i := s.find(name)
	if i < 0 {
		return nil
	}
	for s.depth() > i {
		closed = append(closed, s.pop().name)
	}
	return closed
}
