package hexo

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRoundTripIsByteIdentical: a post read and written with no change is its
// input, for every post we have (BOM, CRLF, no final newline included).
func TestRoundTripIsByteIdentical(t *testing.T) {
	for _, dirs := range conformanceSuites(t) {
		for _, f := range postFiles(t, dirs[0]) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			p, _ := Parse(src)
			assert.Equal(t, string(src), string(p.Bytes()), f)
		}
	}
}

func TestEdits(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		edit     func(*Post) error
		want     string
	}{
		{"set keeps the other lines", "---\ntitle: 'Quoted'   # kept\ntags: [a]\ndate: Invalid Date\n---\nbody\n",
			func(p *Post) error { return p.SetField("date", time.Date(2021, 6, 12, 13, 7, 48, 0, time.UTC)) },
			"---\ntitle: 'Quoted'   # kept\ntags: [a]\ndate: 2021-06-12 13:07:48\n---\nbody\n"},
		{"set a list in place, comment after it kept", "---\ntags:\n - a\n - b\n# about the title\ntitle: x\n---\nbody",
			func(p *Post) error { return p.SetField("tags", []string{"a", "b", "c"}) },
			"---\ntags:\n - a\n - b\n - c\n# about the title\ntitle: x\n---\nbody"},
		{"a line comment stays with its value", "---\ncomments: true # default\n---\n",
			func(p *Post) error { return p.SetField("comments", false) },
			"---\ncomments: false # default\n---\n"},
		{"new key at the end", "\n---\ntitle: x\nauthor: y\n---\n\n<div>body</div>\n",
			func(p *Post) error { return p.SetField("cover", "https://e.org/a.jpg") },
			"\n---\ntitle: x\nauthor: y\ncover: https://e.org/a.jpg\n---\n\n<div>body</div>\n"},
		{"strings YAML would misread are quoted", "---\ntitle: x\n---\n",
			func(p *Post) error { return p.SetField("title", "yes: no") },
			"---\ntitle: 'yes: no'\n---\n"},
		{"delete", "---\ntitle: x\nheadimg: a.jpg\nthumbnail: a.jpg\n---\nbody\n",
			func(p *Post) error { return p.DeleteField("headimg") },
			"---\ntitle: x\nthumbnail: a.jpg\n---\nbody\n"},
		{"delete the last key of a multi-line value", "---\ntitle: x\ncategories:\n  - a\n  - b\n---\nbody\n",
			func(p *Post) error { return p.DeleteField("categories") },
			"---\ntitle: x\n---\nbody\n"},
		{"delete the only key drops the block", "---\ntitle: x\n---\nbody\n",
			func(p *Post) error { return p.DeleteField("title") },
			"body\n"},
		{"JSON: delete the only key drops the block", ";;;\n\"title\": \"x\"\n;;;\nbody\n",
			func(p *Post) error { return p.DeleteField("title") },
			"body\n"},
		{"delete a missing key changes nothing", "---\ntitle: x\n---\n",
			func(p *Post) error { return p.DeleteField("nope") },
			"---\ntitle: x\n---\n"},
		{"CRLF and BOM", "\uFEFF---\r\ntitle: x\r\n---\r\nbody\r\n",
			func(p *Post) error { return p.SetField("tags", []string{"go"}) },
			"\uFEFF---\r\ntitle: x\r\ntags:\r\n  - go\r\n---\r\nbody\r\n"},
		{"CRLF, replacing", "---\r\ntitle: x\r\ndate: bad\r\n---\r\nbody\r\n",
			func(p *Post) error { return p.SetField("date", "2021-01-01") },
			"---\r\ntitle: x\r\ndate: \"2021-01-01\"\r\n---\r\nbody\r\n"},
		{"no front matter gets a block", "# Hello\n\ntext\n",
			func(p *Post) error { return p.SetField("title", "Hello") },
			"---\ntitle: Hello\n---\n# Hello\n\ntext\n"},
		{"new style (no opener)", "title: x\n---\nbody\n",
			func(p *Post) error { return p.SetField("title", "new") },
			"title: new\n---\nbody\n"},
		{"JSON: set, keeping the rest", ";;;\n\"title\": \"x\",\n\"tags\": [\"a\"]\n;;;\nbody\n",
			func(p *Post) error { return p.SetField("title", "<b>y</b>") },
			";;;\n\"title\": \"<b>y</b>\",\n\"tags\": [\"a\"]\n;;;\nbody\n"},
		{"JSON: add", ";;;\n  \"title\": \"x\"\n;;;\nbody\n",
			func(p *Post) error { return p.SetField("draft", true) },
			";;;\n  \"title\": \"x\",\n  \"draft\": true\n;;;\nbody\n"},
		{"JSON: delete the first", ";;;\n\"title\": \"x\",\n\"tags\": [\"a\"]\n;;;\nbody\n",
			func(p *Post) error { return p.DeleteField("title") },
			";;;\n\"tags\": [\"a\"]\n;;;\nbody\n"},
		{"JSON: delete the last", ";;;\n\"title\": \"x\",\n\"tags\": [\"a\"]\n;;;\nbody\n",
			func(p *Post) error { return p.DeleteField("tags") },
			";;;\n\"title\": \"x\"\n;;;\nbody\n"},
		{"nested lines indented like the file's", "---\ncategories:\n    - a\n---\n",
			func(p *Post) error { return p.SetField("tags", []string{"x"}) },
			"---\ncategories:\n    - a\ntags:\n    - x\n---\n"},
		{"a date with its offset", "---\ntitle: x\n---\n",
			func(p *Post) error {
				return p.SetField("date", time.Date(2021, 6, 12, 21, 7, 48, 0, time.FixedZone("", 8*3600)))
			},
			"---\ntitle: x\ndate: 2021-06-12 21:07:48+08:00\n---\n"},
		// each of these was written wrong, and reported a success, before the read-back check
		{"a nested list in a file indented by four", "---\ntitle: t\nauthor:\n    name: x\n---\nbody\n",
			func(p *Post) error { return p.SetField("k", []any{[]any{"a", "b"}, "c"}) },
			"---\ntitle: t\nauthor:\n    name: x\nk:\n    - - a\n      - b\n    - c\n---\nbody\n"},
		{"a multi-line string in a file indented by four", "---\nauthor:\n    name: x\ntitle: t\n---\nbody\n",
			func(p *Post) error { return p.SetField("author", "line1\n  line2\nline3\n") },
			"---\nauthor: |\n    line1\n      line2\n    line3\ntitle: t\n---\nbody\n"},
		{"a nested list in a post without front matter", "body\n",
			func(p *Post) error { return p.SetField("k", []any{[]any{"a", "b"}, "c"}) },
			"---\nk:\n  - - a\n    - b\n  - c\n---\nbody\n"},
		{"a lone CR in a quoted value is a line break to YAML", "---\ntitle: \"a\rb\"\ntags: x\n---\nbody\n",
			func(p *Post) error { return p.DeleteField("title") },
			"---\ntags: x\n---\nbody\n"},
		{"a multi-line value added last keeps its final newline", "---\ntitle: t\n---\nbody\n",
			func(p *Post) error { return p.SetField("k", "a\nb\n") },
			"---\ntitle: t\nk: |\n  a\n  b\n---\nbody\n"},
		{"deleting the only key leaves the body as body", "---\ntitle: x\n---\ntext\n\n---\n\nmore\n",
			func(p *Post) error { return p.DeleteField("title") },
			"text\n\n---\n\nmore\n"},
		{"deleting the only key of a post whose body would read as front matter keeps an empty mapping", "---\ntitle: x\n---\na: b\n\n---\n\nmore\n",
			func(p *Post) error { return p.DeleteField("title") },
			"---\n{}\n---\na: b\n\n---\n\nmore\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse([]byte(tc.in))
			require.NoError(t, err)
			require.NoError(t, tc.edit(p))
			assert.Equal(t, tc.want, string(p.Bytes()))
			again, err := Parse(p.Bytes())
			require.NoError(t, err)
			assert.Equal(t, again.FrontMatter, p.FrontMatter, "the post was parsed again after the edit")
		})
	}
}

