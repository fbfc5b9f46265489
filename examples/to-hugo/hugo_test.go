package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gohexo/hexo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// TestHugoBuildsTheConversion converts the sample blog, the pages site and
// (when it is there) the shared corpus, builds each with real Hugo, and
// checks every page Hugo wrote against our reading of the Hexo post: its
// title, its date, its text and its images. Hugo is Debian's hugo package,
// which .ci/run installs with apt-get; without it the test is skipped.
// HEXO_SITES (a list of folders, as PATH is) adds sites of your own.
func TestHugoBuildsTheConversion(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed: .ci/run installs Debian's hugo with apt-get")
	}
	if testing.Short() {
		t.Skip("builds Hugo sites")
	}
	sites := map[string]string{"blog": "../../testdata/blog", "pages": "../../testdata/sites/pages"}
	if _, err := os.Stat("../../../shared/conformance/cases"); err == nil {
		sites["shared"] = "../../../shared/conformance/cases"
	}
	for _, dir := range filepath.SplitList(os.Getenv("HEXO_SITES")) { // your own blogs too
		sites[filepath.Base(dir)] = dir
	}
	for name, dir := range sites {
		t.Run(name, func(t *testing.T) {
			done, warnings := convertAndBuild(t, hugo, dir, true)
			t.Logf("%s: %d pages converted and built by %s, %d warnings", name, len(done), strings.Fields(hugoVersion(hugo))[1], warnings)
		})
	}
}

// convertAndBuild converts the Hexo site dir, builds it with Hugo (drafts
// too when the conversion has them: Hugo's own flag; future and expired
// posts as the generated hugo.toml says) and checks every page it wrote.
func convertAndBuild(t *testing.T, hugo, dir string, drafts bool) ([]written, int) {
	out := t.TempDir()
	done, _, err := run(dir, out, drafts, io.Discard)
	require.NoError(t, err)
	require.NotEmpty(t, done)
	args := []string{"--source", out}
	if drafts {
		args = append(args, "--buildDrafts")
	}
	msg, err := exec.Command(hugo, args...).CombinedOutput()
	require.NoError(t, err, "%s", msg)
	warnings := regexp.MustCompile(`(?m)^(WARN|ERROR)`).FindAllString(string(msg), -1)
	assert.Empty(t, warnings, "%s", msg)
	site, err := hexo.OpenSite(dir, hexo.SiteOptions{})
	require.NoError(t, err)
	u, err := url.Parse(site.Config.URL)
	require.NoError(t, err)
	built := builtPaths(t, hugo, out, strings.TrimSuffix(u.Path, "/")+"/")
	for _, w := range done {
		if !drafts && !w.post.Published { // Hexo shows it no more than Hugo
			assert.NoFileExists(t, filepath.Join(out, "public", filepath.FromSlash(built[w.file]), "index.html"), "%s: Hugo shows a post Hexo does not", w.post.Source)
			continue
		}
		checkBuilt(t, out, built[w.file], w)
	}
	return done, len(warnings)
}

func hugoVersion(hugo string) string {
	b, _ := exec.Command(hugo, "version").Output()
	return string(b) + " ?"
}

// builtPaths maps each content file to the path Hugo published it at
// (hugo list all: every page, drafts included), below the path of the
// site's url (Hugo's baseURL).
func builtPaths(t *testing.T, hugo, out, root string) map[string]string {
	b, err := exec.Command(hugo, "list", "all", "--source", out).Output()
	require.NoError(t, err)
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err)
	paths := map[string]string{}
	for _, r := range rows[1:] {
		u, err := url.Parse(r[len(r)-1])
		require.NoError(t, err)
		paths[filepath.ToSlash(r[0])] = "/" + strings.TrimPrefix(u.Path, root) // below the baseURL's path
	}
	return paths
}

