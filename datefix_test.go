package hexo

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFixKeepsTheInstant: fix writes an epoch date in the site's zone, so
// the instant and the permalink stay (written as UTC wall time, read in
// America/New_York, it moved 4 hours and the permalink a day); a date whose
// year has no four-digit form is left as the number it is.
func TestFixKeepsTheInstant(t *testing.T) {
	site, err := NewSite(fstest.MapFS{
		"_config.yml":        {Data: []byte("timezone: America/New_York\n")},
		"source/_posts/a.md": {Data: []byte("---\ntitle: a\ndate: 1623457000000\n---\nbody\n")},
	}, SiteOptions{})
	require.NoError(t, err)
	require.NoError(t, site.Load(context.Background()))
	p := site.Posts[0]
	date, path := p.Date, p.Path
	assert.Equal(t, "2021/06/11/a/", path)
	fixed, err := Fix(p, FixOptions{})
	require.NoError(t, err)
	require.Len(t, fixed, 1)
	assert.Contains(t, string(p.Bytes()), "date: 2021-06-11 20:16:40-04:00\n")
	assert.True(t, date.Equal(p.Date), "%v became %v", date, p.Date)
	assert.Equal(t, path, p.Path)

	for _, ms := range []int64{-8640000000000000, time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli(), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()} {
		src := fmt.Sprintf("---\ntitle: a\ndate: %d\n---\nbody\n", ms)
		p, err := Parse([]byte(src))
		require.NoError(t, err)
		date := p.Date
		fixed, err := Fix(p, FixOptions{})
		require.NoError(t, err, "%d", ms)
		assert.Empty(t, fixed, "%d", ms)
		assert.Equal(t, src, string(p.Bytes()), "left as it is")
		assert.True(t, date.Equal(p.Date))
		assert.Contains(t, findingRules(Lint(p)), RuleDateEpoch, "still reported")
	}
	p, _ = Parse([]byte("---\ntitle: a\n---\n"))
	assert.ErrorIs(t, p.SetField("date", time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)), ErrNotEditable)
	assert.ErrorIs(t, p.SetField("date", time.Date(12021, 1, 1, 0, 0, 0, 0, time.UTC)), ErrNotEditable)
}

func findingRules(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}
