package hexo

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryPostHasItsHexoAnswer: a post of testdata/posts without Hexo's
// answer beside it would be judged by nothing but its golden file, and an
// answer without its post judges nothing (CONTRIBUTING.md says how to write
// one).
func TestEveryPostHasItsHexoAnswer(t *testing.T) {
	answers := map[string]bool{}
	names, err := filepath.Glob("testdata/hexo/*.json")
	require.NoError(t, err)
	for _, n := range names {
		answers[strings.TrimSuffix(filepath.Base(n), ".json")] = true
	}
	posts := postFiles(t, "testdata/posts")
	require.NotEmpty(t, posts)
	for _, p := range posts {
		stem := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		assert.True(t, answers[stem], "%s has no testdata/hexo/%s.json: run node tools/hexo-answer/answer.js", p, stem)
		delete(answers, stem)
	}
	for stem := range answers {
		t.Errorf("testdata/hexo/%s.json answers no post of testdata/posts", stem)
	}
}

// TestHexoAnswerTool: the repository's own answer tool gives, on a few
// posts of each kind, the answers committed beside them. It runs where
// Node and the tool's modules are installed (.ci/run installs them when
// Node is there), and is skipped elsewhere.
func TestHexoAnswerTool(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hexo")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	if _, err := os.Stat("tools/hexo-answer/node_modules/hexo"); err != nil {
		t.Skip("the answer tool's modules are not installed: npm ci --ignore-scripts --prefix tools/hexo-answer")
	}
	out := t.TempDir()
	// refused front matter, a date from the file, tag plugins, CRLF and a BOM
	posts := []string{"duplicate-key.md", "categories-flat.md", "tag-plugins.md", "crlf-bom.md"}
	cmd := exec.Command(node, append([]string{"tools/hexo-answer/answer.js", "--out", out}, posts...)...)
	// as a CI runner or a terminal would have it: Hexo colours its errors
	// there, and an answer must not depend on where it was made
	cmd.Env = append(os.Environ(), "CI=true", "FORCE_COLOR=1")
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	for _, p := range posts {
		name := strings.TrimSuffix(p, filepath.Ext(p)) + ".json"
		var want, got map[string]any
		raw, err := os.ReadFile(filepath.Join("testdata/hexo", name))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(raw, &want))
		raw, err = os.ReadFile(filepath.Join(out, name))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(raw, &got))
		for _, section := range []string{"input", "frontmatter_hexo", "site_config", "post", "hexo_log", "util"} {
			assert.True(t, reflect.DeepEqual(want[section], got[section]), "%s: %s differs:\n%v\n%v", p, section, want[section], got[section])
		}
	}
}
