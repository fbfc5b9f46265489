package hexo

import (
	"unicode"
	"unicode/utf8"
)

// Reading rates, in words a minute: CJK readers take in about 300 characters
// a minute, readers of spaced scripts about 200 words.
const (
	cjkPerMinute   = 300
	wordsPerMinute = 200
)

// WordCount counts the words of the body's text, code included: every CJK
// character (Han, Hiragana, Katakana, Hangul) is one word, every run of
// letters or digits in other scripts is one word ("1.26" and "don't"
// included), punctuation is none.
func (p *Post) WordCount() int {
	cjk, other := countWords(p.Text())
	return cjk + other
}

// ReadingMinutes estimates the reading time in whole minutes (rounded up) at
// 300 CJK characters and 200 other words a minute; at least 1 for any body
// with words, 0 for an empty one.
func (p *Post) ReadingMinutes() int {
	cjk, other := countWords(p.Text())
	if cjk+other == 0 {
		return 0
	}
	// minutes = ceil(cjk/300 + other/200), in integers
	num := cjk*wordsPerMinute + other*cjkPerMinute
	den := cjkPerMinute * wordsPerMinute
	return max(1, (num+den-1)/den)
}

func countWords(s string) (cjk, other int) {
	inWord := false
	var prev rune
	for i, r := range s {
		switch {
		case isCJK(r):
			cjk++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) && inWord:
			if !inWord {
				other++
				inWord = true
			}
		case inWord && isJoiner(r, prev, firstRune(s[i+utf8.RuneLen(r):])):
			// "1.26", "1,000", "don't" are one word
		default:
			inWord = false
		}
		prev = r
	}
	return cjk, other
}

// isJoiner reports whether r joins the two sides into one word: a point or
// comma between digits, an apostrophe between letters.
func isJoiner(r, before, after rune) bool {
	switch r {
	case '.', ',':
		return unicode.IsDigit(before) && unicode.IsDigit(after)
	case '\'', '’':
		return unicode.IsLetter(before) && unicode.IsLetter(after) && !isCJK(after)
	}
	return false
}

// isCJK reports whether r is a Han, Hiragana, Katakana or Hangul character.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}
