package hexo

import "strings"

// normalise turns the file's bytes into the text Hexo works on: hexo-fs drops a
// leading byte-order mark and turns CRLF into LF before any rule runs.
func normalise(src []byte) string {
	s := string(src)
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	return s
}

// split is hexo-front-matter's split: which part of the text is front matter.
type split struct {
	data      string // the front-matter text, without separators
	dataLine  int    // 1-based line of the text where data starts
	content   string // the body
	separator string // "---", ";;;", "----"...; empty when there is no front matter
	prefix    bool   // true when the text opened with the separator (the classic style)
}

// splitFrontMatter reproduces hexo-front-matter's three regular expressions
// (Go's regexp has no back-references, so they are written out):
//
//	/^(-{3,}|;{3,})\n([\s\S]+?)\n\1\n?([\s\S]*)/   classic: the first closer that starts with the opener wins
//	/^(-{3,}|;{3,})/                               opens with a separator but no block: no front matter
//	/^([\s\S]+?)\n(-{3,}|;{3,})(?:$|\n([\s\S]*)$)/  new style: text before the first separator line
func splitFrontMatter(s string) split {
	if sep := separatorRun(s); sep != "" {
		rest := s[len(sep):]
		if strings.HasPrefix(rest, "\n") {
			rest = rest[1:]
			// data is at least one character, so the closer is searched from index 1.
			if len(rest) > 0 {
				if i := strings.Index(rest[1:], "\n"+sep); i >= 0 {
					i++
					content := rest[i+1+len(sep):]
					content = strings.TrimPrefix(content, "\n")
					return split{data: rest[:i], dataLine: 2, content: content, separator: sep, prefix: true}
				}
			}
		}
		return split{content: s}
	}
	// New style: the first "\n" followed by a separator run that ends the line or the text.
	for from := 1; from < len(s); {
		i := strings.Index(s[from:], "\n")
		if i < 0 {
			break
		}
		i += from
		if sep := separatorRun(s[i+1:]); sep != "" {
			after := s[i+1+len(sep):]
			if after == "" {
				return split{data: s[:i], dataLine: 1, separator: sep}
			}
			if after[0] == '\n' {
				return split{data: s[:i], dataLine: 1, content: after[1:], separator: sep}
			}
			// "---x": the separator run is greedy and must end the line; try the next line.
		}
		from = i + 1
	}
	return split{content: s}
}

// separatorRun returns the run of three or more '-' or ';' that s starts with.
func separatorRun(s string) string {
	if len(s) < 3 || (s[0] != '-' && s[0] != ';') {
		return ""
	}
	n := runLength(s, s[0])
	if n < 3 {
		return ""
	}
	return s[:n]
}
