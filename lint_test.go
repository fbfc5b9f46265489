package hexo

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lintRuleLines runs Lint on src (named name) and returns "rule:line" for each finding.
func lintRuleLines(t *testing.T, name, src string, opts Options) []string {
	t.Helper()
	p, _ := opts.parse([]byte(src), name)
	var out []string
	for _, f := range Lint(p) {
		out = append(out, f.Rule+":"+strconv.Itoa(f.Line))
	}
	return out
}

// Each row is a post written to show one rule (or its absence).
func TestLintRules(t *testing.T) {
	utc := Options{Location: time.UTC}
	for _, tc := range []struct {
		name, file, src string
		opts            Options
		want            []string
	}{
		{"clean post", "a.md", "---\ntitle: A\ndate: 2021-06-12 10:00:00\n---\nText.\n", utc, nil},
		{"stray quotes in a title", "a.md", "\n---\ntitle: \"\"\"'Quoted'\"\"\"\ndate: 2021-06-12T10:00:00Z\n---\n<p>x</p>\n", utc,
			[]string{"frontmatter-invalid:3"}},
		{"duplicate key", "a.md", "---\ntitle: A\ntitle: B\n---\nx\n", utc, []string{"frontmatter-duplicate-key:3"}},
		{"two blank lines before ---", "a.md", "\n\n---\ntitle: A\n---\nx\n", utc, []string{"frontmatter-blank-lines:1"}},
		{"one blank line is fine", "a.md", "\n---\ntitle: A\n---\nx\n", utc, nil},
		{"trailing space after the opener", "a.md", "--- \ntitle: A\n---\nx\n", utc, []string{"frontmatter-trailing-space:1"}},
		{"a rule after a Key: value line", "a.md", "Note: read this first\n---\nThe post.\n", utc, []string{"frontmatter-no-opener:1"}},
		{"broken YAML before a rule", "a.md", "Note: one: two\n---\nThe post.\n", utc, []string{"frontmatter-no-opener:1"}},
		{"new style with Hexo keys is fine", "a.md", "title: A\ndate: 2021-06-12T10:00:00Z\n---\nThe post.\n", Options{}, nil},
		{"scalar block", "a.md", "---\njust a sentence\n---\nx\n", utc, []string{"frontmatter-not-mapping:2"}},
		{"Invalid Date", "2021-06-12-a.md", "---\ntitle: A\ndate: Invalid Date\n---\nx\n", utc, []string{"date-invalid:3"}},
		{"date without a zone, no zone chosen", "a.md", "---\ntitle: A\ndate: 2021-06-12 10:00:00\n---\nx\n", Options{}, []string{"date-zone:3"}},
		{"date with an offset", "a.md", "---\ntitle: A\ndate: 2021-06-12 10:00:00 +08:00\n---\nx\n", Options{}, nil},
		{"RFC 1123 date", "a.md", "---\ntitle: A\ndate: Sat, 12 Jun 2021 13:07:48 GMT\n---\nx\n", Options{}, nil},
		{"epoch date", "a.md", "---\ntitle: A\ndate: 1623492468000\n---\nx\n", utc, []string{"date-epoch:3"}},
		{"indented HTML after a blank line", "a.md", "---\ntitle: A\n---\n<div>\n<p>one</p>\n\n    <p>two</p>\n</div>\n", utc,
			[]string{"markdown-html:7"}},
		{"blank line inside pre", "a.md", "---\ntitle: A\n---\n<div><pre><code>a = 1\n\nb = 2\n</code></pre></div>\n", utc,
			[]string{"markdown-html:6"}},
		{"the same body in an .html file", "a.html", "---\ntitle: A\n---\n<div>\n<p>one</p>\n\n    <p>two</p>\n</div>\n", utc, nil},
		{"Nunjucks text", "a.md", "---\ntitle: A\n---\nVue shows {{ message }} here.\n\n{# a note #}\n\n`{{ in code }}`\n", utc,
			[]string{"nunjucks:4", "nunjucks:6"}},
		// as Hexo 8.1.2 runs it (testdata/posts/nunjucks-code.md, nunjucks-fences.md,
		// tags-held.md): in <pre> without <code>, in indented code only when it
		// holds a {% raw %}, never in the code its fence pass pairs
		{"Nunjucks in each kind of code", "a.md", "---\ntitle: A\n---\nInline `{{ a }}`.\n\n    {{ b }}\n\n```\n{{ c }}\n```\n\n<pre>{{ d }}</pre>\n\n" +
			"Para:\n    ```\n    {{ e }}\n    ```\n\n* item\n  ```\n  {{ f }}\n```\n\n> ```\n> {{ g }}\n> ```\n", utc,
			[]string{"nunjucks:12"}},
		{"Nunjucks in indented code holding a raw tag", "a.md", "---\ntitle: A\n---\nText.\n\n    {{ b }}\n    {% raw %}x{% endraw %}\n", utc,
			[]string{"nunjucks:6"}},
		{"Nunjucks statement", "a.md", "---\ntitle: A\n---\nA template: {% if user %}hi{% endif %}\n", utc,
			[]string{"nunjucks:4", "nunjucks:4"}},
		{"unknown tag", "a.md", "---\ntitle: A\n---\n{% note info %}\nx\n{% endnote %}\n", utc, []string{"unknown-tag:4"}},
		{"unclosed block tag", "a.md", "---\ntitle: A\n---\n{% codeblock %}\nx\n", utc, []string{"unknown-tag:4"}},
		{"known tags and raw", "a.md", "---\ntitle: A\n---\n{% img /a.png %}\n\n{% raw %}{{ x }}{% endraw %}\n\n{% codeblock %}\n{{ y }}\n{% endcodeblock %}\n", utc, nil},
		{"more marker Hexo misses", "a.md", "---\ntitle: A\n---\nIntro.\n\n<!--more  -->\n\nRest.\n", utc, []string{"more-marker:6"}},
		{"more marker inside a paragraph", "a.md", "---\ntitle: A\n---\nIntro <!-- more --> rest.\n", utc, []string{"more-splits-paragraph:4"}},
		{"more marker between HTML blocks", "a.md", "---\ntitle: A\n---\n<p>Intro</p><!-- more --><p>Rest</p>\n", utc, nil},
		{"empty cover", "a.md", "---\ntitle: A\nthumbnail: ''\ncover:\n---\nx\n", utc, []string{"cover-empty:3", "cover-empty:4"}},
		{"published empty", "a.md", "---\ntitle: A\npublished:\n---\nx\n", utc, []string{"published-empty:3"}},
		{"comments: no", "a.md", "---\ntitle: A\ncomments: no\npublished: 'off'\n---\nx\n", utc, []string{"bool-string:3", "bool-string:4"}},
		{"comments: n, published: 否", "a.md", "---\ntitle: A\ncomments: n\npublished: 否\n---\nx\n", utc, []string{"bool-string:3", "bool-string:4"}},
		{"comments: yes is no false word", "a.md", "---\ntitle: A\ncomments: yes\n---\nx\n", utc, nil},
		{"comments: false is fine", "a.md", "---\ntitle: A\ncomments: false\npublished: 'false'\n---\nx\n", utc, nil},
		{"CRLF keeps lines", "a.md", "---\r\ntitle: A\r\ncomments: no\r\n---\r\nx\r\n", utc, []string{"bool-string:3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, lintRuleLines(t, tc.file, tc.src, tc.opts))
		})
	}
}

