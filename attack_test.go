//go:build unix

package hexo

// Attack reproducers: each test grows one hostile shape ×1, ×4 and ×16 and
// holds what an entry point allocates (collector off, growthCost) and gives
// out to the promise of SECURITY.md: linear in the input, and output at most
// a fixed multiple of the post's bytes plus the config's. Each fails on the
// branch it was written against; the figures measured are in its comment.

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
)

// attackGrowth builds the input at ×1, ×4 and ×16 (build returns its size
// in bytes and the run that reads it, returning the bytes given out) and
// fails when ×16 the input allocates more than 3 × its growth, or gives out
// more than 2 × its growth (plus a little for what does not grow).
func attackGrowth(t *testing.T, build func(k int) (size int, run func() int)) {
	t.Helper()
	if raceEnabled { // allocations mean nothing under the race detector (checkGrowth)
		_, run := build(1)
		run()
		return
	}
	var in [3]int
	var alloc [3]uint64
	var out [3]int
	for i, k := range []int{1, 4, 16} {
		size, run := build(k)
		in[i] = size
		run() // warm up
		alloc[i], out[i] = growthCost(func(string) int { return run() }, "")
	}
	grow := float64(in[2]) / float64(in[0])
	t.Logf("input %d/%d/%d bytes (×%.1f); allocated %d/%d/%d (×%.1f); out %d/%d/%d (×%.1f)",
		in[0], in[1], in[2], grow, alloc[0], alloc[1], alloc[2], float64(alloc[2])/float64(max(alloc[0], 1)),
		out[0], out[1], out[2], float64(out[2])/float64(max(out[0], 1)))
	if float64(alloc[2]) > 3*grow*float64(alloc[0])+256<<10 {
		t.Errorf("input ×%.1f allocated ×%.1f", grow, float64(alloc[2])/float64(max(alloc[0], 1)))
	}
	if float64(out[2]) > 2*grow*float64(out[0])+16<<10 {
		t.Errorf("input ×%.1f gave out ×%.1f", grow, float64(out[2])/float64(max(out[0], 1)))
	}
	if out[2] > 64*in[2]+64<<10 {
		t.Errorf("%d bytes out of %d in", out[2], in[2])
	}
}

// attackSite is a site of one _config.yml and one post.
func attackSite(cfg, post string) fstest.MapFS {
	return fstest.MapFS{
		"_config.yml":        {Data: []byte("title: t\n" + cfg)},
		"source/_posts/a.md": {Data: []byte(post)},
	}
}

// categoryBytes reads a site's category tree and counts the bytes of its
// names and slugs.
func categoryBytes(fsys fstest.MapFS) int {
	site, _ := NewSite(fsys, SiteOptions{Workers: 1})
	_ = site.Load(context.Background())
	n := 0
	var walk func([]*Category)
	walk = func(cs []*Category) {
		for _, c := range cs {
			n += len(c.Name) + len(c.Slug)
			walk(c.Children)
		}
	}
	walk(site.Categories())
	return n
}

// TestAttackCategoryChainSlugQuadratic: a flat list of categories is one
// chain, and Site.Categories gives each level the slugs of all its parents
// joined (categorySlug(chain[:i+1])): a chain of n names makes n²/2 names of
// slug. "categories: [a, a, a, …]" in a 480-byte post gave 40 KB of slugs,
// ×13.5 the post (6.5 KB) gave 10 MB: allocated 0.72 → 143 MB (×198), out
// 40,602 → 10,249,602 (×252). A 200 KB post (the node limit allows a chain of
// 100,000) would ask for 10 GB.
func TestAttackCategoryChainSlugQuadratic(t *testing.T) {
	attackGrowth(t, func(k int) (int, func() int) {
		fsys := attackSite("", "---\ntitle: a\ncategories: ["+strings.Repeat("a,", 200*k)+"b]\n---\nx\n")
		return siteSize(fsys), func() int { return categoryBytes(fsys) }
	})
}

