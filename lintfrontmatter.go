package hexo

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// The front-matter rules: what the author wrote against what Hexo reads,
// and their repairs.

// frontMatter checks that the front matter the author wrote is the one Hexo reads.
func (l *linter) frontMatter() {
	p, text := l.p, l.text
	sp, derr := p.kept.split, p.kept.fmErr
	switch {
	case derr != nil && errors.Is(derr, ErrFrontMatter):
		line, msg := 0, derr.Error()
		var pe *ParseError
		if errors.As(derr, &pe) {
			line = pe.Line
		}
		var fe *frontMatterError
		if errors.As(derr, &fe) {
			msg = fe.err.Error()
		}
		switch {
		case !sp.prefix && !oneBlankLineOpener(sp):
			l.add(RuleNoOpener, 1, "", false, "the text before the --- rule on line %d is read as front matter, and it is broken YAML (%s): Hexo drops the post; start the post with a blank line or write the rule as ***", l.lines.line(len(sp.data))+1, msg)
		case errors.Is(derr, errDuplicateKey):
			l.add(RuleDuplicateKey, line, "", false, "%s: Hexo drops the post", msg)
		default:
			_, ok := repairFrontMatter(text, &p.opts, derr)
			l.add(RuleFrontMatterInvalid, line, "", ok, "%s: Hexo drops the post", msg)
		}
		return
	case derr != nil && errors.Is(derr, errNotMapping) && sp.prefix && strings.TrimSpace(sp.data) != "":
		l.add(RuleNotMapping, 2, "", false, "the front-matter block is a plain value, not key: value lines: Hexo shows it as text")
		return
	case p.FrontMatter != nil && !sp.prefix && !oneBlankLineOpener(sp):
		known := slices.ContainsFunc(p.FrontMatter.Keys(), func(k string) bool { return hexoKeys[k] || slices.Contains(coverKeys, k) })
		if !known {
			l.add(RuleNoOpener, 1, "", false, "the text before the --- rule on line %d is read as front matter (keys %s): start the post with a blank line or write the rule as ***", l.lines.line(len(sp.data))+1, strings.Join(p.FrontMatter.Keys(), ", "))
		}
		return
	case p.FrontMatter != nil:
		return
	}
	// No front matter read: is there a block Hexo missed?
	if _, rule, blank, ok := missedBlock(text, &p.opts); ok {
		if rule == RuleBlankLines {
			l.add(RuleBlankLines, 1, "", true, "%d blank lines before the opening ---: Hexo reads no front matter and shows it as text (one blank line at most)", blank)
		} else {
			l.add(RuleTrailingSpace, blank+1, "", true, "spaces after the opening ---: Hexo sees no front matter and shows it as text")
		}
	}
}

// oneBlankLineOpener is the scraped posts' form: blank lines, then "---". With
// one blank line Hexo's "new style" reads the block, as the author meant.
func oneBlankLineOpener(sp split) bool {
	return separatorRun(strings.TrimLeft(sp.data, "\n")) != ""
}

var openerSpaceRE = regexp.MustCompile(`^(-{3,}|;{3,})[ \t]+\n`)

// missedBlock finds front matter Hexo does not read: one after two or more
// blank lines, or one whose opener has trailing spaces. It returns the text
// repaired, when the repair gives a post with front matter, and the number
// of blank lines before the opener.
func missedBlock(text string, opts *Options) (fixed, rule string, blank int, ok bool) {
	i := 0 // the start of the first line that is not blank
	for {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 || strings.TrimSpace(text[i:i+j]) != "" {
			break
		}
		i += j + 1
		blank++
	}
	lead, rest := text[:i], text[i:]
	if blank >= 2 {
		lead = "" // one more problem the repair must mend
	}
	switch m := openerSpaceRE.FindStringSubmatch(rest); {
	case m != nil:
		fixed, rule = lead+m[1]+"\n"+rest[len(m[0]):], RuleTrailingSpace
	case blank >= 2 && separatorRun(rest) != "":
		fixed, rule = rest, RuleBlankLines
	default:
		return "", "", blank, false
	}
	sp := splitFrontMatter(fixed)
	if sp.separator == "" {
		return "", "", blank, false
	}
	fm, err := decodeFrontMatter(sp, opts)
	if err == nil {
		return fixed, rule, blank, fm != nil
	}
	// a block whose values the quoting repair mends: this repair first, that one after
	_, mends := repairFrontMatter(fixed, opts, err)
	return fixed, rule, blank, mends
}

// repairFrontMatterInvalid quotes the values YAML cannot read.
func repairFrontMatterInvalid(p *Post, _ Finding, _ FixOptions) error {
	if fixed, ok := repairFrontMatter(p.kept.text, &p.opts, p.kept.fmErr); ok {
		return p.rewrite(fixed)
	}
	return nil
}

