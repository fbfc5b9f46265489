package hexo

import (
	"regexp"
	"strings"
)

// globs is a list of micromatch patterns, the form of _config.yml's
// skip_render, include and exclude, matched as Hexo's isMatch does
// (micromatch.isMatch with its defaults) on a path below the source folder.
type globs []glob

type glob struct {
	re  *regexp.Regexp
	neg bool   // "!pattern": every path the pattern does not match
	lit string // the pattern as written: picomatch's test matches a path equal to it first
}

// maxGlobLen is the longest pattern read: picomatch's MAX_LENGTH. Hexo's
// isMatch throws on a longer one, so there is no answer of Hexo's to copy;
// it is left out like a pattern that cannot be read, and the cap keeps a
// pattern's regexp (and each name's match, pattern × name) bounded.
const maxGlobLen = 64 << 10

// compileGlobs turns patterns into globs; a pattern that cannot be read, or
// is longer than maxGlobLen, is left out (micromatch matches nothing with it).
func compileGlobs(patterns []string) globs {
	var g globs
	for _, p := range patterns {
		if len(p) > maxGlobLen {
			continue
		}
		lit, neg := p, false
		for strings.HasPrefix(p, "!") {
			p, neg = p[1:], !neg
		}
		if re, err := regexp.Compile(globRegexp(p, true)); err == nil && p != "" {
			g = append(g, glob{re, neg, lit})
		}
	}
	return g
}

// match is isMatch on a list: any pattern matching.
func (g globs) match(name string) bool {
	for _, p := range g {
		if name == p.lit || p.re.MatchString(name) != p.neg {
			return true
		}
	}
	return false
}

// globRegexp is micromatch's reading of a pattern, for what _config.yml
// patterns use: "*" is any run of characters but "/", "**" as a whole
// segment any number of segments ("dir/**" matching dir too), "?" one
// character but "/", [...] a class ([^...] negated),
// {a,b} alternatives, "\" an escape. As with micromatch's defaults, a
// wildcard does not match a name's leading "." and a pattern without "/"
// matches the whole path, not its base name; a leading "./" is dropped.
//
// With collapse, a run of "**/" segments is read as one, as picomatch's
// parser does ("**/**/" means "**/"): the regexp is the same language
// ((x*)(x*) is x*) without a loop per segment, each of which the NFA would
// step through for every byte of every name. Without, only FuzzGlob uses it.
func globRegexp(p string, collapse bool) string {
	p = strings.TrimPrefix(p, "./")
	tail := "" // "dir/**" matches dir too
	if strings.HasSuffix(p, "/**") && len(p) > 3 {
		p, tail = p[:len(p)-3], `(?:/(?:[^/.][^/]*(?:/[^/.][^/]*)*)?)?`
	}
	paired, ok := bracePairs(p)
	if !ok {
		return matchNothing
	}
	var b strings.Builder
	depth := 0    // open {…} groups
	closeAt := -1 // the first "]" after the last "[" looked from; len(p) for none
	atStart := func(i int) bool { return i == 0 || p[i-1] == '/' }
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			i++
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		case c == '*' && i+1 < len(p) && p[i+1] == '*' && atStart(i) && (i+2 == len(p) || p[i+2] == '/'):
			i++
			if i+1 < len(p) { // "**/": no segment, or segments each ended by "/"
				i++
				for collapse && strings.HasPrefix(p[i+1:], "**/") {
					i += 3
				}
				b.WriteString(`(?:[^/.][^/]*/)*`)
			} else {
				b.WriteString(`(?:[^/.][^/]*(?:/[^/.][^/]*)*)?`)
			}
		case c == '*':
			for i+1 < len(p) && p[i+1] == '*' {
				i++
			}
			if atStart(i) {
				b.WriteString(`(?:[^/.][^/]*)?`)
			} else {
				b.WriteString(`[^/]*`)
			}
		case c == '?':
			if atStart(i) {
				b.WriteString(`[^/.]`)
			} else {
				b.WriteString(`[^/]`)
			}
		case c == '[':
			if closeAt <= i { // looked for once per "]": "[[[[" is not quadratic
				closeAt = len(p)
				if end := strings.IndexByte(p[i+1:], ']'); end >= 0 {
					closeAt = i + 1 + end
				}
			}
			if closeAt == len(p) {
				b.WriteString(`\[`)
				continue
			}
			class := p[i+1 : closeAt] // [!a] is "!" or "a", as micromatch reads it; [^a] negates
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i = closeAt
		case c == '{' && paired != nil && paired[i]:
			depth++
			b.WriteString("(?:")
		case c == ',' && depth > 0:
			b.WriteString("|")
		case c == '}' && paired != nil && paired[i]:
			depth--
			b.WriteString(")")
		default:
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		}
	}
	return "^(?:" + b.String() + tail + ")$"
}

// matchNothing is the regexp of a pattern read as matching nothing.
const matchNothing = `[^\x00-\x{10FFFF}]`

// maxBraceDepth bounds how deep {…} groups nest: a deeper pattern matches
// nothing (Go's regexp refuses 1,000 levels, and each level costs every
// name's match a step).
const maxBraceDepth = 64

// bracePairs marks the braces of p that pair. A "}" that closes nothing is
// a literal; a "{" that no "}" closes makes picomatch's expression match
// nothing ("{a,b" and "x{a,b}{c" match only themselves, by match's
// equality), and ok is then false, as it is when the pairs nest deeper than
// maxBraceDepth.
func bracePairs(p string) (paired []bool, ok bool) {
	if !strings.ContainsRune(p, '{') {
		return nil, true
	}
	paired = make([]bool, len(p))
	var open []int
	most := 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '{':
			open = append(open, i)
		case '}':
			if n := len(open); n > 0 {
				most = max(most, n)
				paired[open[n-1]], paired[i] = true, true
				open = open[:n-1]
			}
		}
	}
	return paired, len(open) == 0 && most <= maxBraceDepth
}
