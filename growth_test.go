package hexo

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"testing/fstest"
)

// The growth fuzzer: any input with a unit repeated in it, built ×1, ×4 and
// ×16, must cost allocations and give output that grow as the input does
// (a quadratic path grows ×256, an amplifying one without bound), through
// every entry point: Parse and each helper, the JSON view, Lint and Fix,
// and a site's walk with its globs, permalink and config keys. Allocations
// and bytes, not time: they are the same on a loaded machine.

// growthStage is one entry point; it returns the bytes it gave out.
type growthStage struct {
	name string
	run  func(src string) int
}

var growthStages = []growthStage{
	{"Parse and helpers", func(src string) int {
		p, _ := Parse([]byte(src))
		n := len(p.Text()) + len(p.Summary()) + len(p.SummaryHTML(0)) + len(p.Excerpt()) + len(p.More())
		n += len(p.Content()) + len(p.TOCHTML(1, 6)) + p.WordCount()
		for _, h := range p.Headings() {
			n += len(h.ID) + len(h.Text)
		}
		for _, img := range p.ResolveImages(&url.URL{Scheme: "https", Host: "x.org", Path: "/a/"}) {
			n += len(img.URL) + len(img.Alt)
		}
		return n
	}},
	{"Markdown", func(src string) int {
		p, _ := Parse([]byte(src))
		return len(p.Markdown())
	}},
	{"JSON", func(src string) int {
		p, _ := Options{RenderHTML: true}.Parse([]byte(src))
		b, _ := p.MarshalJSON()
		return len(b)
	}},
	{"Lint and Fix", func(src string) int {
		p, _ := Parse([]byte(src))
		n := 0
		for _, f := range Lint(p) {
			n += len(f.String())
		}
		fixed, _ := Fix(p, FixOptions{})
		for _, f := range fixed {
			n += len(f.String())
		}
		return n + len(p.Bytes())
	}},
}

// grown is prefix, unit k·reps times, suffix.
func grown(prefix, unit, suffix string, reps, k int) string {
	return prefix + strings.Repeat(unit, reps*k) + suffix
}

// growthCost is the bytes allocated and the bytes given out by run(src),
// the least of two runs (a pool emptied by a collection in between costs the
// first run more), with the collector off.
func growthCost(run func(string) int, src string) (alloc uint64, out int) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	alloc = ^uint64(0)
	for range 2 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		out = run(src)
		runtime.ReadMemStats(&after)
		alloc = min(alloc, after.TotalAlloc-before.TotalAlloc)
	}
	return alloc, out
}

// checkGrowth holds run to linear growth on prefix + unit×reps·k + suffix:
// ×16 the input may allocate at most 3 × 16 times and give out at most
// 2 × 16 times what ×1 did (plus a little for what does not grow), and
// never more than 64 bytes out per byte in.
func checkGrowth(t *testing.T, name string, run func(string) int, prefix, unit, suffix string, reps int) {
	t.Helper()
	if raceEnabled { // the race detector's sync.Pool drops a fourth of what is put back: allocations mean nothing
		run(grown(prefix, unit, suffix, reps, 4))
		return
	}
	small, large := grown(prefix, unit, suffix, reps, 1), grown(prefix, unit, suffix, reps, 16)
	size := float64(len(large)) / float64(len(small))
	run(grown(prefix, unit, suffix, reps, 4)) // warm up: pools and lazily built tables
	a1, o1 := growthCost(run, small)
	a16, o16 := growthCost(run, large)
	if float64(a16) > 3*size*float64(a1)+64<<10 {
		t.Errorf("%s: input ×%.1f (%d bytes) allocated ×%.1f (%d → %d bytes)", name, size, len(large), float64(a16)/float64(max(a1, 1)), a1, a16)
	}
	if float64(o16) > 2*size*float64(o1)+4<<10 {
		t.Errorf("%s: input ×%.1f (%d bytes) gave out ×%.1f (%d → %d bytes)", name, size, len(large), float64(o16)/float64(max(o1, 1)), o1, o16)
	}
	if o16 > 64*len(large)+64<<10 {
		t.Errorf("%s: %d bytes out of %d in", name, o16, len(large))
	}
}

// growthSeeds are the shapes an attacker found, each as prefix, unit, suffix.
var growthSeeds = [][3]string{
	{"```js\nlet a = 1\n```\n\n", "<!--code\uFFFC0-->\n", ""},
	{"```\n" + strings.Repeat("let a = 1\n", 300) + "```\n\n", "<!--code\uFFFC0-->", ""},
	{"{% raw %}" + strings.Repeat("x ", 1500) + "{% endraw %}\n\n", "<!--swig\uFFFC0-->", ""},
	{"```js\nlet a = 1\n```\n\n", "`<!--code\uFFFC0-->` ", ""},
	{"{% raw %}{{ x }}{% endraw %}\n\n", "<!--swig\uFFFC0-->", ""},
	{"", "\\{% raw %}x{% endraw %} ", ""},
	{"", "\\{% link a http://x %} ", ""},
	{"---\ntitle: t\n", "k: v\n", "broken: \"a\" b\n---\nbody\n"},
	{"---\na: &a " + strings.Repeat("long text ", 200) + "\nb: [", "*a, ", "]\n---\nbody\n"},
	{"---\na: &a [" + strings.Repeat("x, ", 200) + "]\nb: [", "*a, ", "]\n---\nbody\n"},
	{"---\n", "a: 1\n", "title: [\n---\n"},
	{"", "[a](", ""},
	{"", "<p>a<li>b", ""},
	{"", "- ```go\nx\n```\n", ""},
	{"", "<p>a {{ x }}\n\n    b {% if a %}</p>", ""},
	{"---\ntitle: a\n---\n", "## h\n", ""},
	{"", "<div>{{ x }}\n\n    {% if a %}\n</div>", ""},
}

