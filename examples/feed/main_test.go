package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFeedOfTheSampleBlog(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(os.DirFS("../../testdata/blog"), &out, 2))
	var f feed
	require.NoError(t, xml.Unmarshal(out.Bytes(), &f), out.String())
	require.Len(t, f.Entries, 2, "the two newest of the dated posts")
	assert.Equal(t, "读书笔记：排版与字符", f.Entries[0].Title)
	assert.Equal(t, "2023-02-01T08:30:00Z", f.Entries[0].Published)
	assert.Equal(t, "2023-02-02T01:00:00Z", f.Entries[0].Updated, "updated, with its offset, in UTC")
	assert.Equal(t, "http://example.com/2022/03/09/spectre-bhb/", f.Entries[1].ID)
	assert.Equal(t, "cnBeta", f.Entries[1].Author.Name)
	assert.Equal(t, f.Entries[0].Updated, f.Updated)
	assert.Equal(t, "A sample blog", f.Title, "the site's title, from _config.yml")
	assert.Contains(t, f.Entries[1].Content.Body, "<p>VUSec")
}
