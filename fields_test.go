package hexo

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBooleanCasts(t *testing.T) {
	// warehouse's Boolean cast: absent/null is the default (true), "false" and
	// "0" are false, everything else is JavaScript's Boolean(value).
	tests := []struct {
		value string
		want  bool
	}{
		{"", true}, // key absent
		{"comments: ~", true},
		{"comments: false", false},
		{"comments: \"false\"", false},
		{"comments: \"0\"", false},
		{"comments: 0", false},
		{"comments: \"\"", false},
		{"comments: no", true}, // YAML 1.2: the string "no", which is truthy
		{"comments: true", true},
		{"comments: 1", true},
		{"comments: [false]", true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			p := mustParse(t, "---\ntitle: x\n"+tt.value+"\n---\n")
			assert.Equal(t, tt.want, p.Comments)
		})
	}
}

func TestHexoFields(t *testing.T) {
	tests := []struct {
		name  string
		fm    string
		check func(t *testing.T, p *Post)
	}{
		{"number title", "title: 42", func(t *testing.T, p *Post) { assert.Equal(t, "42", p.Title) }},
		{"float title", "title: 1.50", func(t *testing.T, p *Post) { assert.Equal(t, "1.5", p.Title) }},
		{"date title keeps its text", "title: 2021-06-12", func(t *testing.T, p *Post) { assert.Equal(t, "2021-06-12", p.Title) }},
		{"null title", "title: ~", func(t *testing.T, p *Post) { assert.Equal(t, "", p.Title) }},
		{"layout default", "title: x", func(t *testing.T, p *Post) { assert.Equal(t, "post", p.Layout) }},
		{"layout false is text", "layout: false", func(t *testing.T, p *Post) { assert.Equal(t, "false", p.Layout) }},
		{"scalar tag", "tags: solo", func(t *testing.T, p *Post) { assert.Equal(t, []string{"solo"}, p.Tags) }},
		{"empty tags dropped", "tags: [\"\", ~, a, 1, a, A]", func(t *testing.T, p *Post) { assert.Equal(t, []string{"a", "1", "A"}, p.Tags) }},
		{"tag alias", "tag: [x]", func(t *testing.T, p *Post) { assert.Equal(t, []string{"x"}, p.Tags) }},
		{"tags win over tag", "tags: [a]\ntag: [b]", func(t *testing.T, p *Post) { assert.Equal(t, []string{"a"}, p.Tags) }},
		{"flat categories are one chain", "categories: [A, B]", func(t *testing.T, p *Post) {
			assert.Equal(t, [][]string{{"A", "B"}}, p.Categories)
		}},
		{"a nested entry makes chains", "categories: [[A, B], C]", func(t *testing.T, p *Post) {
			assert.Equal(t, [][]string{{"A", "B"}, {"C"}}, p.Categories)
		}},
		{"scalar category", "categories: Go", func(t *testing.T, p *Post) { assert.Equal(t, [][]string{{"Go"}}, p.Categories) }},
		{"category alias", "category: [A]", func(t *testing.T, p *Post) { assert.Equal(t, [][]string{{"A"}}, p.Categories) }},
		{"empty categories", "categories: \"\"", func(t *testing.T, p *Post) { assert.Empty(t, p.Categories) }},
		{"photo alias", "photo: a.jpg", func(t *testing.T, p *Post) { assert.Equal(t, []string{"a.jpg"}, p.Photos) }},
		{"permalink link lang", "permalink: /p/\nlink: https://x.org\nlang: zh-CN", func(t *testing.T, p *Post) {
			assert.Equal(t, "/p/", p.Permalink)
			assert.Equal(t, "https://x.org", p.Link)
			assert.Equal(t, "zh-CN", p.Lang)
		}},
		{"author mapping", "author: {name: Ada, link: x}", func(t *testing.T, p *Post) { assert.Equal(t, "Ada", p.Author) }},
		{"extra keys", "title: x\nheadimg: h.png\nsticky: 1", func(t *testing.T, p *Post) {
			assert.Equal(t, map[string]any{"headimg": "h.png", "sticky": int64(1)}, p.Extra)
		}},
		{"front-matter excerpt", "excerpt: Short.", func(t *testing.T, p *Post) { assert.Equal(t, "Short.", p.Excerpt()) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, mustParse(t, "---\n"+tt.fm+"\n---\nbody"))
		})
	}
}
