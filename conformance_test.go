package hexo

import (
	"encoding/json"
	"errors"
	"html"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hexoCase is the part of a Hexo oracle answer (../shared/oracle) that the
// front-matter contract of ../shared/conformance/README.md is checked against.
type hexoCase struct {
	FrontMatterHexo struct {
		Split struct {
			Data    *string `json:"data"`
			Content string  `json:"content"`
		} `json:"split"`
		Parse struct {
			Data         map[string]any    `json:"data"`
			Types        map[string]string `json:"types"`
			WholeFile    bool              `json:"content_is_whole_file"`
			ParseErrorJS string            `json:"error"`
		} `json:"parse"`
	} `json:"frontmatter_hexo"`
	Post struct {
		Status        string     `json:"status"`
		Title         *string    `json:"title"`
		Date          string     `json:"date"`
		DateSource    string     `json:"date_source"`
		Updated       string     `json:"updated"`
		UpdatedSource string     `json:"updated_source"`
		Categories    [][]string `json:"categories"`
		Tags          []string   `json:"tags"`
		Layout        string     `json:"layout"`
		Comments      bool       `json:"comments"`
		Published     bool       `json:"published"`
		Photos        []any      `json:"photos"`
		Link          *string    `json:"link"`
		Lang          *string    `json:"lang"`
		Permalink     *string    `json:"permalink_frontmatter"`
		Extra         map[string]any
		Rendered      bool    `json:"rendered"`
		Excerpt       *string `json:"excerpt"`
	} `json:"post"`
	Util struct {
		TOC []struct {
			Text  string `json:"text"`
			Level int    `json:"level"`
		} `json:"toc"`
	} `json:"util"`
}

// conformanceSuites are the post folders with Hexo's answers beside them: the
// shared corpus when it is there, and our own posts, run through the same oracle.
func conformanceSuites(t *testing.T) map[string][2]string {
	suites := map[string][2]string{"testdata": {"testdata/posts", "testdata/hexo"}}
	shared := filepath.Join("..", "shared", "conformance")
	if _, err := os.Stat(filepath.Join(shared, "expected")); err == nil {
		suites["shared"] = [2]string{filepath.Join(shared, "cases"), filepath.Join(shared, "expected")}
	} else {
		t.Log("../shared/conformance is not here: only testdata is checked")
	}
	return suites
}

func TestConformance(t *testing.T) {
	for name, dirs := range conformanceSuites(t) {
		t.Run(name, func(t *testing.T) {
			for _, f := range postFiles(t, dirs[0]) {
				stem := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
				raw, err := os.ReadFile(filepath.Join(dirs[1], stem+".json"))
				if errors.Is(err, os.ErrNotExist) {
					continue
				}
				require.NoError(t, err)
				var c hexoCase
				require.NoError(t, json.Unmarshal(raw, &c))
				t.Run(filepath.Base(f), func(t *testing.T) { checkCase(t, f, &c) })
			}
		})
	}
}

func checkCase(t *testing.T, path string, c *hexoCase) {
	p, err := ParseFile(path)
	require.NotNil(t, p)
	if c.Post.Status == "not_loaded" {
		require.Error(t, err, "Hexo refused this file")
		assert.ErrorIs(t, err, ErrFrontMatter)
		var pe *ParseError
		require.ErrorAs(t, err, &pe)
		assert.Greater(t, pe.Line, 0, "the error names a line")
		if strings.TrimSpace(c.FrontMatterHexo.Split.Content) != "" {
			assert.NotEmpty(t, strings.TrimSpace(p.Body), "the body is handed back")
		}
		return
	}
	require.NoError(t, err)

	// split
	src, _ := os.ReadFile(path)
	want := normalise([]byte(c.FrontMatterHexo.Split.Content))
	if c.FrontMatterHexo.Parse.WholeFile {
		want = normalise(src)
	}
	assert.Equal(t, strings.TrimSpace(want), strings.TrimSpace(p.Body), "body")

	// fields
	data := c.FrontMatterHexo.Parse.Data
	types := c.FrontMatterHexo.Parse.Types
	if c.Post.Title != nil && p.Title != *c.Post.Title {
		assert.Equal(t, "date", types["title"], "title %q, Hexo %q", p.Title, *c.Post.Title)
	}
	assert.Equal(t, c.Post.Comments, p.Comments, "comments")
	assert.Equal(t, c.Post.Published, p.Published, "published")
	assert.Equal(t, c.Post.Layout, p.Layout, "layout")
	assert.Equal(t, deref(c.Post.Link), p.Link, "link")
	assert.Equal(t, deref(c.Post.Lang), p.Lang, "lang")
	assert.Equal(t, deref(c.Post.Permalink), p.Permalink, "permalink")
	if a, ok := c.Post.Extra["author"].(string); ok {
		assert.Equal(t, a, p.Author, "author")
	}
	var photos []string
	for _, ph := range c.Post.Photos {
		photos = append(photos, jsString(ph))
	}
	assert.Equal(t, photos, p.Photos, "photos")
	if c.Post.Status == "published" { // Hexo drops them for unpublished posts; we do not
		assert.ElementsMatch(t, c.Post.Tags, p.Tags, "tags")
		assert.ElementsMatch(t, paths(c.Post.Categories), paths(prefixes(p.Categories)), "category paths")
	}
	fm := p.FrontMatter
	keys := fm.Keys()
	wantKeys := make([]string, 0, len(data))
	for k := range data {
		wantKeys = append(wantKeys, k)
	}
	assert.ElementsMatch(t, wantKeys, keys, "front-matter keys")
	for k, hv := range data {
		ov, _ := fm.Get(k)
		if types[k] == "date" || (k == "date" || k == "updated") && c.Post.DateSource == "frontmatter" {
			if ht, ok := jsonTimeValue(hv); ok {
				if ot, ok := ov.(time.Time); ok {
					assert.True(t, ht.Equal(ot), "front_matter[%s] %v, Hexo %v", k, ot, ht)
					continue
				}
			}
		}
		assert.True(t, sameJSON(hv, ov), "front_matter[%s] %#v, Hexo %#v", k, ov, hv)
	}
	if len(keys) > 0 && !slices.ContainsFunc(keys, isAllDigits) {
		assert.Equal(t, fileOrder(c.FrontMatterHexo.Split.Data, wantKeys), keys, "key order")
	}

	// dates
	checkDate(t, "date", p.Date, c.Post.Date, c.Post.DateSource, data["date"], p.Warnings)
	checkDate(t, "updated", p.Updated, c.Post.Updated, c.Post.UpdatedSource, data["updated"], p.Warnings)

	// headings, where Hexo rendered the post and did not mangle an HTML body
	if c.Post.Rendered && !(p.Format == FormatHTML && strings.HasSuffix(path, ".md")) && !strings.Contains(p.Body, "{%") {
		var want, got []string
		for _, h := range c.Util.TOC {
			want = append(want, headingKey(h.Level, html.UnescapeString(h.Text)))
		}
		for _, h := range p.Headings() {
			got = append(got, headingKey(h.Level, h.Text))
		}
		assert.Equal(t, want, got, "headings")
	}
	// excerpt: present exactly when Hexo has one
	if c.Post.Rendered && c.Post.Excerpt != nil && !strings.Contains(p.Body, "{%") {
		assert.Equal(t, *c.Post.Excerpt == "", p.Excerpt() == "", "excerpt present")
	}
}

func checkDate(t *testing.T, key string, got time.Time, hexo, source string, raw any, warnings []string) {
	if source == "frontmatter" {
		want, err := time.Parse(time.RFC3339, hexo)
		require.NoError(t, err)
		assert.True(t, want.Equal(got.Truncate(time.Second)) || want.Truncate(time.Second).Equal(got.Truncate(time.Second)), "%s %v, Hexo %v", key, got, want)
		return
	}
	assert.True(t, got.IsZero(), "%s: Hexo used a file time; we have no date", key)
	if truthy(raw) {
		assert.NotEmpty(t, warnings, "%s %v is no date: a warning", key, raw)
	}
}

var typoRE = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "-", "—", "-", "…", "...")

