package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohexo/hexo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hugoShapes are small Hexo sites, each of a shape users found breaking
// the Hugo site: the file name and its text below the site's folder.
var hugoShapes = map[string]map[string]string{
	// index.md is a bundle to Hugo: every other page below its folder
	// vanished (the whole site for source/index.md)
	"index-files": {
		"source/_posts/index.md":       "---\ntitle: A post named index\ndate: 2021-01-01\n---\nindex post\n",
		"source/_posts/a.md":           "---\ntitle: A\ndate: 2021-01-02\n---\npost a\n",
		"source/_posts/b.md":           "---\ntitle: B\ndate: 2021-01-03\n---\npost b\n",
		"source/_posts/sub/index.md":   "---\ntitle: Sub index\ndate: 2021-01-04\n---\nsub index\n",
		"source/_posts/sub/other.md":   "---\ntitle: Sub other\ndate: 2021-01-05\n---\nsub other\n",
		"source/index.md":              "---\ntitle: Home\ndate: 2021-01-06\n---\nthe home page\n",
		"source/about/index.md":        "---\ntitle: About\ndate: 2021-01-07\n---\nabout us\n",
		"source/about/team.md":         "---\ntitle: Team\ndate: 2021-01-08\n---\nthe team\n",
		"source/posts/index.md":        "---\ntitle: Posts page\ndate: 2021-01-09\n---\na page at /posts/\n",
		"source/categories/index.md":   "---\ntitle: Categories\ndate: 2021-01-10\n---\nall categories\n",
		"source/_posts/categorized.md": "---\ntitle: Categorized\ndate: 2021-01-11\ncategories: [go]\n---\nin a category\n",
	},
	// a post with an asset folder is a leaf bundle, which would hold a post
	// written below it
	"bundles": {
		"_config.yml":               "title: Bundles\nurl: https://example.org/blog\npost_asset_folder: true\n",
		"source/_posts/foo.md":      "---\ntitle: Foo\ndate: 2021-01-01\n---\n![x](x.png)\n",
		"source/_posts/foo/x.png":   "png",
		"source/_posts/foo/bar.md":  "---\ntitle: Bar in foo's folder\ndate: 2021-01-02\n---\nbar\n",
		"source/_posts/foo-page.md": "---\ntitle: Foo page\ndate: 2021-01-03\n---\nfoo page\n",
	},
	// text Hugo reads as a shortcode, which stopped the build
	"shortcodes": {
		"source/_posts/unclosed.md":   "---\ntitle: Unclosed\ndate: 2021-01-01\n---\nHugo's shortcodes open with {{< and that is all.\n",
		"source/_posts/mismatched.md": "---\ntitle: Mismatched\ndate: 2021-01-02\n---\nA call {{< a %}} that never closes right, and {{% b >}}.\n\nThen {{< \"quoted >}} and {{</* already */>}}.\n",
		"source/_posts/in-code.md":    "---\ntitle: In code\ndate: 2021-01-03\n---\nText.\n\n```\n{{< figure src=\"x\" >}}\n{{% note %}}\n```\n\nand `{{<` alone in code.\n",
		"source/_posts/paired.md":     "---\ntitle: Paired\ndate: 2021-01-04\n---\nUse {{< youtube id >}} and {{% note %}}x{{% /note %}}, {{{< x >}}}.\n",
		"source/_posts/html.html":     "---\ntitle: HTML\ndate: 2021-01-05\n---\n<p>An HTML post: {{< unclosed and {{% too</p>\n<pre>{{< x >}}</pre>\n",
		"source/_posts/more.md":       "---\ntitle: More\ndate: 2021-01-06\n---\nBefore {{< x\n\n<!-- more -->\n\nafter >}} the marker.\n",
	},
	// front-matter keys Hugo stopped the build on, or that hid a post Hexo
	// shows, and keys written twice
	"keys": {
		"source/_posts/outputs.md":   "---\ntitle: Outputs\ndate: 2021-01-01\noutputs: [nope]\n---\noutputs\n",
		"source/_posts/json.md":      "---\ntitle: JSON only\ndate: 2021-01-02\noutputs: json\n---\njson\n",
		"source/_posts/html-out.md":  "---\ntitle: HTML out\ndate: 2021-01-02\noutputs: [HTML]\n---\nhtml\n",
		"source/_posts/expired.md":   "---\ntitle: Expired\ndate: 2021-01-03\nexpirydate: 2001-01-01\nunpublishdate: 2002-01-01\n---\nexpired\n",
		"source/_posts/draft.md":     "---\ntitle: Draft key\ndate: 2021-01-04\ndraft: true\n---\nHexo reads published, not draft\n",
		"source/_posts/layout.md":    "---\ntitle: Layout\ndate: 2021-01-05\nhexo_layout: x\nlayout: custom\nhexo_layout_2: y\n---\nlayout\n",
		"source/_posts/layout2.md":   "---\ntitle: Layout after\ndate: 2021-01-05\nlayout: custom\nhexo_layout: x\n---\nlayout\n",
		"source/_posts/future.md":    "---\ntitle: Future\ndate: 2999-01-01\npublishDate: 2999-01-02\n---\nHexo shows future posts (future: true)\n",
		"source/_posts/markup.md":    "---\ntitle: Markup\ndate: 2021-01-06\nmarkup: rst\n---\nmarkup\n",
		"source/_posts/headless.md":  "---\ntitle: Headless\ndate: 2021-01-07\nheadless: true\n_build: {render: never}\nbuild: {list: never}\n---\nheadless\n",
		"source/_posts/aliases.md":   "---\ntitle: Aliases\ndate: 2021-01-08\naliases: [/]\n---\naliases\n",
		"source/_posts/case.md":      "---\ntitle: Case\ndate: 2021-01-09\nFoo: 1\nfoo: 2\nhexo_foo: 3\n---\ncase\n",
		"source/_posts/weight.md":    "---\ntitle: Weight\ndate: 2021-01-10\nweight: heavy\nhexo_weight: light\n---\nweight\n",
		"source/_posts/published.md": "---\ntitle: Unpublished\ndate: 2021-01-11\npublished: false\n---\nHexo hides it too\n",
	},
	// Hexo's heading ids keep their case and count repeats
	"headings": {
		"source/_posts/headings.md": "---\ntitle: Headings\ndate: 2021-01-01\n---\n" +
			"## Promise的含义\n\ntext\n\n## Promise的含义\n\n## Foo ##\n\nBar Baz\n===\n\n> ## Quoted\n\n- ## In a list\n\n" +
			"<h3 id=\"Raw\">Raw</h3>\n<h3>No id</h3>\n\n## Set {a}\n\n## Ends {.x}\n\n## 日本語（テスト）\n\n" +
			"{% blockquote %}\n## In a tag\n{% endblockquote %}\n\n## `code` and *em* & <b>bold</b>\n\n## Foo\n",
		"source/_posts/more.md": "---\ntitle: Headings and more\ndate: 2021-01-02\n---\n## Before\n\n<!-- more -->\n\n## After\n\n```\n<!-- more -->\n```\n",
	},
	// a tag plugin at the start of a line: Post.Markdown writes <!---->
	// before its HTML
	"tags": {
		"source/_posts/link.md":  "---\ntitle: Link\ndate: 2021-01-01\n---\n{% link Go https://go.dev %} is a site\nand more text\n",
		"source/_posts/code.md":  "---\ntitle: Codeblock\ndate: 2021-01-02\n---\nText:\n\n{% codeblock lang:diff %}\n- a\n+ b\n{% endcodeblock %}\n\nafter\n",
		"source/_posts/tilde.md": "---\ntitle: Tildes\ndate: 2021-01-03\n---\n占比0~15%，其余20~30%。\n",
	},
}

