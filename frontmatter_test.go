package hexo

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustParse(t *testing.T, src string) *Post {
	t.Helper()
	p, err := Parse([]byte(src))
	require.NoError(t, err)
	return p
}

func TestFrontMatterValues(t *testing.T) {
	p := mustParse(t, "---\n"+
		"yes: yes\n"+ // YAML 1.2: a string
		"octal: 017\n"+ // YAML 1.2: seventeen
		"hex: 0x1F\n"+
		"float: 1.5\n"+
		"inf: .inf\n"+
		"null: ~\n"+
		"on: true\n"+
		"day: 2021-06-12\n"+
		"spaced: 2021-06-13 10:00:00 +08:00\n"+
		"rfc: Sat, 12 Jun 2021 13:07:48 GMT\n"+
		"1: numeric key\n"+
		"nested: {b: 1, a: [x, 2]}\n"+
		"big: 3000000000\n"+ // a JavaScript number holds integers up to 2^53 exactly
		"max: 9007199254740992\n"+
		"beyond: 9007199254740993\n"+
		"---\nbody")
	fm := p.FrontMatter
	assert.Equal(t, []string{"yes", "octal", "hex", "float", "inf", "null", "on", "day", "spaced", "rfc", "1", "nested", "big", "max", "beyond"}, fm.Keys())
	get := func(k string) any { v, ok := fm.Get(k); require.True(t, ok, k); return v }
	assert.Equal(t, "yes", get("yes"))
	assert.Equal(t, int64(17), get("octal"))
	assert.Equal(t, int64(31), get("hex"))
	assert.Equal(t, 1.5, get("float"))
	assert.Nil(t, get("null"))
	assert.Equal(t, true, get("on"))
	assert.Equal(t, time.Date(2021, 6, 12, 0, 0, 0, 0, time.UTC), get("day"))
	assert.True(t, time.Date(2021, 6, 13, 2, 0, 0, 0, time.UTC).Equal(get("spaced").(time.Time)))
	assert.Equal(t, "Sat, 12 Jun 2021 13:07:48 GMT", get("rfc"), "a date written as a string stays a string")
	assert.Equal(t, "numeric key", get("1"))
	assert.Equal(t, map[string]any{"b": int64(1), "a": []any{"x", int64(2)}}, get("nested"))
	assert.Equal(t, int64(3000000000), get("big"))
	assert.Equal(t, int64(1<<53), get("max"))
	assert.Equal(t, float64(1<<53), get("beyond"), "beyond 2^53 a float, as JavaScript rounds it")

	b, err := json.Marshal(fm)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), `{"yes":"yes","octal":17,"hex":31,"float":1.5,"inf":"Infinity","null":null,"on":true,"day":"2021-06-12T00:00:00Z"`), string(b))
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		want string
	}{
		{"duplicate key", "---\ntitle: a\ntags: x\ntags: y\n---\nbody", 4, "duplicated mapping key"},
		{"broken quotes", "---\ntitle: \"a \"b\" c\"\n---\nbody", 2, "did not find expected key"},
		{"new style counts lines from the top", "\n---\ntitle: a\ntitle: b\n---\nbody", 4, "duplicated"},
		{"unknown tag", "---\ntitle: !custom x\n---\nbody", 2, "unknown tag"},
		{"a list is refused", "---\n- a\n- b\n---\nbody", 2, "list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Options{}.parse([]byte(tt.src), "post.md")
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrFrontMatter), "errors.Is ErrFrontMatter: %v", err)
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, tt.line, pe.Line, err.Error())
			assert.Equal(t, "post.md", pe.File)
			assert.Contains(t, err.Error(), tt.want)
			require.NotNil(t, p, "the post comes back with the error")
			assert.Contains(t, p.Body, "body", "the body is never lost")
			assert.Contains(t, p.Text(), "body")
		})
	}
}

func TestNotAMappingIsBody(t *testing.T) {
	for _, src := range []string{
		"---\njust a scalar\n---\nbody",
		"---\n~\n---\nbody",
		"---\n# only a comment\n---\nbody",
		";;;\n\"broken\n;;;\nbody",
		"Some text\n---\nbody",
	} {
		p := mustParse(t, src)
		assert.Nil(t, p.FrontMatter, src)
		assert.Equal(t, src, p.Body, "the whole file is the body")
	}
}

func TestJSONFrontMatterKeepsOrder(t *testing.T) {
	p := mustParse(t, ";;;\n\"z\": 1,\n\"a\": {\"k\": [1, 2.5]},\n\"title\": \"J\",\n\"z\": 2\n;;;\nbody")
	assert.Equal(t, []string{"z", "a", "title"}, p.FrontMatter.Keys())
	v, _ := p.FrontMatter.Get("z")
	assert.Equal(t, int64(2), v, "JSON.parse: the last duplicate wins")
	assert.Equal(t, "J", p.Title)
}

