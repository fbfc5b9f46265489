package hexo

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Severity ranks a Finding: an error is a post Hexo drops or mangles, a
// warning a post Hexo reads differently from what its author meant, an info
// a likely slip.
type Severity int

// The severities, from the mildest.
const (
	SeverityInfo Severity = iota
	SeverityWarning
	SeverityError
)

var severityNames = [...]string{"info", "warning", "error"}

// String returns the severity's name: "info", "warning" or "error".
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText writes the severity's name ("error"), as JSON does.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	i := slices.Index(severityNames[:], string(b))
	if i < 0 {
		return fmt.Errorf("unknown severity %q", b)
	}
	*s = Severity(i)
	return nil
}

// Finding is one problem in one post: where it is, which rule found it, and
// whether Fix can repair it.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"` // 1-based, in the file; 0 for the post as a whole
	Rule     string   `json:"rule"` // a stable id, listed by LintRules
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Fixable  bool     `json:"fixable"`
	// Key is the front-matter key the finding is about, if any.
	Key string `json:"key,omitempty"`
}

// String formats the finding like a compiler's message: file:line: rule: message.
func (f Finding) String() string {
	loc := f.File
	if loc == "" {
		loc = "post"
	}
	if f.Line > 0 {
		loc += fmt.Sprintf(":%d", f.Line)
	}
	return loc + ": " + f.Rule + ": " + f.Message
}

// Rule describes one check of Lint.
type Rule struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	// Fix says whether Fix can repair what the rule finds (some findings of a
	// fixable rule may still be beyond repair; their Fixable is false).
	Fix bool `json:"fix"`
	// Site is true for the rules only Site.Lint applies: they need the other
	// posts or the site's files.
	Site bool   `json:"site"`
	Doc  string `json:"doc"`
}

// The rules' ids.
const (
	RuleFrontMatterInvalid    = "frontmatter-invalid"
	RuleDuplicateKey          = "frontmatter-duplicate-key"
	RuleBlankLines            = "frontmatter-blank-lines"
	RuleTrailingSpace         = "frontmatter-trailing-space"
	RuleNoOpener              = "frontmatter-no-opener"
	RuleNotMapping            = "frontmatter-not-mapping"
	RuleDateInvalid           = "date-invalid"
	RuleDateZone              = "date-zone"
	RuleDateEpoch             = "date-epoch"
	RuleMarkdownHTML          = "markdown-html"
	RuleNunjucks              = "nunjucks"
	RuleUnknownTag            = "unknown-tag"
	RuleMoreMarker            = "more-marker"
	RuleMoreSplitsParagraph   = "more-splits-paragraph"
	RuleCoverEmpty            = "cover-empty"
	RuleImageMissing          = "image-missing"
	RuleDuplicatePath         = "duplicate-path"
	RuleDuplicateSlug         = "duplicate-slug"
	RuleTitleCollision        = "title-collision"
	RulePublishedEmpty        = "published-empty"
	RuleBoolString            = "bool-string"
	maxFindingsPerRulePerPost = 20 // a hostile post cannot flood the report
)

