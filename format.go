package hexo

import (
	"path"
	"regexp"
	"strings"
)

// Which format a body is written in, from its file name and its first lines.

// sniffFormat: .html files are HTML; a body in any other file is HTML when it
// opens with a block-level tag, as our users' republished posts do.
func sniffFormat(name, body string) Format {
	if isHTMLFile(name) || looksLikeHTML(body) {
		return FormatHTML
	}
	return FormatMarkdown
}

// isHTMLFile: Hexo renders .html and .htm files as HTML, never as Markdown.
func isHTMLFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// looksLikeHTML says whether a body is HTML rather than Markdown: it opens
// with a block-level tag, and outside <pre> no line is a Markdown heading or
// fence, and at most one line in twenty starts like a Markdown list or quote.
func looksLikeHTML(body string) bool {
	s := strings.TrimLeft(body, " \t\n\r")
	if !htmlOpenRE.MatchString(s) {
		return false
	}
	inPre := 0
	lines, mdLines := 0, 0
	for line := range strings.SplitSeq(s, "\n") {
		if inPre == 0 {
			t := strings.TrimLeft(line, " ")
			if t != "" && strings.TrimSpace(t) != "" {
				lines++
				if len(line)-len(t) < 4 {
					switch markdownLine(t) {
					case 2:
						return false
					case 1:
						mdLines++
					}
				}
			}
		}
		if strings.IndexByte(line, '<') >= 0 {
			inPre += countFold(line, "<pre") - countFold(line, "</pre")
			inPre = max(inPre, 0)
		}
	}
	return mdLines*20 <= lines
}

// markdownLine says how surely a line starts a Markdown block: 2 for a
// heading or a code fence, 1 for a list item or a quote, 0 otherwise.
func markdownLine(t string) int {
	switch {
	case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
		return 2
	case t[0] == '#':
		n := runLength(t, '#')
		if n <= 6 && n < len(t) && t[n] == ' ' {
			return 2
		}
	case len(t) > 1 && (t[0] == '-' || t[0] == '*' || t[0] == '+' || t[0] == '>') && t[1] == ' ':
		return 1
	case isDigit(t[0]):
		n := digitsEnd(t, 0)
		if n+1 < len(t) && t[n] == '.' && t[n+1] == ' ' {
			return 1
		}
	}
	return 0
}

// countFold counts the ASCII-case-insensitive occurrences of lower in s.
func countFold(s, lower string) int {
	n := 0
	for i := 0; i+len(lower) <= len(s); i++ {
		if s[i] == '<' && strings.EqualFold(s[i:i+len(lower)], lower) {
			n++
		}
	}
	return n
}

var htmlOpenRE = regexp.MustCompile(`(?i)^<(?:div|article|section|p|h[1-6]|table|figure|blockquote|ul|ol|pre|main|header|footer|aside|nav|span|style|script|html|body|!doctype)\b`)
