package main

// Attack reproducers for the command line: the promise of SECURITY.md (cost
// linear in the input) held on what a command allocates, collector off.

import (
	"bytes"
	"context"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// attackCLICost is the bytes run allocates for args with in as standard
// input (the least of two runs, collector off), and the bytes it writes.
func attackCLICost(args []string, in string) (alloc uint64, out int) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	alloc = ^uint64(0)
	for range 2 {
		var stdout, stderr bytes.Buffer
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		run(context.Background(), args, strings.NewReader(in), &stdout, &stderr)
		runtime.ReadMemStats(&after)
		alloc = min(alloc, after.TotalAlloc-before.TotalAlloc)
		out = stdout.Len() + stderr.Len()
	}
	return alloc, out
}

// TestAttackStatsCategoryChain: hexopost stats keys every category path of a
// chain by the path so far (key += "\x00" + c), so a chain of n names keeps
// n²/2 names of keys. A post "categories: [a, a, …]" (a flat list is one
// chain) of 835 bytes allocated 424 KB; ×15.4 the post (12.8 KB) allocated
// 46 MB (×109; the quadratic ×256 less the fixed cost); the node limit lets a
// 200 KB post make a chain of 100,000 names: 10 GB of keys.
func TestAttackStatsCategoryChain(t *testing.T) {
	post := func(k int) string {
		return "---\ntitle: a\ncategories: [" + strings.Repeat("a,", 400*k) + "b]\n---\nx\n"
	}
	small, large := post(1), post(16)
	attackCLICost([]string{"stats", "-"}, post(4))
	a1, _ := attackCLICost([]string{"stats", "-"}, small)
	a16, _ := attackCLICost([]string{"stats", "-"}, large)
	grow := float64(len(large)) / float64(len(small))
	t.Logf("input %d → %d bytes (×%.1f); allocated %d → %d (×%.1f)", len(small), len(large), grow, a1, a16, float64(a16)/float64(a1))
	if float64(a16) > 3*grow*float64(a1)+256<<10 {
		t.Errorf("input ×%.1f allocated ×%.1f", grow, float64(a16)/float64(a1))
	}
}
