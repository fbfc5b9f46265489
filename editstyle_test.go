package hexo

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

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
		{"a scalar becomes a flow list on its line when the block has no lists", "---\ntitle: t\ntags: solo  # one\n---\n",
			func(p *Post) error { return p.AppendField("tags", "go") },
			"---\ntitle: t\ntags: [solo, go]  # one\n---\n"},
		{"a null gets a block list", "---\ntitle: t\ntags:\n---\n",
			func(p *Post) error { return p.AppendField("tags", "go") },
			"---\ntitle: t\ntags:\n  - go\n---\n"},
		{"appending nothing changes nothing", "---\ntitle: t\n---\n",
			func(p *Post) error { return p.AppendField("tags") },
			"---\ntitle: t\n---\n"},
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

// changedLines is the one run of lines an edit changed: before[from:to] became
// after[from:to+added-removed]; removed and added count the lines.
func changedLines(before, after string) (from, removed, added int) {
	b, a := strings.SplitAfter(before, "\n"), strings.SplitAfter(after, "\n")
	for from < len(b) && from < len(a) && b[from] == a[from] {
		from++
	}
	tail := 0
	for tail < len(b)-from && tail < len(a)-from && b[len(b)-1-tail] == a[len(a)-1-tail] {
		tail++
	}
	return from, len(b) - from - tail, len(a) - from - tail
}

// entryLines are the file lines (0-based, [first, end)) of a top-level key's
// entry: from its key to the next key or the block's end; ok is false for a
// key with no line of its own (one a merge gives).
func entryLines(p *Post, key string) (first, end int, ok bool) {
	l := p.FrontMatter.line(key)
	if l == 0 {
		return 0, 0, false
	}
	sp := p.kept.split
	end = sp.dataLine - 1 + len(yamlLineStarts(sp.data))
	for _, k := range p.FrontMatter.Keys() {
		if kl := p.FrontMatter.line(k); kl > l && kl-1 < end {
			end = kl - 1
		}
	}
	return l - 1, end, true
}

// newScalar is a value of the same kind as v and not equal to it.
func newScalar(v any) (any, bool) {
	switch x := v.(type) {
	case string:
		return x + " changed", !strings.ContainsAny(x, "\n\r")
	case int64:
		return x + 1, true
	case float64:
		return x + 0.5, x == x
	case bool:
		return !x, true
	case time.Time:
		return x.Add(24 * time.Hour), true
	}
	return nil, false
}

// TestEditStyleOnAllPosts: on every post we have, for each top-level key:
// setting it to its own value changes no byte; appending an item to a list
// adds one line (block) or changes one (flow); setting a scalar changes its
// lines only, one line for a one-line scalar.
func TestEditStyleOnAllPosts(t *testing.T) {
	counts := map[string]int{}
	for _, dirs := range conformanceSuites(t) {
		for _, f := range postFiles(t, dirs[0]) {
			src, _ := os.ReadFile(f)
			p0, err := Parse(src)
			if err != nil || p0.FrontMatter == nil || strings.HasPrefix(p0.kept.split.separator, ";") {
				continue
			}
			fresh := func() *Post { p, _ := Parse(src); return p }
			for _, key := range p0.FrontMatter.Keys() {
				v, _ := p0.FrontMatter.Get(key)
				first, end, own := entryLines(p0, key)
				p := fresh()
				require.NoError(t, p.SetField(key, v), "%s: %s", f, key)
				assert.Equal(t, string(src), string(p.Bytes()), "%s: %s set to its own value", f, key)
				counts["same"]++
				if !own {
					continue
				}
				if list, ok := v.([]any); ok {
					p = fresh()
					if !assert.NoError(t, p.AppendField(key, "zz-added"), "%s: %s", f, key) {
						continue
					}
					at, removed, added := changedLines(string(src), string(p.Bytes()))
					flow := removed == 1 && added == 1
					assert.True(t, removed == 0 && added == 1 || flow, "%s: appending to %s changed %d lines for %d:\n%s", f, key, removed, added, p.Bytes())
					assert.True(t, at >= first && at+removed <= end, "%s: %s: line %d is outside the key's lines %d-%d", f, key, at+1, first+1, end)
					got, _ := p.FrontMatter.Get(key)
					assert.Equal(t, append(slices.Clone(list), "zz-added"), got, f)
					q := fresh()
					require.NoError(t, q.SetField(key, append(slices.Clone(list), "zz-added")), f)
					assert.Equal(t, string(p.Bytes()), string(q.Bytes()), "%s: SetField finds the append", f)
					counts["append"]++
				}
				if nv, ok := newScalar(v); ok {
					p = fresh()
					if !assert.NoError(t, p.SetField(key, nv), "%s: %s", f, key) {
						continue
					}
					at, removed, added := changedLines(string(src), string(p.Bytes()))
					assert.True(t, at >= first && at+removed <= end, "%s: %s: lines %d-%d changed, outside the key's lines %d-%d:\n%s", f, key, at+1, at+removed, first+1, end, p.Bytes())
					if end-first == 1 {
						assert.True(t, removed == 1 && added == 1, "%s: %s: one-line scalar: %d lines became %d:\n%s", f, key, removed, added, p.Bytes())
					}
					counts["scalar"]++
				}
			}
		}
	}
	t.Logf("edits checked: %v", counts)
}

