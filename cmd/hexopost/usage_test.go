package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hexopost runs the command line with stdin and returns its status and
// outputs.
func hexopost(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestFlagsAnywhere(t *testing.T) {
	for _, args := range [][]string{
		{"--json", "../../testdata/blog"},
		{"../../testdata/blog", "--json"},
		{"../../testdata/blog", "--sort", "date", "--json"},
	} {
		code, out, errOut := hexopost(t, "", args...)
		require.Equal(t, 0, code, "%v: %s", args, errOut)
		assert.Len(t, strings.Split(strings.TrimSpace(out), "\n"), 3, "%v", args)
		assert.True(t, strings.HasPrefix(out, `{"source"`), "%v: JSON lines, not a table", args)
	}
	for _, args := range [][]string{
		{"--json", "stats", "../../testdata/blog"},
		{"stats", "../../testdata/blog", "--json"},
	} {
		code, out, errOut := hexopost(t, "", args...)
		require.Equal(t, 0, code, "%v: %s", args, errOut)
		var st map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &st), "%v: the stats object", args)
		assert.Equal(t, 3.0, st["posts"])
	}

	// "--" ends the flags: a post named like a flag is read
	dir := t.TempDir()
	postWriter(t, dir)("-x.md", "---\ntitle: Dash\n---\nbody\n")
	t.Chdir(dir)
	code, out, errOut := hexopost(t, "", "--json", "--", "-x.md")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, `"title":"Dash"`)
}

func TestHelpAndVersion(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		usage string
	}{
		{[]string{"help"}, "usage: hexopost [flags] PATH..."},
		{[]string{"-h"}, "usage: hexopost [flags] PATH..."},
		{[]string{"--help"}, "usage: hexopost [flags] PATH..."},
		{[]string{"stats", "-h"}, "usage: hexopost stats [flags] PATH..."},
		{[]string{"help", "stats"}, "usage: hexopost stats [flags] PATH..."},
		{[]string{"set", "--help"}, "usage: hexopost set [--dry-run] [--drafts] KEY=VALUE... PATH..."},
		{[]string{"help", "lint"}, "usage: hexopost lint [--json]"},
		{[]string{"fix", "-h"}, "usage: hexopost fix [--dry-run]"},
		{[]string{"help", "fix-dates"}, "usage: hexopost fix-dates"},
		{[]string{"unset", "-h", "x"}, "usage: hexopost unset"},
		{[]string{"help", "help"}, "usage: hexopost help [COMMAND]"},
		{[]string{"help", "-h"}, "usage: hexopost help [COMMAND]"},
		{[]string{"help", "--help"}, "usage: hexopost help [COMMAND]"},
	} {
		code, out, errOut := hexopost(t, "", tc.args...)
		assert.Equal(t, 0, code, "%v exits 0", tc.args)
		assert.True(t, strings.HasPrefix(out, tc.usage), "%v prints its usage on stdout:\n%s", tc.args, out)
		assert.Empty(t, errOut, "%v", tc.args)
	}
	_, out, _ := hexopost(t, "", "help")
	for _, cmd := range commands {
		assert.Contains(t, out, "\n  "+cmd.name+" ", "help lists %s", cmd.name)
	}

	code, _, errOut := hexopost(t, "", "help", "nope")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `"nope" is not a command`)

	// a mistake prints the usage on stderr, and nothing on stdout
	code, out, errOut = hexopost(t, "", "stats", "--nope", "x")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "flag provided but not defined: -nope\nusage: hexopost stats")

	for args, want := range map[[2]string]string{ // a set that cannot run says why before the usage
		{"=1", "p.md"}:  `hexopost: set: "=1" has no KEY before its "="`,
		{"a=1", ""}:     "hexopost: set: no PATH after the KEY=VALUE pairs",
		{"p.md", ""}:    "hexopost: set: no KEY=VALUE pair before the paths",
		{"+=x", "p.md"}: `hexopost: set: "+=x" has no KEY before its "="`,
	} {
		argv := []string{"set", args[0]}
		if args[1] != "" {
			argv = append(argv, args[1])
		}
		code, out, errOut := hexopost(t, "", argv...)
		assert.Equal(t, 2, code, "%q", argv)
		assert.Empty(t, out)
		assert.True(t, strings.HasPrefix(errOut, want+"\nusage: hexopost set"), "%q: %s", argv, errOut)
	}

	code, out, _ = hexopost(t, "", "--version")
	assert.Equal(t, 0, code)
	assert.Regexp(t, `^hexopost \S+( \(.*\))? go1\.\d+`, out)
	code, out2, errOut := hexopost(t, "", "version") // it said "stat version: no such file or directory"
	assert.Equal(t, 0, code, errOut)
	assert.Equal(t, out, out2)
}

