package hexo

import (
	"encoding/json"
	"os"
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
