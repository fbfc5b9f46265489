package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTableOnTheSampleBlog(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"../../testdata/blog"}, &out, &errOut)
	assert.Equal(t, 0, code, errOut.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 5, "a header and four posts")
	assert.True(t, strings.HasPrefix(lines[0], "TITLE"))
	assert.Contains(t, out.String(), "Programming/Go")
	assert.Contains(t, out.String(), "新媒体/cnBeta/最新")
}

func TestJSONLines(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644))
	}
	write("a.md", "---\ntitle: A\ndate: 2021-06-13\n---\nBody A.\n")
	write("b.md", "---\ntitle: \"broken \"quotes\"\n---\nBody B survives.\n")
	write("c.html", "<p>HTML</p>")
	write("notes.txt", "not a post")
	var out, errOut bytes.Buffer
	code := run([]string{"--json", dir}, &out, &errOut)
	assert.Equal(t, 1, code, "a post failed")
	assert.Contains(t, errOut.String(), "b.md:2")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 3, "one line per post, sorted, the .txt left out")
	var posts []map[string]any
	for _, l := range lines {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &m))
		posts = append(posts, m)
	}
	assert.Equal(t, "A", posts[0]["title"])
	assert.Equal(t, "2021-06-13T00:00:00Z", posts[0]["date"])
	assert.NotContains(t, posts[0], "error")
	assert.Contains(t, posts[1]["error"], "front matter")
	assert.Contains(t, posts[1]["body"], "Body B survives.")
	assert.Equal(t, "html", posts[2]["format"])
}

func TestUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 2, run(nil, &out, &errOut))
	assert.Equal(t, 2, run([]string{"--nope", "x"}, &out, &errOut))
	assert.Equal(t, 2, run([]string{"--timezone", "Mars/Base", "x"}, &out, &errOut))
	assert.Equal(t, 1, run([]string{"does-not-exist.md"}, &out, &errOut))
}

func TestSummaryLengthAndTimezone(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.md")
	require.NoError(t, os.WriteFile(p, []byte("---\ndate: 2021-06-13 10:00:00\n---\none two three four five six\n"), 0o644))
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"--json", "--summary-length", "10", "--timezone", "Asia/Shanghai", p}, &out, &errOut), errOut.String())
	var m map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &m))
	assert.Equal(t, "one two…", m["summary"])
	assert.Equal(t, "2021-06-13T10:00:00+08:00", m["date"])
}