func TestStandardInput(t *testing.T) {
	post := "---\ntitle: From stdin\ndate: 2021-06-13 10:00:00\ntags: [a]\n---\nThe body.\n"
	code, out, errOut := hexopost(t, post, "--json", "-")
	require.Equal(t, 0, code, errOut)
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &m))
	assert.Equal(t, "From stdin", m["title"])
	assert.Equal(t, stdinName, m["source"])

	code, out, errOut = hexopost(t, "---\ntitle: \"a\"b\"\n---\nx\n", "lint", "-")
	assert.Equal(t, 1, code)
	assert.True(t, strings.HasPrefix(out, "<stdin>:2: frontmatter-invalid: "), out)
	assert.Contains(t, errOut, "1 error")

	// an edit of standard input is written to standard output
	code, out, errOut = hexopost(t, post, "set", "title=Edited", "comments=false", "-")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "---\ntitle: Edited\ndate: 2021-06-13 10:00:00\ntags: [a]\ncomments: false\n---\nThe body.\n", out)
	code, out, _ = hexopost(t, post, "unset", "title", "-")
	require.Equal(t, 0, code)
	assert.Equal(t, "---\ndate: 2021-06-13 10:00:00\ntags: [a]\n---\nThe body.\n", out)
	code, out, _ = hexopost(t, "---\ntitle: T\ncomments: no\n---\nx\n", "fix", "-")
	require.Equal(t, 0, code)
	assert.Equal(t, "---\ntitle: T\ncomments: false\n---\nx\n", out)
	code, out, _ = hexopost(t, post, "set", "--dry-run", "title=Edited", "-")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "-title: From stdin\n+title: Edited\n", "a diff with --dry-run")

	// standard input holds one post: a second "-" is a mistake, not an empty post
	for _, args := range [][]string{{"--json", "-", "-"}, {"lint", "-", "--", "-"}, {"set", "a=b", "-", "x.md", "-"}} {
		code, out, errOut = hexopost(t, post, args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.Contains(t, errOut, `"-" (standard input) may be given once`, "%v", args)
	}
}

