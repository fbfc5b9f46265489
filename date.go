package hexo

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// js-yaml's timestamp forms: a date, or a date and time with an optional zone.
var (
	yamlDateRE      = regexp.MustCompile(`^(\d{4})-(\d\d)-(\d\d)$`)
	yamlTimestampRE = regexp.MustCompile(`^(\d{4})-(\d\d?)-(\d\d?)(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.(\d*))?(?:[ \t]*(Z|([-+])(\d\d?)(?::(\d\d))?))?$`)
)

// yamlTimestamp reads a YAML timestamp. One without a zone is wall time in loc:
// Hexo reads such dates in the site's time zone. A part out of its range
// rolls over into the next, as js-yaml's Date.UTC does: 2016-05-26 24:25:44
// is 27 May, 00:25:44; month 13 is January of the next year, day 0 the last
// of the month before.
func yamlTimestamp(s string, loc *time.Location) (time.Time, bool) {
	if m := yamlDateRE.FindStringSubmatch(s); m != nil {
		return wallTime(atoi(m[1]), atoi(m[2]), atoi(m[3]), 0, 0, 0, 0, loc), true
	}
	m := yamlTimestampRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	ns := 0
	if frac := m[7]; frac != "" {
		frac = (frac + "000")[:3] // js-yaml keeps milliseconds
		ns = atoi(frac) * int(time.Millisecond)
	}
	off := 0
	if m[8] != "" {
		if m[8] != "Z" {
			off = atoi(m[10])*3600 + atoi(m[11])*60
			if m[9] == "-" {
				off = -off
			}
		}
		loc = fixedZone(off)
	}
	t := wallTime(atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5]), atoi(m[6]), ns, loc)
	if off >= 24*3600 || off <= -24*3600 {
		// js-yaml takes any two-digit offset (+99:99 is 100h39m, and Hexo
		// keeps the instant it makes); no zone has it and RFC 3339 cannot
		// write it, so the instant is kept in UTC
		t = t.UTC()
	}
	return t, true
}

// civil builds a time from a date string, refusing out-of-range fields
// instead of normalising them: Hexo's moment refuses such a string (a YAML
// timestamp, which js-yaml reads, rolls over instead).
func civil(y, mo, d, h, mi, s, ns int, loc *time.Location) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 59 {
		return time.Time{}, false
	}
	if h == 24 {
		if mi != 0 || s != 0 || ns != 0 {
			return time.Time{}, false
		}
	}
	t := wallTime(y, mo, d, h, mi, s, ns, loc)
	// JavaScript rolls 31 June into 1 July; a date that rolls over is accepted as JS does.
	return t, true
}

// wallTime is time.Date, but for a wall time the zone skips (02:30 on the
// night clocks go forward): Go then takes the offset after the change, and
// moment, and so Hexo, the offset before it, which moves the time forward
// by the gap (02:30 in New York's spring gap is 03:30 EDT, 07:30Z, where Go
// reads 01:30 EST).
func wallTime(y, mo, d, h, mi, s, ns int, loc *time.Location) time.Time {
	t := time.Date(y, time.Month(mo), d, h, mi, s, ns, loc)
	naive := time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC) // the wall time wanted, rolled over as Date does
	if loc == time.UTC || sameWall(t, naive) {
		return t
	}
	_, before := time.Date(y, time.Month(mo), d, h-24, mi, s, ns, loc).Zone()
	return naive.Add(-time.Duration(before) * time.Second).In(loc)
}

// sameWall reports whether a and b read the same on a clock in their zones.
func sameWall(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	ah, amin, as := a.Clock()
	bh, bmin, bs := b.Clock()
	return ay == by && am == bm && ad == bd && ah == bh && amin == bmin && as == bs
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// dateValue turns a front-matter value into an instant the way Hexo's toDate
// does (new Date(value)), except that an explicit offset is always honoured and
// a date without one is read in loc. ok is false for a value that is no date.
func dateValue(v any, loc *time.Location) (t time.Time, ok bool) {
	switch x := v.(type) {
	case time.Time:
		return x, true
	case int64:
		return epochMillis(float64(x))
	case float64:
		return epochMillis(x)
	case bool:
		if x {
			return time.UnixMilli(1).UTC(), true // new Date(true)
		}
	case string:
		return parseDate(x, loc)
	}
	return time.Time{}, false
}

// epochMillis is new Date(number): milliseconds since 1970, within JavaScript's range.
func epochMillis(ms float64) (time.Time, bool) {
	if math.IsNaN(ms) || math.Abs(ms) > 8.64e15 {
		return time.Time{}, false
	}
	return time.UnixMilli(int64(ms)).UTC(), true
}

var zoneNames = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}

