package hexo

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fixHead = "---\ntitle: A\n---\n"

// Each shape users found, and what fix writes (want == in: left alone).
// Nunjucks is wrapped only where the wrap keeps what the post shows; a
// misspelt more marker in code is code, not a marker.
func TestFixShowsTheSamePost(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"text", "Shows {{ msg }} here.\n", "Shows {% raw %}{{ msg }}{% endraw %} here.\n"},
		{"link destination", "[home]({{ url }})\n", "[home]({{ url }})\n"},
		{"link destination, no spaces", "[home]({{url}})\n", "[home]({{url}})\n"},
		{"link text", "[{{ x }}](/a)\n", "[{% raw %}{{ x }}{% endraw %}](/a)\n"},
		{"emphasis", "*a {{ x }} b*\n", "*a {% raw %}{{ x }}{% endraw %} b*\n"},
		{"emphasis around", "*{{ x }}* and _{{ y }}_\n", "*{% raw %}{{ x }}{% endraw %}* and _{% raw %}{{ y }}{% endraw %}_\n"},
		{"autolink", "<http://x.test/{{y}}>\n", "<http://x.test/{{y}}>\n"},
		{"heading", "# Title {{ x }}\n", "# Title {{ x }}\n"},
		{"heading and text", "# Title {{ x }}\n\nSee {{ y }}.\n", "# Title {{ x }}\n\nSee {% raw %}{{ y }}{% endraw %}.\n"},
		{"reference definition", "[a]: {{ url }}\n\n[a]\n", "[a]: {{ url }}\n\n[a]\n"},
		{"image", "![x]({{ src }})\n", "![x]({{ src }})\n"},
		{"code span", "Write `{{ x }}` and {{ y }}.\n", "Write `{{ x }}` and {% raw %}{{ y }}{% endraw %}.\n"},
		{"more marker", "Intro.\n\n<!--  MORE-->\n\nRest.\n", "Intro.\n\n<!-- more -->\n\nRest.\n"},
		{"more marker in indented code", "Intro.\n\n    <!--more  -->\n\nRest.\n", "Intro.\n\n    <!--more  -->\n\nRest.\n"},
		{"more marker in a fence", "```\n<!--more  -->\n```\n", "```\n<!--more  -->\n```\n"},
		{"more marker after one in code", "`<!--more  -->`\n\n<!--more  -->\n\nRest.\n", "`<!--more  -->`\n\n<!-- more -->\n\nRest.\n"},
		{"HTML paragraph, indented line", "<p>a {{ x }}\n\n    b {% if a %}</p>\n",
			"<p>a {% raw %}{{ x }}{% endraw %}\n    b {% raw %}{% if a %}{% endraw %}</p>\n"},
		{"HTML div, indented line", "<div>{{ x }}\n\n    {% if a %}\n</div>\n",
			"<div>{% raw %}{{ x }}{% endraw %}\n    {% raw %}{% if a %}{% endraw %}\n</div>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, _ := Options{}.parse([]byte(fixHead+tc.in), "a.md")
			_, err := Fix(p, FixOptions{})
			require.NoError(t, err)
			assert.Equal(t, fixHead+tc.want, string(p.Bytes()))
			again, err := Fix(p, FixOptions{})
			require.NoError(t, err)
			assert.Empty(t, again, "a second fix repairs again")
			for _, f := range Lint(p) {
				assert.False(t, f.Fixable, "left fixable: %s", f)
			}
		})
	}
}

// frontMatterMoved are the rules whose repair makes text the body showed
// into front matter: what the post shows then changes by design.
var frontMatterMoved = map[string]bool{RuleBlankLines: true, RuleTrailingSpace: true, RuleFrontMatterInvalid: true}

