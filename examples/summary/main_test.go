package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSummaryOfTheSampleBlog(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(os.DirFS("../../testdata/blog"), &out))
	assert.Contains(t, out.String(), "Hello World\n  cover:   http://example.com/2021/06/13/hello-world/gopher.svg\n  summary: Welcome to a Hexo blog read by Go. This paragraph is the…\n")
	assert.Contains(t, out.String(), "  cover:   https://static.example.cn/thumb/2022/0309/head.jpg\n")
	assert.Contains(t, out.String(), "读书笔记：排版与字符\n  cover:   http://example.com/images/books.jpg\n")
}
