package main

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSearchIndexOfTheSampleBlog(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(os.DirFS("../../testdata/blog"), "all", &out))
	var entries []entry
	require.NoError(t, json.Unmarshal(out.Bytes(), &entries))
	require.Len(t, entries, 3, "the draft is not published")
	byTitle := map[string]entry{}
	for _, e := range entries {
		byTitle[e.Title] = e
	}
	hello := byTitle["Hello World"]
	assert.Equal(t, "/2021/06/13/hello-world/", hello.URL)
	assert.Equal(t, []string{"Programming/Go"}, hello.Categories)
	assert.Equal(t, []string{"hexo", "go"}, hello.Tags)
	spectre := byTitle["英特尔和Arm的CPU再被发现存在重大安全漏洞"]
	assert.NotContains(t, spectre.Content, "margin", "no style content")
	assert.Contains(t, spectre.Content, "Cortex A15", "entities decoded")
}

// TestSearchIndexHasPages: pages are indexed as hexo-generator-search's
// field: all does, a page Hexo refuses is not, and -field chooses.
func TestSearchIndexHasPages(t *testing.T) {
	urls := func(field string) []string {
		var out bytes.Buffer
		require.NoError(t, run(os.DirFS("../../testdata/sites/pages"), field, &out))
		var entries []entry
		require.NoError(t, json.Unmarshal(out.Bytes(), &entries))
		var urls []string
		for _, e := range entries {
			urls = append(urls, e.URL)
		}
		return urls
	}
	assert.Equal(t, []string{"/blog/2021/06/12/hello/", "/blog/_partial/keep.html", "/blog/about/index.html",
		"/blog/guide/index.html", "/blog/manual.html", "/blog/links.html", "/blog/nodate.html"}, urls("all"))
	assert.Equal(t, []string{"/blog/2021/06/12/hello/"}, urls("post"))
	assert.Len(t, urls("page"), 6)
}

func TestSearchIndexSkipsIndexingFalse(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":                  {Data: []byte("title: t\n")},
		"source/_posts/a.md":           {Data: []byte("---\ntitle: A\n---\na\n")},
		"source/_posts/secret.md":      {Data: []byte("---\ntitle: Secret\nindexing: false\n---\nb\n")},
		"source/private/index.md":      {Data: []byte("---\ntitle: Private\nindexing: false\n---\nc\n")},
		"source/_posts/unpublished.md": {Data: []byte("---\ntitle: Later\npublished: false\n---\nd\n")},
	}
	var out bytes.Buffer
	require.NoError(t, run(fsys, "all", &out))
	var entries []entry
	require.NoError(t, json.Unmarshal(out.Bytes(), &entries))
	require.Len(t, entries, 1)
	assert.Equal(t, "A", entries[0].Title)
}
