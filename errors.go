package hexo

import (
	"errors"
	"fmt"
)

// ErrFrontMatter is matched (with errors.Is) by every error about a post's front
// matter that Hexo would refuse: broken YAML, a duplicate key, an unknown tag.
var ErrFrontMatter = errors.New("invalid front matter")

// ErrTooLarge is matched by errors for input beyond a limit set in Options.
var ErrTooLarge = errors.New("input too large")

// ErrTooDeep is matched by errors for YAML or HTML nested deeper than
// Options.MaxDepth.
var ErrTooDeep = errors.New("input nested too deep")

// ParseError reports a problem at a place in a post file. Line and Column are
// 1-based and count in the whole file (not in the front-matter block); zero
// means unknown. Err is the underlying cause, for errors.Is and errors.As.
type ParseError struct {
	File   string // the path given to ParseFile or ParseFS; empty for Parse
	Line   int
	Column int
	Err    error
}

func (e *ParseError) Error() string {
	loc := e.File
	if loc == "" {
		loc = "post"
	}
	switch {
	case e.Line > 0 && e.Column > 0:
		loc = fmt.Sprintf("%s:%d:%d", loc, e.Line, e.Column)
	case e.Line > 0:
		loc = fmt.Sprintf("%s:%d", loc, e.Line)
	}
	return loc + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// frontMatterError marks a decoder error as ErrFrontMatter while keeping the
// decoder's own error reachable through errors.As.
type frontMatterError struct{ err error }

func (e *frontMatterError) Error() string   { return "front matter: " + e.err.Error() }
func (e *frontMatterError) Unwrap() []error { return []error{ErrFrontMatter, e.err} }
