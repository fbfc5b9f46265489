package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSetAppend: KEY+=VALUE adds to each post's list in its own style, once.
func TestSetAppend(t *testing.T) {
	dir := t.TempDir()
	write := postWriter(t, dir)
	block := write("block.md", "---\ntitle: A\ntags:\n- x\ndate: 2021-01-01\n---\nbody\n")
	flow := write("flow.md", "---\ntitle: B\ntags: [x, y]  # two\n---\nbody\n")
	none := write("none.md", "---\ntitle: C\n---\nbody\n")
	hidden := write("hidden.md", "---  \ntitle: D\n---\nbody\n")
	ctx := context.Background()
	var out, errOut bytes.Buffer

	assert.Equal(t, 1, run(ctx, []string{"set", "tags+=go", dir}, nil, &out, &errOut))
	assert.Contains(t, errOut.String(), "frontmatter-trailing-space", "the post whose front matter Hexo does not see is refused")
	for name, want := range map[string]string{
		block:  "---\ntitle: A\ntags:\n- x\n- go\ndate: 2021-01-01\n---\nbody\n",
		flow:   "---\ntitle: B\ntags: [x, y, go]  # two\n---\nbody\n",
		none:   "---\ntitle: C\ntags:\n  - go\n---\nbody\n",
		hidden: "---  \ntitle: D\n---\nbody\n",
	} {
		got, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, want, string(got), name)
	}
	assert.Contains(t, out.String(), "block.md: tags added to\n")

	out.Reset()
	errOut.Reset()
	assert.Equal(t, 0, run(ctx, []string{"set", "tags+=[go, x]", block, flow}, nil, &out, &errOut), errOut.String())
	assert.Empty(t, out.String(), "a second run changes nothing")
}
