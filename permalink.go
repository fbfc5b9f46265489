package hexo

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// permalinkParam is hexo-util's rParam: ":" then a word that does not end
// in "_".
var permalinkParam = regexp.MustCompile(`:(\w*[^_\W])`)

// filenameSegments are the capture patterns Hexo's post processor gives the
// date parts of new_post_name; every other parameter is "(.+?)".
var filenameSegments = map[string]filenamePart{
	"year": {kind: partDigits, n: 4}, "month": {kind: partDigits, n: 2}, "day": {kind: partDigits, n: 2},
	"i_month": {kind: partDigits12}, "i_day": {kind: partDigits12}, "hash": {kind: partHex, n: 12},
}

// filenamePattern is new_post_name compiled once per site: its literal text
// and parameters in turn, matched as the anchored regular expression Hexo
// builds (^text(.+?)text(\d{4})…$) is, on runes as Go's regexp reads them.
// It is matched by dynamic programming rather than by a regexp: Go's NFA
// copies every capture for every thread it adds, so n parameters cost n² a
// byte of the name (1,600 parameters took 0.4 s a post); here a match costs
// parts × runes of the name, bits of memory as much.
type filenamePattern struct {
	parts    []filenamePart
	params   []string
	minRunes int // runes the shortest match takes: a shorter name is no match
}

type filenamePart struct {
	kind byte
	n    int    // runes of partDigits and partHex
	lit  []rune // partLiteral's text
}

const (
	partLiteral  = iota
	partAny      // (.+?): the fewest runes, none "\n", at least one
	partDigits   // \d{n}
	partDigits12 // \d{1,2}: two digits when the rest matches after them
	partHex      // [0-9a-f]{n}
)

// newFilenamePattern is hexo-util's Permalink over new_post_name without its
// extension, as parseFilename in hexo/lib/plugins/processor/post.js builds it.
func newFilenamePattern(newPostName string) filenamePattern {
	rule := strings.ToValidUTF8(strings.TrimSuffix(newPostName, path.Ext(newPostName)), "\uFFFD")
	var fp filenamePattern
	literal := func(s string) {
		if s != "" {
			r := []rune(s)
			fp.parts = append(fp.parts, filenamePart{kind: partLiteral, lit: r})
			fp.minRunes += len(r)
		}
	}
	last := 0
	for _, m := range permalinkParam.FindAllStringSubmatchIndex(rule, -1) {
		literal(rule[last:m[0]])
		name := rule[m[2]:m[3]]
		fp.params = append(fp.params, name)
		part, ok := filenameSegments[name]
		if !ok {
			part = filenamePart{kind: partAny}
		}
		fp.parts = append(fp.parts, part)
		fp.minRunes += max(part.n, 1)
		last = m[1]
	}
	literal(rule[last:])
	return fp
}

