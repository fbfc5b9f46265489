package hexo_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/gohexo/hexo"
)

func ExampleLint() {
	post, _ := hexo.Parse([]byte("---\ntitle: Hello\ndate: Invalid Date\nthumbnail: ''\n---\n" +
		"Vue prints {{ message }} here.\n\n<!--more  -->\n"))
	for _, f := range hexo.Lint(post) {
		fmt.Println(f.Line, f.Severity, f.Rule, f.Fixable)
	}
	// Output:
	// 3 warning date-invalid false
	// 4 warning cover-empty true
	// 6 warning nunjucks true
	// 8 info more-marker true
}

func ExampleFix() {
	post, _ := hexo.Parse([]byte("\n---\ntitle: \"\"'A title a scraper quoted twice'\"\"\nthumbnail: ''\n---\n" +
		"Vue prints {{ message }} here.\n"))
	fixed, err := hexo.Fix(post, hexo.FixOptions{})
	if err != nil {
		fmt.Println(err)
	}
	for _, f := range fixed {
		fmt.Println("fixed", f.Rule)
	}
	fmt.Print(string(post.Bytes())) // post.Save() writes it back, atomically
	// Output:
	// fixed frontmatter-invalid
	// fixed cover-empty
	// fixed nunjucks
	//
	// ---
	// title: 'A title a scraper quoted twice'
	// ---
	// Vue prints {% raw %}{{ message }}{% endraw %} here.
}

func ExampleSite_Lint() {
	site, _ := hexo.NewSite(fstest.MapFS{
		"source/_posts/a.md": {Data: []byte("---\ntitle: Hello, World\ndate: 2021-06-12T10:00:00Z\n---\n![](/images/gone.png)\n")},
		"source/_posts/b.md": {Data: []byte("---\ntitle: Hello, World\ndate: 2021-06-13T10:00:00Z\n---\n{% note %}x{% endnote %}\n")},
	}, hexo.SiteOptions{})
	findings, _ := site.Lint(context.Background())
	for _, f := range findings {
		fmt.Println(f)
	}
	// Output:
	// source/_posts/a.md:5: image-missing: image "/images/gone.png" (body) is not in the site's source folder or the post's asset folder
	// source/_posts/b.md: title-collision: the title "Hello, World" is also source/_posts/a.md's
	// source/_posts/b.md:5: unknown-tag: {% note %} is not a tag Hexo 8 knows: rendering fails and the post loses its content (a theme or plugin must provide it)
}

func ExampleLintRules() {
	for _, r := range hexo.LintRules()[:3] {
		fmt.Println(r.ID, r.Severity, r.Fix)
	}
	// Output:
	// frontmatter-invalid error true
	// frontmatter-duplicate-key error false
	// frontmatter-blank-lines error true
}
