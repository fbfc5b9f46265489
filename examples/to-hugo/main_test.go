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
	done, skipped, err := run("../../testdata/blog", out, true, &log)
	require.NoError(t, err)
	assert.Zero(t, skipped)
	assert.Len(t, done, 4)
	assert.Contains(t, log.String(), "4 posts, 0 pages and 0 static files written")

	b, err := os.ReadFile(filepath.Join(out, "content/posts/spectre-bhb.html"))
	require.NoError(t, err, "an HTML body is .html content")
	want := `---
title: 英特尔和Arm的CPU再被发现存在重大安全漏洞
date: "2022-03-09T13:38:44Z"
slug: spectre-bhb
url: /2022/03/09/spectre-bhb/
categories:
  - 新媒体
  - cnBeta
  - 最新
images:
  - https://static.example.cn/thumb/2022/0309/head.jpg
author: cnBeta
headimg: https://static.example.cn/thumb/2022/0309/head.jpg
comments: false
thumbnail: https://static.example.cn/thumb/2022/0309/head.jpg
---
`
	assert.Equal(t, want, string(b[:min(len(b), len(want))]))

	// Hugo's front matter is still front matter: our own parser reads it back.
	p, err := hexo.Parse(b)
	require.NoError(t, err)
	assert.Equal(t, "英特尔和Arm的CPU再被发现存在重大安全漏洞", p.Title)
	assert.Equal(t, "2022-03-09T13:38:44Z", p.Date.UTC().Format("2006-01-02T15:04:05Z"))

	hello, err := os.ReadFile(filepath.Join(out, "content/posts/hello-world/index.md"))
	require.NoError(t, err, "a post with an asset folder is a page bundle")
	assert.FileExists(t, filepath.Join(out, "content/posts/hello-world/gopher.svg"))
	assert.Contains(t, string(hello), "\n<!--more-->\n", "Hugo's summary divider")
	assert.Contains(t, string(hello), `<img src="gopher.svg" title="The Go gopher">`, "asset_img as HTML")
	assert.NotContains(t, string(hello), "{%")

	draft, err := os.ReadFile(filepath.Join(out, "content/posts/unfinished.md"))
	require.NoError(t, err)
	assert.Contains(t, string(draft), "draft: true\n")
	for _, f := range []string{"hugo.toml", "layouts/_default/single.html", "layouts/_default/list.html"} {
		assert.FileExists(t, filepath.Join(out, f))
	}
}

// TestKeysAndCollisions: Hugo's own keys in a Hexo post are kept (they made
// the old converter panic), Hexo's are mapped, a value Hugo cannot read is
// kept under another name, and three posts named alike are three files.
func TestKeysAndCollisions(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "source", "_posts")
	require.NoError(t, os.MkdirAll(posts, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("title: T\nurl: https://example.org\n"), 0o644))
	for name, body := range map[string]string{
		"a.md":       "---\ntitle: A md\ndate: 2021-01-01\n---\nmd\n",
		"a.html":     "---\ntitle: A html\ndate: 2021-01-01\n---\n<p>html</p>\n",
		"A.markdown": "---\ntitle: A markdown\ndate: 2021-01-01\n---\nmarkdown\n",
		"keys.md": "---\ntitle: Keys\ndate: 2021-06-12 13:07:48\nupdated: 2021-06-13 00:00:00\nslug: custom\ndraft: false\n" +
			"lastmod: 2020-01-01\nimages: x.jpg\naliases: [/old/]\nweight: heavy\npublishDate: someday\nheadimg: h.jpg\n" +
			"excerpt: In short.\nTags: [x]\ntags: [y]\npublished: false\nlayout: wide\nurl: /mine/\n---\nbody {{< youtube x >}} and {{% note %}}\n",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(posts, name), []byte(body), 0o644))
	}
	out := t.TempDir()
	var log bytes.Buffer
	done, skipped, err := run(dir, out, false, &log)
	require.NoError(t, err)
	assert.Zero(t, skipped)
	var files []string
	for _, w := range done {
		files = append(files, w.file)
	}
	assert.ElementsMatch(t, []string{"content/posts/A.md", "content/posts/a-2.html", "content/posts/a-3.md", "content/posts/keys.md"}, files)
	assert.Contains(t, log.String(), "its URL /2021/01/01/a/ is also")
	assert.Contains(t, log.String(), "4 posts, 0 pages")

	// Hexo's slug is the file's (its post processor overwrites the key), so
	// the url is /keys/; the slug key is Hugo's own, and kept
	b, err := os.ReadFile(filepath.Join(out, "content/posts/keys.md"))
	require.NoError(t, err)
	assert.Equal(t, `---
title: Keys
date: "2021-06-12T13:07:48Z"
lastmod: "2021-06-13T00:00:00Z"
draft: true
slug: custom
url: /2021/06/12/keys/
tags:
  - "y"
images:
  - h.jpg
  - x.jpg
aliases:
  - /old/
summary: In short.
hexo_draft: false
hexo_weight: heavy
hexo_publishDate: someday
headimg: h.jpg
hexo_layout: wide
hexo_url: /mine/
---
body {{</* youtube x */>}} and {{%/* note */%}}
`, string(b))
	assert.Contains(t, log.String(), "weight is heavy, which Hugo cannot read")
}
