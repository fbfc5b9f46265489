package hexo

import (
	"errors"
	"fmt"
	"slices"
	"time"
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
	all := Lint(p)
	done := map[string]bool{} // rules repaired as far as they go
	for {
		// a repair can bring findings the post did not have (a front matter
		// read at last has its own): rules are taken up until none is left
		rules := repairOrder(all, opts, done)
		if len(rules) == 0 {
			break
		}
		for _, r := range rules {
			done[r.ID] = true
			var err error
			if fixed, all, err = repairRule(p, r, all, fixed, opts); err != nil {
				slices.SortStableFunc(fixed, byLine)
				return fixed, err
			}
		}
	}
	slices.SortStableFunc(fixed, byLine)
	return fixed, nil
}

// repairRule repairs the rule's findings one at a time; after each repair
// the post is linted again (a repair moves lines and may mend more than its
// own finding). Lint reports at most maxFindingsPerRulePerPost of a rule.
func repairRule(p *Post, r Rule, all, fixed []Finding, opts FixOptions) ([]Finding, []Finding, error) {
	for range maxFindingsPerRulePerPost + 1 {
		fs := fixable(all, r.ID, opts)
		if len(fs) == 0 {
			break
		}
		before := p.src
		if err := r.repair(p, fs[0], opts); err != nil {
			return fixed, all, err
		}
		if r.once {
			fixed = append(fixed, fs...)
		} else {
			fixed = append(fixed, fs[0])
		}
		if p.src == before {
			break
		}
		all = Lint(p)
		if r.once {
			break
		}
	}
	return fixed, all, nil
}

// repairOrder is the rules left to repair, in the order their first
// findings come in the post (a repair moves the lines after it, not before).
func repairOrder(all []Finding, opts FixOptions, done map[string]bool) []Rule {
	var rules []Rule
	for _, f := range all { // in line order
		r := ruleOf(f.Rule)
		if done[r.ID] || slices.ContainsFunc(rules, func(q Rule) bool { return q.ID == r.ID }) || r.repair == nil ||
			len(opts.Rules) > 0 && !slices.Contains(opts.Rules, r.ID) || len(fixable([]Finding{f}, r.ID, opts)) == 0 {
			continue
		}
		rules = append(rules, r)
	}
	return rules
}

// fixable are the findings of the rule Fix may repair: a date-invalid one
// too when FixOptions.DateDefault gives the date.
func fixable(all []Finding, rule string, opts FixOptions) []Finding {
	var out []Finding
	for _, f := range all {
		if f.Rule == rule && (f.Fixable || f.Rule == RuleDateInvalid && !opts.DateDefault.IsZero()) {
			out = append(out, f)
		}
	}
	return out
}

// rewrite replaces the post's normalised text with fixed: the one span where
// they differ is edited on the original bytes (line endings and BOM kept),
// and the post is parsed again.
func (p *Post) rewrite(fixed string) error {
	text := p.kept.text
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