// styleWords are the texts the fuzzed front matters are made of: plain,
// those YAML must quote, non-ASCII.
var styleWords = []string{"go", "yes", "a: b", "1", "", "中文", "#x", "it's", "[x]", "null", "2021-01-01", " pad "}

// fuzzFrontMatter writes a front matter of keys k0, k1... in many styles
// from spec: plain, double- or single-quoted scalars, block lists at several
// dash columns and gaps, flow lists, literal blocks, with and without
// comments.
func fuzzFrontMatter(spec []byte) string {
	next := func() int {
		if len(spec) == 0 {
			return 0
		}
		b := spec[0]
		spec = spec[1:]
		return int(b)
	}
	word := func() string { return styleWords[next()%len(styleWords)] }
	var b strings.Builder
	b.WriteString("---\n")
	for i := 0; i < 6 && len(spec) > 0; i++ {
		fmt.Fprintf(&b, "k%d:", i)
		comment := ""
		if next()%3 == 0 {
			comment = "  # c"
		}
		switch next() % 6 {
		case 0:
			fmt.Fprintf(&b, " %s%s\n", word(), comment)
		case 1:
			fmt.Fprintf(&b, " %s%s\n", strconv.Quote(word()), comment)
		case 2:
			fmt.Fprintf(&b, " '%s'%s\n", strings.ReplaceAll(word(), "'", "''"), comment)
		case 3:
			prefix := strings.Repeat(" ", next()%4) + "-" + strings.Repeat(" ", 1+next()%3)
			b.WriteString("\n")
			for range 1 + next()%3 {
				fmt.Fprintf(&b, "%s%s\n", prefix, strconv.Quote(word()))
			}
		case 4:
			var items []string
			for range next() % 3 {
				items = append(items, strconv.Quote(word()))
			}
			sep := ", "
			if next()%2 == 0 {
				sep = ","
			}
			fmt.Fprintf(&b, " [%s]%s\n", strings.Join(items, sep), comment)
		case 5:
			fmt.Fprintf(&b, " |\n  %s\n  %s\n", word(), word())
		}
	}
	b.WriteString("---\nbody\n")
	return b.String()
}

