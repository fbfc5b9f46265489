package hexo

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestImagesAndCover(t *testing.T) {
	p := mustParse(t, "---\nthumbnail: ''\nphotos: [/p1.jpg, /p2.jpg]\nheadimg: /head.jpg\ncover: {url: /cover.png}\n---\n"+
		`<p><img src="/head.jpg"><img src="body.png" alt="b"><img src="javascript:x"></p>`)
	assert.Equal(t, []Image{
		{URL: "/cover.png", From: "cover"},
		{URL: "/head.jpg", From: "headimg"},
		{URL: "/p1.jpg", From: "photos"},
		{URL: "/p2.jpg", From: "photos"},
		{URL: "body.png", Alt: "b", From: "body"},
	}, p.Images(), "covers by key order, empty ones skipped, repeats dropped, body last")
	c, ok := p.Cover()
	require.True(t, ok)
	assert.Equal(t, "/cover.png", c.URL)

	// the scraped posts' pair: thumbnail comes before headimg in coverKeys
	c, ok = mustParse(t, "---\nheadimg: /head.jpg\nthumbnail: /thumb.jpg\n---\n").Cover()
	assert.True(t, ok)
	assert.Equal(t, Image{URL: "/thumb.jpg", From: "thumbnail"}, c, "whatever the order in the file")

	c, ok = mustParse(t, `<img src="only.png">`).Cover()
	assert.True(t, ok)
	assert.Equal(t, "only.png", c.URL, "no cover key: the first body image")
	_, ok = mustParse(t, "no images").Cover()
	assert.False(t, ok)
}

func TestResolveImages(t *testing.T) {
	src := `<img src="rel/a.png"><img src="/abs/b.png"><img src="//cdn.example.org/c.png"><img src="https://x.org/d.png"><img src="data:image/png;base64,AA">`
	base, _ := url.Parse("https://blog.example.com/2021/06/13/post/")
	var got []string
	for _, img := range mustParse(t, src).ResolveImages(base) {
		got = append(got, img.URL)
	}
	assert.Equal(t, []string{
		"https://blog.example.com/2021/06/13/post/rel/a.png",
		"https://blog.example.com/abs/b.png",
		"https://cdn.example.org/c.png",
		"https://x.org/d.png",
	}, got)
	p, _ := Options{KeepDataURLs: true}.Parse([]byte(src))
	assert.Len(t, p.ResolveImages(base), 5)
}

// TestResolveImagesNilBase: a nil base resolves nothing (it panicked).
func TestResolveImagesNilBase(t *testing.T) {
	p, _ := Parse([]byte("---\ncover: a.png\n---\n<p><img src=\"/b.png\"></p>"))
	assert.Equal(t, p.Images(), p.ResolveImages(nil))
}