func TestLintFindingFields(t *testing.T) {
	p, _ := Options{Location: time.UTC}.parse([]byte("---\ntitle: A\nthumbnail: ''\n---\nx\n"), "post.md")
	fs := Lint(p)
	require.Len(t, fs, 1)
	assert.Equal(t, Finding{File: "post.md", Line: 3, Rule: RuleCoverEmpty, Severity: SeverityWarning,
		Message: "thumbnail is empty: themes show a broken image instead of their default cover", Fixable: true, Key: "thumbnail"}, fs[0])
	assert.Equal(t, "post.md:3: cover-empty: thumbnail is empty: themes show a broken image instead of their default cover", fs[0].String())
	for _, r := range LintRules() {
		assert.NotEmpty(t, r.Doc, r.ID)
	}
}

// Each row: a post, what Fix makes of it, and the rules it reports fixed.
func TestFix(t *testing.T) {
	for _, tc := range []struct {
		name, file, in string
		opts           FixOptions
		want           string
		fixed          []string
	}{
		{"stray quotes", "a.md", "\n---\ntitle: \"\"\"'Quoted'\"\"\"\ntags: [a]\n---\n<p>x</p>\n", FixOptions{},
			"\n---\ntitle: 'Quoted'\ntags: [a]\n---\n<p>x</p>\n", []string{"frontmatter-invalid"}},
		{"unclosed quote, CRLF", "a.md", "---\r\ntitle: 'It''s open\r\n---\r\nx\r\n", FixOptions{},
			"---\r\ntitle: 'It''s open'\r\n---\r\nx\r\n", []string{"frontmatter-invalid"}},
		{"blank lines", "a.md", "\n\n\n---\ntitle: A\n---\nx\n", FixOptions{}, "---\ntitle: A\n---\nx\n", []string{"frontmatter-blank-lines"}},
		{"trailing space", "a.md", "---  \ntitle: A\n---\nx\n", FixOptions{}, "---\ntitle: A\n---\nx\n", []string{"frontmatter-trailing-space"}},
		{"date from the file name", "2021-06-12-a.md", "---\ntitle: A\ndate: Invalid Date\n---\nx\n", FixOptions{},
			"---\ntitle: A\ndate: 2021-06-12 00:00:00\n---\nx\n", []string{"date-invalid"}},
		{"date default", "a.md", "---\ntitle: A\ndate: Invalid Date\n---\nx\n", FixOptions{DateDefault: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)},
			"---\ntitle: A\ndate: 2020-01-02 03:04:05\n---\nx\n", []string{"date-invalid"}},
		{"no date to write", "a.md", "---\ntitle: A\ndate: Invalid Date\n---\nx\n", FixOptions{},
			"---\ntitle: A\ndate: Invalid Date\n---\nx\n", nil},
		{"epoch", "a.md", "---\ntitle: A\ndate: 1623492468000\n---\nx\n", FixOptions{},
			"---\ntitle: A\ndate: 2021-06-12 10:07:48\n---\nx\n", []string{"date-epoch"}},
		{"empty cover", "a.md", "---\ntitle: A\nthumbnail: ''\n---\nx\n", FixOptions{}, "---\ntitle: A\n---\nx\n", []string{"cover-empty"}},
		{"comments: no", "a.md", "---\ntitle: A\ncomments: no # off\n---\nx\n", FixOptions{}, "---\ntitle: A\ncomments: false # off\n---\nx\n", []string{"bool-string"}},
		{"indented HTML", "a.md", "---\ntitle: A\n---\n<div>\n<p>one</p>\n  \n    <p>two</p>\n</div>\n", FixOptions{},
			"---\ntitle: A\n---\n<div>\n<p>one</p>\n    <p>two</p>\n</div>\n", []string{"markdown-html"}},
		{"blank lines in pre", "a.md", "---\ntitle: A\n---\n<div><pre><code>a = 1\n\n\nb = 2\n</code></pre></div>\n", FixOptions{},
			"---\ntitle: A\n---\n<div><pre><code>a = 1\n&#10;&#10;b = 2\n</code></pre></div>\n", []string{"markdown-html"}},
		{"HTML after a closing pre", "a.md", "---\ntitle: A\n---\n<pre>\nx</pre><p>a</p><pre>y\nz</pre>\n", FixOptions{},
			"---\ntitle: A\n---\n<pre>\nx</pre>\n<p>a</p><pre>y\nz</pre>\n", []string{"markdown-html"}},
		{"Nunjucks", "a.md", "---\ntitle: A\n---\nShows {{ msg }} and {% if x %}.\n", FixOptions{},
			"---\ntitle: A\n---\nShows {% raw %}{{ msg }}{% endraw %} and {% raw %}{% if x %}{% endraw %}.\n", []string{"nunjucks", "nunjucks"}},
		{"more marker", "a.md", "---\ntitle: A\n---\nIntro.\n\n<!--  MORE-->\n\nRest.\n", FixOptions{},
			"---\ntitle: A\n---\nIntro.\n\n<!-- more -->\n\nRest.\n", []string{"more-marker"}},
		{"only the rules asked", "a.md", "---\ntitle: A\nthumbnail: ''\ncomments: no\n---\nx\n", FixOptions{Rules: []string{RuleBoolString}},
			"---\ntitle: A\nthumbnail: ''\ncomments: false\n---\nx\n", []string{"bool-string"}},
		{"unknown tags are left", "a.md", "---\ntitle: A\n---\n{% note %}x{% endnote %}\n", FixOptions{},
			"---\ntitle: A\n---\n{% note %}x{% endnote %}\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := Options{Location: time.UTC}.parse([]byte(tc.in), tc.file)
			fixed, err := Fix(p, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(p.Bytes()))
			var rules []string
			for _, f := range fixed {
				rules = append(rules, f.Rule)
			}
			assert.Equal(t, tc.fixed, rules)
			for _, f := range Lint(p) {
				if len(tc.opts.Rules) == 0 {
					assert.False(t, f.Fixable, "left fixable: %s", f)
				}
			}
		})
	}
}

