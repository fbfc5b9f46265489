package main

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSearchIndexOfTheSampleBlog(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(os.DirFS("../../testdata/blog"), &out))
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