// TestEditsRefusedChangeNothing: an edit that cannot be made exactly is
// refused with an error and leaves the post as it was.
func TestEditsRefusedChangeNothing(t *testing.T) {
	const src = "---\ntitle: t\n---\nbody\n"
	for _, tc := range []struct {
		name string
		edit func(*Post) error
		err  error
	}{
		{"past MaxFrontMatterSize", func(p *Post) error { return p.SetField("k", strings.Repeat("x", 1<<20)) }, ErrTooLarge},
		{"a value that is not UTF-8", func(p *Post) error { return p.SetField("k", "a\xffb") }, ErrNotEditable},
		{"a key that is not UTF-8", func(p *Post) error { return p.SetField("k\xff", "v") }, ErrNotEditable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse([]byte(src))
			require.NoError(t, err)
			err = tc.edit(p)
			assert.ErrorIs(t, err, tc.err)
			assert.ErrorIs(t, err, ErrNotEditable)
			assert.Equal(t, src, string(p.Bytes()))
			assert.Equal(t, []string{"title"}, p.FrontMatter.Keys())
		})
	}
}

func TestEditUpdatesFields(t *testing.T) {
	p, err := Parse([]byte("---\ntitle: Old\ndate: Invalid Date\n---\nbody\n"))
	require.NoError(t, err)
	require.NotEmpty(t, p.Warnings)
	require.NoError(t, p.SetField("title", "New"))
	require.NoError(t, p.SetField("date", "2021-06-12 13:07:48"))
	assert.Equal(t, "New", p.Title)
	assert.Equal(t, "2021-06-12T13:07:48Z", p.Date.Format(time.RFC3339))
	assert.Empty(t, p.Warnings)
	assert.Equal(t, "body\n", p.Body)
}