// The nunjucks fix keeps the text: {{ }} is shown as written.
func TestFixNunjucksKeepsText(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: A\n---\nVue shows {{ message }} here.\n",
		"---\ntitle: A\n---\n<div><p>Vue shows {{ message }} here.</p></div>\n", // HTML bodies get Hexo's tag pass too
	} {
		p := mustParse(t, src)
		before := p.Text()
		_, err := Fix(p, FixOptions{})
		require.NoError(t, err)
		assert.Equal(t, before, p.Text())
		assert.Contains(t, string(p.Bytes()), "{% raw %}{{ message }}{% endraw %}")
	}
}

func TestSiteLint(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":                     {Data: []byte("post_asset_folder: true\n")},
		"source/_posts/a.md":              {Data: []byte("---\ntitle: Hello, World!\ndate: 2021-06-12T10:00:00Z\ncover: a/cover.png\n---\n![](pic.png) ![](/images/there.png) ![](/images/gone.png)\n")},
		"source/_posts/a/pic.png":         {Data: []byte("png")},
		"source/_posts/a/cover.png":       {Data: []byte("png")},
		"source/images/there.png":         {Data: []byte("png")},
		"source/_posts/b.md":              {Data: []byte("---\ntitle: Hello, World!\ndate: 2021-06-12T10:00:00Z\npermalink: 2021/06/12/a/\n---\nx\n")},
		"source/_posts/c.md":              {Data: []byte("---\ntitle: Hello World\ndate: 2021-06-14T10:00:00Z\n---\nx\n")}, // slugizes alike: collides with nothing
		"source/_posts/sub/a.md":          {Data: []byte("---\ntitle: Other\ndate: 2021-06-13T10:00:00Z\n---\nx\n")},
		"source/_posts/sub/a/missing.txt": {Data: []byte("")},
	}
	site, err := NewSite(fsys, SiteOptions{})
	require.NoError(t, err)
	fs, err := site.Lint(context.Background())
	require.NoError(t, err)
	var got []string
	for _, f := range fs {
		got = append(got, f.File+":"+strconv.Itoa(f.Line)+":"+f.Rule)
	}
	assert.Equal(t, []string{
		"source/_posts/a.md:6:image-missing", // /images/gone.png; the others are in the asset folder, beside the post, in source/
		"source/_posts/b.md:0:duplicate-path",
		"source/_posts/b.md:0:title-collision",
	}, got)

	// without post_asset_folder every Markdown extension is a post: two files, one slug
	site, err = NewSite(fstest.MapFS{
		"source/_posts/c.md":       {Data: []byte("---\ntitle: One\ndate: 2021-06-12T10:00:00Z\n---\nx\n")},
		"source/_posts/c.markdown": {Data: []byte("---\ntitle: Two\ndate: 2021-06-13T10:00:00Z\n---\nx\n")},
	}, SiteOptions{})
	require.NoError(t, err)
	fs, err = site.Lint(context.Background())
	require.NoError(t, err)
	require.Len(t, fs, 1)
	assert.Equal(t, "source/_posts/c.md: duplicate-slug: the slug \"c\" is also source/_posts/c.markdown's", fs[0].String())
}

