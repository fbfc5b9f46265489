package hexo

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzJSONString holds appendJSONString to encoding/json's string encoding
// (HTML escaping off).
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"plain", "中文、日本語、한국어 👩‍👩‍👧", "\"\\\b\f\n\r\t\x00\x1f<>&", "\u2028\u2029\xff\xe4\xb8", "\xed\xa0\x80\xef\xbf\xbf\xf4\x90\x80\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := marshalJSON(s)
		require.NoError(t, err)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("%q: written %s, encoding/json %s", s, got, want)
		}
	})
}

// reflectedJSON is the JSON view as the struct encoding/json wrote before
// MarshalJSON wrote it by hand: the contract the hand-written view keeps.
func reflectedJSON(t testing.TB, p *Post) string {
	t.Helper()
	type postJSON struct {
		Source         string     `json:"source"`
		SourceBytes    []byte     `json:"source_bytes,omitempty"`
		Title          string     `json:"title"`
		Date           *string    `json:"date"`
		Updated        *string    `json:"updated"`
		Categories     [][]string `json:"categories"`
		Tags           []string   `json:"tags"`
		Comments       bool       `json:"comments"`
		Published      bool       `json:"published"`
		Layout         string     `json:"layout"`
		Permalink      string     `json:"permalink"`
		Photos         []string   `json:"photos"`
		Link           string     `json:"link"`
		Lang           string     `json:"lang"`
		Page           bool       `json:"page,omitempty"`
		Slug           string     `json:"slug,omitempty"`
		Path           string     `json:"path,omitempty"`
		URL            string     `json:"url,omitempty"`
		Assets         []string   `json:"assets,omitempty"`
		Author         string     `json:"author"`
		FrontMatter    any        `json:"front_matter"`
		Format         Format     `json:"format"`
		Body           string     `json:"body"`
		Excerpt        string     `json:"excerpt"`
		More           string     `json:"more"`
		Headings       []Heading  `json:"headings"`
		Paragraphs     []string   `json:"paragraphs"`
		Images         []Image    `json:"images"`
		Summary        string     `json:"summary"`
		Text           string     `json:"text"`
		Words          int        `json:"words"`
		ReadingMinutes int        `json:"reading_minutes"`
		Warnings       []string   `json:"warnings"`
	}
	jsonTime := func(d time.Time) *string {
		if d.IsZero() {
			return nil
		}
		s := timeText(d, time.RFC3339)
		return &s
	}
	// the front matter as it was written: each key and value on its own
	fm := json.RawMessage("{}")
	if p.FrontMatter != nil {
		b := []byte{'{'}
		for i, k := range p.FrontMatter.Keys() {
			if i > 0 {
				b = append(b, ',')
			}
			kb, err := marshalJSON(k)
			require.NoError(t, err)
			v, _ := p.FrontMatter.Get(k)
			vb, err := marshalJSON(jsonSafe(v))
			require.NoError(t, err)
			b = append(append(append(b, kb...), ':'), vb...)
		}
		fm = append(b, '}')
	}
	j := postJSON{
		Source: p.SourceName(), Title: p.Title, Date: jsonTime(p.Date), Updated: jsonTime(p.Updated),
		Categories: nonNil(p.Categories), Tags: nonNil(p.Tags), Comments: p.Comments,
		Published: p.Published, Layout: p.Layout, Permalink: p.Permalink, Photos: nonNil(p.Photos),
		Link: p.Link, Lang: p.Lang, Page: p.Page, Slug: p.Slug, Path: p.Path, URL: p.URL, Assets: p.Assets,
		Author: p.Author, FrontMatter: fm, Format: p.Format, Body: p.Body, Excerpt: p.Excerpt(), More: p.More(),
		Headings: nonNil(p.Headings()), Paragraphs: nonNil(p.Paragraphs()), Images: nonNil(p.Images()),
		Summary: p.Summary(), Text: p.Text(), Words: p.WordCount(), ReadingMinutes: p.ReadingMinutes(),
		Warnings: nonNil(p.Warnings),
	}
	if !utf8.ValidString(p.Source) {
		j.SourceBytes = []byte(p.Source)
	}
	b, err := marshalJSON(j)
	require.NoError(t, err)
	return string(b)
}

// TestPostJSONAsReflected holds the hand-written JSON view to the reflected
// one on every test post and shared case, and on posts of a site (slug,
// path, URL, assets, a page, a name that is not UTF-8).
func TestPostJSONAsReflected(t *testing.T) {
	n, seen := 0, map[string]bool{}
	check := func(p *Post) {
		seen[p.Source] = true
		got, err := p.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, reflectedJSON(t, p), string(got), p.Source)
		n++
	}
	for _, f := range corpusFiles() {
		p, _ := ParseFile(f)
		check(p)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{
		"_config.yml":                       "post_asset_folder: true\n",
		"source/_posts/a.md":                "---\ntitle: A\ndate: 2021-06-12\ntags: [x, 1, true, null, 2.5]\ncategories: [[p, c], q]\nn: .nan\nm: {k: 2021-01-01}\n---\nbody <!-- more --> rest\n",
		"source/_posts/a/i.png":             "png",
		"source/_posts/\xc4\xe3\xba\xc3.md": "---\ntitle: GBK\n---\n",
		"source/about/index.md":             "---\ntitle: About\n---\npage\n",
	} {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
	}
	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	for p := range site.All(context.Background()) {
		if p != nil {
			check(p)
		}
	}
	for p := range site.Pages(context.Background()) {
		if p != nil {
			check(p)
		}
	}
	assert.Greater(t, n, 40) // our posts and the site's, beside the shared cases when they are here
	for _, name := range []string{"source/_posts/a.md", "source/_posts/\xc4\xe3\xba\xc3.md", "source/about/index.md"} {
		assert.True(t, seen[filepath.Join(dir, name)], "%q not checked", name)
	}
}