// shapeSite writes a shape's files into a new site folder, with a
// _config.yml of its own when the shape has none.
func shapeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if files["_config.yml"] == "" {
		files["_config.yml"] = "title: Shapes\nurl: https://example.org/blog\ntimezone: UTC\n"
	}
	for f, text := range files {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte(text), 0o644))
	}
	return dir
}

// TestHugoBuildsEachShape converts each of hugoShapes, builds it with Hugo
// and checks what TestHugoBuildsTheConversion checks (every page at
// Hexo's URL, its title, date, text, images and heading ids, no <!---->),
// that every post Hexo shows is a page Hugo built, and that every front
// matter written reads back (a key written twice would not).
func TestHugoBuildsEachShape(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed: .ci/run installs Debian's hugo with apt-get")
	}
	if testing.Short() {
		t.Skip("builds Hugo sites")
	}
	for name, files := range hugoShapes {
		t.Run(name, func(t *testing.T) {
			dir := shapeSite(t, files)
			done, _ := convertAndBuild(t, hugo, dir, false)
			shown := 0
			for _, w := range done {
				if w.post.Published {
					shown++
					assert.True(t, w.url != "" || hexoURL(w.post.Path) == "/" || strings.HasSuffix(w.file, "/_index.md"),
						"%s: written without Hexo's URL", w.post.Source)
				}
			}
			assert.Positive(t, shown)
		})
	}
}

