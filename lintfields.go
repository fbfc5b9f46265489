package hexo

import (
	"path"
	"path/filepath"
	"strings"
	"time"
)

// The rules on dates, covers and the boolean fields, and their repairs.

// dates checks date and updated.
func (l *linter) dates() {
	p := l.p
	for _, key := range []string{"date", "updated"} {
		v, ok := p.FrontMatter.Get(key)
		if !ok || !truthy(v) {
			continue
		}
		line := l.p.FrontMatter.line(key)
		switch v.(type) {
		case int64, float64:
			t, ok := dateValue(v, time.UTC)
			// a year YAML can write (four digits): before year 0 or past 9999 the date stays a number
			writable := ok && t.Year() >= 0 && t.Year() <= 9999
			l.add(RuleDateEpoch, line, key, writable, "%s %v is a number: Hexo reads milliseconds since 1970 (%s)", key, v, timeText(t, time.RFC3339))
			continue
		}
		if _, ok := dateValue(v, time.UTC); !ok {
			_, named := p.intendedDate()
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
			l.add(RuleCoverEmpty, l.p.FrontMatter.line(k), k, true, "%s is empty: themes show a broken image instead of their default cover", k)
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
			l.add(RulePublishedEmpty, l.p.FrontMatter.line(k), k, false, "published has no value: Hexo %s; write true or false", reading)
		case isStr && falseWords[strings.ToLower(strings.TrimSpace(s))] && s != "false":
			l.add(RuleBoolString, l.p.FrontMatter.line(k), k, true, "%s: %s is the string %q, which Hexo reads as true; write false", k, s, s)
		}
	}
}

// falseWords are the strings authors mean as false that YAML 1.2 (and so
// Hexo) reads as non-empty, true strings.
var falseWords = map[string]bool{"no": true, "n": true, "off": true, "false": true, "否": true}

// intendedDate is the date the author gave the file name: the one Hexo
// takes from it (the site's new_post_name), or the scaffold's dated form
// (2021-06-12-title.md) when the site's names hold no date.
func (p *Post) intendedDate() (time.Time, bool) {
	if d, ok := p.fileNameDate(); ok {
		return d, true
	}
	return filenameDate(datedNames().parse(path.Base(filepath.ToSlash(p.Source))), p.opts.location())
}

// repairDateInvalid writes the date of the file name, or FixOptions.DateDefault.
func repairDateInvalid(p *Post, f Finding, opts FixOptions) error {
	d, ok := p.intendedDate()
	if !ok {
		d = opts.DateDefault
	}
	return p.SetField(f.Key, d)
}

// repairDateEpoch writes the instant the number stands for as a date, in
// the site's zone: a date without an offset is read in that zone, so the UTC
// wall time moved the instant (and the permalink) by the zone's offset.
func repairDateEpoch(p *Post, f Finding, _ FixOptions) error {
	v, _ := p.FrontMatter.Get(f.Key)
	if t, ok := dateValue(v, time.UTC); ok {
		return p.SetField(f.Key, t.In(p.opts.location()))
	}
	return nil
}

func repairCoverEmpty(p *Post, f Finding, _ FixOptions) error { return p.DeleteField(f.Key) }

func repairBoolString(p *Post, f Finding, _ FixOptions) error { return p.SetField(f.Key, false) }