// repairMissedBlock removes the blank lines before the opener, or the spaces after it.
func repairMissedBlock(p *Post, _ Finding, _ FixOptions) error {
	if fixed, _, _, ok := missedBlock(p.kept.text, &p.opts); ok {
		return p.rewrite(fixed)
	}
	return nil
}

// maxMendedLines bounds the lines repairFrontMatter quotes: each costs a
// decode of the block, so a block of broken lines costs at most that many.
const maxMendedLines = 20

// repairFrontMatter quotes, one line at a time as the decoder reports them,
// the one-line values YAML cannot read (title: """'a title'"""), until the
// block decodes. err is the decode error of text's block when the caller has
// it (nil: decode it); each later round decodes the block once, so the rounds
// are one more than the lines mended. ok is false when a line is not such a
// value, or more than maxMendedLines are.
func repairFrontMatter(text string, opts *Options, err error) (string, bool) {
	for mended := 0; ; mended++ {
		sp := splitFrontMatter(text)
		if sp.separator == "" || strings.HasPrefix(sp.separator, ";") {
			return text, false
		}
		if err == nil || mended > 0 {
			_, err = decodeFrontMatter(sp, opts)
		}
		if err == nil {
			return text, true
		}
		var pe *ParseError
		if mended == maxMendedLines || !errors.As(err, &pe) || pe.Line == 0 || errors.Is(err, errDuplicateKey) || !errors.Is(err, ErrFrontMatter) {
			return text, false
		}
		lines := strings.SplitAfter(text, "\n")
		if pe.Line > len(lines) {
			return text, false
		}
		line, ok := quoteValue(lines[pe.Line-1])
		if !ok || line == lines[pe.Line-1] {
			return text, false
		}
		lines[pe.Line-1] = line
		text = strings.Join(lines, "")
	}
}

var keyValueRE = regexp.MustCompile(`^([A-Za-z_][\w-]*):[ \t]+([^\[{|>&*!\s].*?)[ \t]*$`)

// quoteValue rewrites a top-level "key: value" line with the value in single
// quotes: the stray quotes around it dropped when nothing but quotes is lost,
// else the whole value as written (title: "a" b becomes title: '"a" b').
// ok is false when the quoted value would not read back with all its text.
func quoteValue(line string) (string, bool) {
	content := strings.TrimSuffix(line, "\n")
	m := keyValueRE.FindStringSubmatch(content)
	if m == nil {
		return line, false
	}
	quoted := "'" + strings.ReplaceAll(strayQuotesTrimmed(m[2]), "'", "''") + "'"
	var s string
	if yaml.Unmarshal([]byte(quoted), &s) != nil || !keepsText(m[2], s) {
		return line, false // a character YAML refuses or reads as a break
	}
	return m[1] + ": " + quoted + line[len(content):], true
}

// strayQuotesTrimmed drops quotes a scraper wrapped a value in: mirrored runs
// at both ends ("""'a'"""), or a lone opening quote never closed. It drops
// them only when what remains is the whole value, nothing but quotes lost:
// "a" b is not "a" closed, and an escape YAML would read (\") is text.
func strayQuotesTrimmed(v string) string {
	const quotes = `"'`
	lead := len(v) - len(strings.TrimLeft(v, quotes))
	trail := len(v) - len(strings.TrimRight(v, quotes))
	if lead > 0 && lead == trail && 2*lead < len(v) {
		open, closer := []byte(v[:lead]), v[len(v)-trail:]
		slices.Reverse(open)
		inner := v[lead : len(v)-trail]
		// only quotes go: "a "b" c" is a "b" c; but in "a" b "c" the quotes
		// are the author's, paired inside, and the value is kept whole
		if string(open) == closer && quotesPair(inner, '"') && quotesPair(inner, '\'') {
			return inner
		}
	}
	if lead >= 1 { // an opening quote never closed: the value as YAML would read it closed
		var s string
		if yaml.Unmarshal([]byte(v+v[:1]), &s) == nil && s != "" && keepsText(v, s) {
			return s
		}
	}
	return v
}

// quotesPair reports whether the quotes q of s open and close in turn, a
// quote after a space (or at the start) opening and any other closing: what
// a wrapper around s may hold.
func quotesPair(s string, q byte) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		if s[i] != q {
			continue
		}
		if i == 0 || s[i-1] == ' ' || s[i-1] == '\t' {
			depth++
		} else if depth--; depth < 0 {
			return false
		}
	}
	return depth == 0
}

// keepsText reports whether every character of v but its quotes is in s, in order.
func keepsText(v, s string) bool {
	for _, r := range v {
		if r == '"' || r == '\'' {
			continue
		}
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		_, w := utf8.DecodeRuneInString(s[i:]) // RuneError matches an invalid byte: one wide
		s = s[i+w:]
	}
	return true
}