// TestFrontMatterReadsBack: no key is written twice (our parser, as Hugo's,
// refuses a mapping that holds one twice), and what Hexo ignores and Hugo
// would act on is kept aside under a free name.
func TestFrontMatterReadsBack(t *testing.T) {
	dir := t.TempDir()
	for f, text := range hugoShapes["keys"] {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte(text), 0o644))
	}
	out := t.TempDir()
	var log bytes.Buffer
	done, skipped, err := run(dir, out, false, &log)
	require.NoError(t, err)
	assert.Zero(t, skipped)
	fm := map[string]*hexo.FrontMatter{}
	for _, w := range done {
		b, err := os.ReadFile(filepath.Join(out, w.file))
		require.NoError(t, err)
		p, err := hexo.Parse(b)
		require.NoError(t, err, "%s:\n%s", w.file, b)
		fm[filepath.Base(w.file)] = p.FrontMatter
	}
	get := func(file, key string) any {
		v, ok := fm[file].Get(key)
		if !ok {
			return nil
		}
		return v
	}
	assert.Equal(t, "x", get("layout.md", "hexo_layout"))
	assert.Equal(t, "custom", get("layout.md", "hexo_layout_3"), "hexo_layout and hexo_layout_2 are the post's own")
	assert.Equal(t, "y", get("layout.md", "hexo_layout_2"))
	assert.Equal(t, "x", get("layout2.md", "hexo_layout"), "the post's own key is not lost")
	assert.Equal(t, "custom", get("layout2.md", "hexo_layout_2"))
	assert.Equal(t, true, get("draft.md", "hexo_draft"))
	assert.Nil(t, get("draft.md", "draft"))
	assert.Equal(t, true, get("published.md", "draft"))
	assert.Nil(t, get("expired.md", "expirydate"))
	assert.NotNil(t, get("expired.md", "hexo_expirydate"))
	assert.NotNil(t, get("expired.md", "hexo_unpublishdate"))
	assert.Nil(t, get("outputs.md", "outputs"))
	assert.Nil(t, get("json.md", "outputs"))
	assert.Equal(t, []any{"HTML"}, get("html-out.md", "outputs"))
	assert.Nil(t, get("markup.md", "markup"))
	assert.Nil(t, get("headless.md", "headless"))
	assert.Nil(t, get("headless.md", "_build"))
	assert.Nil(t, get("aliases.md", "aliases"))
	assert.Nil(t, get("future.md", "publishDate"))
	assert.Equal(t, int64(1), get("case.md", "Foo"))
	assert.Equal(t, int64(2), get("case.md", "hexo_foo_2"), "foo after Foo, hexo_foo taken")
	assert.Equal(t, int64(3), get("case.md", "hexo_foo"))
	assert.Equal(t, "heavy", get("weight.md", "hexo_weight_2"))
	assert.Equal(t, "light", get("weight.md", "hexo_weight"))
	assert.Contains(t, log.String(), "outputs is [nope], which names output formats other than HTML")
}
