package hexo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHexoUtilPorts checks StripHTML, Truncate and Slugize against what
// hexo-util 4.0.0 computed on every post of the conformance suites.
func TestHexoUtilPorts(t *testing.T) {
	n := 0
	for name, dirs := range conformanceSuites(t) {
		files, err := filepath.Glob(filepath.Join(dirs[1], "*.json"))
		require.NoError(t, err)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			require.NoError(t, err)
			var c struct {
				Post struct {
					Title   *string `json:"title"`
					Content *string `json:"content"`
				} `json:"post"`
				Util struct {
					StripHTML   *string `json:"strip_html"`
					Truncate140 *string `json:"truncate_140"`
					Slugize     *string `json:"slugize_title"`
					SlugizeLow  *string `json:"slugize_title_lower"`
				} `json:"util"`
			}
			require.NoError(t, json.Unmarshal(raw, &c))
			t.Run(name+"/"+filepath.Base(f), func(t *testing.T) {
				if c.Post.Content != nil && c.Util.StripHTML != nil {
					n++
					stripped := StripHTML(*c.Post.Content)
					assert.Equal(t, *c.Util.StripHTML, stripped, "StripHTML")
					assert.Equal(t, *c.Util.Truncate140, Truncate(stripped, TruncateOptions{Length: 140}), "Truncate")
				}
				if c.Post.Title != nil && c.Util.Slugize != nil {
					assert.Equal(t, *c.Util.Slugize, Slugize(*c.Post.Title), "Slugize")
					assert.Equal(t, *c.Util.SlugizeLow, strings.ToLower(Slugize(*c.Post.Title)), "Slugize lower")
				}
			})
		}
	}
	assert.Greater(t, n, 10)
}

func TestHexoUtilEdges(t *testing.T) {
	assert.Equal(t, "a < b c", StripHTML("a < b <i>c</i>"))
	assert.Equal(t, "keep  text", StripHTML(`keep <a title="x>y">`+` text<!-- c -->`))
	assert.Equal(t, "&lt;a href&#x3D;&quot;&#x2F;x&quot;&gt; &amp; &amp; &#123;", EscapeHTML(`<a href="/x"> & &amp; &#123;`))
	assert.Equal(t, "short", Truncate("short", TruncateOptions{}))
	assert.Equal(t, "Once upon a...", Truncate("Once upon a time in a world far away", TruncateOptions{Length: 17, Separator: " "}))
	assert.Equal(t, "Once upon a ti...", Truncate("Once upon a time in a world far away", TruncateOptions{Length: 17}))
	assert.Equal(t, "ab\uFFFD…", Truncate("ab😀😀😀", TruncateOptions{Length: 4, Omission: "…"}), "JavaScript cuts the surrogate pair")
}