func FuzzGrowth(f *testing.F) {
	for _, s := range growthSeeds {
		for i := range growthStages {
			f.Add(s[0], s[1], s[2], uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, prefix, unit, suffix string, stage uint8) {
		if unit == "" || len(prefix)+len(suffix) > 4<<10 || len(unit) > 256 {
			return
		}
		reps := max(1, 256/len(unit)) // ×1 is at least 256 bytes of the unit
		s := growthStages[int(stage)%len(growthStages)]
		checkGrowth(t, s.name, s.run, prefix, unit, suffix, reps)
	})
}

// siteGrowth builds a site in which the unit is repeated where field says:
// in a glob of exclude, skip_render and include, in the permalink pattern,
// in a front-matter value the permalink reads, or in a config key.
func siteGrowth(field uint8, unit string, n int) fstest.MapFS {
	u := strings.Repeat(unit, n)
	cfg, post := "title: t\n", "---\ntitle: a\ndate: 2021-06-12\nk: v\n---\nbody\n"
	switch field % 6 {
	case 0:
		cfg += fmt.Sprintf("exclude: [%q]\nskip_render: [%q]\ninclude: [%q]\n", u, u, u)
	case 1:
		cfg += fmt.Sprintf("permalink: %q\n", u)
	case 2:
		cfg += "permalink: ':k/:k/:k/:k/'\n"
		post = fmt.Sprintf("---\ntitle: a\ndate: 2021-06-12\nk: %q\n---\nbody\n", u)
	case 3:
		cfg += fmt.Sprintf("new_post_name: %q\n", u+".md")
	case 4:
		cfg += fmt.Sprintf("%q: 1\nroot: %q\n", u, "/"+u+"/")
	case 5: // the pattern and the value it repeats both grow
		cfg += fmt.Sprintf("permalink: %q\n", strings.Repeat(":k/", n))
		post = fmt.Sprintf("---\ntitle: a\ndate: 2021-06-12\nk: %q\n---\nbody\n", u)
	}
	return fstest.MapFS{
		"_config.yml":           {Data: []byte(cfg)},
		"source/_posts/a.md":    {Data: []byte(post)},
		"source/_posts/b/c.md":  {Data: []byte(post)},
		"source/about/index.md": {Data: []byte(post)},
		"source/img/x.png":      {Data: []byte("png")},
	}
}

// siteOut reads a whole site: its posts, pages and files, as JSON, and lints it.
func siteOut(fsys fstest.MapFS) int {
	ctx := context.Background()
	site, _ := NewSite(fsys, SiteOptions{Workers: 1})
	n := 0
	for _, seq := range []func(context.Context) iter.Seq2[*Post, error]{site.All, site.Pages} {
		for p, err := range seq(ctx) {
			if err != nil {
				n += len(err.Error())
			}
			if p != nil {
				b, _ := p.MarshalJSON()
				n += len(b)
			}
		}
	}
	for name := range site.Files(ctx) {
		n += len(name)
	}
	findings, err := site.Lint(ctx)
	for _, f := range findings {
		n += len(f.String())
	}
	if err != nil {
		n += len(err.Error())
	}
	return n
}

// siteSize is the bytes of a site's files.
func siteSize(fsys fstest.MapFS) int {
	n := 0
	for name, f := range fsys {
		n += len(name) + len(f.Data)
	}
	return n
}

func FuzzSiteGrowth(f *testing.F) {
	for field, unit := range []string{"**/", ":k/", "x", "{a,b}/", "[a]*?", "x"} {
		f.Add(uint8(field), unit)
		f.Add(uint8(field), "**/")
		f.Add(uint8(field), ":title/")
	}
	f.Fuzz(func(t *testing.T, field uint8, unit string) {
		if unit == "" || len(unit) > 64 {
			return
		}
		reps := max(1, 128/len(unit))
		size := func(k int) int { return reps * k }
		run := func(src string) int { return siteOut(siteGrowth(field, unit, len(src))) }
		if raceEnabled { // allocations mean nothing under the race detector (checkGrowth)
			run(strings.Repeat("x", size(4)))
			return
		}
		// the "input" is the unit's repeats; run rebuilds the site at that count
		small, large := strings.Repeat("x", size(1)), strings.Repeat("x", size(16))
		run(strings.Repeat("x", size(4)))
		a1, o1 := growthCost(run, small)
		a16, o16 := growthCost(run, large)
		in1, in16 := siteSize(siteGrowth(field, unit, size(1))), siteSize(siteGrowth(field, unit, size(16)))
		grow := float64(in16) / float64(in1)
		if float64(a16) > 3*grow*float64(a1)+256<<10 {
			t.Errorf("site form %d, unit %q: config ×%.1f allocated ×%.1f (%d → %d bytes)", field%6, unit, grow, float64(a16)/float64(max(a1, 1)), a1, a16)
		}
		if float64(o16) > 2*grow*float64(o1)+16<<10 {
			t.Errorf("site form %d, unit %q: config ×%.1f gave out ×%.1f (%d → %d bytes)", field%6, unit, grow, float64(o16)/float64(max(o1, 1)), o1, o16)
		}
	})
}
