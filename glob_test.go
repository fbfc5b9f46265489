package hexo

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGlobsMatchMicromatch: skip_render, include and exclude patterns match
// the paths micromatch (Hexo's isMatch) matches, on the answers
// tools/hexo-answer/globs.js recorded: "**" segments, "dir/**" matching
// dir, classes ("[!a]" is not a negation), {a,b}, "?", escapes, names
// starting with ".", a leading "!".
func TestGlobsMatchMicromatch(t *testing.T) {
	raw, err := os.ReadFile("testdata/globs/micromatch.json")
	require.NoError(t, err)
	var rows []struct {
		Pattern, Path string
		Match         bool
	}
	require.NoError(t, json.Unmarshal(raw, &rows))
	require.Greater(t, len(rows), 400)
	for _, r := range rows {
		assert.Equal(t, r.Match, compileGlobs([]string{r.Pattern}).match(r.Path), "%q on %q", r.Pattern, r.Path)
	}
	assert.False(t, globs(nil).match("a.md"), "no pattern matches nothing")
	assert.True(t, compileGlobs([]string{"x.md", "demo/**"}).match("demo/a.md"), "a list matches when one does")
}

// FuzzGlobs: any pattern compiles (or is left out) without a panic, and a
// pattern without special characters matches exactly its own path (a
// pattern comes from _config.yml: it is UTF-8).
func FuzzGlobs(f *testing.F) {
	for _, s := range []string{"demo/**", "**/*.md", "a/{b,c}/?.md", "[^a].md", `a\*.md`, "!x/**", "{a,{b", "[", "about.md"} {
		f.Add(s, "demo/a.md")
	}
	f.Fuzz(func(t *testing.T, pattern, name string) {
		g := compileGlobs([]string{pattern})
		g.match(name)
		if pattern == "" || !utf8.ValidString(pattern) || strings.ContainsAny(pattern, `*?[]{},\!`) || strings.HasPrefix(pattern, "./") {
			return
		}
		if len(g) != 1 || !g.match(pattern) || g.match(pattern+"x") {
			t.Fatalf("%q does not match exactly itself", pattern)
		}
	})
}

// FuzzGlob: a run of "**/" collapsed to one matches exactly the names the
// pattern read segment by segment matches (small patterns and names, where
// the long form is cheap), and nothing panics.
func FuzzGlob(f *testing.F) {
	for _, s := range [][2]string{
		{"**/**/a.md", "a.md"}, {"**/**/a.md", "x/y/a.md"}, {"a/**/**/**", "a/.b/c"}, {"**/**/**", "x/"},
		{"**/**/*.{md,html}", "_posts/a.md"}, {`\**/**/**/b`, "*x/b"}, {"[**/**/]/**/**/x", "*/x"}, {"!**/**/.a", ".a"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, name string) {
		if len(pattern) > 64 || len(name) > 64 {
			return
		}
		short, errS := regexp.Compile(globRegexp(pattern, true))
		long, errL := regexp.Compile(globRegexp(pattern, false))
		if (errS == nil) != (errL == nil) {
			t.Fatalf("%q: collapsed %v, read in full %v", pattern, errS, errL)
		}
		if errS != nil {
			return
		}
		for _, n := range []string{name, name + "/", "a/" + name, strings.ReplaceAll(pattern, "*", "a")} {
			if short.MatchString(n) != long.MatchString(n) {
				t.Fatalf("%q on %q: collapsed %v, read in full %v", pattern, n, short.MatchString(n), long.MatchString(n))
			}
		}
		compileGlobs([]string{pattern}).match(name)
	})
}

// TestGlobBounds: a run of "**/" compiles to the regexp of one (the NFA
// steps through one loop, not one a segment), and a pattern past
// picomatch's MAX_LENGTH is left out, as Hexo's isMatch throws on it.
func TestGlobBounds(t *testing.T) {
	one := globRegexp("**/x.md", true)
	assert.Equal(t, one, globRegexp(strings.Repeat("**/", 5000)+"x.md", true))
	assert.Equal(t, globRegexp("a/**/**/**", true), globRegexp("a/"+strings.Repeat("**/", 5000)+"**", true))
	long := strings.Repeat("a", maxGlobLen-5) + "/**"
	assert.True(t, compileGlobs([]string{long}).match(long[:maxGlobLen-5]+"/b.md"), "at the cap")
	assert.Empty(t, compileGlobs([]string{long + "/*/"}), "past the cap")
}