// FuzzEditStyle edits random front matters: appending to a key, setting it
// to a text, or to its own value. An edit made changes only the key's lines
// (a new key: lines added at the block's end) and reads back as what was set;
// one refused changes nothing.
func FuzzEditStyle(f *testing.F) {
	f.Add([]byte{1, 3, 0, 1, 2, 3, 4, 1, 4, 2, 5, 6, 1, 5, 1, 2}, uint8(0), uint8(0), "new")
	f.Add([]byte{0, 4, 2, 1, 2, 0, 2, 3, 0, 0, 0, 1, 1, 7}, uint8(1), uint8(1), "a: b")
	f.Add([]byte{2, 0, 3, 9, 0, 0, 1, 1, 2, 5, 5, 5}, uint8(2), uint8(2), "it's\n")
	f.Fuzz(func(t *testing.T, spec []byte, keyN, op uint8, text string) {
		src := fuzzFrontMatter(spec)
		p, err := Parse([]byte(src))
		if err != nil || p.FrontMatter == nil {
			return
		}
		key := fmt.Sprintf("k%d", keyN%7) // k6 is never there: a new key
		old, had := p.FrontMatter.Get(key)
		first, end, _ := entryLines(p, key)
		if !had {
			first = p.kept.split.dataLine - 1 + len(yamlLineStarts(p.kept.split.data))
			end = first
		}
		var want any
		switch op % 3 {
		case 0:
			err = p.AppendField(key, text)
			list, _ := old.([]any)
			if old != nil && list == nil {
				list = []any{old}
			}
			want = old // nothing added: nothing changes, a scalar stays one
			if !slices.Contains(list, any(text)) {
				want = append(slices.Clone(list), text)
			}
		case 1:
			err, want = p.SetField(key, text), text
		case 2:
			if !had {
				return
			}
			err, want = p.SetField(key, old), old
		}
		out := string(p.Bytes())
		if err != nil {
			if out != src {
				t.Fatalf("a refused edit (%v) changed the post", err)
			}
			// refused, as before: a new key after a block scalar the block's
			// end chomps would change it; a list of a date and a text with a
			// line break, which yaml.v3 writes wrong in both styles ("- |2+",
			// a date quoted in flow style)
			if !utf8.ValidString(text) || !had || strings.ContainsAny(text, "\n\r") && errors.Is(err, ErrNotEditable) {
				return
			}
			t.Fatalf("%v\n%s", err, src)
		}
		again, err := Parse([]byte(out))
		if err != nil {
			t.Fatalf("the edit gave a post that does not parse: %v\n%s", err, out)
		}
		if got, _ := again.FrontMatter.Get(key); !sameValue(got, want) {
			t.Fatalf("%s reads back as %#v, not %#v:\n%s", key, got, want, out)
		}
		at, removed, added := changedLines(src, out)
		if removed+added > 0 && (at < first || at+removed > end) {
			t.Fatalf("lines %d-%d changed, outside %s's lines %d-%d:\n%s\n%s", at+1, at+removed, key, first+1, end, src, out)
		}
		if op%3 == 2 && out != src {
			t.Fatalf("setting %s to its own value changed the post:\n%s\n%s", key, src, out)
		}
	})
}

// TestEditStyleGrowth: the style-keeping edits cost allocations and output
// linear in the block: each shape grown ×1, ×4, ×16 may allocate at most
// 2.5 times as much more as it grew (a quadratic path grows ×256).
func TestEditStyleGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	rep := func(s string, n int) string { return strings.Repeat(s, n) }
	for _, s := range []struct {
		name string
		gen  func(n int) string
		edit func(p *Post) error
	}{
		{"block list, append", func(n int) string { return "---\ntags:\n" + rep("- 'item'\n", n) + "---\nbody\n" },
			func(p *Post) error { return p.AppendField("tags", "new") }},
		{"flow list, append", func(n int) string { return "---\ntags: [" + rep("item, ", n) + "last]  # c\n---\nbody\n" },
			func(p *Post) error { return p.AppendField("tags", "new") }},
		{"keys, set a quoted scalar", func(n int) string {
			return "---\nauthor: \"Me\"\n" + keysText(n) + "---\nbody\n"
		}, func(p *Post) error { return p.SetField("author", "You") }},
		{"a long scalar, set", func(n int) string { return "---\ntitle: '" + rep("word ", n) + "'\n---\nbody\n" },
			func(p *Post) error { return p.SetField("title", "short") }},
		{"a list, set to itself", func(n int) string { return "---\ntags:\n" + rep("  - x\n", n) + "---\nbody\n" },
			func(p *Post) error { v, _ := p.FrontMatter.Get("tags"); return p.SetField("tags", v) }},
		{"keys, a new list in their style", func(n int) string { return "---\n" + keysText(n) + "cats:\n- a\n---\nbody\n" },
			func(p *Post) error { return p.SetField("tags", []string{"a", "b"}) }},
	} {
		t.Run(s.name, func(t *testing.T) {
			cost := func(n int) (alloc uint64, out int) {
				src := s.gen(n)
				p, err := Parse([]byte(src))
				require.NoError(t, err)
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				before := ms.TotalAlloc
				require.NoError(t, s.edit(p))
				runtime.ReadMemStats(&ms)
				return ms.TotalAlloc - before, len(p.Bytes()) // the output: one line more
			}
			a1, _ := cost(200)
			a4, _ := cost(800)
			a16, _ := cost(3200)
			size := float64(len(s.gen(3200))) / float64(len(s.gen(200)))
			t.Logf("input ×%.1f: bytes allocated %d, %d, %d", size, a1, a4, a16)
			assert.LessOrEqual(t, float64(a16)/float64(a1), 2.5*size, "bytes allocated")
		})
	}
}

// keysText is n distinct keys.
func keysText(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "key%d: value\n", i)
	}
	return b.String()
}
