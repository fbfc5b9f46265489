package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTOCOfTheSampleBlog(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(os.DirFS("../../testdata/blog/source/_posts"), &out, false))
	assert.Contains(t, out.String(), "Hello World\n  1. Quick start (#Quick-start)\n  2. Quick start (#Quick-start-1)\n")
	assert.Contains(t, out.String(), "  1. 影响范围 (#)\n", "an HTML heading without an id of its own")

	out.Reset()
	require.NoError(t, run(os.DirFS("../../testdata/blog/source/_posts"), &out, true))
	assert.Contains(t, out.String(), `<ol class="toc"><li class="toc-item toc-level-2"><a class="toc-link" href="#Quick-start"><span class="toc-number">1.</span> <span class="toc-text">Quick start</span></a></li>`)
}