func TestEditRefusesBrokenFrontMatter(t *testing.T) {
	in := "---\ntitle: \"a \"quoted\" title\"\n---\nbody\n"
	p, err := Parse([]byte(in))
	require.Error(t, err)
	assert.ErrorIs(t, p.SetField("tags", "x"), ErrNotEditable)
	assert.Equal(t, in, string(p.Bytes()), "nothing changed")

	p, err = Parse([]byte("---\n{title: x}\n---\n"))
	require.NoError(t, err)
	assert.ErrorIs(t, p.SetField("tags", "x"), ErrNotEditable)
}

// TestEditsTouchOnlyTheirKey adds a tag to, and removes a key from, every
// post Hexo could read: the body stays byte for byte, every other key decodes
// to what it was, and deleting what was added gives the file back.
func TestEditsTouchOnlyTheirKey(t *testing.T) {
	for _, dirs := range conformanceSuites(t) {
		for _, f := range postFiles(t, dirs[0]) {
			src, _ := os.ReadFile(f)
			p, err := ParseFile(f)
			if !assert.NotNil(t, p, f) || err != nil || p.FrontMatter == nil {
				continue
			}
			before := p.FrontMatter
			body := p.Body
			require.NoError(t, p.SetField("zz_added", []string{"go", "hexo"}), f)
			assert.Equal(t, body, p.Body, f)
			assert.Equal(t, []any{"go", "hexo"}, p.FrontMatter.values["zz_added"], f)
			for k, v := range before.All() {
				got, _ := p.FrontMatter.Get(k)
				assert.True(t, reflect.DeepEqual(v, got), "%s: %s changed", f, k)
			}
			require.NoError(t, p.DeleteField("zz_added"), f)
			if before.Len() == 0 { // "{}": deleting the only key drops the block, as for any post
				assert.Equal(t, body, p.Body, f)
				assert.Zero(t, p.FrontMatter.Len(), f)
				continue
			}
			assert.Equal(t, string(src), string(p.Bytes()), "%s: add then delete is the identity", f)

			key := before.Keys()[0]
			if err := p.DeleteField(key); err != nil {
				// deleting an anchor that later keys refer to would break the block
				assert.ErrorIs(t, err, ErrFrontMatter, f)
				assert.Equal(t, string(src), string(p.Bytes()), "%s: a refused edit changes nothing", f)
				continue
			}
			assert.False(t, p.FrontMatter.Has(key), f)
			assert.Equal(t, body, p.Body, f)
			assert.Equal(t, before.Len()-1, p.FrontMatter.Len(), f)
		}
	}
}

func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "post.md")
	require.NoError(t, os.WriteFile(name, []byte("---\ntitle: x\n---\nbody\n"), 0o600))
	p, err := ParseFile(name)
	require.NoError(t, err)
	require.NoError(t, p.SetField("title", "new"))
	require.NoError(t, p.WriteFile(name))
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	assert.Equal(t, "---\ntitle: new\n---\nbody\n", string(b))
	fi, err := os.Stat(name)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "permissions kept")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file left")

	err = p.WriteFile(filepath.Join(dir, "missing", "post.md"))
	assert.Error(t, err)
	var sb strings.Builder
	_, err = p.WriteTo(&sb)
	require.NoError(t, err)
	assert.Equal(t, string(b), sb.String())
}

func TestNew(t *testing.T) {
	c := DefaultSiteConfig()
	c.Timezone = "Asia/Shanghai"
	c.NewPostName = ":year-:month-:day-:title.md"
	now := time.Date(2026, 11, 28, 20, 30, 0, 0, time.UTC) // 04:30 on the 29th in Shanghai
	p, err := New("Hello, World: again", c, now)
	require.NoError(t, err)
	assert.Equal(t, "source/_posts/2026-11-29-Hello-World-again.md", p.Source)
	assert.Equal(t, "---\ntitle: 'Hello, World: again'\ndate: 2026-11-29 04:30:00\ntags:\n---\n", string(p.Bytes()))
	assert.Equal(t, "Hello, World: again", p.Title)
	assert.True(t, p.Date.Equal(now), "the date reads back as the same instant")

	c.FilenameCase = 1
	c.NewPostName = ":title"
	p, err = New("中文 Title", c, now)
	require.NoError(t, err)
	assert.Equal(t, "source/_posts/中文-title.md", p.Source)
}

func TestEditErrorsNameFileAndLine(t *testing.T) {
	p, _ := Options{}.parse([]byte("---\ntitle: x\ntitle: y\n---\nbody\n"), "posts/dup.md")
	err := p.SetField("tags", "go")
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "posts/dup.md", pe.File)
	assert.Equal(t, 3, pe.Line)
	assert.ErrorIs(t, err, ErrNotEditable)
	assert.ErrorIs(t, err, ErrFrontMatter)
	assert.Equal(t, 1, strings.Count(err.Error(), "posts/dup.md"), err.Error())
}