var monthNames = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// parseDate reads the date strings JavaScript's Date accepts in practice: ISO
// 8601 (with "T" or a space, with or without an offset, one-digit parts), RFC
// 1123/2822 ("Sat, 12 Jun 2021 13:07:48 GMT", "+0800", "PST"), slashed dates
// ("2021/06/13 10:00", "6/13/2021"), and month names ("Jun 13 2021").
func parseDate(s string, loc *time.Location) (time.Time, bool) {
	p := dateParser{s: strings.TrimSpace(s)}
	if !p.parse() {
		return time.Time{}, false
	}
	var y, mo, d int
	nums := p.date
	yd := 4 // digits the year was written with
	switch {
	case p.month > 0:
		// a month name: the other numbers are day and year, the year being the
		// one that cannot be a day
		mo = p.month
		switch len(nums) {
		case 1:
			return time.Time{}, false
		case 2:
			if nums[0].digits >= 3 || nums[0].n > 31 {
				y, d, yd = nums[0].n, nums[1].n, nums[0].digits
			} else {
				d, y, yd = nums[0].n, nums[1].n, nums[1].digits
			}
		default:
			return time.Time{}, false
		}
	case len(nums) == 3:
		if nums[0].digits >= 3 || nums[0].n > 31 {
			y, mo, d = nums[0].n, nums[1].n, nums[2].n
		} else {
			mo, d, y, yd = nums[0].n, nums[1].n, nums[2].n, nums[2].digits
		}
	case len(nums) == 2 && nums[0].digits == 4:
		y, mo, d = nums[0].n, nums[1].n, 1
	case len(nums) == 1 && nums[0].digits == 4 && !p.hasTime:
		y, mo, d = nums[0].n, 1, 1
	default:
		return time.Time{}, false
	}
	if yd <= 2 {
		if y < 50 {
			y += 2000
		} else if y < 100 {
			y += 1900
		}
	}
	h := p.hour
	if p.ampm != 0 {
		if h < 1 || h > 12 {
			return time.Time{}, false
		}
		h %= 12
		if p.ampm == 'p' {
			h += 12
		}
	}
	if p.hasZone {
		loc = fixedZone(p.offset)
	}
	return civil(y, mo, d, h, p.minute, p.second, p.nanos, loc)
}

type dateNum struct{ n, digits int }

type dateParser struct {
	s       string
	i       int
	date    []dateNum
	month   int
	hasTime bool
	hour    int
	minute  int
	second  int
	nanos   int
	ampm    byte
	hasZone bool
	offset  int // seconds east of UTC
}

func (p *dateParser) parse() bool {
	s := p.s
	if s == "" {
		return false
	}
	for p.i < len(s) {
		c := s[p.i]
		switch {
		case c == ' ' || c == ',' || c == '\t' || c == '/' || c == '.':
			p.i++
		case c == '(':
			// comments, as in "GMT+0800 (China Standard Time)"
			j := strings.IndexByte(s[p.i:], ')')
			if j < 0 {
				return false
			}
			p.i += j + 1
		case c == '-' || c == '+':
			if !p.signed(c) {
				return false
			}
		case isDigit(c):
			if !p.number() {
				return false
			}
		case isLetter(c):
			if !p.word() {
				return false
			}
		default:
			return false
		}
	}
	return len(p.date) > 0
}

// signed reads "+0800", "-08:00", "+8" after a time or zone name (an offset), or
// a "-" between date parts.
func (p *dateParser) signed(sign byte) bool {
	s := p.s
	if !p.hasTime && !p.hasZone {
		if sign == '-' {
			p.i++ // a date separator: 2021-06-13
			return true
		}
		return false
	}
	j := p.i + 1
	k := digitsEnd(s, j)
	if k == j {
		return false
	}
	digits := s[j:k]
	var h, m int
	switch {
	case k < len(s) && s[k] == ':':
		e := digitsEnd(s, k+1)
		h, m = atoi(digits), atoi(s[k+1:e])
		k = e
	case len(digits) <= 2:
		h = atoi(digits)
	case len(digits) == 4:
		h, m = atoi(digits[:2]), atoi(digits[2:])
	default:
		return false
	}
	if h > 23 || m > 59 {
		return false
	}
	off := h*3600 + m*60
	if sign == '-' {
		off = -off
	}
	p.offset = off + p.zoneBase()
	p.hasZone = true
	p.i = k
	return true
}

func (p *dateParser) zoneBase() int {
	if p.hasZone {
		return p.offset
	}
	return 0
}

func (p *dateParser) number() bool {
	s := p.s
	j := digitsEnd(s, p.i)
	digits := s[p.i:j]
	if len(digits) > 6 {
		return false
	}
	if j < len(s) && s[j] == ':' {
		return p.clock()
	}
	p.date = append(p.date, dateNum{atoi(digits), len(digits)})
	p.i = j
	return len(p.date) <= 3
}

// clock reads hh:mm[:ss[.fff]].
func (p *dateParser) clock() bool {
	if p.hasTime {
		return false
	}
	s := p.s
	var parts []int
	j := p.i
	for {
		k := digitsEnd(s, j)
		if k == j || k-j > 2 {
			return false
		}
		parts = append(parts, atoi(s[j:k]))
		j = k
		if j < len(s) && s[j] == ':' && len(parts) < 3 {
			j++
			continue
		}
		break
	}
	if len(parts) < 2 {
		return false
	}
	p.hour, p.minute = parts[0], parts[1]
	if len(parts) == 3 {
		p.second = parts[2]
		if j < len(s) && s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]) {
			k := digitsEnd(s, j+1)
			frac := (s[j+1:k] + "000")[:3]
			p.nanos = atoi(frac) * int(time.Millisecond)
			j = k
		}
	}
	p.hasTime = true
	p.i = j
	return true
}

func (p *dateParser) word() bool {
	s := p.s
	j := p.i
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	w := s[p.i:j]
	p.i = j
	up := strings.ToUpper(w)
	if w == "T" || w == "t" {
		return len(p.date) > 0 && !p.hasTime
	}
	if off, ok := zoneNames[up]; ok {
		if p.hasZone {
			return false
		}
		p.hasZone = true
		p.offset = off * 3600
		return true
	}
	switch up {
	case "AM", "A":
		p.ampm = 'a'
		return p.hasTime
	case "PM", "P":
		p.ampm = 'p'
		return p.hasTime
	}
	if len(w) < 3 {
		return false
	}
	low := strings.ToLower(w)
	for i, m := range monthNames {
		if strings.HasPrefix(low, m) {
			if p.month != 0 {
				return false
			}
			p.month = i + 1
			return true
		}
	}
	for _, d := range dayNames {
		if strings.HasPrefix(low, d) {
			return true
		}
	}
	return false
}

func fixedZone(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	return time.FixedZone("", offset)
}
