package hexo

import (
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecode(t *testing.T) {
	type theme struct {
		HeadImg   string    `yaml:"headimg"`
		Thumbnail string    `yaml:"thumbnail"`
		Date      time.Time `yaml:"date"`
		Published time.Time `yaml:"published_at"`
		Keywords  []string  `yaml:"keywords"`
		Sticky    int       `yaml:"sticky"`
		Ratio     float64   `yaml:"ratio"`
		Math      bool      `yaml:"math"`
		Addr      netip.Addr
		Author    struct {
			Name string `yaml:"name"`
		} `yaml:"author"`
		Skip  string         `yaml:"-"`
		Other map[string]any `yaml:"other"`
		Ptr   *string        `yaml:"title"`
	}
	p := mustParse(t, "---\ntitle: T\nheadimg: h.jpg\nthumbnail: ''\ndate: Sat, 12 Jun 2021 13:07:48 GMT\n"+
		"published_at: 2021-06-13 10:00:00 +08:00\nkeywords: single\nsticky: 3\nratio: 2\nmath: true\n"+
		"addr: 127.0.0.1\nauthor: {name: Ada}\nskip: no\nother: {a: 1}\n---\n")
	var v theme
	require.NoError(t, p.Decode(&v))
	assert.Equal(t, "h.jpg", v.HeadImg)
	assert.Equal(t, "", v.Thumbnail)
	assert.Equal(t, "2021-06-12T13:07:48Z", v.Date.UTC().Format(time.RFC3339))
	assert.Equal(t, "2021-06-13T02:00:00Z", v.Published.UTC().Format(time.RFC3339))
	assert.Equal(t, []string{"single"}, v.Keywords, "a scalar fills a slice of one")
	assert.Equal(t, 3, v.Sticky)
	assert.Equal(t, 2.0, v.Ratio)
	assert.True(t, v.Math)
	assert.Equal(t, "127.0.0.1", v.Addr.String())
	assert.Equal(t, "Ada", v.Author.Name)
	assert.Equal(t, "", v.Skip)
	assert.Equal(t, map[string]any{"a": int64(1)}, v.Other)
	require.NotNil(t, v.Ptr)
	assert.Equal(t, "T", *v.Ptr)
}

func TestDecodeErrors(t *testing.T) {
	p := mustParse(t, "---\ndate: Invalid Date\ncount: many\ntitle: ok\n---\n")
	var v struct {
		Date  time.Time `yaml:"date"`
		Count int       `yaml:"count"`
		Title string    `yaml:"title"`
	}
	err := p.Decode(&v)
	require.Error(t, err)
	var de *DecodeError
	require.True(t, errors.As(err, &de))
	assert.Contains(t, err.Error(), "date")
	assert.Contains(t, err.Error(), "count")
	assert.Equal(t, "ok", v.Title, "fields that fit are filled")
	assert.Error(t, p.Decode(v), "not a pointer")
}
