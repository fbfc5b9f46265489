package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/gohexo/hexo"
)

// runFix runs hexopost fix: hexo.Fix on every post, written atomically or
// shown as a diff.
func runFix(ctx context.Context, args []string, std stdio) int {
	stdout, stderr := std.out, std.err
	fl := newFlags("hexopost fix", `hexopost fix [--dry-run] [--drafts] [--rules ID,...] [--date-default DATE] PATH...

Repairs what lint finds and can be repaired safely (hexopost lint --rules
says which), each file written atomically, or shown as a diff. With - as
PATH the post is read from standard input and written to standard output.

flags:`, std)
	dryRun := dryRunFlag(fl)
	drafts := draftsFlag(fl, "fix")
	only := fl.String("rules", "", "repair only these rules (comma-separated ids; see hexopost lint --rules)")
	dateDefault := dateDefaultFlag(fl)
	paths, status, done := fl.parse(args)
	if done {
		return status
	}
	if len(paths) == 0 {
		return fl.misuse("")
	}
	var fo hexo.FixOptions
	if *only != "" {
		known := map[string]bool{}
		for _, r := range hexo.LintRules() {
			known[r.ID] = r.Fix
		}
		for _, id := range strings.Split(*only, ",") {
			if !known[id] {
				fmt.Fprintf(stderr, "hexopost: --rules: %q is not a rule fix repairs\n", id)
				return 2
			}
			fo.Rules = append(fo.Rules, id)
		}
	}
	var ok bool
	if fo.DateDefault, ok = dateDefault(); !ok {
		return 2
	}
	failed := false
	c := &config{drafts: *drafts, stdin: std.in}
	for _, path := range paths {
		each(ctx, c, path, func(p *hexo.Post, err error) bool {
			if p == nil {
				warn(stderr, err)
				failed = true
				return true
			}
			before := string(p.Bytes())
			fixed, ferr := hexo.Fix(p, fo)
			if ferr != nil {
				warn(stderr, ferr)
				failed = true
			}
			written, err := save(p, before, *dryRun, path == "-", stdout)
			if err != nil {
				warn(stderr, err)
				failed = true
				return true
			}
			if written {
				for _, f := range fixed {
					f.Message = "fixed"
					fmt.Fprintln(stdout, clean(f.String()))
				}
			}
			return true
		})
	}
	if failed {
		return 1
	}
	return 0
}