// checkBuilt reads the page Hugo built for w at the path published and
// compares it with the post.
func checkBuilt(t *testing.T, out, published string, w written) {
	p := w.post
	if path.Base(strings.TrimSuffix(w.file, path.Ext(w.file))) == "_index" { // a list page, which hugo list leaves out
		published = "/" + strings.TrimPrefix(path.Dir(w.file)+"/", "content/")
	}
	if !assert.NotEmpty(t, published, "%s: Hugo lists no %s", p.Source, w.file) {
		return
	}
	if w.url != "" {
		assert.Equal(t, w.url, published, "%s: the URL is Hexo's", p.Source)
	}
	url := published
	file := filepath.Join(out, "public", filepath.FromSlash(url))
	if strings.HasSuffix(url, "/") {
		file = filepath.Join(file, "index.html")
	}
	f, err := os.Open(file)
	if !assert.NoError(t, err, "%s: Hugo built no %s", p.Source, url) {
		return
	}
	defer f.Close()
	doc, err := html.Parse(f)
	require.NoError(t, err)
	var title, date string
	var content *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "h1" && attr(n, "class") == "title":
				title = text(n)
			case n.Data == "time":
				date = attr(n, "datetime")
			case n.Data == "div" && attr(n, "class") == "content" && content == nil:
				content = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	assert.Equal(t, strings.TrimSpace(p.Title), strings.TrimSpace(title), "%s: title", p.Source)
	if !p.Date.IsZero() {
		d, err := time.Parse(time.RFC3339, date)
		if assert.NoError(t, err, "%s: date", p.Source) {
			assert.True(t, d.Equal(p.Date.Truncate(time.Second)), "%s: date %s, the post's %s", p.Source, d, p.Date)
		}
	}
	require.NotNil(t, content, p.Source)
	if want, got := comparable(p.Text()), comparable(text(content)); want != got {
		if d := documentedDifference(want, got); d != "" {
			t.Logf("%s: text differs as README.md documents (%s): %s", p.Source, d, firstDifference(want, got))
		} else {
			t.Errorf("%s: text differs: %s", p.Source, firstDifference(want, got))
		}
	}
	var want, got []string
	for _, b := range p.Blocks {
		if b.Kind == hexo.BlockImage {
			want = append(want, b.URL)
		}
	}
	var imgs func(n *html.Node)
	imgs = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "img" {
			got = append(got, attr(n, "src"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			imgs(c)
		}
	}
	imgs(content)
	assert.Equal(t, want, got, "%s: images", p.Source)

	var wantIDs, gotIDs []string
	for _, h := range p.Headings() {
		wantIDs = append(wantIDs, h.ID)
	}
	var headings func(n *html.Node)
	headings = func(n *html.Node) {
		if n.Type == html.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
			gotIDs = append(gotIDs, attr(n, "id"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			headings(c)
		}
	}
	headings(content)
	assert.Equal(t, wantIDs, gotIDs, "%s: heading ids are Hexo's", p.Source)
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.NotContains(t, string(raw), "<!---->", "%s: an empty comment the conversion left", p.Source)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// text is the text a reader sees in n: no style or script, no iframe's
// fallback.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.Data == "style" || n.Data == "script" || n.Data == "noscript" || n.Data == "template" || n.Data == "iframe"):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// comparable is text without its spacing and zero-width characters (our
// text writes them as spaces), and with the typographic forms smart quotes take in
// either engine written plainly.
func comparable(s string) string {
	s = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "…", "...", "–", "--", "—", "---", "\u00a0", " ",
		"\u200b", "", "\u200c", "", "\u200d", "", "\ufeff", "").Replace(s) // zero-width: nothing a reader sees
	return strings.Join(strings.Fields(s), "")
}

// documented are the differences README.md documents between what Hexo
// shows and what Hugo shows of the same post, each with where it says so
// and whether it explains the difference between two texts.
var documented = []struct {
	readme    string
	explained func(hexo, hugo string) bool
}{
	{
		"Differences from Hexo: \"(Migrating to Hugo) marked strikes `~single tildes~` through; Hugo 0.111's goldmark shows them\"",
		func(hexo, hugo string) bool { // the same text once the tildes are gone (0~15% … 20~30%)
			return strings.ReplaceAll(hexo, "~", "") == strings.ReplaceAll(hugo, "~", "")
		},
	},
}

// documentedDifference names the README's entry that explains how two
// texts differ, or is "".
func documentedDifference(hexo, hugo string) string {
	for _, d := range documented {
		if d.explained(hexo, hugo) {
			return d.readme
		}
	}
	return ""
}

// firstDifference shows where two texts part, with some text either side.
func firstDifference(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	from := max(0, i-30)
	return fmt.Sprintf("ours %q, Hugo's %q", string(ra[from:min(len(ra), i+50)]), string(rb[from:min(len(rb), i+50)]))
}
