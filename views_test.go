package hexo

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestViewsLoadOnceAcrossGoroutines: views called at once on a site Load has
// not read each see every post (four goroutines saw 0, 0, 0 and 19,989 of
// 20,000 posts, and the race detector flagged the load), and the load's
// error is kept for Err, not dropped.
func TestViewsLoadOnceAcrossGoroutines(t *testing.T) {
	fsys := fstest.MapFS{"source/_posts/broken.md": {Data: []byte("---\ntitle: [\n---\n")}}
	for i := range 300 {
		fsys[fmt.Sprintf("source/_posts/p%03d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: p%d\ntags: [t]\ncategories: c\n---\n", i)}
	}
	site, err := NewSite(fsys, SiteOptions{})
	require.NoError(t, err)
	var wg sync.WaitGroup
	counts := make([]int, 8)
	for g := range counts {
		wg.Go(func() {
			switch g % 4 {
			case 0:
				counts[g] = len(site.ByDate())
			case 1:
				counts[g] = site.Tags()[0].Count + 1 // the broken post has no tag
			case 2:
				counts[g] = site.Categories()[0].Count + 1
			case 3:
				_, ok := site.Post("p299")
				counts[g] = map[bool]int{true: 301}[ok]
			}
		})
	}
	wg.Wait()
	for g, n := range counts {
		assert.Equal(t, 301, n, "goroutine %d", g)
	}
	assert.ErrorContains(t, site.Err(), "broken.md:2")
	assert.ErrorIs(t, site.Err(), ErrFrontMatter)

	loaded, err := LoadSite(context.Background(), fsys, SiteOptions{})
	assert.Error(t, err, "Load returns its own error")
	assert.NoError(t, loaded.Err(), "no view loaded that site")
}