var lintRules = []Rule{
	{RuleFrontMatterInvalid, SeverityError, true, false, "YAML that Hexo's js-yaml refuses: Hexo drops the post. Fix quotes a one-line value YAML cannot read (a title with stray quotes)."},
	{RuleDuplicateKey, SeverityError, false, false, "A key written twice: Hexo drops the post."},
	{RuleBlankLines, SeverityError, true, false, "Two or more blank lines before the opening ---: Hexo reads no front matter and shows it as text. Fix removes the blank lines."},
	{RuleTrailingSpace, SeverityError, true, false, "An opening --- followed by spaces: Hexo sees no opener and shows the front matter as text. Fix removes the spaces."},
	{RuleNoOpener, SeverityError, false, false, "A post without front matter whose text before its first --- rule reads as YAML: Hexo takes that text as front matter (or drops the post when it is broken YAML)."},
	{RuleNotMapping, SeverityError, false, false, "A front-matter block that is a plain value, not key: value lines: Hexo shows the block as text."},
	{RuleDateInvalid, SeverityWarning, true, false, "A date or updated value that is no date (Invalid Date): Hexo silently uses the file's creation time. Fix writes the date in the file name, or --date-default."},
	{RuleDateZone, SeverityWarning, false, false, "A date without a time zone in a post read without one (no site timezone): Hexo reads it in the time zone of whatever machine builds the site."},
	{RuleDateEpoch, SeverityWarning, true, false, "A date written as a number: Hexo reads milliseconds since 1970, which few authors mean. Fix writes the same instant as a date."},
	{RuleMarkdownHTML, SeverityWarning, true, false, "An HTML body in a Markdown file that Hexo's Markdown pass changes: an indented line after a blank line becomes a code block, a blank line inside <pre> ends the HTML. Fix removes those blank lines (inside <pre> it writes &#10;) and indentation, which changes nothing the HTML shows."},
	{RuleNunjucks, SeverityWarning, true, false, "{{ }}, {# #} or a Nunjucks statement ({% if %}) in the text: Hexo executes it and the text vanishes. Fix wraps it in {% raw %}...{% endraw %}."},
	{RuleUnknownTag, SeverityError, false, false, "A {% tag %} Hexo 8 does not know (a theme's or a removed plugin's, an unclosed block tag): rendering fails and Hexo drops the post's content."},
	{RuleMoreMarker, SeverityInfo, true, false, "A <!-- more --> written so that Hexo does not match it (<!--more  -->, two spaces): no excerpt. Fix writes <!-- more -->."},
	{RuleMoreSplitsParagraph, SeverityInfo, false, false, "A <!-- more --> inside a line of text: the excerpt ends in the middle of a paragraph."},
	{RuleCoverEmpty, SeverityWarning, true, false, "An empty cover (thumbnail: ''): themes show a broken image instead of their default. Fix removes the key."},
	{RuleImageMissing, SeverityWarning, false, true, "A relative image (body or cover) that is neither in the site's source folder nor in the post's asset folder."},
	{RuleDuplicatePath, SeverityError, false, true, "Two published posts with the same permalink: Hexo writes one over the other."},
	{RuleDuplicateSlug, SeverityError, false, true, "Two posts with the same slug: post_link and asset tags find only one."},
	{RuleTitleCollision, SeverityError, false, true, "Two posts whose titles slugize alike: :title permalinks and hexo new collide."},
	{RulePublishedEmpty, SeverityInfo, false, false, "published: given with no value: null publishes the post, '' makes it a draft."},
	{RuleBoolString, SeverityInfo, true, false, "comments: no (or off, False): a string, which Hexo reads as true. Fix writes false."},
}

// LintRules returns every rule Lint and Site.Lint apply, in a stable order.
func LintRules() []Rule { return slices.Clone(lintRules) }

func ruleOf(id string) Rule {
	for _, r := range lintRules {
		if r.ID == id {
			return r
		}
	}
	return Rule{ID: id}
}

// Lint reports what Hexo will drop, mangle or misdate in the post: its front
// matter, its dates and its body. The findings come in line order. Rules
// that need the whole site (duplicate permalinks, missing images) are
// Site.Lint's. Lint only reads the post.
func Lint(p *Post) []Finding {
	text := normalise([]byte(p.src))
	l := linter{p: p, text: text, lines: newLineIndex(text)}
	l.frontMatter()
	if p.FrontMatter != nil {
		l.dates()
		l.fields()
	}
	l.body()
	slices.SortStableFunc(l.out, func(a, b Finding) int { return cmp.Compare(a.Line, b.Line) })
	return l.out
}

type linter struct {
	p     *Post
	text  string // the post's text, normalised
	lines lineIndex
	out   []Finding
	seen  map[string]int // findings per rule, capped
}

func (l *linter) add(rule string, line int, key string, fixable bool, format string, args ...any) {
	if l.seen == nil {
		l.seen = map[string]int{}
	}
	if l.seen[rule]++; l.seen[rule] > maxFindingsPerRulePerPost {
		return
	}
	r := ruleOf(rule)
	l.out = append(l.out, Finding{File: l.p.Source, Line: line, Rule: rule, Severity: r.Severity,
		Message: fmt.Sprintf(format, args...), Fixable: fixable && r.Fix, Key: key})
}

// lineIndex finds the line of an offset in a text by binary search, so that
// a post with many findings is not counted through once for each.
type lineIndex []int // offsets of the text's newlines

func newLineIndex(text string) lineIndex {
	var nl lineIndex
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return nl
		}
		nl = append(nl, i+j)
		i += j + 1
	}
}

// line is the 1-based line of an offset.
func (x lineIndex) line(off int) int {
	i, _ := slices.BinarySearch(x, off)
	return 1 + i
}

