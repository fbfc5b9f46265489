package hexo

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonDepth is the deepest nesting of objects and arrays in a JSON text.
func jsonDepth(b []byte) int {
	var d, most int
	dec := json.NewDecoder(strings.NewReader(string(b)))
	for {
		tok, err := dec.Token()
		if err != nil {
			return most
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			d++
			most = max(most, d)
		case json.Delim('}'), json.Delim(']'):
			d--
		}
	}
}

// TestDeepValuesJSONReadable: with the default MaxDepth, a post's JSON nests
// at most 100 deep, what every common JSON reader takes (YAML 10,000 deep
// gave a line that Go's own json.Valid refused); deeper values are
// ErrTooDeep with the body kept.
func TestDeepValuesJSONReadable(t *testing.T) {
	for _, form := range []struct{ name, open, close, fm string }{
		{"YAML flow lists", "[", "]", "---\nk: %s\n---\n"},
		{"YAML mappings", "{a: ", "}", "---\nk: %s\n---\n"},
		{"JSON front matter", "[", "]", ";;;\n\"k\": %s\n;;;\n"},
	} {
		value := func(n int) string { return strings.Repeat(form.open, n) + "1" + strings.Repeat(form.close, n) }
		post := func(n int) string { return strings.Replace(form.fm, "%s", value(n), 1) + "the body" }
		for _, n := range []int{1, 50, defaultValueDepth - 1, defaultValueDepth, 10_000} {
			p, err := Parse([]byte(post(n)))
			if n >= defaultValueDepth {
				assert.ErrorIs(t, err, ErrTooDeep, "%s %d deep", form.name, n)
				assert.Equal(t, "the body", p.Text(), "the body kept")
			} else {
				require.NoError(t, err, "%s %d deep", form.name, n)
			}
			b, err := p.MarshalJSON()
			require.NoError(t, err)
			assert.True(t, json.Valid(b))
			assert.LessOrEqual(t, jsonDepth(b), 100, "%s %d deep", form.name, n)
			var v any
			assert.NoError(t, json.Unmarshal(b, &v))
		}
	}
	p, err := Options{MaxDepth: 500}.Parse([]byte(post500()))
	require.NoError(t, err, "a caller may allow more")
	assert.Greater(t, jsonDepth(must(p.MarshalJSON())), 400)
}

func post500() string {
	return "---\nk: " + strings.Repeat("[", 400) + strings.Repeat("]", 400) + "\n---\n"
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