// TestAttackCategoryMapProduct: category_map renames a category in every
// slug of the chain below it, so the slugs are (config's mapped name) ×
// (chain length)²: a 4 KB category_map entry and a post of "categories:
// [a, a, …]" 20 long made 920 KB of slugs; with 320 names (the site grew
// ×1.1, 4,167 → 4,767 bytes) 207 MB, allocated 2 MB → 421 MB (×213).
func TestAttackCategoryMapProduct(t *testing.T) {
	attackGrowth(t, func(k int) (int, func() int) {
		fsys := attackSite("category_map:\n  a: "+strings.Repeat("b", 4000)+"\n",
			"---\ntitle: a\ncategories: ["+strings.Repeat("a,", 20*k)+"b]\n---\nx\n")
		return siteSize(fsys), func() int { return categoryBytes(fsys) }
	})
}

// TestAttackDecodeKeyPathProduct: Decode builds every value's key path by
// prefixing its parent's ("%s[%d]", join), and each value that does not fit
// repeats that path in its DecodeError. A long key over a long list is
// key × list: "? <k×500>\n: [x, x, …×500]" (an explicit key: yaml.v3 caps
// implicit ones at 1,024 bytes) decoded into map[string][]int made 500
// errors of a 500-byte path. Both halves ×16 (input 2,022 → 32,022 bytes):
// the error text grew 288 KB → 65 MB (×224, 2,018 bytes out per byte in)
// and the allocations 2.7 → 474 MB (×177).
func TestAttackDecodeKeyPathProduct(t *testing.T) {
	attackGrowth(t, func(k int) (int, func() int) {
		src := "---\n? " + strings.Repeat("k", 500*k) + "\n: [" + strings.Repeat("x, ", 500*k) + "x]\n---\nbody\n"
		return len(src), func() int {
			p, _ := Parse([]byte(src))
			var m map[string][]int
			err := p.Decode(&m)
			if err == nil {
				return 0
			}
			return len(err.Error())
		}
	})
}

// TestAttackDecodeKeyPathAllocFit: the same key × list with values that fit
// (map[string][]string): nothing fails, yet each element's path is built:
// input 2,022 → 32,022 bytes (×15.8) allocated 0.75 → 68.5 MB (×91).
func TestAttackDecodeKeyPathAllocFit(t *testing.T) {
	attackGrowth(t, func(k int) (int, func() int) {
		src := "---\n? " + strings.Repeat("k", 500*k) + "\n: [" + strings.Repeat("x, ", 500*k) + "x]\n---\nbody\n"
		return len(src), func() int {
			p, _ := Parse([]byte(src))
			var m map[string][]string
			_ = p.Decode(&m)
			return len(m)
		}
	})
}

// assetSite is a post_asset_folder site whose post a.md holds one asset_img
// tag of n arguments, none of them a file of its folder of n assets.
func assetSite(n int) fstest.MapFS {
	var b strings.Builder
	b.WriteString("---\ntitle: a\n---\n{% asset_img")
	for i := range n {
		fmt.Fprintf(&b, " z%06d.png", i)
	}
	b.WriteString(" %}\n")
	fsys := attackSite("post_asset_folder: true\n", b.String())
	for i := range n {
		fsys[fmt.Sprintf("source/_posts/a/a%06d.png", i)] = &fstest.MapFile{Data: []byte("p")}
	}
	return fsys
}

// TestAttackAssetImgArgsTimesAssets: asset_img takes the first argument
// that is a file of the post's asset folder, and assetFolder.has looks each
// argument up by slices.Contains over the folder's names: arguments ×
// assets string comparisons, allocating nothing (so the allocations stay
// linear: 0.98 → 23 MB for ×16) while the time grows with the square.
// 1,500 arguments and assets (60 KB) took 20 ms, 24,000 (×16, 960 KB)
// 3.1 s (×158; pprof: 91% in slices.Index under assetArg). A 16 MiB post of
// 1.5 million arguments beside 100,000 assets is 1.5 × 10¹¹ comparisons:
// the site's load hangs for many minutes. Time, with the collector off and
// the least of two runs, is the only measure here: a comparison allocates
// nothing.
func TestAttackAssetImgArgsTimesAssets(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("a ratio of times: not under the race detector or -short")
	}
	cost := func(n int) (int, time.Duration, uint64) {
		fsys := assetSite(n)
		best, alloc := time.Duration(1<<62), uint64(0)
		for range 2 {
			site, err := NewSite(fsys, SiteOptions{Workers: 1})
			require.NoError(t, err)
			func() {
				defer debug.SetGCPercent(debug.SetGCPercent(-1))
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				start := time.Now()
				require.NoError(t, site.Load(context.Background()))
				best = min(best, time.Since(start))
				runtime.ReadMemStats(&after)
				alloc = after.TotalAlloc - before.TotalAlloc
			}()
		}
		return siteSize(fsys), best, alloc
	}
	for try := range 3 { // a loaded machine can slow one run: measure again before failing
		in1, t1, a1 := cost(1500)
		in16, t16, a16 := cost(24000)
		grow := float64(in16) / float64(in1)
		t.Logf("input %d → %d bytes (×%.1f); time %v → %v (×%.1f); allocated %d → %d (×%.1f)",
			in1, in16, grow, t1, t16, float64(t16)/float64(t1), a1, a16, float64(a16)/float64(a1))
		if float64(t16) <= 4*grow*float64(t1) {
			return
		}
		if try == 2 {
			t.Errorf("input ×%.1f took ×%.1f the time", grow, float64(t16)/float64(t1))
		}
	}
}

