package hexo

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// The JSON view of a post: the keys of `hexopost --json`, which the
// conformance referee reads.

// MarshalJSON writes the post with the keys of `hexopost --json`: Hexo's
// fields, the ordered front matter, the body and what the body helpers derive.
// Dates are RFC 3339 or null; lists are never null. Strings are written as
// encoding/json writes them without HTML escaping (FuzzJSONString holds the
// two equal), by hand: a CLI run over a blog spends a sixth of its time
// here, and reflection most of that.
func (p *Post) MarshalJSON() ([]byte, error) {
	j := jsonWriter{b: make([]byte, 0, 3*len(p.Body)+len(p.src)/2+1024)}
	j.pair('{', "source", p.SourceName())
	if !utf8.ValidString(p.Source) {
		j.key(',', "source_bytes")
		j.b = append(j.b, '"')
		j.b = base64.StdEncoding.AppendEncode(j.b, []byte(p.Source))
		j.b = append(j.b, '"')
	}
	j.pair(',', "title", p.Title)
	j.key(',', "date")
	j.time(p.Date)
	j.key(',', "updated")
	j.time(p.Updated)
	j.key(',', "categories")
	j.b = append(j.b, '[')
	for i, chain := range p.Categories {
		if i > 0 {
			j.b = append(j.b, ',')
		}
		j.strs(chain, "null")
	}
	j.b = append(j.b, ']')
	j.key(',', "tags")
	j.strs(p.Tags, "[]")
	j.key(',', "comments")
	j.b = strconv.AppendBool(j.b, p.Comments)
	j.key(',', "published")
	j.b = strconv.AppendBool(j.b, p.Published)
	j.pair(',', "layout", p.Layout)
	j.pair(',', "permalink", p.Permalink)
	j.key(',', "photos")
	j.strs(p.Photos, "[]")
	j.pair(',', "link", p.Link)
	j.pair(',', "lang", p.Lang)
	if p.Page {
		j.key(',', "page")
		j.b = append(j.b, "true"...)
	}
	for _, kv := range [...]struct{ k, v string }{{"slug", p.Slug}, {"path", p.Path}, {"url", p.URL}} {
		if kv.v != "" {
			j.pair(',', kv.k, kv.v)
		}
	}
	if len(p.Assets) > 0 {
		j.key(',', "assets")
		j.strs(p.Assets, "[]")
	}
	j.pair(',', "author", p.Author)
	j.key(',', "front_matter")
	fm := p.FrontMatter
	if fm == nil {
		fm = &FrontMatter{}
	}
	if err := fm.appendJSON(&j); err != nil {
		return nil, err
	}
	j.pair(',', "format", string(p.Format))
	j.pair(',', "body", p.Body)
	j.pair(',', "excerpt", p.Excerpt())
	j.pair(',', "more", p.More())
	j.key(',', "headings")
	j.b = append(j.b, '[')
	for i, h := range p.Headings() {
		if i > 0 {
			j.b = append(j.b, ',')
		}
		j.key('{', "level")
		j.b = strconv.AppendInt(j.b, int64(h.Level), 10)
		j.pair(',', "id", h.ID)
		j.pair(',', "text", h.Text)
		j.b = append(j.b, '}')
	}
	j.b = append(j.b, ']')
	j.key(',', "paragraphs")
	j.b = append(j.b, '[')
	first := true
	for _, b := range p.Blocks {
		if b.Kind == BlockParagraph {
			if !first {
				j.b = append(j.b, ',')
			}
			first = false
			j.str(b.Text)
		}
	}
	j.b = append(j.b, ']')
	j.key(',', "images")
	j.b = append(j.b, '[')
	for i, img := range p.Images() {
		if i > 0 {
			j.b = append(j.b, ',')
		}
		j.pair('{', "url", img.URL)
		j.pair(',', "alt", img.Alt)
		j.pair(',', "from", img.From)
		j.b = append(j.b, '}')
	}
	j.b = append(j.b, ']')
	j.pair(',', "summary", p.Summary())
	j.pair(',', "text", p.Text())
	j.key(',', "words")
	j.b = strconv.AppendInt(j.b, int64(p.WordCount()), 10)
	j.key(',', "reading_minutes")
	j.b = strconv.AppendInt(j.b, int64(p.ReadingMinutes()), 10)
	j.key(',', "warnings")
	j.strs(p.Warnings, "[]")
	j.b = append(j.b, '}')
	return j.b, nil
}

// jsonWriter appends JSON to b.
type jsonWriter struct{ b []byte }

