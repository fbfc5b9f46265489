package hexo

import (
	"context"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// siteJSON loads a site of one post under _config.yml and writes its posts
// as JSON: the bytes written, and the post. Config and post come as one
// string, "config\x00post", for hostileShapes.
func siteJSON(src string) (int, *Post) {
	config, post, _ := strings.Cut(src, "\x00")
	fsys := fstest.MapFS{
		"_config.yml":        {Data: []byte(config)},
		"source/_posts/a.md": {Data: []byte(post)},
	}
	s, _ := NewSite(fsys, SiteOptions{})
	n, last := 0, (*Post)(nil)
	for p := range s.All(context.Background()) {
		if p != nil {
			b, _ := p.MarshalJSON()
			n, last = n+len(b), p
		}
	}
	return n, last
}

func runSiteJSON(src string) { siteJSON(src) }

// permalinkSite is a permalink naming k n times and a post whose k is m
// bytes.
func permalinkSite(n, m int) string {
	return "permalink: '" + strings.Repeat(":k/", n) + "'\n\x00---\ndate: 2020-01-01\nk: " + strings.Repeat("v", m) + "\n---\nbody\n"
}

// aliasSite is a permalink naming k, whose value is n aliases to one n-byte
// value: n² bytes as text, counted to the cap and not built.
func aliasSite(n int) string {
	return "permalink: ':k/'\n\x00---\ndate: 2020-01-01\na: &a " + strings.Repeat("v", n) + "\nk: [" + strings.Repeat("*a, ", n) + "*a]\n---\nbody\n"
}

// TestPermalinkBounded: a pattern naming a long value many times gives the
// post a warning and no path, and the JSON stays within a few times the
// post and the config; a pattern up to the cap is built as before.
func TestPermalinkBounded(t *testing.T) {
	for _, src := range []string{permalinkSite(10_000, 40_000), aliasSite(100)} {
		n, p := siteJSON(src)
		require.NotNil(t, p)
		assert.Empty(t, p.Path)
		assert.Empty(t, p.URL)
		assert.Contains(t, strings.Join(p.Warnings, "\n"), "expands to more than 4096 bytes")
		if !strings.Contains(src, "*a") { // the front matter's aliases are written out in full, path or none
			assert.Less(t, n, 4*len(src), "JSON bytes for %d input bytes", len(src))
		}
	}
	// at the cap: 1,365 × ":k/" with k of 2 bytes is 4,095 bytes, and 2 bytes
	// more past it
	_, p := siteJSON(permalinkSite(1365, 2))
	assert.Equal(t, strings.Repeat("vv/", 1365), p.Path)
	assert.Empty(t, p.Warnings)
	_, p = siteJSON(permalinkSite(1366, 2))
	assert.Empty(t, p.Path)
	assert.Len(t, p.Warnings, 1)
	// a missing value is still "undefined", and warned of once
	_, p = siteJSON("permalink: ':nothing/:nothing/'\n\x00---\ndate: 2020-01-01\n---\n")
	assert.Equal(t, "undefined/undefined/", p.Path)
	assert.Len(t, p.Warnings, 1)
}

// filenameRegexp is new_post_name as the regular expression Hexo builds,
// the reference FuzzFilenamePattern checks the matcher against.
func filenameRegexp(newPostName string) (*regexp.Regexp, []string) {
	rule := strings.ToValidUTF8(strings.TrimSuffix(newPostName, path.Ext(newPostName)), "\uFFFD")
	segments := map[string]string{
		"year": `(\d{4})`, "month": `(\d{2})`, "day": `(\d{2})`,
		"i_month": `(\d{1,2})`, "i_day": `(\d{1,2})`, "hash": `([0-9a-f]{12})`,
	}
	var expr strings.Builder
	var params []string
	expr.WriteString("^")
	last := 0
	for _, m := range permalinkParam.FindAllStringSubmatchIndex(rule, -1) {
		expr.WriteString(regexp.QuoteMeta(rule[last:m[0]]))
		name := rule[m[2]:m[3]]
		params = append(params, name)
		if seg, ok := segments[name]; ok {
			expr.WriteString(seg)
		} else {
			expr.WriteString(`(.+?)`)
		}
		last = m[1]
	}
	expr.WriteString(regexp.QuoteMeta(rule[last:]) + "$")
	return regexp.MustCompile(expr.String()), params
}

// FuzzFilenamePattern: new_post_name's matcher captures what the regular
// expression Hexo builds captures (small patterns and names), and never
// panics.
func FuzzFilenamePattern(f *testing.F) {
	for _, s := range [][2]string{
		{":year-:month-:day-:title.md", "2021-06-12-hello world"}, {":i_month/:i_day/:title", "1/12/3/x"},
		{":title-:hash", "a-b-0123456789ab"}, {":a:b:c", "xy\nz"}, {":a-:b", "a-b-c-d"}, {"x\xff:title", "x\xff\xfey"},
		{":lang/:title.md", "en/x"}, {":year:month:day", "20210612"}, {":i_day:i_month", "1234"}, {"é:aé:b", "éxéyé"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, newPostName, rel string) {
		if len(newPostName) > 40 || len(rel) > 40 {
			return
		}
		rel = strings.TrimSuffix(rel, path.Ext(rel))
		re, params := filenameRegexp(newPostName)
		want := re.FindStringSubmatch(rel)
		got, ok := newFilenamePattern(newPostName).match(rel)
		if ok != (want != nil) {
			t.Fatalf("%q on %q: matched %v, the regexp %v", newPostName, rel, ok, want != nil)
		}
		if ok && !slices.Equal(got, want[1:]) {
			t.Fatalf("%q on %q: %q, the regexp %q", newPostName, rel, got, want[1:])
		}
		assert.Len(t, got, len(params)*boolInt(ok))
	})
}