// Linting the shared corpus finds every problem its case names announce.
func TestLintConformanceCases(t *testing.T) {
	dir := filepath.Join("..", "shared", "conformance", "cases")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/conformance is not here")
	}
	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	fs, err := site.Lint(context.Background())
	require.NoError(t, err)
	found := map[string]map[string]bool{}
	for _, f := range fs {
		name := strings.TrimSuffix(filepath.Base(f.File), filepath.Ext(f.File))
		if found[name] == nil {
			found[name] = map[string]bool{}
		}
		found[name][f.Rule] = true
	}
	for name, rules := range map[string][]string{
		"rw-juejin-uniapp-quoted-title-headings":        {RuleFrontMatterInvalid},               // stray quotes: Hexo drops the post
		"rw-jinse-fairyproof-invalid-date-link":         {RuleDateInvalid},                      // date: Invalid Date
		"rw-jinse-sudoswap-invalid-date":                {RuleDateInvalid},                      //
		"rw-jinse-vitalik-precompile-invalid-date":      {RuleDateInvalid},                      //
		"rw-oschina-otp24":                              {RuleMarkdownHTML, RuleTitleCollision}, // indented <p> becomes code; its .html twin has the same title
		"rw-oschina-apache-httpd":                       {RuleMarkdownHTML},                     //
		"rw-oschina-solon-pre-blank-lines":              {RuleMarkdownHTML},                     // blank lines in <pre>
		"rw-juejin-closure-style-code":                  {RuleMarkdownHTML},                     //
		"rw-juejin-svelte-charset-style":                {RuleMarkdownHTML},                     //
		"rw-juejin-braces-entity-title":                 {RuleMarkdownHTML},                     //
		"rw-juejin-ios-camera-empty-thumbnail":          {RuleCoverEmpty, RuleMarkdownHTML},
		"rw-segmentfault-electron-yaml-date-raw-script": {RuleCoverEmpty, RuleMarkdownHTML, RuleDateZone},
		"fluid-blog--hello-fluid":                       {RuleUnknownTag}, // theme tags: Hexo renders nothing
		"hexo-unit-test--tag-plugins":                   {RuleUnknownTag}, // gist, jsfiddle
		"hexo-unit-test--videos":                        {RuleUnknownTag}, // youtube, vimeo left Hexo in 5.0
	} {
		for _, r := range rules {
			assert.True(t, found[name][r], "%s: %s not reported", name, r)
		}
	}
	// the -as-html twins are .html files: Hexo does not run Markdown on them
	assert.False(t, found["rw-oschina-otp24-as-html"][RuleMarkdownHTML])
}

