package hexo

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
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
	// repair mends one finding of the rule (nil: the rule has none); with
	// once it mends them all at a time.
	repair func(p *Post, f Finding, opts FixOptions) error
	once   bool
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
	RuleFileNameEncoding      = "file-name-encoding"
	RuleSiteConfigInvalid     = "site-config-invalid"
	RuleBoolString            = "bool-string"
	maxFindingsPerRulePerPost = 20 // a hostile post cannot flood the report
)

var lintRules = []Rule{
	{RuleFrontMatterInvalid, SeverityError, true, false, "YAML that Hexo's js-yaml refuses: Hexo drops the post. Fix quotes a one-line value YAML cannot read (a title with stray quotes).", repairFrontMatterInvalid, true},
	{RuleDuplicateKey, SeverityError, false, false, "A key written twice: Hexo drops the post.", nil, false},
	{RuleBlankLines, SeverityError, true, false, "Two or more blank lines before the opening ---: Hexo reads no front matter and shows it as text. Fix removes the blank lines.", repairMissedBlock, true},
	{RuleTrailingSpace, SeverityError, true, false, "An opening --- followed by spaces: Hexo sees no opener and shows the front matter as text. Fix removes the spaces.", repairMissedBlock, true},
	{RuleNoOpener, SeverityError, false, false, "A post without front matter whose text before its first --- rule reads as YAML: Hexo takes that text as front matter (or drops the post when it is broken YAML).", nil, false},
	{RuleNotMapping, SeverityError, false, false, "A front-matter block that is a plain value, not key: value lines: Hexo shows the block as text.", nil, false},
	{RuleDateInvalid, SeverityWarning, true, false, "A date or updated value that is no date (Invalid Date): Hexo silently uses the file's creation time. Fix writes the date in the file name, or --date-default.", repairDateInvalid, false},
	{RuleDateZone, SeverityWarning, false, false, "A date without a time zone in a post read without one (no site timezone): Hexo reads it in the time zone of whatever machine builds the site.", nil, false},
	{RuleDateEpoch, SeverityWarning, true, false, "A date written as a number: Hexo reads milliseconds since 1970, which few authors mean. Fix writes the same instant as a date.", repairDateEpoch, false},
	{RuleMarkdownHTML, SeverityWarning, true, false, "An HTML body in a Markdown file that Hexo's Markdown pass changes: an indented line after a blank line becomes a code block, a blank line inside <pre> ends the HTML. Fix removes those blank lines (inside <pre> it writes &#10;) and indentation, which changes nothing the HTML shows.", repairMarkdownHTML, true},
	{RuleNunjucks, SeverityWarning, true, false, "{{ }}, {# #} or a Nunjucks statement ({% if %}) in the text: Hexo executes it and the text vanishes. Fix wraps it in {% raw %}...{% endraw %} where the post then shows the same text, heading ids, links and images (not in a link destination, a heading or a reference definition), never in code.", repairNunjucks, true},
	{RuleUnknownTag, SeverityError, false, false, "A {% tag %} Hexo 8 does not know (a theme's or a removed plugin's, an unclosed block tag): rendering fails and Hexo drops the post's content.", nil, false},
	{RuleMoreMarker, SeverityInfo, true, false, "A <!-- more --> written so that Hexo does not match it (<!--more  -->, two spaces): no excerpt. Fix writes <!-- more --> (a marker in code is code, not a marker).", repairMoreMarker, true},
	{RuleMoreSplitsParagraph, SeverityInfo, false, false, "A <!-- more --> inside a line of text: the excerpt ends in the middle of a paragraph.", nil, false},
	{RuleCoverEmpty, SeverityWarning, true, false, "An empty cover (thumbnail: ''): themes show a broken image instead of their default. Fix removes the key.", repairCoverEmpty, false},
	{RuleImageMissing, SeverityWarning, false, true, "A relative image (body or cover) that is neither in the site's source folder nor in the post's asset folder.", nil, false},
	{RuleSiteConfigInvalid, SeverityError, false, true, "A _config.yml that cannot be read (broken YAML, a value of the wrong kind, an unknown timezone): the site's other findings were made with Hexo's defaults where it failed, and may be wrong.", nil, false},
	{RuleDuplicatePath, SeverityError, false, true, "Two published posts with the same permalink: Hexo writes one over the other.", nil, false},
	{RuleDuplicateSlug, SeverityError, false, true, "Two posts with the same slug: post_link and asset tags find only one.", nil, false},
	{RuleTitleCollision, SeverityInfo, false, true, "Two posts with the same title. Hexo builds both (a :title permalink comes from the file name, and hexo new adds -1 to a name taken), but archives, feeds and search results show two posts alike.", nil, false},
	{RulePublishedEmpty, SeverityInfo, false, false, "published: given with no value: null publishes the post, '' makes it a draft.", nil, false},
	{RuleBoolString, SeverityInfo, true, false, "comments: no (or off, False): a string, which Hexo reads as true. Fix writes false.", repairBoolString, false},
	{RuleFileNameEncoding, SeverityWarning, true, false, "A file name that is not UTF-8 (GBK, from an older Chinese blog): Hexo cannot read the post. Fix renames the file to its name decoded as GB 18030, when the bytes decode cleanly and no file has that name; Save makes the rename.", repairFileName, false},
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
func Lint(p *Post) []Finding { return lint(p, nil) }

// lint is Lint keeping the body repairs it proves in ps (nil: none kept).
func lint(p *Post, ps proofs) []Finding {
	text := p.kept.text
	l := linter{p: p, text: text, lines: newLineIndex(text), proofs: ps}
	l.frontMatter()
	if p.FrontMatter != nil {
		l.dates()
		l.fields()
	}
	l.body()
	l.fileName()
	slices.SortStableFunc(l.out, byLine)
	return l.out
}

func byLine(a, b Finding) int { return cmp.Compare(a.Line, b.Line) }

type linter struct {
	p     *Post
	text  string // the post's text, normalised
	lines lineIndex
	out   []Finding
	seen  map[string]int // findings per rule, capped
	// proofs are the body repairs proved for Fix, which repairs next
	proofs proofs
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
