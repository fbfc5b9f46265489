package hexo

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// FixOptions chooses what Fix repairs.
type FixOptions struct {
	// Rules limits Fix to these rule ids; empty means every rule it can repair.
	Rules []string
	// DateDefault is written for a date Hexo cannot read when the file name
	// (2021-06-12-title.md) holds none.
	DateDefault time.Time

	proofs proofs // what Fix's lints proved, for its repairs
}

// Fix repairs, in memory, what Lint finds that can be repaired safely, and
// returns the findings it repaired; Bytes, Save or WriteFile give the result. Each
// repair goes through the same byte-preserving edits as SetField: only the
// lines it mends change, and the post is parsed again after each. What the
// post shows does not change beyond the repaired fields: a front matter Hexo
// dropped is read, a date is written, an empty cover key goes, and a body
// repair (an HTML body made safe for Markdown, Nunjucks text in
// {% raw %}, the more marker) edits only places outside code where the
// post parsed again shows the same blocks (headings with their ids, text,
// images) and links; it leaves the others as they are, and Lint reports
// them not fixable. Fix repeats until a round changes nothing, so that
// Fix on its own output changes nothing. A repair that would break the
// front matter is not made and is returned as an error, with the repairs
// made before it.
func Fix(p *Post, opts FixOptions) ([]Finding, error) {
	var fixed []Finding
	opts.proofs = proofs{}
	all := lint(p, opts.proofs)
	done := map[string]bool{} // rules repaired as far as they go, until another changes the post
	for range maxFixRounds {
		// a repair can bring findings the post did not have (a front matter
		// read at last has its own; an HTML body mended lets Nunjucks run
		// where it was code): rules are taken up again until a round changes
		// nothing, so that a second Fix finds nothing to repair
		rules := repairOrder(all, opts, done)
		if len(rules) == 0 {
			break
		}
		for _, r := range rules {
			done[r.ID] = true
			before, name := p.src, p.Source
			var err error
			if fixed, all, err = repairRule(p, r, all, fixed, opts); err != nil {
				slices.SortStableFunc(fixed, byLine)
				return fixed, err
			}
			if p.src != before || p.Source != name {
				clear(done)
				done[r.ID] = true
			}
		}
	}
	slices.SortStableFunc(fixed, byLine)
	return fixed, nil
}

// maxFixRounds bounds Fix's rounds: each is a few linear passes, and a round
// that changes nothing ends them.
const maxFixRounds = 8

// repairRule repairs the rule's findings one at a time; after each repair
// the post is linted again (a repair moves lines and may mend more than its
// own finding). Lint reports at most maxFindingsPerRulePerPost of a rule. A
// repair that changed nothing repaired nothing.
func repairRule(p *Post, r Rule, all, fixed []Finding, opts FixOptions) ([]Finding, []Finding, error) {
	for range maxFindingsPerRulePerPost + 1 {
		fs := fixable(all, r.ID, opts)
		if len(fs) == 0 {
			break
		}
		before, name := p.src, p.Source
		if err := r.repair(p, fs[0], opts); err != nil {
			return fixed, all, err
		}
		if p.src == before && p.Source == name { // a rename changes the name alone
			break
		}
		if r.once {
			fixed = append(fixed, fs...)
		} else {
			fixed = append(fixed, fs[0])
		}
		all = lint(p, opts.proofs)
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

// shown is what a post shows a reader, as a body repair must keep it: the
// blocks (headings with their ids, paragraphs, code, images with their alt
// text), the text, and the links' targets. Which blocks are in the excerpt
// is left out: the more-marker repair is about that.
type shown struct {
	blocks []Block
	text   string
	links  []string
}

func shownBy(p *Post) shown {
	s := shown{blocks: slices.Clone(p.Blocks), text: p.Text()}
	for i := range s.blocks {
		s.blocks[i].InExcerpt = false
	}
	z := html.NewTokenizer(strings.NewReader(p.Content()))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		if name, attr := z.TagName(); string(name) == "a" {
			href := "" // an <a> without href is kept too: text that stopped being a link shows
			for attr {
				var k, v []byte
				k, v, attr = z.TagAttr()
				if string(k) == "href" {
					href = string(v)
				}
			}
			s.links = append(s.links, href)
		}
	}
	return s
}

func (s shown) equal(t shown) bool {
	return s.text == t.text && slices.Equal(s.blocks, t.blocks) && slices.Equal(s.links, t.links)
}

// proofs keeps, during one Fix, the edits a body rule proved for a body
// (and file name: an .html file has no Markdown), so that the repair after a
// lint does not parse again what the lint parsed. A nil proofs keeps none.
type proofs map[string]proof

type proof struct {
	body, source string
	edits        []textEdit
	ok           []bool
}

func (ps proofs) get(rule string, p *Post) (proof, bool) {
	pr, ok := ps[rule]
	return pr, ok && pr.body == p.Body && pr.source == p.Source
}

func (ps proofs) put(rule string, p *Post, pr proof) {
	if ps != nil {
		pr.body, pr.source = p.Body, p.Source
		ps[rule] = pr
	}
}

// maxProofParses bounds the parses provenEdits makes for one repair: past
// it, the edits not yet proven are not made (the repair is refused there),
// so that a post with many places that fail costs a bounded number of
// linear passes.
const maxProofParses = 24

// provenEdits chooses, among a repair's edits of the body (ascending, apart),
// those that can be made together without changing what the post shows:
// the body with them is parsed and its shown compared with the post's. All
// are tried at once (the common case, one parse); when that fails, each
// half is tried with those already proven, down to single edits, within
// maxProofParses. Whatever is returned was parsed and compared as a whole.
func (p *Post) provenEdits(edits []textEdit) []bool {
	ok := make([]bool, len(edits))
	if len(edits) == 0 {
		return ok
	}
	want := shownBy(p)
	head := p.kept.text[:len(p.kept.text)-len(p.Body)]
	parses := 0
	try := func() bool {
		if parses == maxProofParses {
			return false
		}
		parses++
		np, _ := p.opts.parse([]byte(head+applyBodyEdits(p.Body, edits, ok)), p.Source)
		return (np.FrontMatter == nil) == (p.FrontMatter == nil) && shownBy(np).equal(want)
	}
	var add func(lo, hi int)
	add = func(lo, hi int) {
		for i := lo; i < hi; i++ {
			ok[i] = true
		}
		if try() {
			return
		}
		for i := lo; i < hi; i++ {
			ok[i] = false
		}
		if hi-lo > 1 && parses < maxProofParses {
			mid := (lo + hi) / 2
			add(lo, mid)
			add(mid, hi)
		}
	}
	add(0, len(edits))
	return ok
}

// applyBodyEdits makes the chosen edits (ascending, apart) on body.
func applyBodyEdits(body string, edits []textEdit, chosen []bool) string {
	var b strings.Builder
	b.Grow(len(body))
	done := 0
	for i, e := range edits {
		if chosen[i] {
			b.WriteString(body[done:e.start])
			b.WriteString(e.repl)
			done = e.end
		}
	}
	b.WriteString(body[done:])
	return b.String()
}