// Fixing a copy of our posts and of the shared corpus repairs every fixable finding, leaves
// nothing fixable for a second lint, and changes no post's text, headings,
// code or images: only the repaired front-matter keys differ. A mended HTML
// body rendered as Markdown (what Hexo does to a .md file) walks to the same
// text as the original body walked as HTML. (Real Hexo 8.1.2, run on the
// fixed copies with ../shared/oracle, gives that same text too: see README.)
func TestFixConformanceCases(t *testing.T) {
	for name, dirs := range conformanceSuites(t) {
		t.Run(name, func(t *testing.T) { checkFixFolder(t, dirs[0]) })
	}
}

func checkFixFolder(t *testing.T, src string) {
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))
	repaired := 0
	for _, f := range postFiles(t, dir) {
		before, berr := ParseFile(f)
		p, _ := ParseFile(f)
		fixed, err := Fix(p, FixOptions{DateDefault: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)})
		require.NoError(t, err, f)
		require.NoError(t, p.WriteFile(f))
		repaired += len(fixed)
		keys, blockMoved := map[string]bool{}, false
		for _, x := range fixed {
			keys[x.Key] = true
			blockMoved = blockMoved || x.Rule == RuleBlankLines || x.Rule == RuleTrailingSpace
		}
		after, aerr := ParseFile(f)
		if berr == nil {
			assert.NoError(t, aerr, f)
		}
		if blockMoved {
			// the front matter Hexo missed leaves the body, which is what followed it
			assert.NotNil(t, after.FrontMatter, f)
			assert.True(t, strings.HasSuffix(before.Body, after.Body), f)
			continue
		}
		assert.Equal(t, before.Text(), after.Text(), f)
		assert.Equal(t, before.Headings(), after.Headings(), f)
		assert.Equal(t, codeTexts(before), codeTexts(after), f)
		if berr == nil {
			for k, v := range before.FrontMatter.All() {
				if !keys[k] {
					got, _ := after.FrontMatter.Get(k)
					assert.Equal(t, v, got, "%s: %s", f, k)
				}
			}
			assert.Equal(t, bodyImages(before), bodyImages(after), f)
		}
		if after.Format == FormatHTML && !isHTMLFile(f) {
			rendered, _, err := renderMarkdown(expandTagPlugins(after.Body, func(string) {}), nil, markdownLimits{})
			require.NoError(t, err)
			res := walkHTML(rendered, after.opts.walkLimits())
			assert.Equal(t, before.Text(), blocksText(res.blocks, true, nil), "%s: Markdown changes the mended body", f)
		}
	}
	assert.Positive(t, repaired)
	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	fs, err := site.Lint(context.Background())
	require.NoError(t, err)
	for _, f := range fs {
		assert.False(t, f.Fixable, "still fixable: %s", f)
		if filepath.Base(src) == "cases" { // the shared corpus: everything its names announce is repaired
			assert.NotContains(t, []string{RuleFrontMatterInvalid, RuleMarkdownHTML, RuleDateInvalid, RuleCoverEmpty}, f.Rule, "left: %s", f)
		}
	}
}

