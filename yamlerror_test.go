package hexo

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// quadraticFailingLine is the failingLine this package had before, without
// its size cap: every prefix of the block decoded again. It is the reference
// the one-decode failingLine is held to.
func quadraticFailingLine(data string) int {
	lines := strings.SplitAfter(data, "\n")
	var prefix strings.Builder
	for i, l := range lines {
		prefix.WriteString(l)
		var n yaml.Node
		if yaml.Unmarshal([]byte(prefix.String()), &n) != nil {
			return i + 1
		}
	}
	return len(lines)
}

// yamlErrorLine is the block line decodeYAML reports for data, 0 when data
// decodes or its first document does (failingLine is not asked then).
func yamlErrorLine(t *testing.T, data string) int {
	t.Helper()
	var doc yaml.Node
	if err := yaml.NewDecoder(&lineReader{s: data}).Decode(&doc); err == nil || errors.Is(err, io.EOF) {
		return 0
	}
	_, err := decodeYAML(data, 1, &Options{})
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	return pe.Line
}

// Lines that decode alone, on one line.
var oneLineShapes = []string{
	"title: Hello world\n",
	"date: 2020-01-01 10:00:00\n",
	"tags: [a, b]\n",
	"tags:\n  - a\n  - b\n",
	"desc: |\n  line one\n  line two\n",
	"desc: >\n  folded\n",
	"plain: a\n  continued\n",
	"nested:\n  k: v\n  k2: v2\n",
	"# comment\n",
	"\n",
	"'single key': 'it''s'\n",
	"empty:\n",
	"anchor: &x val\n",
	"ref: *x\n",
	"list:\n- a\n- b\n",
	"title: again\n", // a duplicate key: the converter's error, not the decoder's
	"k: \"a\" # c\n",
}

// Lines that decode, a quoted scalar or a flow collection over two lines.
var multiLineShapes = []string{
	"multi: \"quoted\n  continues\"\n",
	"single: 'quoted\n  continues'\n",
	"flow: [a,\n  b]\n",
	"map: {a: 1,\n  b: 2}\n",
}

// Lines YAML refuses, the error on the line itself.
var brokenShapes = []string{
	"title: \"a\" b\n", // stray quotes
	"title: \"a\\\\\" b\\\\\n",
	"title: \"x\"\ty\n", // tab
	"title: \"He said \"hi\"\"\n",
	" bad: indentation\n",
	"   bad: indentation\n",
	"  \tkey: v\n",
	"k:\n  - a\n   - b\n",
	"k:\n  a: 1\n   b: 2\n",
	"k:\n  a: 1\n b: 2\n",
	"k: >\n  a\n b: c\n",
	"a: |\nbad\n",
	"key:\tv: w\n", // stray ':'
	"a: b: c\n",
	"k: v # c\n  more: x\n",
	"tags: [a, b]]\n", // broken flow lists
	"tags: a, b]\n",
	"k: [a, b] c\n",
	"k: {a: b} c\n",
	"k: ]\n",
	"k: }\n",
	"ref: *undefined\n", // aliases
	"<<: *nope\n",
	"a: &a &b x\n",
	"- item\n",
	"justakey\n",
	"@at: x\n",
	"`tick`: x\n",
	"k: `tick`\n",
	"k: 'a' 'b'\n",
	"k: \"a\"b\n",
	"k: !!str !!int x\n",
	"k: - a\n",
	"%YAML 1.2\n",
	"k: v\x01\n",
	"k: \"\\q\"\n",
	"k: \"\\x4\"\n",
}

// Lines that open a quote or a bracket no line of theirs closes: the error
// comes later, at the end of the block or where a later quote closes it.
var openingShapes = []string{
	"title: \"unclosed\n",
	"title: 'unclosed\n",
	"title: 'it's'\n",
	"tags: [a, b\n",
	"tags: {a: 1\n",
	"k: [\n",
	"k: {\n",
	"? [a\n",
}

// brokenBlock writes up to eight lines of good, then one or two broken ones
// among them, the last newline sometimes left off.
func brokenBlock(r *rand.Rand, good, bad []string) string {
	var b strings.Builder
	n := r.IntN(8)
	at := map[int]bool{r.IntN(n + 1): true, r.IntN(n + 1): r.IntN(2) == 0}
	for i := 0; i <= n; i++ {
		if at[i] {
			b.WriteString(bad[r.IntN(len(bad))])
		}
		if i < n {
			b.WriteString(good[r.IntN(len(good))])
		}
	}
	s := escapeTabs(b.String())
	if r.IntN(5) == 0 {
		s = strings.TrimSuffix(s, "\n")
	}
	return s
}

