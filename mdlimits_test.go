package hexo

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMarkdownGuard checks each of the Markdown guard's limits: the error it
// gives, its line, and that the text is still read (as text).
func TestMarkdownGuard(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		opts       Options
		err        error // nil: no error
		line       int
		paragraphs []string
		headings   []string
	}{
		{
			name: "quotes nested past the limit: the deeper markers are text",
			src:  strings.Repeat("> ", 150) + "x\n", err: ErrTooDeep, line: 1,
			paragraphs: []string{strings.Repeat("> ", 50) + "x"},
		},
		{
			name: "list markers nested past the limit",
			src:  "intro\n\n" + strings.Repeat("- ", 150) + "x\n", err: ErrTooDeep, line: 3,
			paragraphs: []string{"intro", strings.Repeat("- ", 50) + "x"},
		},
		{
			name: "a staircase list past the limit: the line that goes too deep",
			src:  staircaseLines(103), err: ErrTooDeep, line: 101,
			paragraphs: append(slices.Repeat([]string{"x"}, 99), "x - x - x - x"), // the deeper lines continue the deepest item
		},
		{
			name:       "nesting at the limit is read",
			src:        strings.Repeat("> ", 100) + "x\n",
			paragraphs: []string{"x"},
		},
		{
			name: "link openers: the paragraph is plain text, the next one is Markdown",
			src:  strings.Repeat("[a](", 3000) + "\n\nok *yes*\n", err: ErrTooLarge, line: 1,
			paragraphs: []string{strings.Repeat("[a](", 3000), "ok yes"},
		},
		{
			name: "a heading of link openers keeps its text",
			src:  "# " + strings.Repeat("[a](", 3000) + "\n\nafter\n", err: ErrTooLarge, line: 1,
			headings:   []string{strings.Repeat("[a](", 3000)},
			paragraphs: []string{"after"},
		},
		{
			name: "a setext heading of link openers stays text",
			src:  strings.Repeat("[a](", 3000) + "\nmore\n===\n", err: ErrTooLarge, line: 1,
			paragraphs: []string{strings.Repeat("[a](", 3000) + " more", "==="},
		},
		{
			name:       "a thousand reference definitions are fine",
			src:        strings.Repeat("[a]: http://example.com/a\n", 1000) + "\n[a]\n",
			paragraphs: []string{"a"},
		},
		{
			name: "lines past MaxBlocks are cut",
			src:  "a\n\nb\n\nc\n\nd\n", opts: Options{MaxBlocks: 5}, err: ErrTooLarge, line: 6,
			paragraphs: []string{"a", "b", "c"},
		},
		{
			name: "a table padded far beyond its size stays text",
			src:  "|" + strings.Repeat("a|", 20000) + "\n|" + strings.Repeat("-|", 20000) + "\n" + strings.Repeat("|b|\n", 200),
			err:  ErrTooLarge, line: 1,
			paragraphs: []string{strings.TrimSpace("|" + strings.Repeat("a|", 20000) + " |" + strings.Repeat("-|", 20000) + strings.Repeat(" |b|", 200))},
		},
		{
			name:       "a table within its size is a table",
			src:        "|a|b|c|\n|-|-|-|\n|1|\n",
			paragraphs: []string{"a", "b", "c", "1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.opts.Parse([]byte(tt.src))
			if tt.err == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tt.err)
				var pe *ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, tt.line, pe.Line)
			}
			assert.Equal(t, tt.paragraphs, p.Paragraphs())
			var hs []string
			for _, h := range p.Headings() {
				hs = append(hs, h.Text)
			}
			assert.Equal(t, tt.headings, hs)
		})
	}
}

// TestMarkdownGuardQuietOnOurPosts: no post we have (ours, and the shared
// corpus when it is there) comes near a limit.
func TestMarkdownGuardQuietOnOurPosts(t *testing.T) {
	for _, dirs := range conformanceSuites(t) {
		for _, f := range postFiles(t, dirs[0]) {
			p, err := ParseFile(f)
			if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTooDeep) {
				t.Errorf("%s: %v", f, err)
			}
			if p.Format == FormatMarkdown {
				_, g := parseMarkdown([]byte(p.Body), p.opts.markdownLimits())
				assert.NoError(t, g.err, f)
			}
		}
	}
}

func staircaseLines(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", 2*i) + "- x\n")
	}
	return b.String()
}

func TestDestinationScans(t *testing.T) {
	tests := []struct {
		line string
		work int
	}{
		{"[a](b)", 1},               // to the ')' that closes it
		{"[a](b c)", 1},             // to the space
		{"[a](  b)", 1},             // spaces after "(" are skipped first
		{"[a](((", 2},               // to the end of the line
		{"[a](x)[b](y)", 2},         // one scan each
		{"[a](b(c)d)e", 5},          // balanced parentheses are part of it
		{`[a](\)x)`, 3},             // an escaped ')' is not
		{"](<a>", 2},                // "<...>" to the '>'
		{"[a](<b", 2},               // or to the end of the line
		{"[a]([a]([a](", 8 + 4 + 0}, // each scan runs to the end of the line
	}
	for _, tt := range tests {
		assert.Equal(t, tt.work, destinationScans([]byte(tt.line)), tt.line)
	}
}
