package hexo

import (
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
)

// Summary returns the start of the body's text, at most Options.SummaryLength
// user-perceived characters (grapheme clusters) long, "…" included when
// something was cut. It never cuts a cluster (an emoji, a letter with its
// accents) and, in spaced scripts, never a word; CJK text may be cut between
// any two characters. Unlike hexo-util's truncate, which counts UTF-16 units
// and reads stripHTML's text, it never shows style or script content.
func (p *Post) Summary() string {
	return truncateText(p.Text(), p.opts.summaryLength(), "…")
}

// truncateText cuts collapsed text to at most n grapheme clusters, mark included.
func truncateText(text string, n int, mark string) string {
	text = collapseSpace(text)
	if uniseg.GraphemeClusterCount(text) <= n {
		return text
	}
	keep := n - uniseg.GraphemeClusterCount(mark)
	if keep <= 0 {
		return ""
	}
	cut, count := 0, 0
	state := -1
	rest := text
	for len(rest) > 0 && count < keep {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		cut += len(cluster)
		count++
	}
	cut = wordCut(text, cut)
	return strings.TrimRightFunc(text[:cut], isSpace) + mark
}

// wordCut moves a cut that falls inside a word of a spaced script back to the
// space before that word; a cut next to CJK text, or in a word with no space
// before it, stays.
func wordCut(text string, cut int) int {
	if cut >= len(text) {
		return cut
	}
	before := lastRune(text[:cut])
	after := firstRune(text[cut:])
	if !isWordRune(before) || !isWordRune(after) {
		return cut
	}
	if i := strings.LastIndexFunc(text[:cut], isSpace); i > 0 {
		return i
	}
	return cut
}

func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) && !isCJK(r)
}

func lastRune(s string) rune {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			return []rune(s[i:])[0]
		}
	}
	return 0
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
