package hexo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Promise 2: an edit keeps the value's own style (flow list stays flow on
// its line; quotes stay quotes; a block scalar stays one) and changes
// nothing but the key's lines. Each case is an edit the tests do not name.
func TestAttack30EditsKeepTheValuesStyle(t *testing.T) {
	day := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, in string
		edit     func(*Post) error
		want     string
	}{
		// today: "tags:\n  - a\n  - b\n  - 2021-01-01T00:00:00Z": the flow list became a block list
		{"append a date to a flow list", "---\ntags: [a, b]\n---\nbody\n",
			func(p *Post) error { return p.AppendField("tags", day) },
			"---\ntags: [a, b, 2021-01-01]\n---\nbody\n"},
		// today: "tags:\n  - c\n  - 2021-01-01T00:00:00Z"
		{"set a flow list to a list holding a date", "---\ntags: [a, b]\n---\nbody\n",
			func(p *Post) error { return p.SetField("tags", []any{"c", day}) },
			"---\ntags: [c, 2021-01-01]\n---\nbody\n"},
		// today: "title: |-\n  x\n  y": the double quotes are gone
		{"double-quoted value set to two lines", "---\ntitle: \"a\"\n---\nbody\n",
			func(p *Post) error { return p.SetField("title", "x\ny") },
			"---\ntitle: \"x\\ny\"\n---\nbody\n"},
		// today: "title: \"x\\ny\\n\"": the literal block became a quoted scalar
		{"literal block, last key, set to two lines", "---\ntitle: |\n  a\n  b\n---\nbody\n",
			func(p *Post) error { return p.SetField("title", "x\ny\n") },
			"---\ntitle: |\n  x\n  y\n---\nbody\n"},
		// today: "title: >\n  x y\n\n---": a blank line the post did not have
		{"folded block set to one line", "---\ntitle: >\n  a\n  b\n---\nbody\n",
			func(p *Post) error { return p.SetField("title", "x y\n") },
			"---\ntitle: >\n  x y\n---\nbody\n"},
		// today: "tags: [a, b]": the anchor (no alias uses it) is dropped
		{"append to a flow list with an anchor", "---\ntags: &x [a]\n---\nbody\n",
			func(p *Post) error { return p.AppendField("tags", "b") },
			"---\ntags: &x [a, b]\n---\nbody\n"},
		// today: "tags:\n  - a\n  - b": the anchor and the tag line rewritten
		{"append to a block list with an anchor", "---\ntags: &x\n  - a\n---\nbody\n",
			func(p *Post) error { return p.AppendField("tags", "b") },
			"---\ntags: &x\n  - a\n  - b\n---\nbody\n"},
		// today: "tags: [a, b]": the explicit tag is dropped
		{"append to a tagged flow list", "---\ntags: !!seq [a]\n---\nbody\n",
			func(p *Post) error { return p.AppendField("tags", "b") },
			"---\ntags: !!seq [a, b]\n---\nbody\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Options{}.parse([]byte(tc.in), "a.md")
			require.NoError(t, err)
			require.NoError(t, tc.edit(p))
			assert.Equal(t, tc.want, string(p.Bytes()))
		})
	}
}

// Promise 1: no byte of a value's text lost: `title: "a" b` must become
// '"a" b', not 'a'. With a quoted word at each end the quotes around "a"
// are dropped as if a scraper had wrapped the whole value; today
// `title: "a" b "c"` becomes 'a" b "c' (two bytes of the value lost).
func TestAttack30FixKeepsQuotedWordsAtBothEnds(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"a" b "c"`, `'"a" b "c"'`},
		{`"a" "b"`, `'"a" "b"'`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			p, _ := Options{}.parse([]byte("---\ntitle: "+tc.in+"\n---\nbody\n"), "a.md")
			_, err := Fix(p, FixOptions{})
			require.NoError(t, err)
			assert.Equal(t, "---\ntitle: "+tc.want+"\n---\nbody\n", string(p.Bytes()))
		})
	}
}

// Two repairs interacting: front matter Hexo does not see (blank lines
// before the opener, trailing spaces after it) whose YAML is also broken
// (`title: "a" b`, which fix repairs on its own) is neither reported nor
// repaired: lint says nothing at all, and the title line stays body text.
// Fix should make both repairs (or lint at least report the post).
func TestAttack30HiddenAndBrokenFrontMatter(t *testing.T) {
	for _, in := range []string{
		"\n\n---\ntitle: \"a\" b\n---\nbody\n",
		"---  \ntitle: \"a\" b\n---\nbody\n",
	} {
		t.Run(fmt.Sprintf("%q", in), func(t *testing.T) {
			p, _ := Options{}.parse([]byte(in), "a.md")
			assert.NotEmpty(t, Lint(p), "nothing reported")
			_, err := Fix(p, FixOptions{})
			require.NoError(t, err)
			assert.Equal(t, "---\ntitle: '\"a\" b'\n---\nbody\n", string(p.Bytes()))
		})
	}
}

// attack30Site loads a one-post site with the given _config.yml.
func attack30Site(t *testing.T, config, post string) *Post {
	dir := t.TempDir()
	posts := filepath.Join(dir, "source", "_posts")
	require.NoError(t, os.MkdirAll(posts, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "_config.yml"), []byte(config), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(posts, "p.md"), []byte(post), 0o644))
	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	require.NoError(t, site.Load(context.Background()))
	require.Len(t, site.Posts, 1)
	return site.Posts[0]
}

// Promise 1: dates keep their instant. An epoch in milliseconds is written
// back to the second: `date: 1623457000123` becomes
// `2021-06-11 20:16:40-04:00`, 123 ms earlier (Hexo 8.1.2 reads the post
// as 2021-06-12T04:16:40.123Z before the fix and .000Z after it: two posts
// in the same second lose their order).
func TestAttack30EpochMillisecondsKept(t *testing.T) {
	p := attack30Site(t, "timezone: America/New_York\n", "---\ntitle: A\ndate: 1623457000123\n---\nbody\n")
	before := p.Date
	require.Equal(t, 123*time.Millisecond, time.Duration(before.Nanosecond()), "the library reads the milliseconds")
	_, err := Fix(p, FixOptions{})
	require.NoError(t, err)
	assert.True(t, before.Equal(p.Date), "date %s became %s (%q)", before, p.Date, p.Bytes())
}

// Not one of the three promises, found on the way (and it moves Hexo's URL
// under a :hour permalink, so to-hugo's): a local time that does not exist
// (the spring-forward gap, 2021-03-14 02:30 in New York). Hexo 8.1.2 (the
// oracle, timezone America/New_York) reads 2021-03-14T07:30:00Z (03:30
// EDT); the library reads 01:30 EST, 06:30Z, an hour earlier.
func TestAttack30DateInTheSpringGap(t *testing.T) {
	p := attack30Site(t, "timezone: America/New_York\n", "---\ntitle: A\ndate: 2021-03-14 02:30:00\n---\nbody\n")
	want := time.Date(2021, 3, 14, 7, 30, 0, 0, time.UTC)
	assert.True(t, want.Equal(p.Date), "read %s, Hexo reads %s", p.Date, want)
}
