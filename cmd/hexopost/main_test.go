package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTableOnTheSampleBlog(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"../../testdata/blog"}, nil, &out, &errOut)
	assert.Equal(t, 0, code, errOut.String())
	// whole rows: columns padded by display width (the CJK title is two
	// columns a character), dates as year-month-day hour:minute, titles and
	// summaries clipped with an ellipsis
	assert.Equal(t, strings.Join([]string{
		"TITLE                                DATE              CATEGORIES          SUMMARY",
		"Hello World                          2021-06-13 10:00  Programming/Go      Welcome to a Hexo blog read by Go. This paragraph…",
		"读书笔记：排版与字符                 2023-02-01 08:30  随笔                中文、日本語、한국어 and English share this post.…",
		"英特尔和Arm的CPU再被发现存在重大安…  2022-03-09 13:38  新媒体/cnBeta/最新  BHI是一种影响大多数英特尔和Arm CPU的新型投机执行…",
	}, "\n")+"\n", out.String(), "a header and three posts: the draft needs --drafts")
}

func TestJSONLines(t *testing.T) {
	dir := t.TempDir()
	write := postWriter(t, dir)
	write("a.md", "---\ntitle: A\ndate: 2021-06-13\n---\nBody A.\n")
	write("b.md", "---\ntitle: \"broken \"quotes\"\n---\nBody B survives.\n")
	write("c.html", "<p>HTML</p>")
	write("notes.txt", "not a post")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--json", dir}, nil, &out, &errOut)
	assert.Equal(t, 1, code, "a post failed")
	assert.Contains(t, errOut.String(), "b.md:2")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 3, "one line per post, sorted, the .txt left out")
	var posts []map[string]any
	for _, l := range lines {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &m))
		posts = append(posts, m)
	}
	assert.Equal(t, "A", posts[0]["title"])
	assert.Equal(t, "2021-06-13T00:00:00Z", posts[0]["date"])
	assert.NotContains(t, posts[0], "error")
	assert.Contains(t, posts[1]["error"], "front matter")
	assert.Contains(t, posts[1]["body"], "Body B survives.")
	assert.Equal(t, "html", posts[2]["format"])
}

func TestUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 2, run(context.Background(), nil, nil, &out, &errOut))
	assert.Equal(t, 2, run(context.Background(), []string{"--nope", "x"}, nil, &out, &errOut))
	assert.Equal(t, 2, run(context.Background(), []string{"--timezone", "Mars/Base", "x"}, nil, &out, &errOut))
	assert.Equal(t, 1, run(context.Background(), []string{"does-not-exist.md"}, nil, &out, &errOut))
}

func TestSummaryLengthAndTimezone(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.md")
	require.NoError(t, os.WriteFile(p, []byte("---\ndate: 2021-06-13 10:00:00\n---\none two three four five six\n"), 0o644))
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"--json", "--summary-length", "10", "--timezone", "Asia/Shanghai", p}, nil, &out, &errOut), errOut.String())
	var m map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &m))
	assert.Equal(t, "one two…", m["summary"])
	assert.Equal(t, "2021-06-13T10:00:00+08:00", m["date"])
}

func TestSiteMode(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--json", "--drafts", "--sort", "date", "--limit", "2", "../../testdata/blog"}, nil, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2, "--limit 2")
	var newest map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &newest))
	assert.Equal(t, "unfinished", newest["slug"], "the draft is the newest post")
	assert.Equal(t, false, newest["published"])
	assert.Equal(t, "http://example.com/2024/01/15/unfinished/", newest["url"])

	out.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"stats", "--json", "../../testdata/blog"}, nil, &out, &errOut), errOut.String())
	var st map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &st))
	assert.Equal(t, map[string]any{"posts": 3.0, "published": 3.0, "words": 197.0, "categories": 6.0, "tags": 3.0,
		"first": "2021-06-13T10:00:00Z", "last": "2023-02-01T08:30:00Z", "errors": 0.0}, st)

	out.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"stats", "../../testdata/blog"}, nil, &out, &errOut))
	assert.Contains(t, out.String(), "posts       3")
}

