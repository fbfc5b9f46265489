package hexo

import "github.com/rivo/uniseg"

// Grapheme clusters (user-perceived characters), which summaries count and
// never cut: uniseg's, with a short way through the characters most of our
// text is made of.

// firstCluster returns the length of s's first grapheme cluster and the
// state for the next call, as uniseg.FirstGraphemeClusterInString does (-1
// starts afresh). A character of soloLen followed by another is a cluster
// of its own: none of UAX #29's rules joins two such characters (neither
// is CR, Extend, ZWJ, SpacingMark, Prepend, Hangul, a regional indicator,
// an Indic consonant or pictographic), and after one the next cluster reads
// the same whatever came before, so uniseg starts afresh there.
func firstCluster(s string, state int) (int, int) {
	if n := soloLen(s); n > 0 && (n == len(s) || soloLen(s[n:]) > 0) {
		return n, -1
	}
	c, _, _, state := uniseg.FirstGraphemeClusterInString(s, state)
	return len(c), state
}

// soloLen is the length of s's first character when it is ASCII but CR, a
// CJK ideograph (U+4E00 to U+9FFF), CJK punctuation (U+3000 to U+3029) or a
// fullwidth form (U+FF01 to U+FF5E); otherwise 0. s is not empty.
func soloLen(s string) int {
	c := s[0]
	if c < 0x80 {
		if c == '\r' {
			return 0
		}
		return 1
	}
	if len(s) < 3 || s[1]&0xC0 != 0x80 || s[2]&0xC0 != 0x80 {
		return 0
	}
	switch {
	case ideographLead(c, s[1]): // U+4E00–U+9FFF
		return 3
	case c == 0xE3 && s[1] == 0x80 && s[2] <= 0xA9: // U+3000–U+3029
		return 3
	case c == 0xEF && (s[1] == 0xBC && s[2] >= 0x81 || s[1] == 0xBD && s[2] <= 0x9E): // U+FF01–U+FF5E
		return 3
	}
	return 0
}

// clusterCount is the number of grapheme clusters of s.
func clusterCount(s string) int {
	n, state := 0, -1
	for k := 0; s != ""; n++ {
		k, state = firstCluster(s, state)
		s = s[k:]
	}
	return n
}