func TestSetSeveralKeysAndEmptyValues(t *testing.T) {
	dir := t.TempDir()
	write := postWriter(t, dir)
	a := write("a.md", "---\ntitle: A\n---\nbody\n")
	b := write("a=b.md", "---\ntitle: B\n---\nbody\n")
	code, out, errOut := hexopost(t, "", "set", "title=", "author=null", "tags=[x, go]", a, "./"+filepath.Base(b))
	assert.Equal(t, 1, code, "./a=b.md is looked up from the working folder, not %s", dir)
	assert.Contains(t, errOut, "a=b.md")
	got, _ := os.ReadFile(a)
	assert.Equal(t, "---\ntitle: \"\"\nauthor: null\ntags:\n  - x\n  - go\n---\nbody\n", string(got),
		"KEY= is the empty string, KEY=null a null")
	assert.Equal(t, a+": title set, author set, tags set\n", out)

	t.Chdir(dir)
	code, _, errOut = hexopost(t, "", "set", "lang=en", "./a=b.md")
	require.Equal(t, 0, code, errOut)
	got, _ = os.ReadFile(b)
	assert.Equal(t, "---\ntitle: B\nlang: en\n---\nbody\n", string(got), "a path holding = is ./a=b.md")

	for _, args := range [][]string{{"set", "title=x"}, {"set", "a.md"}, {"set", "=x", "a.md"}} {
		code, _, errOut = hexopost(t, "", args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Contains(t, errOut, "usage: hexopost set", "%v", args)
	}
}

func TestNothingFoundIsSaid(t *testing.T) {
	empty := t.TempDir()
	code, out, errOut := hexopost(t, "", empty)
	assert.Equal(t, 1, code, "no posts is a failure")
	assert.Empty(t, out, "no empty table")
	assert.Contains(t, errOut, empty+": no posts found: no _config.yml here")
	assert.Contains(t, errOut, "names starting with _ or . are skipped")

	_, _, errOut = hexopost(t, "", "../../testdata/blog/source")
	assert.Contains(t, errOut, "this folder holds _posts: give the site's folder, the one with _config.yml")

	site := t.TempDir()
	postWriter(t, site)("_config.yml", "title: t\n")
	require.NoError(t, os.MkdirAll(filepath.Join(site, "source", "_drafts"), 0o755))
	postWriter(t, filepath.Join(site, "source", "_drafts"))("d.md", "---\ntitle: D\n---\n")
	code, _, errOut = hexopost(t, "", "stats", site)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "Hexo reads the post files of source/_posts; drafts are read with SiteOptions.Drafts (hexopost --drafts)")
	code, _, errOut = hexopost(t, "", "--drafts", site)
	assert.Equal(t, 0, code, errOut)

	code, _, errOut = hexopost(t, "", "lint", empty)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "no posts found")
}

func TestLintRulesAligned(t *testing.T) {
	code, out, _ := hexopost(t, "", "lint", "--rules")
	require.Equal(t, 0, code)
	col := -1
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.HasPrefix(line, "    ") {
			continue // the doc
		}
		assert.Equal(t, line, strings.TrimRight(line, " "), "no trailing spaces")
		at := strings.Index(line, "  ") + 2
		at += len(line[at:]) - len(strings.TrimLeft(line[at:], " "))
		if col < 0 {
			col = at
		}
		assert.Equal(t, col, at, "the severity column is aligned: %q", line)
	}
}

func TestPages(t *testing.T) {
	site := "../../testdata/sites/pages"
	code, out, _ := hexopost(t, "", "--json", site)
	assert.Equal(t, 0, code)
	assert.Len(t, strings.Split(strings.TrimSpace(out), "\n"), 1, "the posts only, without --pages")

	code, out, errOut := hexopost(t, "", "--json", "--pages", site)
	assert.Equal(t, 1, code, "a page Hexo refuses fails the run, as a post does")
	assert.Contains(t, errOut, "broken.md:2")
	var paths []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m struct {
			Page bool
			Path string
		}
		require.NoError(t, json.Unmarshal([]byte(l), &m))
		paths = append(paths, fmt.Sprint(m.Page, " ", m.Path))
	}
	assert.Equal(t, []string{"false 2021/06/12/hello/", "true _partial/keep.html", "true about/index.html", "true broken.html",
		"true /guide/index.html", "true manual.html", "true links.html", "true nodate.html"}, paths, "posts, then pages")

	code, out, _ = hexopost(t, "", "stats", "--json", "--pages", site)
	assert.Equal(t, 1, code)
	var st map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &st))
	assert.Equal(t, 1.0, st["posts"])
	assert.Equal(t, 7.0, st["pages"])

	// a site of pages only is no failure with --pages
	only := t.TempDir()
	postWriter(t, only)("_config.yml", "title: t\n")
	require.NoError(t, os.MkdirAll(filepath.Join(only, "source", "about"), 0o755))
	postWriter(t, filepath.Join(only, "source", "about"))("index.md", "---\ntitle: About\n---\nme\n")
	code, out, errOut = hexopost(t, "", "--pages", only)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "About")
	code, _, errOut = hexopost(t, "", only)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "no posts found")
}
