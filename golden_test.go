package hexo

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden .json files beside the posts in testdata/posts")

// golden is what a golden file holds: the error, if any, and the post as
// Post.MarshalJSON writes it.
type golden struct {
	Error *string         `json:"error"`
	Post  json.RawMessage `json:"post"`
}

// TestGolden parses every post in testdata/posts and compares the result with
// the .json file beside it. Run with -update to write them, then review the diff.
func TestGolden(t *testing.T) {
	posts := postFiles(t, "testdata/posts")
	require.NotEmpty(t, posts)
	stems := map[string]string{}
	for _, f := range posts {
		stem := strings.TrimSuffix(f, filepath.Ext(f))
		require.Empty(t, stems[stem], "%s and %s would share a golden file", f, stems[stem])
		stems[stem] = f
		t.Run(filepath.Base(f), func(t *testing.T) {
			p, err := ParseFile(f)
			require.NotNil(t, p)
			var g golden
			if err != nil {
				msg := err.Error()
				g.Error = &msg
			}
			g.Post, err = p.MarshalJSON()
			require.NoError(t, err)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			require.NoError(t, enc.Encode(g))
			got := buf.Bytes()
			path := stem + ".json"
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "no golden file: run go test -run TestGolden -update")
			assert.Equal(t, string(want), string(got))
		})
	}
}

// postFiles lists the post files of a folder (not the .json beside them).
func postFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".md", ".markdown", ".html", ".htm":
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// TestPostJSONKeys guards the MarshalJSON contract the CLI relies on: every
// key present, lists never null.
func TestPostJSONKeys(t *testing.T) {
	p := mustParse(t, "")
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m))
	for _, k := range []string{"source", "title", "date", "updated", "categories", "tags", "comments",
		"published", "layout", "permalink", "photos", "link", "lang", "author", "front_matter", "format",
		"body", "excerpt", "more", "headings", "paragraphs", "images", "summary", "text", "words",
		"reading_minutes", "warnings"} {
		require.Contains(t, m, k)
	}
	for _, k := range []string{"categories", "tags", "photos", "headings", "paragraphs", "images", "warnings"} {
		assert.True(t, bytes.Equal(m[k], []byte("[]")), "%s is %s", k, m[k])
	}
	assert.Equal(t, "null", string(m["date"]))
	assert.Equal(t, "{}", string(m["front_matter"]))
}