// match is the captures of the pattern's parameters in rel, in order, or
// false. reach[j] holds, for each rune position i, whether parts j… match
// the runes from i to the end; the captures then take, part by part, the
// first choice (the fewest runes for (.+?), two digits before one) from which
// the rest still matches: the answer a backtracking regexp gives.
func (fp filenamePattern) match(rel string) ([]string, bool) {
	var runes []rune
	var at []int // byte offset of each rune, and of the end
	for i, r := range rel {
		runes, at = append(runes, r), append(at, i)
	}
	at = append(at, len(rel))
	n := len(runes)
	if n < fp.minRunes {
		return nil, false
	}
	width := n/64 + 1 // words of a row of n+1 bits
	reach := make([]uint64, (len(fp.parts)+1)*width)
	row := func(j int) []uint64 { return reach[j*width : (j+1)*width] }
	has := func(r []uint64, i int) bool { return r[i/64]&(1<<(i%64)) != 0 }
	row(len(fp.parts))[n/64] |= 1 << (n % 64)
	for j := len(fp.parts) - 1; j >= 0; j-- {
		cur, next, part := row(j), row(j+1), fp.parts[j]
		set := func(i int) { cur[i/64] |= 1 << (i % 64) }
		switch part.kind {
		case partAny:
			first := -1 // the first position after i that the rest matches from, with no "\n" before it
			for i := n - 1; i >= 0; i-- {
				if has(next, i+1) {
					first = i + 1
				}
				if runes[i] == '\n' {
					first = -1
				} else if first >= 0 {
					set(i)
				}
			}
		case partDigits12:
			for i := 0; i < n; i++ {
				if isDigitRune(runes[i]) && (has(next, i+1) || i+2 <= n && isDigitRune(runes[i+1]) && has(next, i+2)) {
					set(i)
				}
			}
		default:
			for i := 0; i+part.width() <= n; i++ {
				if has(next, i+part.width()) && part.fixed(runes[i:]) {
					set(i)
				}
			}
		}
	}
	if !has(row(0), 0) {
		return nil, false
	}
	caps := make([]string, 0, len(fp.params))
	i := 0
	for j, part := range fp.parts {
		next, end := row(j+1), 0
		switch part.kind {
		case partLiteral:
			i += len(part.lit)
			continue
		case partAny:
			for end = i + 1; !has(next, end); end++ {
			}
		case partDigits12:
			end = i + 1
			if i+2 <= n && isDigitRune(runes[i+1]) && has(next, i+2) {
				end = i + 2
			}
		default:
			end = i + part.n
		}
		caps = append(caps, rel[at[i]:at[end]])
		i = end
	}
	return caps, true
}

// width is the runes a literal or fixed-length part takes.
func (part filenamePart) width() int {
	if part.kind == partLiteral {
		return len(part.lit)
	}
	return part.n
}

