package hexo

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEditsKeepStyle: each edit changes the key's lines only, in the style
// the value was written in.
func TestEditsKeepStyle(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		edit     func(*Post) error
		want     string
	}{
		{"a block list at column 0 grows by one line", "---\ntitle: x\ntags:\n- a\n- b\ndate: 2021-01-01\n---\nbody\n",
			func(p *Post) error { return p.SetField("tags", []string{"a", "b", "c"}) },
			"---\ntitle: x\ntags:\n- a\n- b\n- c\ndate: 2021-01-01\n---\nbody\n"},
		{"the last key's list, no final newline", "---\ntags:\n    -   a\n---\nbody",
			func(p *Post) error { return p.AppendField("tags", "b") },
			"---\ntags:\n    -   a\n    -   b\n---\nbody"},
		{"quoted items get quoted items", "---\ntags:\n  - 'a'\n  - \"b\"\n---\n",
			func(p *Post) error { return p.AppendField("tags", "c", "d") },
			"---\ntags:\n  - 'a'\n  - \"b\"\n  - \"c\"\n  - \"d\"\n---\n"},
		{"a flow list stays on its line", "---\ncats: [x, y]  # two\n---\n",
			func(p *Post) error { return p.SetField("cats", []string{"x", "y", "z"}) },
			"---\ncats: [x, y, z]  # two\n---\n"},
		{"a flow list's separators", "---\ncats: [x,y]\n---\n",
			func(p *Post) error { return p.AppendField("cats", "z", "a b") },
			"---\ncats: [x,y,z,a b]\n---\n"},
		{"an empty flow list", "---\ncats: []\n---\n",
			func(p *Post) error { return p.AppendField("cats", "z") },
			"---\ncats: [z]\n---\n"},
		{"quotes stay quotes", "---\nauthor: \"Me\"\n---\n",
			func(p *Post) error { return p.SetField("author", "You") },
			"---\nauthor: \"You\"\n---\n"},
		{"single quotes, spacing and comment kept", "---\nauthor:   'Me'   # who\n---\n",
			func(p *Post) error { return p.SetField("author", "It's you") },
			"---\nauthor:   'It''s you'   # who\n---\n"},
		{"a quoted string set to a number is a number", "---\nn: \"1\"\n---\n",
			func(p *Post) error { return p.SetField("n", 2) },
			"---\nn: 2\n---\n"},
		{"a literal block stays literal", "---\nabout: |\n  one\n  two\ntitle: t\n---\n",
			func(p *Post) error { return p.SetField("about", "three\nfour\n") },
			"---\nabout: |\n  three\n  four\ntitle: t\n---\n"},
		{"the same value changes nothing", "---\ntags: [ a,  b ]\ndate: 2021-01-01 10:00:00\n---\n",
			func(p *Post) error { return p.SetField("tags", []any{"a", "b"}) },
			"---\ntags: [ a,  b ]\ndate: 2021-01-01 10:00:00\n---\n"},
		{"appending what is there changes nothing", "---\ntags:\n- a\n---\n",
			func(p *Post) error { return p.AppendField("tags", "a") },
			"---\ntags:\n- a\n---\n"},
		{"a new list is written like the block's lists", "---\ncategories:\n- a\n---\n",
			func(p *Post) error { return p.SetField("tags", []string{"x", "z"}) },
			"---\ncategories:\n- a\ntags:\n- x\n- z\n---\n"},
		{"a new list like the block's flow lists", "---\ncategories: [a]\n---\n",
			func(p *Post) error { return p.AppendField("tags", "x", "z") },
			"---\ncategories: [a]\ntags: [x, z]\n---\n"},
		{"a list replacing a list keeps its dash column", "---\ntags:\n- a\n- b\n---\n",
			func(p *Post) error { return p.SetField("tags", []string{"b"}) },
			"---\ntags:\n- b\n---\n"},
		{"appending to a scalar makes a list", "---\ntags: 读书\ncategories:\n- c\n---\n",
			func(p *Post) error { return p.AppendField("tags", "x") },
			"---\ntags:\n- 读书\n- x\ncategories:\n- c\n---\n"},
		{"appending to a missing key", "---\ntitle: t\n---\n",
			func(p *Post) error { return p.AppendField("tags", "x") },
			"---\ntitle: t\ntags:\n  - x\n---\n"},
		{"CRLF", "---\r\ntags:\r\n- a\r\n---\r\nbody\r\n",
			func(p *Post) error { return p.AppendField("tags", "b") },
			"---\r\ntags:\r\n- a\r\n- b\r\n---\r\nbody\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse([]byte(tc.in))
			require.NoError(t, err)
			require.NoError(t, tc.edit(p))
			assert.Equal(t, tc.want, string(p.Bytes()))
		})
	}
}

// TestEditRefusesHiddenFrontMatter: front matter Hexo does not see is not
// edited (a block added above it would leave it in the body); the error
// names the lint rule that repairs it.
func TestEditRefusesHiddenFrontMatter(t *testing.T) {
	for in, rule := range map[string]string{
		"---  \ntitle: x\n---\nbody\n":         RuleTrailingSpace,
		"---\t\r\ntitle: x\r\n---\r\nbody\r\n": RuleTrailingSpace,
		"\n\n---\ntitle: x\n---\nbody\n":       RuleBlankLines,
	} {
		p, _ := Parse([]byte(in))
		for _, edit := range []func() error{
			func() error { return p.SetField("author", "Me") },
			func() error { return p.AppendField("tags", "x") },
		} {
			err := edit()
			assert.ErrorIs(t, err, ErrNotEditable, "%q", in)
			assert.ErrorContains(t, err, rule, "%q", in)
			assert.Equal(t, in, string(p.Bytes()))
		}
	}
}
