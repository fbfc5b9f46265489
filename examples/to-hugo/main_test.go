package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/gohexo/hexo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConvertTheSampleBlog(t *testing.T) {
	out := t.TempDir()
	var log bytes.Buffer
	require.NoError(t, run("../../testdata/blog", out, true, &log))
	assert.Contains(t, log.String(), "4 posts written")

	b, err := os.ReadFile(filepath.Join(out, "spectre-bhb.md"))
	require.NoError(t, err)
	want := `---
title: 英特尔和Arm的CPU再被发现存在重大安全漏洞
date: "2022-03-09T13:38:44Z"
slug: spectre-bhb
categories:
  - 新媒体
  - cnBeta
  - 最新
images:
  - https://static.example.cn/thumb/2022/0309/head.jpg
aliases:
  - /2022/03/09/spectre-bhb/
author: cnBeta
---
`
	assert.Equal(t, want, string(b[:len(want)]))

	// Hugo's front matter is still front matter: our own parser reads it back.
	p, err := hexo.Parse(b)
	require.NoError(t, err)
	assert.Equal(t, "英特尔和Arm的CPU再被发现存在重大安全漏洞", p.Title)
	assert.Equal(t, "2022-03-09T13:38:44Z", p.Date.UTC().Format("2006-01-02T15:04:05Z"))

	draft, err := os.ReadFile(filepath.Join(out, "unfinished.md"))
	require.NoError(t, err)
	assert.Contains(t, string(draft), "draft: true\n")
}
