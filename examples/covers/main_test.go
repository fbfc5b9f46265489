package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCoversOfTheSampleBlog(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(os.DirFS("../../testdata/blog/source/_posts"), &out))
	assert.Equal(t, "Hello World\tgopher.svg\n"+
		"读书笔记：排版与字符\t/images/books.jpg\n"+
		"英特尔和Arm的CPU再被发现存在重大安全漏洞\thttps://static.example.cn/thumb/2022/0309/head.jpg\n", out.String())
}