// TestAttackPostIndexDeepPath: Site.Post indexes every tail of each post's
// file path ("\x02"+src[i+1:] for each "/"), so one post in a tree d folders
// deep makes d keys of up to 2d bytes: d² bytes for a walk SECURITY.md holds
// linear in depth. One post 250 folders deep: Load + Post allocated 0.34 MB;
// 4,000 deep (×16) 21.5 MB (×63; the tails alone, 16 MB, grow ×256); the
// 16,000-deep tree TestWalkDeepTreeLinear walks would index 256 MB of keys.
// The input counted is the post's path (2 bytes a folder).
func TestAttackPostIndexDeepPath(t *testing.T) {
	attackGrowth(t, func(k int) (int, func() int) {
		dir := deepSite(t, 250*k, false)
		return 2 * 250 * k, func() int {
			site, err := OpenSite(dir, SiteOptions{Workers: 1})
			require.NoError(t, err)
			require.NoError(t, site.Load(context.Background()))
			p, ok := site.Post("p.md")
			require.True(t, ok)
			return len(p.Slug)
		}
	})
}

// TestAttackLintImagesTimesAssets: Site.Lint's image-missing rule looks each
// relative image up in the post's assets by slices.Contains before the
// folder: images × assets comparisons. n images "![](bbbbbbb.png?i)" (one
// file, distinct URLs, so each is looked up; the name as long as the
// assets' so each comparison reads the bytes) beside n assets: 1,500 (75
// KB) took 14.5 ms, 24,000 (×16, 1.2 MB) 1.75 s (×121). Time, least of two
// runs: a comparison allocates nothing.
func TestAttackLintImagesTimesAssets(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("a ratio of times: not under the race detector or -short")
	}
	cost := func(n int) (int, time.Duration) {
		var b strings.Builder
		b.WriteString("---\ntitle: a\n---\n")
		for i := range n {
			fmt.Fprintf(&b, "![](bbbbbbb.png?%d)\n\n", i)
		}
		fsys := attackSite("post_asset_folder: true\n", b.String())
		fsys["source/_posts/bbbbbbb.png"] = &fstest.MapFile{Data: []byte("p")}
		for i := range n {
			fsys[fmt.Sprintf("source/_posts/a/a%06d.png", i)] = &fstest.MapFile{Data: []byte("p")}
		}
		site, err := NewSite(fsys, SiteOptions{Workers: 1})
		require.NoError(t, err)
		best := time.Duration(1 << 62)
		for range 2 {
			func() {
				defer debug.SetGCPercent(debug.SetGCPercent(-1))
				start := time.Now()
				_, err := site.Lint(context.Background())
				best = min(best, time.Since(start))
				require.NoError(t, err)
			}()
		}
		return siteSize(fsys), best
	}
	for try := range 3 { // a loaded machine can slow one run: measure again before failing
		in1, t1 := cost(1500)
		in16, t16 := cost(24000)
		grow := float64(in16) / float64(in1)
		t.Logf("input %d → %d bytes (×%.1f); time %v → %v (×%.1f)", in1, in16, grow, t1, t16, float64(t16)/float64(t1))
		if float64(t16) <= 4*grow*float64(t1) {
			return
		}
		if try == 2 {
			t.Errorf("input ×%.1f took ×%.1f the time", grow, float64(t16)/float64(t1))
		}
	}
}
