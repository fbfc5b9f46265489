package hexo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"
	"unicode/utf8"
)

// The JSON view of a post: the keys of `hexopost --json`, which the
// conformance referee reads.

// postJSON is the JSON form of a Post; its keys are the CLI's.
type postJSON struct {
	Source         string       `json:"source"`
	SourceBytes    []byte       `json:"source_bytes,omitempty"` // base64, when the name is not UTF-8
	Title          string       `json:"title"`
	Date           *string      `json:"date"`
	Updated        *string      `json:"updated"`
	Categories     [][]string   `json:"categories"`
	Tags           []string     `json:"tags"`
	Comments       bool         `json:"comments"`
	Published      bool         `json:"published"`
	Layout         string       `json:"layout"`
	Permalink      string       `json:"permalink"`
	Photos         []string     `json:"photos"`
	Link           string       `json:"link"`
	Lang           string       `json:"lang"`
	Page           bool         `json:"page,omitempty"`
	Slug           string       `json:"slug,omitempty"`
	Path           string       `json:"path,omitempty"`
	URL            string       `json:"url,omitempty"`
	Assets         []string     `json:"assets,omitempty"`
	Author         string       `json:"author"`
	FrontMatter    *FrontMatter `json:"front_matter"`
	Format         Format       `json:"format"`
	Body           string       `json:"body"`
	Excerpt        string       `json:"excerpt"`
	More           string       `json:"more"`
	Headings       []Heading    `json:"headings"`
	Paragraphs     []string     `json:"paragraphs"`
	Images         []Image      `json:"images"`
	Summary        string       `json:"summary"`
	Text           string       `json:"text"`
	Words          int          `json:"words"`
	ReadingMinutes int          `json:"reading_minutes"`
	Warnings       []string     `json:"warnings"`
}

// MarshalJSON writes the post with the keys of `hexopost --json`: Hexo's
// fields, the ordered front matter, the body and what the body helpers derive.
// Dates are RFC 3339 or null; lists are never null.
func (p *Post) MarshalJSON() ([]byte, error) {
	fm := p.FrontMatter
	if fm == nil {
		fm = &FrontMatter{}
	}
	j := postJSON{
		Source: p.SourceName(), Title: p.Title, Date: jsonTime(p.Date), Updated: jsonTime(p.Updated),
		Categories: nonNil(p.Categories), Tags: nonNil(p.Tags), Comments: p.Comments,
		Published: p.Published, Layout: p.Layout, Permalink: p.Permalink, Photos: nonNil(p.Photos),
		Link: p.Link, Lang: p.Lang, Page: p.Page, Slug: p.Slug, Path: p.Path, URL: p.URL, Assets: p.Assets, Author: p.Author, FrontMatter: fm, Format: p.Format,
		Body: p.Body, Excerpt: p.Excerpt(), More: p.More(), Headings: nonNil(p.Headings()),
		Paragraphs: nonNil(p.Paragraphs()), Images: nonNil(p.Images()), Summary: p.Summary(),
		Text: p.Text(), Words: p.WordCount(), ReadingMinutes: p.ReadingMinutes(),
		Warnings: nonNil(p.Warnings),
	}
	if !utf8.ValidString(p.Source) {
		j.SourceBytes = []byte(p.Source)
	}
	return marshalJSON(j)
}

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

func jsonTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := timeText(t, time.RFC3339)
	return &s
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

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// MarshalJSON writes the keys in file order. Times are RFC 3339; NaN and the
// infinities, which JSON cannot hold, are written as the strings JavaScript prints.
func (fm *FrontMatter) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range fm.Keys() {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := marshalJSON(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := marshalJSON(jsonSafe(fm.values[k]))
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
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
