package hexo

import "golang.org/x/net/html/atom"

// openElem is an element the walk is inside of.
type openElem struct {
	a      atom.Atom
	name   string
	hidden bool // its content is not text of the post (style, script, a line-number gutter...)
	block  bool // block-level (tagBlock)
	// outer and outerBlock are index+1 of the next open element outward of
	// the same name, and of the next open block-level element (0: none)
	outer, outerBlock int
}

// elemStack is the stack of open elements. It knows HTML's optional end
// tags (a <p> ends where a block starts, an <li> where the next one starts),
// so that old-style HTML does not nest deeper with every paragraph, and it
// chains the open elements of each name, so that every operation costs the
// same however deep the stack: hostile nesting cannot make the walk
// quadratic. The zero value is an empty stack.
type elemStack struct {
	elems []openElem
	// tops holds index+1 of the innermost open element of each atom;
	// names the same for elements without an atom, by name
	tops   atomSlots[int]
	names  map[string]int
	block  int // index+1 of the innermost open block-level element
	hidden int // open elements that hide their content
}

func (s *elemStack) depth() int { return len(s.elems) }

func (s *elemStack) push(e openElem) {
	i := len(s.elems) + 1
	if e.a != 0 {
		t := s.tops.ref(e.a)
		e.outer, *t = *t, i
	} else {
		if s.names == nil {
			s.names = map[string]int{}
		}
		e.outer = s.names[e.name]
		s.names[e.name] = i
	}
	if e.block = flagsOf(e.a)&tagBlock != 0; e.block {
		e.outerBlock, s.block = s.block, i
	}
	if e.hidden {
		s.hidden++
	}
	s.elems = append(s.elems, e)
}

func (s *elemStack) pop() openElem {
	e := s.elems[len(s.elems)-1]
	s.elems = s.elems[:len(s.elems)-1]
	if e.a != 0 {
		*s.tops.ref(e.a) = e.outer
	} else {
		s.names[e.name] = e.outer
	}
	if e.block {
		s.block = e.outerBlock
	}
	if e.hidden {
		s.hidden--
	}
	return e
}

// innermostBlock returns the innermost open block-level element's name, or "".
func (s *elemStack) innermostBlock() string {
	if s.block > 0 {
		return s.elems[s.block-1].name
	}
	return ""
}

// find returns the index of the innermost open element a (named name when
// a is 0), or -1.
func (s *elemStack) find(a atom.Atom, name string) int {
	if a != 0 {
		return s.tops.get(a) - 1
	}
	return s.names[name] - 1
}

// findAtom is find for an element with an atom.
func (s *elemStack) findAtom(a atom.Atom) int { return s.tops.get(a) - 1 }

// Scope boundaries: an optional end tag is implied only for an element open
// inside the same table, list or cell (HTML's "scopes", simplified).
var (
	defaultScope = []atom.Atom{atom.Html, atom.Table, atom.Td, atom.Th, atom.Caption, atom.Template, atom.Object, atom.Button}
	listScope    = append([]atom.Atom{atom.Ul, atom.Ol, atom.Menu}, defaultScope...)
	dlScope      = append([]atom.Atom{atom.Dl}, defaultScope...)
	rowScope     = []atom.Atom{atom.Html, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Template}
	cellScope    = []atom.Atom{atom.Html, atom.Table, atom.Tr, atom.Template}

	pTargets    = []atom.Atom{atom.P}
	liTargets   = []atom.Atom{atom.Li}
	dtddTargets = []atom.Atom{atom.Dt, atom.Dd}
	trTargets   = []atom.Atom{atom.Tr}
	cellTargets = []atom.Atom{atom.Td, atom.Th}
)

// impliedEnd returns the index down to which open elements end before a start
// tag a opens, or -1 when none does.
func (s *elemStack) impliedEnd(a atom.Atom, f tagFlags) int {
	switch {
	case f&tagPCloser != 0:
		return s.innermost(pTargets, defaultScope)
	case a == atom.Li:
		return s.innermost(liTargets, listScope)
	case a == atom.Dt || a == atom.Dd:
		return s.innermost(dtddTargets, dlScope)
	case a == atom.Tr:
		return s.innermost(trTargets, rowScope)
	case a == atom.Td || a == atom.Th:
		return s.innermost(cellTargets, cellScope)
	}
	return -1
}

// innermost returns the index of the innermost open element among targets,
// unless a boundary is open inside it; -1 when there is none.
func (s *elemStack) innermost(targets, boundaries []atom.Atom) int {
	best := -1
	for _, t := range targets {
		best = max(best, s.findAtom(t))
	}
	if best < 0 {
		return -1
	}
	for _, b := range boundaries {
		if s.findAtom(b) > best {
			return -1
		}
	}
	return best
}

// startTag records a start tag for a walk that only needs the open elements:
// it returns the names of the elements the tag implicitly ends, innermost
// first, and pushes it unless it is void.
func (s *elemStack) startTag(a atom.Atom, name string) (ended []string) {
	f := flagsOf(a)
	if i := s.impliedEnd(a, f); i >= 0 {
		for s.depth() > i {
			ended = append(ended, s.pop().name)
		}
	}
	if f&tagVoid == 0 {
		s.push(openElem{a: a, name: name})
	}
	return ended
}

// endTag closes up to the innermost open element a (named name when a is 0)
// and returns the names closed, innermost first; a stray end tag closes
// nothing.
func (s *elemStack) endTag(a atom.Atom, name string) (closed []string) {
	i := s.find(a, name)
	if i < 0 {
		return nil
	}
	for s.depth() > i {
		closed = append(closed, s.pop().name)
	}
	return closed
}

// reset empties the stack for another walk, keeping its buffers.
func (s *elemStack) reset() {
	clear(s.elems)
	s.elems = keep(s.elems)
	clear(s.tops.keys)
	clear(s.tops.vals)
	s.tops.n = 0
	s.names = nil
	s.block, s.hidden = 0, 0
}
