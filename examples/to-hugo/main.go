// To-hugo converts a Hexo site (or a folder of posts) into a Hugo site that
// Hugo builds and that shows what Hexo showed:
//
//	go run ./examples/to-hugo -o /tmp/hugo testdata/blog && hugo --source /tmp/hugo
//
// Posts go to content/posts, pages (Site.Pages) to content/ at their own
// paths, each keeping Hexo's URL (url:), so old links still work; a file
// named index (or _index) takes another name, since Hugo would take it for
// a bundle holding every page below its folder, and the page at Hexo's
// home is Hugo's home page (content/_index). A Markdown body stays
// Markdown, with its tag plugins written as the HTML Hexo's tags write
// (Post.Markdown), <!-- more --> as Hugo's <!--more-->, and each heading
// given Hexo's id ({#id}), so links to #anchors keep working; an HTML body
// becomes .html content. Text Hugo would read as a shortcode ({{< x >}}) is
// written in Hugo's comment form, which shows it as written. A post with an
// asset folder becomes a page bundle holding its files; the other files of
// source/ go to static/. Hexo's keys are mapped (updated to lastmod,
// published: false to draft, the cover to images, categories flattened, a
// front-matter excerpt to summary) and every other key, Hugo's own
// included, is kept: one Hugo would refuse or that would hide a post Hexo
// shows (a draft Hexo ignores, an expiry date, outputs without HTML) as
// hexo_KEY, or hexo_KEY_2… when the post has that key too. hugo.toml and a
// minimal layout are written when the site has none: Markdown as Hexo's
// marked reads it (raw HTML kept, a line break a <br>, no footnotes),
// future posts shown as Hexo shows them.
//
// Only regular files inside the site are copied, each read through the
// site's folder opened as an os.Root: a symbolic link that stays inside the
// site is followed (Hexo reads through it too), one that leads outside it
// is refused, and so is a FIFO, a device or a link to a folder. A file
// refused, or one that cannot be read or parsed, is skipped with a warning
// on stderr naming it and why, and the conversion goes on; the exit status
// is then 1, once the rest is written. It is 1 too when the conversion
// stops (the Hugo site cannot be written), 2 for a wrong command line, and
// 0 when every file was converted.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	out := flag.String("o", "hugo-site", "the Hugo site to write")
	drafts := flag.Bool("drafts", false, "convert source/_drafts too (as draft: true)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: to-hugo [-o DIR] [-drafts] SITE\n"+
			"exit status 1 when a file was skipped (each is named on stderr) or the conversion failed")
		os.Exit(2)
	}
	_, skipped, err := run(flag.Arg(0), *out, *drafts, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "to-hugo:", err)
		os.Exit(1)
	}
	if skipped > 0 {
		os.Exit(1)
	}
}