// fixed reports whether a literal or fixed-length part matches the start of
// runes (at least width() long).
func (part filenamePart) fixed(runes []rune) bool {
	for k := range part.width() {
		r := runes[k]
		switch part.kind {
		case partLiteral:
			if r != part.lit[k] {
				return false
			}
		case partDigits:
			if !isDigitRune(r) {
				return false
			}
		case partHex:
			if !isDigitRune(r) && (r < 'a' || r > 'f') {
				return false
			}
		}
	}
	return true
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// parse is Hexo's parseFilename: the parameters new_post_name captures from
// a post's path below _posts (extension dropped). title is the raw capture
// when the pattern matches and names it, the slugized path otherwise.
func (fp filenamePattern) parse(rel string) map[string]string {
	rel = strings.TrimSuffix(rel, path.Ext(rel))
	info := map[string]string{}
	if caps, ok := fp.match(rel); ok {
		for i, name := range fp.params {
			info[name] = caps[i] // a repeated name keeps its last capture, as in JS
		}
	}
	if _, ok := info["title"]; !ok {
		info["title"] = Slugize(rel)
	}
	return info
}

// filenameDate is Hexo's date from the file name: midnight in the site's zone
// of year, month (or i_month) and day (or i_day), when all three are there.
func filenameDate(info map[string]string, loc *time.Location) (time.Time, bool) {
	y, mo, d := info["year"], first(info["month"], info["i_month"]), first(info["day"], info["i_day"])
	if y == "" || mo == "" || d == "" {
		return time.Time{}, false
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(mo)
	di, _ := strconv.Atoi(d)
	return time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, loc), true // overflow rolls over, as JS Date does
}

// nameRule is how a post's file name gives it a date: the site's
// new_post_name, in the site's zone.
type nameRule struct {
	pattern filenamePattern
	loc     *time.Location
	rel     string // the file below _posts or _drafts
}

// datedNames is the scaffold's dated file name, ":year-:month-:day-:title"
// (2021-06-12-title.md).
var datedNames = sync.OnceValue(func() filenamePattern { return newFilenamePattern(":year-:month-:day-:title.md") })

// fileNameDate is the date Hexo takes from the post's file name: by its
// site's new_post_name, in the site's zone. A post read on its own has
// Hexo's default, ":title.md", which gives none.
func (p *Post) fileNameDate() (time.Time, bool) {
	if p.names == nil {
		return time.Time{}, false
	}
	return filenameDate(p.names.pattern.parse(p.names.rel), p.names.loc)
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// maxPermalinkLen is the longest path the site's permalink pattern may
// expand to: Linux's PATH_MAX. Hexo writes public/<path> (index.html below
// a path ending in "/"), which fails past it, so no longer path is one Hexo
// makes; and a pattern naming a long value many times (":k/" ×10,000 with a
// 40 KB k) would otherwise build gigabytes.
const maxPermalinkLen = 4096

// permalinkPath is Hexo's post_permalink filter: the post's path below the
// site root. A front-matter permalink wins; otherwise the site's pattern is
// filled from the post (in the site's zone) and, for parameters it does not
// know, the post's front matter and permalink_defaults.
//
// The expansion is measured before it is built: past maxPermalinkLen the
// post gets a warning and no path (as a post without a date has none), not
// a path Hexo would not write. The default pattern is no fallback: it names
// a page Hexo does not make, and its :title can be as long (a front-matter
// slug).
func permalinkPath(p *Post, c *SiteConfig, loc *time.Location) (string, bool) {
	if own := p.Permalink; own != "" {
		if c.PostAssetFolder && !strings.HasSuffix(own, "/") && !strings.HasSuffix(own, ".html") {
			own += "/"
		}
		if !strings.HasPrefix(own, "/") {
			own = "/" + own
		}
		return own, true
	}
	if p.Date.IsZero() {
		return "", false
	}
	d := p.Date.In(loc)
	ok := true
	params := permalinkParam.FindAllStringSubmatchIndex(c.Permalink, -1)
	values := map[string]any{} // each name looked up once, however often the pattern names it
	size := len(c.Permalink)
	for _, m := range params {
		name := c.Permalink[m[2]:m[3]]
		v, seen := values[name]
		if !seen {
			var found bool
			if v, found = permalinkData(name, p, c, d); !found {
				v, ok = "undefined", false // what JavaScript's replace writes for a missing value
			}
			values[name] = v
		}
		if size += jsStringLen(v, maxPermalinkLen) - (m[1] - m[0]); size > maxPermalinkLen {
			p.warn(fmt.Sprintf("the permalink pattern expands to more than %d bytes for this post (a path Hexo cannot write); the post is given no path", maxPermalinkLen))
			return "", true
		}
	}
	var b strings.Builder
	b.Grow(size + 1)
	last := 0
	for _, m := range params {
		b.WriteString(c.Permalink[last:m[0]])
		b.WriteString(jsString(values[c.Permalink[m[2]:m[3]]]))
		last = m[1]
	}
	b.WriteString(c.Permalink[last:])
	out := b.String()
	if c.PostAssetFolder && !strings.HasSuffix(out, "/") && !strings.HasSuffix(out, ".html") {
		out += "/"
	}
	return out, ok
}

// jsStringLen is len(jsString(v)), counted without building it and given up
// once past limit: a list of aliases to one long value is far longer as text
// than in the post.
func jsStringLen(v any, limit int) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case []any:
		n := max(len(x)-1, 0) // the commas
		for _, e := range x {
			if n > limit {
				break
			}
			if e != nil {
				n += jsStringLen(e, limit-n)
			}
		}
		return n
	}
	return len(jsString(v))
}

// permalinkValue is one parameter of the permalink pattern as text.
func permalinkValue(name string, p *Post, c *SiteConfig, d time.Time) (string, bool) {
	v, ok := permalinkData(name, p, c, d)
	return jsString(v), ok
}

