package main

import (
	"os/exec"
	"testing"
)

var attack30Shapes = map[string]map[string]string{
	"unicode and spaces in names": {
		"source/_posts/hello world.md": "---\ntitle: Hello World\ndate: 2021-01-01\n---\nhello\n",
		"source/_posts/日本語 テスト.md":     "---\ntitle: 日本語\ndate: 2021-01-02\n---\nnihongo\n",
		"source/_posts/a+b&c.md":       "---\ntitle: plus\ndate: 2021-01-03\n---\nplus\n",
	},
	"shortcodes elsewhere": {
		"source/_posts/a.md":   "---\ntitle: \"{{< t >}}\"\ndate: 2021-01-01\n---\n[a]({{< ref x >}}) ![{{% alt %}}](x.png)\n\n<!-- {{< c >}} -->\n\n<span title=\"{{< at >}}\">s</span>\n\n## H {{< h >}}\n\n{% raw %}{{< raw >}}{% endraw %}\n\n| {{< a >}} | b |\n|---|---|\n| {{% c %}} | d |\n",
		"source/_posts/b.html": "---\ntitle: B\ndate: 2021-01-02\n---\n<script>var a = \"{{< s >}}\";</script>\n<p>{{% p %}}</p>\n<code>{{< c >}}</code>\n",
		"source/_posts/c.md":   "---\ntitle: C\ndate: 2021-01-03\n---\n<div>\n{{< d >}}\n</div>\n\n<pre>\n{{< p >}}\n\n{{% q %}}\n</pre>\n\nend {{< /x >}}\n",
	},
	"explicit permalinks differing in case": {
		"source/_posts/a.md": "---\ntitle: A\ndate: 2021-01-01\npermalink: /Foo/\n---\nupper\n",
		"source/_posts/b.md": "---\ntitle: B\ndate: 2021-01-02\npermalink: /foo/\n---\nlower\n",
	},
	"case-only difference": {
		"source/_posts/Post.md": "---\ntitle: Upper\ndate: 2021-01-01\n---\nupper\n",
		"source/_posts/post.md": "---\ntitle: Lower\ndate: 2021-01-02\n---\nlower\n",
	},
	"headings with {#": {
		"source/_posts/h.md": "---\ntitle: H\ndate: 2021-01-01\n---\n## Title {#custom}\n\n## A {# comment #} B\n\n## Same\n\n## Same\n\n## Same-1\n\n## {{< x >}}\n",
	},
	"shortcodes in code": {
		"source/_posts/c.md": "---\ntitle: C\ndate: 2021-01-01\n---\nText.\n\n    {{< indented >}}\n\n~~~go\n{{% tilde %}}\n~~~\n\n- item\n\n  ```\n  {{< in list >}}\n  ```\n\n> ```\n> {{< quoted >}}\n> ```\n\n{% codeblock %}\n{{< cb >}}\n{% endcodeblock %}\n\n<pre>{{< pre >}}</pre>\n\n`{{</* span */>}}`\n",
	},
}

// TestAttack30HugoShapes: shapes the other shape tests do not name, which
// held (names with spaces, unicode and case-only differences, headings with
// {#, shortcode-looking text in code and elsewhere): kept as regressions.
func TestAttack30HugoShapes(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed")
	}
	if testing.Short() {
		t.Skip("builds Hugo sites")
	}
	for name, files := range attack30Shapes {
		t.Run(name, func(t *testing.T) {
			dir := shapeSite(t, files)
			convertAndBuild(t, hugo, dir, false)
		})
	}
}
