//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOutputCannotBeForged: titles, summaries and file names are escaped in
// every human-readable output, so a post cannot write a line of its own or
// send the terminal an escape sequence.
func TestOutputCannotBeForged(t *testing.T) {
	dir := t.TempDir()
	write := postWriter(t, dir)
	write("a.md", "---\ntitle: \"Hi\\e]0;owned\\a\\nfake.md:1: error: forged\"\n---\nBody \x1b[31mred\x1b[0m.\n")
	forged := write("x.md:1: error: forged\nb.md", "---\ntitle: b\ndate: Invalid Date\n---\nbody\n")

	var out, errOut bytes.Buffer
	run(context.Background(), []string{dir}, nil, &out, &errOut)
	assert.Contains(t, out.String(), `Hi\x1b]0;owned\x07\nfake.md:1: erro…`)
	assert.Contains(t, out.String(), `Body \x1b[31mred\x1b[0m.`)
	for _, s := range []string{out.String(), errOut.String()} {
		assert.NotContains(t, s, "\x1b")
		assert.NotContains(t, s, "\a")
	}

	out.Reset()
	errOut.Reset()
	run(context.Background(), []string{"lint", forged}, nil, &out, &errOut)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.NotEmpty(t, lines)
	for _, l := range lines {
		assert.True(t, strings.HasPrefix(l, filepath.Dir(forged)+`/x.md:1: error: forged\nb.md:`), "every line names the real file: %q", l)
	}
}

// TestPatchPathsQuotedAsGitDoes: a dry run names a file holding a line
// break, a quote or a backslash as git does, so that git apply finds that
// file and no other.
func TestPatchPathsQuotedAsGitDoes(t *testing.T) {
	for in, want := range map[string]string{
		"a/plain 标题.md":      "a/plain 标题.md",
		"a/x\nb.md":          `"a/x\nb.md"`,
		`a/x\nb.md`:          `"a/x\\nb.md"`,
		`a/say "hi".md`:      `"a/say \"hi\".md"`,
		"a/evil\u202egpj.md": `"a/evil\342\200\256gpj.md"`,
		"a/bad\xff.md":       `"a/bad\377.md"`,
		"a/tab\there.md":     `"a/tab\there.md"`,
	} {
		assert.Equal(t, want, gitQuote(in), "%q", in)
	}
}

func TestEscapeControlCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"plain 标题 ✓":      "plain 标题 ✓",
		"a\nb\tc\rd":      `a\nb\tc\rd`,
		"\x1b[2J\x07\x7f": `\x1b[2J\x07\x7f`,
		"\u0085\u009b":    `\u0085\u009b`,
		"ab\u202ecba":     `ab\u202ecba`,
		"x\u2028y":        `x\u2028y`,
		"bad\xffbyte":     `bad\xffbyte`,
		`a\nb.md`:         `a\\nb.md`, // not the name holding a line break
		`C:\posts`:        `C:\\posts`,
	} {
		assert.Equal(t, want, clean(in), "%q", in)
	}
}

// TestConcurrentSetsLoseNothing runs two hexopost set on one file at once,
// many times: an edit reported done is in the file; the other is refused.
func TestConcurrentSetsLoseNothing(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "p.md")
	for range 40 {
		require.NoError(t, os.WriteFile(name, []byte("---\ntitle: t\n---\nbody\n"), 0o644))
		var wg sync.WaitGroup
		codes := make([]int, 2)
		for i, kv := range []string{"a=1", "b=2"} {
			wg.Go(func() {
				var out, errOut bytes.Buffer
				codes[i] = run(context.Background(), []string{"set", kv, name}, nil, &out, &errOut)
				if codes[i] != 0 {
					assert.Contains(t, errOut.String(), "the file changed since it was read")
				}
			})
		}
		wg.Wait()
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		for i, line := range []string{"a: 1\n", "b: 2\n"} {
			if codes[i] == 0 {
				assert.Contains(t, string(b), line, "reported done, then lost")
			}
		}
	}
}

// TestImpossibleOffsetPrintsThePost: a date whose offset no zone has is the
// instant Hexo makes of it, and the post prints as JSON.
func TestImpossibleOffsetPrintsThePost(t *testing.T) {
	dir := t.TempDir()
	name := postWriter(t, dir)("p.md", "---\ntitle: t\ndate: 2021-01-01T00:00:00+99:99\n---\nbody\n")
	for _, args := range [][]string{{"--json", name}, {"stats", "--json", name}} {
		var out, errOut bytes.Buffer
		assert.Equal(t, 0, run(context.Background(), args, nil, &out, &errOut), errOut.String())
		assert.Contains(t, out.String(), `"2020-12-27T19:21:00Z"`)
	}
}