func TestSiteErrorsNameFileAndLine(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "source", "_posts"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("title: t\n"), 0o644))
	for name, body := range map[string]string{
		"ok.md":   "---\ntitle: fine\ndate: 2020-01-01\n---\nok\n",
		"bad.md":  "---\ntitle: fine\ntitle: twice\n---\nok\n",
		"bad2.md": "---\na: [\n---\nok\n",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "source", "_posts", name), []byte(body), 0o644))
	}
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, run(context.Background(), []string{dir}, nil, &out, &errOut))
	assert.Contains(t, errOut.String(), filepath.Join(dir, "source", "_posts", "bad.md")+":3")
	assert.Contains(t, errOut.String(), filepath.Join(dir, "source", "_posts", "bad2.md")+":2")
	assert.Len(t, strings.Split(strings.TrimSpace(out.String()), "\n"), 4, "every post is listed, failed ones too")
}

func TestEditCommands(t *testing.T) {
	dir := t.TempDir()
	write := postWriter(t, dir)
	a := write("2021-06-12-a.md", "---\ntitle: A\ndate: Invalid Date\ntags: [x]\n---\nbody\n")
	b := write("b.md", "---\ntitle: B # keep\nheadimg: h.jpg\n---\r\n")
	ctx := context.Background()
	var out, errOut bytes.Buffer

	require.Equal(t, 0, run(ctx, []string{"set", "--dry-run", "tags=[x, go]", a}, nil, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "--- a/"+strings.TrimLeft(filepath.ToSlash(a), "/"), "an absolute path loses its leading slash: patch -p1 from the root")
	assert.Contains(t, out.String(), "-tags: [x]\n+tags: [x, go]\n", "a flow list stays one")
	got, _ := os.ReadFile(a)
	assert.Contains(t, string(got), "tags: [x]", "--dry-run writes nothing")

	out.Reset()
	require.Equal(t, 0, run(ctx, []string{"fix-dates", dir}, nil, &out, &errOut), errOut.String())
	assert.Equal(t, a+": date \"Invalid Date\" -> 2021-06-12 00:00:00\n", out.String())
	got, _ = os.ReadFile(a)
	assert.Equal(t, "---\ntitle: A\ndate: 2021-06-12 00:00:00\ntags: [x]\n---\nbody\n", string(got))

	out.Reset()
	require.Equal(t, 0, run(ctx, []string{"unset", "headimg", dir}, nil, &out, &errOut), errOut.String())
	assert.Equal(t, b+": headimg removed\n", out.String(), "only the post that has the key")
	got, _ = os.ReadFile(b)
	assert.Equal(t, "---\ntitle: B # keep\n---\r\n", string(got))

	require.Equal(t, 0, run(ctx, []string{"set", "cover=/c.jpg", b}, nil, &out, &errOut), errOut.String())
	got, _ = os.ReadFile(b)
	assert.Equal(t, "---\ntitle: B # keep\ncover: /c.jpg\n---\r\n", string(got))

	c := write("c.md", "---\ntitle: C\ndate: someday\n---\n")
	errOut.Reset()
	assert.Equal(t, 1, run(ctx, []string{"fix-dates", c}, nil, &out, &errOut))
	assert.Contains(t, errOut.String(), "neither the file name nor --date-default")
	require.Equal(t, 0, run(ctx, []string{"fix-dates", "--date-default", "2020-01-01", c}, nil, &out, &errOut))
	got, _ = os.ReadFile(c)
	assert.Equal(t, "---\ntitle: C\ndate: 2020-01-01 00:00:00\n---\n", string(got))

	assert.Equal(t, 2, run(ctx, []string{"set", "novalue", a}, nil, &out, &errOut))
	assert.Equal(t, 2, run(ctx, []string{"unset", "x"}, nil, &out, &errOut))
}

func TestLintAndFix(t *testing.T) {
	dir := t.TempDir()
	write := postWriter(t, dir)
	a := write("a.md", "\n---\ntitle: \"\"'Stray quotes'\"\"\ndate: 2021-06-12T10:00:00Z\nthumbnail: ''\n---\n<div>\n<p>one</p>\n\n    <p>two</p>\n</div>\n")
	b := write("b.md", "---\ntitle: B\ndate: 2021-06-13T10:00:00Z\n---\n{% note %}theme tag{% endnote %}\n")
	ctx := context.Background()
	var out, errOut bytes.Buffer

	assert.Equal(t, 1, run(ctx, []string{"lint", dir}, nil, &out, &errOut), "errors exit 1")
	assert.Equal(t, a+":3: frontmatter-invalid: did not find expected key: Hexo drops the post\n"+
		a+":10: markdown-html: the HTML body goes through Hexo's Markdown pass: this indented line after a blank line becomes a code block, its tags shown as text\n"+
		b+":5: unknown-tag: {% note %} is not a tag Hexo 8 knows: rendering fails and the post loses its content (a theme or plugin must provide it)\n", out.String())
	assert.Equal(t, "2 errors, 1 warning, 0 info; 2 fixable by hexopost fix\n", errOut.String())

	out.Reset()
	require.Equal(t, 0, run(ctx, []string{"fix", "--dry-run", a}, nil, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "-title: \"\"'Stray quotes'\"\"\n+title: 'Stray quotes'\n")
	assert.Contains(t, out.String(), "-thumbnail: ''\n")
	got, _ := os.ReadFile(a)
	assert.Contains(t, string(got), "thumbnail: ''", "--dry-run writes nothing")

	out.Reset()
	require.Equal(t, 0, run(ctx, []string{"fix", dir}, nil, &out, &errOut), errOut.String())
	// the break is repaired where lint found it, on line 10: repairs go in
	// the order of the lines they mend, so none moves a line not yet mended
	assert.Equal(t, a+":3: frontmatter-invalid: fixed\n"+a+":5: cover-empty: fixed\n"+a+":10: markdown-html: fixed\n", out.String())
	got, _ = os.ReadFile(a)
	assert.Equal(t, "\n---\ntitle: 'Stray quotes'\ndate: 2021-06-12T10:00:00Z\n---\n<div>\n<p>one</p>\n    <p>two</p>\n</div>\n", string(got))

	out.Reset()
	errOut.Reset()
	assert.Equal(t, 0, run(ctx, []string{"lint", "--json", a}, nil, &out, &errOut))
	assert.Empty(t, out.String())
	assert.Equal(t, 1, run(ctx, []string{"lint", "--json", b}, nil, &out, &errOut))
	var f struct{ Rule, Severity string }
	require.NoError(t, json.Unmarshal(out.Bytes(), &f))
	assert.Equal(t, "unknown-tag", f.Rule)
	assert.Equal(t, "error", f.Severity)

	out.Reset()
	assert.Equal(t, 0, run(ctx, []string{"lint", "--rules"}, nil, &out, &errOut))
	assert.Contains(t, out.String(), "markdown-html")
	assert.Equal(t, 2, run(ctx, []string{"fix", "--rules", "unknown-tag", a}, nil, &out, &errOut), "not a rule fix repairs")
	assert.Equal(t, 2, run(ctx, []string{"lint"}, nil, &out, &errOut))
}

// postWriter writes posts into dir and returns their paths.
func postWriter(t *testing.T, dir string) func(name, s string) string {
	return func(name, s string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
}

// TestDryRunDiffsApply: what --dry-run prints is a patch git apply and
// patch -p1 take, a file without a final newline and a rename included.
func TestDryRunDiffsApply(t *testing.T) {
	for _, tool := range []string{"git", "patch"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	posts := filepath.Join(dir, "source", "_posts")
	require.NoError(t, os.MkdirAll(posts, 0o755))
	files := map[string]string{
		"a.md": "---\ntitle: A\ncomments: no\n---\none\ntwo\nthree\nfour\nfive\n",
		"b.md": "---\ntitle: B\ncomments: no\n---\nno final newline",
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(posts, name), []byte(body), 0o644))
	}
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"fix", "--dry-run", "."}, nil, &out, &errOut), errOut.String())
	patch := filepath.Join(t.TempDir(), "fix.patch")
	require.NoError(t, os.WriteFile(patch, out.Bytes(), 0o644))
	for _, cmd := range [][]string{{"git", "apply", "--check", patch}, {"patch", "-p1", "--dry-run", "-i", patch}} {
		c := exec.Command(cmd[0], cmd[1:]...)
		c.Dir = dir
		msg, err := c.CombinedOutput()
		assert.NoError(t, err, "%v: %s\n%s", cmd, msg, out.String())
	}
	c := exec.Command("patch", "-p1", "-i", patch)
	c.Dir = dir
	msg, err := c.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	got, _ := os.ReadFile(filepath.Join(posts, "b.md"))
	assert.Equal(t, "---\ntitle: B\ncomments: false\n---\nno final newline", string(got), "the patch makes what fix would write")
}
