package hexo

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const gbkName = "\xc4\xe3\xba\xc3.md" // 你好.md in GBK

// gbkSite makes a site whose one post has a GBK name; it skips where the
// file system refuses a name that is not UTF-8 (APFS, for one).
func gbkSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	posts := filepath.Join(dir, "source", "_posts")
	require.NoError(t, os.MkdirAll(posts, 0o755))
	if err := os.WriteFile(filepath.Join(posts, gbkName), []byte("---\ntitle: GBK\ndate: 2020-01-02T03:04:05Z\n---\nbody\n"), 0o644); err != nil {
		t.Skipf("this file system refuses a name that is not UTF-8: %v", err)
	}
	return dir
}

func TestDecodedName(t *testing.T) {
	d, ok := decodedName(gbkName)
	assert.True(t, ok)
	assert.Equal(t, "你好.md", d)
	_, ok = decodedName("\x80\xff.md") // no GB 18030 sequence
	assert.False(t, ok)
	assert.Equal(t, `\xc4\xe3\xba\xc3.md`, nameText(gbkName))
	assert.Equal(t, `a\\b\xff`, nameText("a\\b\xff"), "a backslash is doubled, so the text reads back one way")
	assert.Equal(t, `a\b`, nameText(`a\b`), "a UTF-8 name is itself")
}

// TestGBKFileNames: a post named in GBK is read (Hexo cannot), shown
// losslessly, slugged from its decoded name, and renamed by fix.
func TestGBKFileNames(t *testing.T) {
	dir := gbkSite(t)
	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	var got []*Post
	for p, err := range site.All(context.Background()) {
		require.NoError(t, err)
		got = append(got, p)
	}
	require.Len(t, got, 1)
	p := got[0]
	assert.Equal(t, filepath.Join(dir, "source", "_posts", gbkName), p.Source, "Source is the bytes, which os.Open takes")
	assert.Equal(t, "你好", p.Slug, "the slug of the name decoded as GB 18030")
	assert.Equal(t, "2020/01/02/你好/", p.Path)

	var j struct {
		Source      string `json:"source"`
		SourceBytes []byte `json:"source_bytes"`
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &j))
	assert.Equal(t, p.Source, string(j.SourceBytes), "source_bytes gives the name back exactly")
	assert.Equal(t, nameText(p.Source), j.Source)

	findings := Lint(p)
	require.NotEmpty(t, findings)
	f := findings[0]
	assert.Equal(t, RuleFileNameEncoding, f.Rule)
	assert.True(t, f.Fixable)
	assert.Contains(t, f.Message, `"你好.md"`)

	// a file of the decoded name exists: the fix is refused, nothing moves
	taken := filepath.Join(dir, "source", "_posts", "你好.md")
	require.NoError(t, os.WriteFile(taken, []byte("other"), 0o644))
	_, err = Fix(p, FixOptions{Rules: []string{RuleFileNameEncoding}})
	assert.ErrorContains(t, err, "exists")
	require.NoError(t, os.Remove(taken))

	fixed, err := Fix(p, FixOptions{Rules: []string{RuleFileNameEncoding}})
	require.NoError(t, err)
	require.Len(t, fixed, 1)
	from, to := p.PendingRename()
	assert.Equal(t, filepath.Join(dir, "source", "_posts", gbkName), from)
	assert.Equal(t, taken, to)
	require.NoError(t, p.Save())
	_, err = os.Stat(taken)
	assert.NoError(t, err, "renamed")
	_, err = os.Lstat(from)
	assert.ErrorIs(t, err, os.ErrNotExist, "the old name is gone")
	from, to = p.PendingRename()
	assert.Empty(t, from+to, "nothing pending after Save")
}

// TestUnsafeDecodedNamesNotRenamed: a GBK name whose decoded form holds a
// bidirectional override (evil\u202egpj.md shows as evildm.jpg), a C1
// control or a line separator is reported, not renamed.
func TestUnsafeDecodedNamesNotRenamed(t *testing.T) {
	tested := 0
	names := []string{
		"evil\u202egpj.md", "a\u0085b.md", "a\u009bb.md", "a\u2028b.md",
		// characters that do not show and are no control or format
		// character: a variation selector, the combining grapheme joiner,
		// the Hangul filler, a noncharacter (the second attacker's)
		"a\ufe0fb.md", "a\u034fb.md", "a\u3164b.md", "a\uffffb.md",
	}
	for _, want := range names {
		raw, err := simplifiedchinese.GB18030.NewEncoder().String(want)
		require.NoError(t, err)
		if utf8.ValidString(raw) {
			continue // GB 18030 wrote it as UTF-8 would: no rename to make
		}
		tested++
		d, ok := decodedName(raw)
		require.True(t, ok, "%q", want)
		require.Equal(t, want, d)
		dir := t.TempDir()
		posts := filepath.Join(dir, "source", "_posts")
		require.NoError(t, os.MkdirAll(posts, 0o755))
		if err := os.WriteFile(filepath.Join(posts, raw), []byte("---\ntitle: t\ndate: 2020-01-02\n---\nbody\n"), 0o644); err != nil {
			t.Skipf("this file system refuses a name that is not UTF-8: %v", err)
		}
		site, err := OpenSite(dir, SiteOptions{})
		require.NoError(t, err)
		require.NoError(t, site.Load(context.Background()))
		p := site.Posts[0]
		var found bool
		for _, f := range Lint(p) {
			if f.Rule == RuleFileNameEncoding {
				found = true
				assert.False(t, f.Fixable, "%q", want)
				assert.Contains(t, f.Message, "rename it by hand")
			}
		}
		assert.True(t, found, "%q reported", want)
		_, err = Fix(p, FixOptions{Rules: []string{RuleFileNameEncoding}})
		require.NoError(t, err)
		from, to := p.PendingRename()
		assert.Empty(t, from+to, "%q not renamed", want)
		require.NoError(t, p.Save())
		_, err = os.Stat(filepath.Join(posts, raw))
		assert.NoError(t, err, "the file keeps its name")
	}
	assert.Equal(t, len(names), tested)
}
