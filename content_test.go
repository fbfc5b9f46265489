package hexo

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Markdown post is read without rendering it; its HTML is made on the
// first call, once, however many goroutines ask.
func TestContentOnFirstUse(t *testing.T) {
	src := []byte("---\ntitle: t\n---\n# Head\n\nIntro *text*.\n\n<!-- more -->\n\nRest.\n")
	p, err := Parse(src)
	require.NoError(t, err)
	assert.False(t, p.memo.contentSet, "the parse renders nothing")
	assert.Equal(t, "Head Intro text.", p.Summary())

	var wg sync.WaitGroup
	got := make([][3]string, 8)
	for i := range got {
		wg.Go(func() {
			got[i] = [3]string{p.Content(), p.Excerpt(), p.More()}
			_ = p.Summary()
			_ = p.WordCount()
		})
	}
	wg.Wait()
	want := [3]string{"<h1 id=\"Head\">Head</h1>\n<p>Intro <em>text</em>.</p>\n<!-- more -->\n<p>Rest.</p>\n",
		"<h1 id=\"Head\">Head</h1>\n<p>Intro <em>text</em>.</p>", "<p>Rest.</p>"}
	for _, g := range got {
		assert.Equal(t, want, g)
	}

	eager, err := Options{RenderHTML: true}.Parse(src)
	require.NoError(t, err)
	assert.True(t, eager.memo.contentSet, "RenderHTML renders during the parse")
	assert.Equal(t, want, [3]string{eager.Content(), eager.Excerpt(), eager.More()})
	assert.Equal(t, p.Blocks, eager.Blocks)

	var zero Post // not made by a parse: empty, no panic
	assert.Equal(t, "", zero.Content()+zero.Excerpt()+zero.More()+zero.Summary())
}

// An excerpt of images only holds no text: the summary is the post's.
func TestSummaryOfAnImageExcerpt(t *testing.T) {
	p, err := Parse([]byte("![cover](a.png)\n\n<!-- more -->\n\nThe text after.\n"))
	require.NoError(t, err)
	assert.Equal(t, `<p><img src="a.png" alt="cover"></p>`, p.Excerpt())
	assert.Equal(t, "The text after.", p.Summary())
}