// bodyOffset is where the body starts in the normalised text.
func (l *linter) bodyOffset() int { return len(l.text) - len(l.p.Body) }

// frontMatter checks that the front matter the author wrote is the one Hexo reads.
func (l *linter) frontMatter() {
	p, text := l.p, l.text
	sp := splitFrontMatter(text)
	var derr error
	if sp.separator != "" && p.FrontMatter == nil { // a post with front matter decoded it without error
		_, derr = decodeFrontMatter(sp, &p.opts)
	}
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
			_, ok := repairFrontMatter(text)
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
	if _, rule, blank, ok := missedBlock(text); ok {
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
func missedBlock(text string) (fixed, rule string, blank int, ok bool) {
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
	fm, err := decodeFrontMatter(sp, &Options{})
	return fixed, rule, blank, err == nil && fm != nil
}

// dates checks date and updated.
func (l *linter) dates() {
	p := l.p
	for _, key := range []string{"date", "updated"} {
		v, ok := p.FrontMatter.Get(key)
		if !ok || !truthy(v) {
			continue
		}
		line := l.keyLine(key)
		switch v.(type) {
		case int64, float64:
			t, _ := dateValue(v, time.UTC)
			l.add(RuleDateEpoch, line, key, true, "%s %v is a number: Hexo reads milliseconds since 1970 (%s)", key, v, t.Format(time.RFC3339))
			continue
		}
		if _, ok := dateValue(v, time.UTC); !ok {
			_, named := nameDate(p.Source)
			l.add(RuleDateInvalid, line, key, named, "%s %q is not a date: Hexo silently uses the file's creation time", key, jsString(v))
			continue
		}
		if !p.zoneChosen {
			raw, ok := p.FrontMatter.text[key]
			if !ok {
				continue
			}
			a, _ := dateValue(raw, time.UTC)
			b, _ := dateValue(raw, fixedZone(5*3600))
			if !a.Equal(b) {
				l.add(RuleDateZone, line, key, false, "%s %q has no time zone: Hexo reads it in the zone of the machine that builds the site; add an offset or set timezone in _config.yml", key, raw)
			}
		}
	}
}

// fields checks covers and the boolean fields.
func (l *linter) fields() {
	fm := l.p.FrontMatter
	for _, k := range coverKeys {
		if v, ok := fm.Get(k); ok && (v == nil || v == "") {
			l.add(RuleCoverEmpty, l.keyLine(k), k, true, "%s is empty: themes show a broken image instead of their default cover", k)
		}
	}
	for _, k := range []string{"comments", "published"} {
		v, ok := fm.Get(k)
		if !ok {
			continue
		}
		switch s, isStr := v.(string); {
		case k == "published" && (v == nil || s == "" && isStr):
			reading := "publishes the post"
			if isStr {
				reading = "makes the post a draft"
			}
			l.add(RulePublishedEmpty, l.keyLine(k), k, false, "published has no value: Hexo %s; write true or false", reading)
		case isStr && falseWords[strings.ToLower(strings.TrimSpace(s))] && s != "false":
			l.add(RuleBoolString, l.keyLine(k), k, true, "%s: %s is the string %q, which Hexo reads as true; write false", k, s, s)
		}
	}
}

// falseWords are the strings authors mean as false that YAML 1.2 (and so
// Hexo) reads as non-empty, true strings.
var falseWords = map[string]bool{"no": true, "n": true, "off": true, "false": true, "否": true}

// keyLine is the file line of a top-level front-matter key, 0 when not found.
func (l *linter) keyLine(key string) int {
	head := l.text[:l.bodyOffset()]
	for i, line := range strings.Split(head, "\n") {
		t := strings.TrimLeft(line, " \t")
		if t != line && !strings.HasPrefix(t, `"`) { // nested YAML; JSON keys may be indented
			continue
		}
		t = strings.TrimPrefix(t, `"`)
		if rest, ok := strings.CutPrefix(t, key); ok {
			rest = strings.TrimPrefix(rest, `"`)
			if strings.HasPrefix(strings.TrimLeft(rest, " \t"), ":") {
				return i + 1
			}
		}
	}
	return 0
}

var fileNameDateRE = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})`)

// nameDate is the date a file name holds (2021-06-12-title.md), at midnight UTC.
func nameDate(name string) (time.Time, bool) {
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	m := fileNameDateRE.FindStringSubmatch(base)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3])
	return t, err == nil
}
