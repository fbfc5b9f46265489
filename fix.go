package hexo

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// FixOptions chooses what Fix repairs.
type FixOptions struct {
	// Rules limits Fix to these rule ids; empty means every rule it can repair.
	Rules []string
	// DateDefault is written for a date Hexo cannot read when the file name
	// (2021-06-12-title.md) holds none.
	DateDefault time.Time
}

// Fix repairs, in memory, what Lint finds that can be repaired safely, and
// returns the findings it repaired; Bytes, Save or WriteFile give the result. Each
// repair goes through the same byte-preserving edits as SetField: only the
// lines it mends change, and the post is parsed again after each. What the
// post shows does not change beyond the repaired fields: a front matter Hexo
// dropped is read, a date is written, an empty cover key goes, and body
// repairs (an HTML body made safe for Markdown, Nunjucks text in
// {% raw %}, the more marker) keep the text, headings and images as they
// were. A repair that would break the front matter is not made and is
// returned as an error, with the repairs made before it.
func Fix(p *Post, opts FixOptions) ([]Finding, error) {
	var fixed []Finding
	tried := map[string]bool{}
	for range 200 {
		all := Lint(p)
		var next *Finding
		for i, f := range all {
			if !f.Fixable && !(f.Rule == RuleDateInvalid && !opts.DateDefault.IsZero()) ||
				len(opts.Rules) > 0 && !slices.Contains(opts.Rules, f.Rule) {
				continue
			}
			id := f.Rule + "\x00" + f.Key + "\x00" + strconv.Itoa(f.Line)
			if !tried[id] {
				tried[id] = true
				next = &all[i]
				break
			}
		}
		if next == nil {
			break
		}
		if err := fixOne(p, *next, opts); err != nil {
			return fixed, err
		}
		if next.Rule != RuleNunjucks {
			fixed = append(fixed, *next)
			continue
		}
		for _, f := range all { // one repair wraps every Nunjucks text of the post
			if f.Rule == RuleNunjucks && f.Fixable {
				fixed = append(fixed, f)
			}
		}
	}
	return fixed, nil
}

func fixOne(p *Post, f Finding, opts FixOptions) error {
	text := normalise([]byte(p.src))
	bodyOff := len(text) - len(p.Body)
	switch f.Rule {
	case RuleFrontMatterInvalid:
		if fixed, ok := repairFrontMatter(text); ok {
			return p.rewrite(fixed)
		}
	case RuleBlankLines, RuleTrailingSpace:
		if fixed, _, _, ok := missedBlock(text); ok {
			return p.rewrite(fixed)
		}
	case RuleDateInvalid:
		d, ok := nameDate(p.Source)
		if !ok {
			d = opts.DateDefault
		}
		return p.SetField(f.Key, d)
	case RuleDateEpoch:
		v, _ := p.FrontMatter.Get(f.Key)
		if t, ok := dateValue(v, time.UTC); ok {
			return p.SetField(f.Key, t)
		}
	case RuleCoverEmpty:
		return p.DeleteField(f.Key)
	case RuleBoolString:
		return p.SetField(f.Key, false)
	case RuleMarkdownHTML:
		if mended, ok := mendHTMLBody(p.Body, p.opts.markdownLimits()); ok {
			return p.rewrite(text[:bodyOff] + mended)
		}
	case RuleNunjucks:
		return p.rewrite(text[:bodyOff] + rawNunjucks(p.Body))
	case RuleMoreMarker:
		if v := moreVariant(p.Body); v != nil {
			return p.rewrite(text[:bodyOff] + p.Body[:v[0]] + "<!-- more -->" + p.Body[v[1]:])
		}
	}
	return nil
}

// rewrite replaces the post's normalised text with fixed: the one span where
// they differ is edited on the original bytes (line endings and BOM kept),
// and the post is parsed again.
func (p *Post) rewrite(fixed string) error {
	text := normalise([]byte(p.src))
	pre := 0
	for pre < len(text) && pre < len(fixed) && text[pre] == fixed[pre] {
		pre++
	}
	suf := 0
	for suf < len(text)-pre && suf < len(fixed)-pre && text[len(text)-1-suf] == fixed[len(fixed)-1-suf] {
		suf++
	}
	src := applyEdit(p.src, text, textEdit{start: pre, end: len(text) - suf, repl: fixed[pre : len(fixed)-suf]})
	np, err := p.opts.parse([]byte(src), p.Source)
	if errors.Is(err, ErrFrontMatter) && p.FrontMatter != nil {
		return editError(p, fmt.Errorf("the repair would break the front matter: %w", err))
	}
	p.adopt(np)
	return nil
}

// adopt makes p the re-parsed np, keeping what the site gave it.
func (p *Post) adopt(np *Post) {
	np.Assets, np.rederive, np.origin = p.Assets, p.rederive, p.origin
	if np.rederive != nil {
		np.rederive(np) // slug, draft, dates from the file name, permalink
	}
	*p = *np
}

// repairFrontMatter quotes, one line at a time as the decoder reports them,
// the one-line values YAML cannot read (title: """'a title'"""), until the
// block decodes. ok is false when a line is not such a value.
func repairFrontMatter(text string) (string, bool) {
	for range 20 {
		sp := splitFrontMatter(text)
		if sp.separator == "" || strings.HasPrefix(sp.separator, ";") {
			return text, false
		}
		_, err := decodeFrontMatter(sp, &Options{})
		if err == nil {
			return text, true
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line == 0 || errors.Is(err, errDuplicateKey) || !errors.Is(err, ErrFrontMatter) {
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
	return text, false
}

var keyValueRE = regexp.MustCompile(`^([A-Za-z_][\w-]*):[ \t]+([^\[{|>&*!\s].*?)[ \t]*$`)

// quoteValue rewrites a top-level "key: value" line with the value in single
// quotes, the stray quotes around it dropped.
func quoteValue(line string) (string, bool) {
	content := strings.TrimSuffix(line, "\n")
	m := keyValueRE.FindStringSubmatch(content)
	if m == nil {
		return line, false
	}
	v := strayQuotesTrimmed(m[2])
	return m[1] + ": '" + strings.ReplaceAll(v, "'", "''") + "'" + line[len(content):], true
}

// strayQuotesTrimmed drops quotes a scraper wrapped a value in: mirrored runs
// at both ends ("""'a'"""), or a lone opening quote never closed.
func strayQuotesTrimmed(v string) string {
	const quotes = `"'`
	lead := len(v) - len(strings.TrimLeft(v, quotes))
	trail := len(v) - len(strings.TrimRight(v, quotes))
	if lead > 0 && lead == trail && 2*lead < len(v) {
		open, closer := []byte(v[:lead]), v[len(v)-trail:]
		slices.Reverse(open)
		if string(open) == closer {
			return v[lead : len(v)-trail]
		}
	}
	if lead >= 1 { // an opening quote never closed: the value as YAML would read it closed
		var s string
		if yaml.Unmarshal([]byte(v+v[:1]), &s) == nil && s != "" {
			return s
		}
	}
	return v
}
