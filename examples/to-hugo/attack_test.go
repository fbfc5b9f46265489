package main

// Attack reproducers for the to-hugo example: SECURITY.md's promise (cost
// linear in the input) held on what a conversion allocates, collector off.

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
)

// caseVariant is the i-th spelling of "postname…" by the case of its letters.
func caseVariant(i int) string {
	b := []byte("postnamepostnamepost")
	for j := range b {
		if i>>j&1 == 1 {
			b[j] -= 'a' - 'A'
		}
	}
	return string(b)
}

// TestAttackFreeNameQuadratic: freeName probes name, name-2, name-3… from
// the start for every post, and Hugo's names ignore case, so n posts whose
// names differ only in case (Post.md, post.md, pOst.md… all distinct files
// on Linux) take n²/2 probes, each a Sprintf and a ToLower. 200 posts (8.4
// KB) allocated 13 MB; 3,200 (×16, 134 KB) 783 MB (×59; the probes alone
// grow ×256). 1,600 posts gave ×39 of 100's: the parse's linear cost hides
// the probes until a few thousand names.
func TestAttackFreeNameQuadratic(t *testing.T) {
	cost := func(n int) (int, uint64) {
		dir := t.TempDir()
		posts := filepath.Join(dir, "source", "_posts")
		require.NoError(t, os.MkdirAll(posts, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("title: t\n"), 0o644))
		size := 0
		for i := range n {
			name := caseVariant(i) + ".md"
			body := "---\ntitle: a\n---\nx\n"
			size += len(name) + len(body)
			require.NoError(t, os.WriteFile(filepath.Join(posts, name), []byte(body), 0o644))
		}
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var log bytes.Buffer
		_, _, err := run(dir, filepath.Join(dir, "out"), false, &log)
		runtime.ReadMemStats(&after)
		require.NoError(t, err)
		return size, after.TotalAlloc - before.TotalAlloc
	}
	in1, a1 := cost(200)
	in16, a16 := cost(3200)
	grow := float64(in16) / float64(in1)
	t.Logf("input %d → %d bytes (×%.1f); allocated %d → %d (×%.1f)", in1, in16, grow, a1, a16, float64(a16)/float64(a1))
	if float64(a16) > 3*grow*float64(a1)+256<<10 {
		t.Errorf("input ×%.1f allocated ×%.1f", grow, float64(a16)/float64(a1))
	}
}