// permalinkData is one parameter of the permalink pattern: Hexo's own meta
// first, then the post's data (front matter included), then
// permalink_defaults. A value from the data is returned as it is, for
// jsString.
func permalinkData(name string, p *Post, c *SiteConfig, d time.Time) (any, bool) {
	switch name {
	case "id":
		if v, ok := p.FrontMatter.Get("id"); ok && truthy(v) {
			return v, true
		}
		return "", false // Hexo's random database id cannot be reproduced
	case "title":
		return p.Slug, true
	case "name":
		return path.Base(p.Slug), true
	case "post_title":
		return strings.ToLower(Slugize(p.Title)), true
	case "year":
		return d.Format("2006"), true
	case "month":
		return d.Format("01"), true
	case "day":
		return d.Format("02"), true
	case "hour":
		return d.Format("15"), true
	case "minute":
		return d.Format("04"), true
	case "second":
		return d.Format("05"), true
	case "i_month":
		return strconv.Itoa(int(d.Month())), true
	case "i_day":
		return strconv.Itoa(d.Day()), true
	case "timestamp":
		return strconv.FormatInt(d.Unix(), 10), true
	case "hash":
		sum := sha1.Sum([]byte(p.Slug + strconv.FormatInt(d.Unix(), 10)))
		return hex.EncodeToString(sum[:])[:12], true
	case "category":
		if n := len(p.Categories); n > 0 && p.Published { // Hexo links no category to an unpublished post
			return categorySlug(p.Categories[n-1], c), true
		}
		return c.DefaultCategory, true
	case "slug":
		return p.Slug, true
	case "lang":
		if p.Lang != "" {
			return p.Lang, true
		}
	case "layout":
		return p.Layout, true
	case "published":
		return strconv.FormatBool(p.Published), true
	case "comments":
		return strconv.FormatBool(p.Comments), true
	}
	if v, ok := p.Extra[name]; ok {
		return v, true
	}
	if v, ok := p.FrontMatter.Get(name); ok {
		return v, true
	}
	if v, ok := c.PermalinkDefaults[name]; ok {
		return v, true
	}
	return "", false
}

// categorySlug is the Category model's slug: each name of the chain mapped by
// category_map, slugized with filename_case, joined by "/". Hexo takes the
// post's last category in its database order; the deepest category of the
// last chain is that one whenever the post's categories are new to the site.
func categorySlug(chain []string, c *SiteConfig) string {
	return strings.Join(categoryParts(chain, c), "/")
}

// categoryParts are the slugs of a chain's names, each mapped and slugized.
func categoryParts(chain []string, c *SiteConfig) []string {
	parts := make([]string, len(chain))
	for i, name := range chain {
		if m, ok := c.CategoryMap[name]; ok && m != "" {
			name = m
		}
		parts[i] = slugCase(Slugize(name), c.FilenameCase)
	}
	return parts
}

// slugCase is slugize's transform option.
func slugCase(s string, transform int) string {
	switch transform {
	case 1:
		return strings.ToLower(s)
	case 2:
		return strings.ToUpper(s)
	}
	return s
}

// fullURL is hexo-util's full_url_for: the site's url, the path with runs of
// "/" collapsed, percent-encoded like encodeURL, and the pretty_urls trims.
func fullURL(c *SiteConfig, p string) string {
	if strings.HasPrefix(p, "//") || strings.HasPrefix(p, "http:") || strings.HasPrefix(p, "https:") {
		return p
	}
	u := c.URL + collapseSlashes("/"+p)
	if !c.PrettyURLs.TrailingIndex {
		u = strings.TrimSuffix(u, "index.html")
	}
	if !c.PrettyURLs.TrailingHTML {
		u = strings.TrimSuffix(u, ".html")
	}
	return encodeURL(u)
}

func collapseSlashes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '/' && i > 0 && s[i-1] == '/' {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// encodeURL is hexo-util's encodeURL on a path: JavaScript's encodeURI, with
// the %XX escapes already there left alone (its decodeURI-then-encodeURI round
// trip keeps them).
func encodeURL(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '%' && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteString(encodeURI(s[last:i]) + s[i:i+3])
			last = i + 3
			i += 2
		}
	}
	b.WriteString(encodeURI(s[last:]))
	return b.String()
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