// TestFailingLineMatchesQuadratic holds the one-decode failingLine to the
// quadratic one it replaces, on blocks made of the shapes above. Where every
// line's quotes and brackets close on it, the two name the same line. Where
// they do not, the old one named the first line at which a cut fell inside a
// quote or bracket, even one a later line closes as it should; the new one
// names the line where the decoder failed, or, for a quote or bracket left
// open, the line it opened on when that is the line the message names, the
// first line or one of the two lines with content before the failure: it is
// never earlier than the old one, and the rates it differs at are logged.
// Where the blocks have no quote or bracket left open, every line the two
// differ on is the old one blaming a multi-line scalar that decodes.
func TestFailingLineMatchesQuadratic(t *testing.T) {
	oneLine := brokenShapes
	sets := []struct {
		name               string
		good, bad          []string
		exact, blamesValid bool
	}{
		{"one-line shapes", oneLineShapes, oneLine, true, false},
		{"quotes and brackets left open", oneLineShapes, append(append([]string(nil), oneLine...), openingShapes...), false, false},
		{"multi-line scalars before the error", append(append([]string(nil), oneLineShapes...), multiLineShapes...), oneLine, false, true},
	}
	r := rand.New(rand.NewPCG(7, 11))
	blocks := 6000
	if testing.Short() {
		blocks = 1500
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			same, differ := 0, 0
			for range blocks {
				data := brokenBlock(r, set.good, set.bad)
				got := yamlErrorLine(t, data)
				if got == 0 {
					continue // decodes, or a duplicate key
				}
				want := quadraticFailingLine(data)
				if got == want {
					same++
					continue
				}
				differ++
				if set.exact || got < want || set.blamesValid && !opensValidShape(data, want) {
					t.Fatalf("line %d, the quadratic search says %d: %q", got, want, data)
				}
			}
			t.Logf("%d blocks: %d the same line, %d a later line (%.2f%%)", same+differ, same, differ, 100*float64(differ)/float64(same+differ))
			require.Greater(t, same, blocks/2)
		})
	}
}

// opensValidShape reports whether line l of data is the first of one of the
// multiLineShapes, which decode.
func opensValidShape(data string, l int) bool {
	line := strings.Split(data, "\n")[l-1]
	for _, s := range multiLineShapes {
		if strings.HasPrefix(s, line+"\n") {
			return true
		}
	}
	return false
}

func TestFailingLineCases(t *testing.T) {
	long := strings.Repeat("k: v\n", 2001)
	for _, tc := range []struct {
		name, data string
		line       int
	}{
		{"stray quotes", "title: \"a\" b\ndate: 2020-01-01\n", 1},
		{"tab after a quote", "a: b\ntitle: \"x\"\ty\ndate: 2020-01-01\ntags: [a]\n", 2},
		{"blank and comment lines before the next key", "a: b\ntitle: \"x\" y\n\n# c\n\ndate: 2020-01-01\n", 2},
		{"unclosed quote, first line", "title: \"a\ndate: 2020\ntags: x\nk: v\n", 1},
		{"unclosed quote, later line", "a: b\nc: d\ntitle: 'a\ndate: 2020\ntags: x\nk: v\n", 3},
		{"unclosed bracket", "a: b\ntags: [a, b\ndate: 2020\nk: v\n", 2},
		{"bad indentation", "a: b\n b: c\n", 2},
		{"unknown alias", "a: b\nc: *x\nd: e\n", 2},
		{"past the old cap", long + "title: \"a\" b\n", 2002},
		{"past the old cap, last line", long + "k: v\ntitle: \"a\" b", 2003},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.line, yamlErrorLine(t, tc.data))
			if len(tc.data) < 1000 {
				assert.Equal(t, quadraticFailingLine(tc.data), tc.line, "the quadratic search")
			}
		})
	}
}

func keyLines(n int) string { // a front matter's opener and n key lines
	var b strings.Builder
	b.WriteString("---\n")
	for i := range n {
		fmt.Fprintf(&b, "k%d: value %d\n", i, i)
	}
	return b.String()
}

// allocsOf is the bytes f allocates, the collector off.
func allocsOf(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestFailingLineGrowth grows a front matter with one broken last line ×1,
// ×4, ×16 and checks that Parse, and Lint and Fix, allocate in proportion
// (the quadratic search grew ×256, and stopped at 64 KB).
func TestFailingLineGrowth(t *testing.T) {
	post := func(n int, broken string) string { return keyLines(n) + broken + "---\nbody\n" }
	for _, s := range []struct {
		name   string
		broken string
		run    func(string)
	}{
		{"Parse, stray quotes", "title: \"a\" b\n", func(src string) { _, _ = Parse([]byte(src)) }},
		{"Parse, unclosed quote", "title: \"a\n", func(src string) { _, _ = Parse([]byte(src)) }},
		{"Lint and Fix, stray quotes", "title: \"a\" b\n", lintAndFix},
	} {
		t.Run(s.name, func(t *testing.T) {
			var a [3]uint64
			for i, n := range []int{250, 1000, 4000} {
				src := post(n, s.broken)
				a[i] = allocsOf(func() { s.run(src) })
			}
			t.Logf("bytes allocated: %d, %d, %d (×%.1f, ×%.1f)", a[0], a[1], a[2], float64(a[1])/float64(a[0]), float64(a[2])/float64(a[0]))
			assert.Less(t, float64(a[1])/float64(a[0]), 4*1.5)
			assert.Less(t, float64(a[2])/float64(a[0]), 16*1.5)
		})
	}
}

// TestLineReader: the reader hands out every byte, a line at a time, and a
// line longer than the buffer in parts.
func TestLineReader(t *testing.T) {
	for _, s := range []string{"", "a", "a\n", "a\nb", "a\n\n\nb\n", strings.Repeat("x", 1500) + "\ny"} {
		r := &lineReader{s: s}
		var got strings.Builder
		buf := make([]byte, 512)
		for {
			n, err := r.Read(buf)
			got.Write(buf[:n])
			if n > 0 {
				assert.LessOrEqual(t, strings.Count(string(buf[:n]), "\n"), 1)
			}
			if err != nil {
				break
			}
		}
		assert.Equal(t, s, got.String())
		assert.Equal(t, len(strings.SplitAfter(strings.TrimSuffix(s, "\n"), "\n"))-boolInt(s == ""), r.lines, "%q", s)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
