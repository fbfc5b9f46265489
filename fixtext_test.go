package hexo

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixValue repairs a post whose title is v: the text repaired, whether the
// repair took, and the title the repaired post reads.
func fixValue(t *testing.T, v string) (fixed string, ok bool, title any) {
	t.Helper()
	src := "---\ntitle: " + v + "\ndate: 2021-06-12\n---\nbody\n"
	p, err := Parse([]byte(src))
	if err == nil || p.kept.text != src {
		return src, false, nil // YAML reads it, or the file is no text
	}
	fixed, ok = repairFrontMatter(p.kept.text, &p.opts, p.kept.fmErr)
	if !ok {
		return fixed, false, nil
	}
	q, err := Parse([]byte(fixed))
	require.NoError(t, err, "the repaired post decodes: %q", fixed)
	title, _ = q.FrontMatter.Get("title")
	return fixed, true, title
}

// The user's issue: fix kept "a" and lost the rest of the line.
func TestFixKeepsText(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{`"a" b`, `'"a" b'`},
		{`"a\\" b\\`, `'"a\\" b\\'`},
		{"\"x\"\ty", "'\"x\"\ty'"},
		{`"He said "hi""`, `'"He said "hi""'`},
		{`"a" b "c"`, `'"a" b "c"'`},       // the author's quotes, paired inside: kept
		{`"a "b" c"`, `'a "b" c'`},         // a wrapper around quoted words: only it goes
		{`"""'Quoted'"""`, `'Quoted'`},     // a scraper's wrapping: dropped
		{`'It''s open`, `'It''s open'`},    // an opening quote never closed
		{`"an \"escape`, `'"an \"escape'`}, // the backslash is text
		{`"a`, `'a'`},
	} {
		fixed, ok, title := fixValue(t, tc.in)
		require.True(t, ok, tc.in)
		assert.Contains(t, fixed, "\ntitle: "+tc.out+"\n", tc.in)
		s, _ := title.(string)
		assert.True(t, keepsText(tc.in, s), "%q read back as %q", tc.in, title)
	}
}

// FuzzFixKeepsText: for a one-line value the repair quotes, the repaired
// post decodes, every character of the value but its quotes is in the value
// read back, in order, and repairing again changes no byte.
func FuzzFixKeepsText(f *testing.F) {
	for _, s := range []string{`"a" b`, `"a\\" b\\`, "\"x\"\ty", `"""'a'"""`, `'it''s`, `"a`, `"a" b "c"`, `"\x41" z`, `'a' 'b'`, "\"a\u2028b", `"a"b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if strings.ContainsAny(v, "\r\n") {
			return
		}
		fixed, ok, title := fixValue(t, v)
		if !ok {
			return
		}
		s, isString := title.(string)
		require.True(t, isString, "%q read back as %#v", v, title)
		written := strings.TrimRight(strings.TrimLeft(v, " \t"), " \t") // the line's spaces around the value are no text
		require.True(t, keepsText(written, s), "%q read back as %q", v, s)
		again, ok := repairFrontMatter(fixed, &Options{}, nil)
		require.True(t, ok)
		require.Equal(t, fixed, again, "a second repair")
	})
}
