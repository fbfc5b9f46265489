package hexo

import (
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Reading rates, in words a minute: CJK readers take in about 300 characters
// a minute, readers of spaced scripts about 200 words.
const (
	cjkPerMinute   = 300
	wordsPerMinute = 200
)

// WordCount counts the words of the body's text: every CJK character (Han,
// Hiragana, Katakana, Hangul) is one word, every run of letters or digits in
// other scripts is one word ("1.26" and "don't" included), punctuation is
// none. Code counts too, unless Options.ExcludeCode is set.
//
// Hugo splits on whitespace and, with hasCJKLanguage, counts every rune of a
// token that holds a multi-byte rune, punctuation and Latin letters included;
// hexo-symbols-count-time counts characters, not words, of stripHTML's output
// (style and script included). Counting CJK characters and spaced words
// separately is what makes a mixed Chinese-English post come out right.
func (p *Post) WordCount() int {
	cjk, other := p.countWords()
	return cjk + other
}

// countWords counts once per post: WordCount and ReadingMinutes share it.
// A parse counts as it walks the body (walkResult.words): the count of its
// Text, since a line break between two blocks joins no words.
func (p *Post) countWords() (cjk, other int) {
	count := func() (int, int) {
		if p.opts.ExcludeCode {
			return countWords(blocksText(p.Blocks, false, nil))
		}
		return countWords(p.Text())
	}
	m := p.memo
	if m == nil {
		return count()
	}
	m.words.Do(func() { m.cjk, m.other = count() })
	return m.cjk, m.other
}

// ReadingTime estimates the time to read the post: ReadingMinutes minutes.
func (p *Post) ReadingTime() time.Duration {
	return time.Duration(p.ReadingMinutes()) * time.Minute
}

// ReadingMinutes estimates the reading time in whole minutes (rounded up) at
// 300 CJK characters and 200 other words a minute; at least 1 for any body
// with words, 0 for an empty one.
//
// Hugo uses one rate for the whole page (213 words a minute, or 501 with
// hasCJKLanguage), so a mixed post is either too fast or too slow;
// hexo-symbols-count-time divides characters by 4 × 275 and rounds to the
// nearest minute, which reads Chinese at 1,100 characters a minute.
func (p *Post) ReadingMinutes() int {
	cjk, other := p.countWords()
	if cjk+other == 0 {
		return 0
	}
	// minutes = ceil(cjk/300 + other/200), in integers
	num := cjk*wordsPerMinute + other*cjkPerMinute
	den := cjkPerMinute * wordsPerMinute
	return max(1, (num+den-1)/den)
}

func countWords[S ~string | ~[]byte](s S) (cjk, other int) {
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII without the Unicode tables
			switch asciiWords[c] {
			case wordLetter:
				if !inWord {
					other++
					inWord = true
				}
				for i++; i < len(s) && s[i] < utf8.RuneSelf && asciiWords[s[i]] == wordLetter; i++ {
				}
				continue
			case wordJoiner:
				// "1.26", "1,000", "don't" are one word
				if !(inWord && isJoiner(rune(c), lastRune(s[:i]), firstRune(s[i+1:]))) {
					inWord = false
				}
			default:
				inWord = false
			}
			i++
			continue
		}
		var r rune
		n := 3
		if i+2 < len(s) && c >= 0xE0 && c <= 0xEF && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			!(c == 0xE0 && s[i+1] < 0xA0) && !(c == 0xED && s[i+1] >= 0xA0) { // a valid three-byte character
			if ideographLead(c, s[i+1]) { // most of a Chinese text
				cjk++
				inWord = false
				i += 3
				continue
			}
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		} else {
			r, n = decodeRune(s[i:])
		}
		switch classOf(r) {
		case wordCJK:
			cjk++
			inWord = false
		case wordLetter:
			if !inWord {
				other++
				inWord = true
			}
		case wordMark: // a mark continues a word and starts none
		default:
			if !(inWord && r == '’' && isJoiner(r, lastRune(s[:i]), firstRune(s[i+n:]))) {
				inWord = false
			}
		}
		i += n
	}
	return cjk, other
}

// How countWords reads a character beyond ASCII.
const (
	wordOther  = iota
	wordCJK    // a word of its own (isCJK)
	wordLetter // a letter or digit: part of a word
	wordMark   // a nonspacing mark: part of the word it follows
	wordJoiner // . , and ': part of a word between two of its characters (isJoiner)
)

// asciiWords is how countWords reads each ASCII character.
var asciiWords = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch b := byte(c); {
		case isLetter(b) || isDigit(b):
			t[c] = wordLetter
		case b == '.' || b == ',' || b == '\'':
			t[c] = wordJoiner
		}
	}
	return t
}()

// classify is how countWords reads a character beyond ASCII, from the
// Unicode tables.
func classify(r rune) uint8 {
	switch {
	case isCJK(r):
		return wordCJK
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return wordLetter
	case unicode.Is(unicode.Mn, r):
		return wordMark
	}
	return wordOther
}

// classOf is classify, looked up in a table for the blocks of punctuation
// a Chinese or Japanese text holds between its ideographs (General
// Punctuation, CJK Symbols and Punctuation, kana, fullwidth forms), which
// the Unicode tables would search one by one.
func classOf(r rune) uint8 {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF:
		return wordCJK
	case r >= 0x2000 && r < 0x2100:
		return punctClasses()[r-0x2000]
	case r >= 0x3000 && r < 0x3100:
		return punctClasses()[r-0x3000+0x100]
	case r >= 0xFF00 && r < 0x10000:
		return punctClasses()[r-0xFF00+0x200]
	}
	return classify(r)
}

var punctClasses = sync.OnceValue(func() *[0x300]uint8 {
	var t [0x300]uint8
	for i, base := range []rune{0x2000, 0x3000, 0xFF00} {
		for r := base; r < base+0x100; r++ {
			t[i<<8|int(r-base)] = classify(r)
		}
	}
	return &t
})

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

// ideographLead reports whether a valid three-byte character whose first
// two bytes are c and b1 is in U+4E00 to U+9FFF (E4 B8 80 to E9 BF BF), the
// ideographs isCJK finds without its tables.
func ideographLead(c, b1 byte) bool {
	return c >= 0xE5 && c <= 0xE9 || c == 0xE4 && b1 >= 0xB8
}

// isCJK reports whether r is a Han, Hiragana, Katakana or Hangul character.
func isCJK(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF { // CJK Unified Ideographs: most of a Chinese text, without the tables
		return true
	}
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}