// FuzzFix checks fix's promise on any post, read as a .md or an .html file:
//
//   - Idempotent: Fix on Fix's output changes no byte and reports nothing.
//   - It shows the same post: unless a repair moved text of the body into
//     the front matter (frontMatterMoved), the post's blocks (headings with
//     level, id and text; paragraphs; code; images with alt text), Text,
//     the targets of its links (<a href> of Content) and Images are what
//     they were, which blocks fall in the excerpt aside (the more-marker
//     repair is about that). For Nunjucks, "what it was" is the text as
//     written: the library never runs Nunjucks, so the original already
//     shows {{ x }} where Hexo would show nothing, and the wrapped post
//     must show the same.
//   - Nothing is lost: the body before is a subsequence of the body after
//     (a wrap only adds {% raw %} and {% endraw %}), more markers read as
//     one spelling; when the HTML body was mended (which removes blank
//     lines and indentation), the same holds with whitespace and the &#10;
//     it writes for a blank line in <pre> left out. When the front matter
//     moved, the body after is the end of the body before.
func FuzzFix(f *testing.F) {
	for _, dir := range []string{"testdata/posts", filepath.Join("..", "shared", "conformance", "cases")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil && postExt(name) {
				f.Add(string(b), isHTMLFile(name))
			}
		}
	}
	for _, body := range []string{
		"[home]({{ url }})\n", "*a {{ x }} b*\n", "<http://x.test/{{y}}>\n", "# T {{ x }}\n\n# T\n", "[a]: {{ u }}\n\n[a]\n",
		"    <!--more  -->\n", "```\n<!--more  -->\n```\n", "<p>a {{ x }}\n\n    b {% if a %}</p>\n",
		"<div>{{ x }}\n\n    {% if a %}\n</div>\n", "a {% raw %}{{ x }}\n\n{{ y }} {% endraw %} {{ z }}\n",
		"<pre>{{ a }}\n\n\n{% if b %}</pre>\n", "{{ *a* }} and {{ [b](c) }}\n",
	} {
		f.Add(fixHead+body, false)
	}
	f.Fuzz(func(t *testing.T, src string, asHTML bool) {
		name := "a.md"
		if asHTML {
			name = "a.html"
		}
		before, _ := Options{}.parse([]byte(src), name)
		p, _ := Options{}.parse([]byte(src), name)
		fixed, err := Fix(p, FixOptions{})
		if err != nil {
			return // a repair refused, with what it made before
		}
		once := string(p.Bytes())
		again, err := Fix(p, FixOptions{})
		if err != nil || len(again) > 0 || string(p.Bytes()) != once {
			t.Fatalf("a second Fix repaired %v (err %v): %q became %q", again, err, once, p.Bytes())
		}
		moved, mended := false, false
		for _, fd := range fixed {
			moved = moved || frontMatterMoved[fd.Rule]
			mended = mended || fd.Rule == RuleMarkdownHTML
		}
		if moved {
			if !strings.HasSuffix(before.Body, p.Body) {
				t.Fatalf("the front matter moved, and the body %q is not the end of %q", p.Body, before.Body)
			}
			return
		}
		if a, b := shownBy(before), shownBy(p); !a.equal(b) {
			t.Fatalf("fix changed what %q shows:\n%+v\nbecame\n%+v", src, a, b)
		}
		assert.Equal(t, before.Images(), p.Images())
		from, to := moreVariantRE.ReplaceAllString(before.Body, "<!--more-->"), moreVariantRE.ReplaceAllString(p.Body, "<!--more-->")
		if mended {
			from, to = spaceRE.ReplaceAllString(from, ""), spaceRE.ReplaceAllString(strings.ReplaceAll(to, "&#10;", ""), "")
		}
		if !isSubsequence(from, to) {
			t.Fatalf("fix lost bytes of the body: %q is not in %q", from, to)
		}
	})
}

var spaceRE = regexp.MustCompile(`\s+`)

func postExt(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".html", ".htm":
		return true
	}
	return false
}

// isSubsequence reports whether every byte of a is in b, in order.
func isSubsequence(a, b string) bool {
	i := 0
	for j := 0; i < len(a) && j < len(b); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

// A post whose Nunjucks all sits where a wrap changes what it shows (each
// heading's id) costs a bounded number of parses: the proof gives up on
// the rest and refuses them, in time and memory linear in the post.
func TestFixRefusalsGrowLinearly(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("growth is measured without -race and -short")
	}
	s := hostileShape{"headings with Nunjucks", 200, func(n int) string {
		return fixHead + strings.Repeat("# a {{ x }}\n", n)
	}, lintAndFix}
	small, large := s.gen(s.n), s.gen(16*s.n)
	size := float64(len(large)) / float64(len(small))
	var ar float64
	for range 3 {
		_, a1 := s.measure(small, 1)
		_, a16 := s.measure(large, 1)
		if ar = float64(a16) / float64(max(a1, 1)); ar <= 2.5*size {
			return
		}
	}
	t.Errorf("input ×%.1f: bytes allocated ×%.1f: not linear", size, ar)
}