func headingKey(level int, text string) string {
	s := typoRE.Replace(text)
	s = regexp.MustCompile(`[\s\p{Z}]+`).ReplaceAllString(s, "") // NBSP and U+3000 too: our text collapses them
	s = regexp.MustCompile(`-{2,}`).ReplaceAllString(s, "-")
	return string(rune('0'+level)) + ":" + s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func prefixes(chains [][]string) [][]string {
	var out [][]string
	for _, ch := range chains {
		for i := 1; i <= len(ch); i++ {
			out = append(out, ch[:i])
		}
	}
	return out
}

func paths(chains [][]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, ch := range chains {
		k := strings.Join(ch, "\x00")
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func jsonTimeValue(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

// sameJSON compares a value from the oracle's JSON with one of ours.
func sameJSON(hexo, ours any) bool {
	b, err := json.Marshal(jsonSafe(ours))
	if err != nil {
		return false
	}
	var back any
	if json.Unmarshal(b, &back) != nil {
		return false
	}
	return looseEqual(hexo, back)
}

func looseEqual(a, b any) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && (x == y || math.IsNaN(x) && math.IsNaN(y))
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !looseEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k := range x {
			if !looseEqual(x[k], y[k]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// fileOrder sorts keys by where they first appear at the start of a line of
// the front matter's text.
func fileOrder(data *string, keys []string) []string {
	text := "\n" + deref(data)
	out := slices.Clone(keys)
	pos := func(k string) int {
		for _, q := range []string{k, `"` + k + `"`, "'" + k + "'"} {
			if i := strings.Index(text, "\n"+q+":"); i >= 0 {
				return i
			}
		}
		return len(text)
	}
	slices.SortStableFunc(out, func(a, b string) int { return pos(a) - pos(b) })
	return out
}