// key writes the separator before a key (',' or '{') and the key.
func (j *jsonWriter) key(sep byte, k string) {
	j.b = append(j.b, sep, '"')
	j.b = append(j.b, k...)
	j.b = append(j.b, '"', ':')
}

func (j *jsonWriter) str(s string) { j.b = appendJSONString(j.b, s) }

// pair writes a key and its string value.
func (j *jsonWriter) pair(sep byte, k, v string) {
	j.key(sep, k)
	j.str(v)
}

// strs writes a list of strings, or none when the list is nil.
func (j *jsonWriter) strs(l []string, none string) {
	if l == nil {
		j.b = append(j.b, none...)
		return
	}
	j.b = append(j.b, '[')
	for i, s := range l {
		if i > 0 {
			j.b = append(j.b, ',')
		}
		j.str(s)
	}
	j.b = append(j.b, ']')
}

// time writes t in RFC 3339 (timeText), or null for the zero time.
func (j *jsonWriter) time(t time.Time) {
	if t.IsZero() {
		j.b = append(j.b, "null"...)
		return
	}
	j.str(timeText(t, time.RFC3339))
}

// value writes a front-matter value: the common kinds by hand, the rest
// (numbers, mappings) through encoding/json.
func (j *jsonWriter) value(v any) error {
	switch x := v.(type) {
	case nil:
		j.b = append(j.b, "null"...)
	case string:
		j.str(x)
	case bool:
		j.b = strconv.AppendBool(j.b, x)
	case int64:
		j.b = strconv.AppendInt(j.b, x, 10)
	case time.Time:
		j.str(timeText(x, time.RFC3339Nano))
	case []any:
		j.b = append(j.b, '[')
		for i, e := range x {
			if i > 0 {
				j.b = append(j.b, ',')
			}
			if err := j.value(e); err != nil {
				return err
			}
		}
		j.b = append(j.b, ']')
	default:
		b, err := marshalJSON(jsonSafe(v))
		if err != nil {
			return err
		}
		j.b = append(j.b, b...)
	}
	return nil
}

// appendJSONString appends s as encoding/json writes a string without HTML
// escaping: quotes, backslashes and control characters escaped, each byte
// that is not UTF-8 as \ufffd, U+2028 and U+2029 escaped. Most of a CJK
// text is three-byte characters, stepped over without decoding.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && jsonPlain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		// a three-byte character led by E3 to EF but ED (the surrogates) is
		// valid whenever its two continuation bytes are, and is neither
		// U+2028 nor U+2029 (E2 80 A8, E2 80 A9)
		if c >= 0xE3 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"

// jsonPlain are the bytes a JSON string holds as they are: ASCII from the
// space on but the quote and the backslash.
var jsonPlain = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// marshalJSON is json.Marshal without HTML escaping: bodies are HTML and
// stay readable. (json.Marshal of a Post escapes them again for callers who
// want \u003c.)
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// timeText formats t by layout (RFC 3339) when its year has four digits;
// otherwise as JavaScript's toISOString does, in UTC with a signed six-digit
// year (-000001-12-31T21:00:00Z), which RFC 3339 and time.MarshalJSON cannot
// write.
func timeText(t time.Time, layout string) string {
	if y := t.Year(); y >= 0 && y <= 9999 {
		return t.Format(layout)
	}
	u := t.UTC()
	y, sign := u.Year(), "+"
	if y < 0 {
		y, sign = -y, "-"
	}
	return fmt.Sprintf("%s%06d", sign, y) + u.Format("-01-02T15:04:05Z")
}

// MarshalJSON writes the keys in file order. Times are RFC 3339; NaN and the
// infinities, which JSON cannot hold, are written as the strings JavaScript prints.
func (fm *FrontMatter) MarshalJSON() ([]byte, error) {
	var j jsonWriter
	err := fm.appendJSON(&j)
	return j.b, err
}

func (fm *FrontMatter) appendJSON(j *jsonWriter) error {
	j.b = append(j.b, '{')
	for i, k := range fm.keys {
		if i > 0 {
			j.b = append(j.b, ',')
		}
		j.str(k)
		j.b = append(j.b, ':')
		if err := j.value(fm.values[k]); err != nil {
			return err
		}
	}
	j.b = append(j.b, '}')
	return nil
}

func jsonSafe(v any) any {
	switch x := v.(type) {
	case time.Time:
		return timeText(x, time.RFC3339Nano)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return jsNumber(x) // NaN, Infinity, -Infinity: JSON has no number for them
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonSafe(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonSafe(e)
		}
		return out
	}
	return v
}