func TestTabsAndMergeKeys(t *testing.T) {
	p := mustParse(t, "---\ntags:\n\t- a\n\t- b\nbase: &b\n  x: 1\n  y: 2\nm:\n  <<: *b\n  y: 3\n---\n")
	assert.Equal(t, []string{"a", "b"}, p.Tags)
	// each leading tab is two spaces (hexo-front-matter's escapeYAML), so a
	// tab and two spaces indent alike
	tabs := mustParse(t, "---\ntags:\n\t- a\n  - b\nauthor:\n\t\tname: x\n---\n")
	assert.Equal(t, []string{"a", "b"}, tabs.Tags)
	assert.Equal(t, "x", tabs.Author)
	m, _ := p.FrontMatter.Get("m")
	assert.Equal(t, map[string]any{"x": int64(1), "y": int64(3)}, m)
}

func TestAliasBombFailsFast(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		prev := "*a" + string(rune('0'+i-1))
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(prev+", ", 9) + prev + "]\n")
	}
	b.WriteString("---\nbody")
	start := time.Now()
	p, err := Parse([]byte(b.String()))
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Equal(t, "body", p.Body)
	assert.Less(t, time.Since(start), 10*time.Second, "a deadline far above the normal cost")
}

func TestLimits(t *testing.T) {
	_, err := Options{MaxSize: 10}.Parse([]byte("---\ntitle: longer than ten bytes\n---\n"))
	assert.ErrorIs(t, err, ErrTooLarge)
	p, err := Options{MaxFrontMatterSize: 8}.Parse([]byte("---\ntitle: too long\n---\nbody"))
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Equal(t, "body", p.Body)
	_, err = Options{MaxSize: 10}.ParseReader(strings.NewReader(strings.Repeat("x", 11)))
	assert.ErrorIs(t, err, ErrTooLarge)
}

// TestRecursiveYAML: every recursive step of the conversion counts against
// the limits. A mapping that merges itself (or an ancestor) takes the keys
// it has so far, as js-yaml does (Hexo reads `d: &d` / `  <<: *d` as d: {});
// any other cycle fails with a typed error and the body kept. No setting of
// the limits lets a cycle exhaust the stack.
func TestRecursiveYAML(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts Options
		want map[string]any // nil: an error
		err  error
	}{
		{name: "a mapping merging itself", src: "d: &d\n  <<: *d\n", want: map[string]any{"d": map[string]any{}}},
		{name: "a mapping merging itself in a list", src: "d: &d\n  <<: [*d]\n", want: map[string]any{"d": map[string]any{}}},
		{name: "the keys set before the merge", src: "d: &d\n  a: 1\n  <<: *d\n  b: 2\n", want: map[string]any{"d": map[string]any{"a": int64(1), "b": int64(2)}}},
		{name: "merging an ancestor", src: "x: &x\n  k: v\n  y:\n    <<: *x\n", want: map[string]any{"x": map[string]any{"k": "v", "y": map[string]any{"k": "v"}}}},
		{name: "a list holding itself", src: "a: &a [*a]\n", err: ErrTooDeep},
		{name: "a mapping holding itself", src: "a: &a\n  b: *a\n", err: ErrTooDeep},
		{name: "limits no stack can hold", src: "a: &a [*a]\n", opts: Options{MaxDepth: 1 << 30, MaxYAMLNodes: 1 << 30}, err: ErrTooDeep},
		{name: "merges count as depth", src: "a0: &a0 {k: v}\na1: &a1 {<<: *a0}\na2: &a2 {<<: *a1}\na3: &a3 {<<: *a2}\na4: {<<: *a3}\n",
			opts: Options{MaxDepth: 4}, err: ErrTooDeep},
		{name: "merges within the depth", src: "a0: &a0 {k: v}\na1: &a1 {<<: *a0}\na2: {<<: *a1}\n",
			opts: Options{MaxDepth: 4}, want: map[string]any{"a0": map[string]any{"k": "v"}, "a1": map[string]any{"k": "v"}, "a2": map[string]any{"k": "v"}}},
		{name: "merges count as nodes", src: "b: &b {k: 1}\n" + strings.Repeat("m: {<<: [*b, *b, *b, *b]}\n", 1), opts: Options{MaxYAMLNodes: 5}, err: ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.opts.Parse([]byte("---\n" + tt.src + "---\nbody"))
			assert.Equal(t, "body", p.Body)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.ErrorIs(t, err, ErrFrontMatter)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.FrontMatter.Map())
		})
	}
}

// TestJSONFrontMatterLimits: MaxDepth and MaxYAMLNodes hold for ";;;" front
// matter as for YAML.
func TestJSONFrontMatterLimits(t *testing.T) {
	p, err := Options{MaxDepth: 5}.Parse([]byte(";;;\n\"k\": [[[[[[1]]]]]]\n;;;\nbody"))
	assert.ErrorIs(t, err, ErrTooDeep)
	assert.ErrorIs(t, err, ErrFrontMatter)
	assert.Equal(t, "body", p.Body)
	_, err = Options{MaxYAMLNodes: 3}.Parse([]byte(";;;\n\"k\": [1, 2, 3, 4]\n;;;\nbody"))
	assert.ErrorIs(t, err, ErrTooLarge)
	p, err = Options{MaxDepth: 5}.Parse([]byte(";;;\n\"k\": [[[1]]]\n;;;\nbody"))
	require.NoError(t, err)
	assert.Equal(t, []any{[]any{[]any{int64(1)}}}, p.FrontMatter.values["k"])
}