func codeTexts(p *Post) []string {
	var out []string
	for _, b := range p.Blocks {
		if b.Kind == BlockCode {
			out = append(out, b.Text)
		}
	}
	return out
}

func bodyImages(p *Post) []Image {
	var out []Image
	for _, img := range p.Images() {
		if img.From == "body" {
			out = append(out, img)
		}
	}
	return out
}

// Every rule has its paragraph, with an example, in the README.
func TestREADMEDocumentsEveryRule(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for _, r := range LintRules() {
		assert.True(t, strings.Contains(string(readme), "**`"+r.ID+"`**"), "README.md has no paragraph for %s", r.ID)
	}
}

// TestSiteLintReportsABrokenConfig: a _config.yml that cannot be read is an
// error finding with its line, and the posts are still linted.
func TestSiteLintReportsABrokenConfig(t *testing.T) {
	site, err := NewSite(fstest.MapFS{
		"_config.yml":        {Data: []byte("title: x\npost_asset_folder: true\ntimezone: [\n")},
		"source/_posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2021-01-01T00:00:00Z\n---\n{% note %}x{% endnote %}\n")},
	}, SiteOptions{})
	require.ErrorIs(t, err, ErrSiteConfig)
	fs, err := site.Lint(context.Background())
	require.NoError(t, err)
	require.Len(t, fs, 2)
	assert.Equal(t, Finding{File: "_config.yml", Line: 3, Rule: RuleSiteConfigInvalid, Severity: SeverityError,
		Message: fs[0].Message}, fs[0])
	assert.Contains(t, fs[0].Message, "Hexo's defaults")
	assert.Equal(t, RuleUnknownTag, fs[1].Rule)
}
