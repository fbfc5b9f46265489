package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gohexo/hexo"
)

// hugoConfig makes Hugo read Markdown as Hexo's marked does: raw HTML kept
// (Hexo's tags write it), a line break a <br> (marked's breaks), no
// footnotes or definition lists (marked has neither), smart quotes (its
// smartypants), and a heading's {#id} read, which gives it Hexo's id. Hugo
// shows what Hexo shows: posts dated in the future (Hexo's future: true),
// and no section list pages, which Hexo has not and whose URLs are a page's
// in Hexo (source/posts/index.md at /posts/).
const hugoConfig = `baseURL = %s
title = %s
timeZone = %s
disableKinds = ["RSS", "sitemap", "robotsTXT", "section"]
buildFuture = true
disablePathToLower = true

[markup.goldmark.renderer]
  unsafe = true
  hardWraps = true

[markup.goldmark.extensions]
  footnote = false
  definitionList = false
  typographer = true
  linkify = true

[markup.goldmark.parser.attribute]
  title = true
`

// The layout prints what a reader sees: the title, the date and the
// content, and lists the pages of a section. The content is printed without
// its empty comments: Post.Markdown starts a block with <!----> where a tag
// plugin's HTML stood at the start of a line in Hexo (so that goldmark, as
// marked did, reads that line as HTML on its own), and Hugo would print it.
var layouts = map[string]string{
	"_default/single.html": `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><article>
<h1 class="title">{{ .Title }}</h1>
{{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>{{ end }}
<div class="content">{{ replace .Content "<!---->" "" | safeHTML }}</div>
</article></body></html>
`,
	"_default/list.html": `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><article>
<h1 class="title">{{ .Title }}</h1>
{{ if and .File (not .Date.IsZero) }}<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>{{ end }}
<div class="content">{{ replace .Content "<!---->" "" | safeHTML }}</div>
</article>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></body></html>
`,
}

// writeHugoSite writes hugo.toml and the layouts, unless the site has its
// own.
func writeHugoSite(out string, c hexo.SiteConfig) error {
	zone := c.Timezone
	if zone == "" {
		zone = "UTC"
	}
	files := map[string]string{"hugo.toml": fmt.Sprintf(hugoConfig, strconv.Quote(strings.TrimSuffix(c.URL, "/")+"/"), strconv.Quote(c.Title), strconv.Quote(zone))}
	for name, text := range layouts {
		files[filepath.Join("layouts", name)] = text
	}
	for name, text := range files {
		target := filepath.Join(out, name)
		if _, err := os.Stat(target); !errors.Is(err, fs.ErrNotExist) {
			continue // the user's own
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
