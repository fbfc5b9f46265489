package hexo

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDate(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	utc := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC) }
	tests := []struct {
		in   string
		loc  *time.Location
		want time.Time // zero: not a date
	}{
		{"Sat, 12 Jun 2021 13:07:48 GMT", time.UTC, utc(2021, 6, 12, 13, 7, 48)},
		{"Sat, 12 Jun 2021 13:07:48 GMT", shanghai, utc(2021, 6, 12, 13, 7, 48)},
		{"Wed, 09 Mar 2022 13:38:44 +0800", time.UTC, utc(2022, 3, 9, 5, 38, 44)},
		{"Sun, 13 Jun 2021 10:00:00 PST", time.UTC, utc(2021, 6, 13, 18, 0, 0)},
		{"13 Jun 2021 10:00 GMT+0200", time.UTC, utc(2021, 6, 13, 8, 0, 0)},
		{"Jun 13 2021", time.UTC, utc(2021, 6, 13, 0, 0, 0)},
		{"2021-06-13T10:00:00Z", shanghai, utc(2021, 6, 13, 10, 0, 0)},
		{"2021-06-13T10:00:00.250+08:00", time.UTC, utc(2021, 6, 13, 2, 0, 0).Add(250 * time.Millisecond)},
		{"2021-06-13 10:00:00", time.UTC, utc(2021, 6, 13, 10, 0, 0)},
		{"2021-06-13 10:00:00", shanghai, utc(2021, 6, 13, 2, 0, 0)},
		{"2021-06-13", shanghai, utc(2021, 6, 12, 16, 0, 0)},
		{"2021-6-3 9:05", time.UTC, utc(2021, 6, 3, 9, 5, 0)},
		{"2021/06/13 10:00", time.UTC, utc(2021, 6, 13, 10, 0, 0)},
		{"6/13/2021", time.UTC, utc(2021, 6, 13, 0, 0, 0)},
		{"June 13, 2021 3:04 PM", time.UTC, utc(2021, 6, 13, 15, 4, 0)},
		{"Sun Jun 13 2021 10:00:00 GMT+0800 (China Standard Time)", time.UTC, utc(2021, 6, 13, 2, 0, 0)},
		{"Invalid Date", time.UTC, time.Time{}},
		{"", time.UTC, time.Time{}},
		{"tomorrow", time.UTC, time.Time{}},
		{"2021-13-01", time.UTC, time.Time{}},
		{"12:00", time.UTC, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseDate(tt.in, tt.loc)
			if tt.want.IsZero() {
				assert.False(t, ok, "got %v", got)
				return
			}
			assert.True(t, ok)
			assert.True(t, tt.want.Equal(got), "want %v, got %v", tt.want, got)
		})
	}
}

func TestDateValue(t *testing.T) {
	got, ok := dateValue(int64(1623503268000), time.UTC)
	assert.True(t, ok)
	assert.Equal(t, "2021-06-12T13:07:48Z", got.Format(time.RFC3339), "a number is epoch milliseconds")
	_, ok = dateValue(map[string]any{}, time.UTC)
	assert.False(t, ok)
}

func TestDatesOnPost(t *testing.T) {
	p := mustParse(t, "---\ndate: Invalid Date\nupdated: 2021-06-13 10:00\n---\n")
	assert.True(t, p.Date.IsZero(), "no made-up date")
	assert.Len(t, p.Warnings, 1)
	assert.Contains(t, p.Warnings[0], "Invalid Date")
	assert.Equal(t, "2021-06-13T10:00:00Z", p.Updated.Format(time.RFC3339))

	loc, _ := time.LoadLocation("Asia/Shanghai")
	p2, err := Options{Location: loc}.Parse([]byte("---\ndate: 2021-06-13 10:00:00\n---\n"))
	assert.NoError(t, err)
	assert.Equal(t, "2021-06-13T02:00:00Z", p2.Date.UTC().Format(time.RFC3339), "no offset: the options' location")

	// a date alone is midnight in the location too, as Hexo reads it in the site's zone
	p3, err := Options{Location: loc}.Parse([]byte("---\ndate: 2021-06-12\nupdated: 2021/06/13\n---\n"))
	assert.NoError(t, err)
	assert.Equal(t, "2021-06-11T16:00:00Z", p3.Date.UTC().Format(time.RFC3339), "a YAML date")
	assert.Equal(t, "2021-06-12T16:00:00Z", p3.Updated.UTC().Format(time.RFC3339), "a date string")
}

// TestEveryDateWritesAsJSON: a date outside the years 0 to 9999 (a YAML
// timestamp shifted by an offset, epoch milliseconds) is written as
// JavaScript's toISOString writes it, where time.Time's own JSON would fail.
func TestEveryDateWritesAsJSON(t *testing.T) {
	for src, want := range map[string]string{
		"date: 0000-01-01 00:00:00+27":     "-000001-12-30T21:00:00Z",
		"date: 2021-01-01T00:00:00+99:99":  "2020-12-27T19:21:00Z",
		"date: 8640000000000000":           "+275760-09-13T00:00:00Z",
		"date: 2021-06-12 13:07:48 +08:00": "2021-06-12T13:07:48+08:00",
		"date: 0001-01-01 00:00:00 +23:59": "0001-01-01T00:00:00+23:59", // an offset a zone can have is kept
	} {
		p, err := Parse([]byte("---\n" + src + "\n---\n"))
		require.NoError(t, err, src)
		b, err := p.MarshalJSON()
		require.NoError(t, err, src)
		var got struct {
			Date        string         `json:"date"`
			FrontMatter map[string]any `json:"front_matter"`
		}
		require.NoError(t, json.Unmarshal(b, &got), src)
		assert.Equal(t, want, got.Date, src)
		if _, isTime := p.FrontMatter.values["date"].(time.Time); isTime {
			assert.Equal(t, want, got.FrontMatter["date"], src)
		}
	}
}

// TestYAMLTimestampRollsOver: js-yaml builds a timestamp with Date.UTC,
// which carries a part past its range into the next. Each answer is real
// Hexo 8.1.2's (testdata/posts/date-rollover.md has two).
func TestYAMLTimestampRollsOver(t *testing.T) {
	for in, want := range map[string]string{
		"2016-05-26 24:25:44":       "2016-05-27T00:25:44Z",
		"2016-05-26 23:60:00":       "2016-05-27T00:00:00Z",
		"2016-05-26 23:59:60":       "2016-05-27T00:00:00Z",
		"2016-05-32 10:00:00":       "2016-06-01T10:00:00Z",
		"2016-13-02 10:00:00":       "2017-01-02T10:00:00Z",
		"2016-02-30 10:00:00":       "2016-03-01T10:00:00Z",
		"2016-00-10 10:00:00":       "2015-12-10T10:00:00Z",
		"2016-05-00 10:00:00":       "2016-04-30T10:00:00Z",
		"2016-05-26 99:99:99":       "2016-05-30T04:40:39Z",
		"2016-05-26T24:25:44+08:00": "2016-05-26T16:25:44Z",
	} {
		got, ok := yamlTimestamp(in, time.UTC)
		assert.True(t, ok, in)
		assert.Equal(t, want, got.UTC().Format(time.RFC3339), in)
	}
	_, ok := parseDate("2016-05-26 24:25:44", time.UTC)
	assert.False(t, ok, "a string is moment's to read, and moment refuses it")
}
