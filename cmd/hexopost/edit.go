package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/gohexo/hexo"
	yaml "go.yaml.in/yaml/v3"
)

// runSet runs hexopost set KEY=VALUE PATH...
func runSet(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("hexopost set", "hexopost set [--dry-run] [--drafts] KEY=VALUE PATH...", stderr)
	ef := editFlags(fl)
	if err := fl.Parse(args); err != nil {
		return 2
	}
	rest := fl.Args()
	if len(rest) < 2 || !strings.Contains(rest[0], "=") {
		fl.Usage()
		return 2
	}
	key, text, _ := strings.Cut(rest[0], "=")
	value := cliValue(text)
	return ef.edit(ctx, rest[1:], stdout, stderr, func(p *hexo.Post) (string, error) {
		return fmt.Sprintf("%s set", key), p.SetField(key, value)
	})
}

// runUnset runs hexopost unset KEY PATH...
func runUnset(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("hexopost unset", "hexopost unset [--dry-run] [--drafts] KEY PATH...", stderr)
	ef := editFlags(fl)
	if err := fl.Parse(args); err != nil {
		return 2
	}
	rest := fl.Args()
	if len(rest) < 2 {
		fl.Usage()
		return 2
	}
	key := rest[0]
	return ef.edit(ctx, rest[1:], stdout, stderr, func(p *hexo.Post) (string, error) {
		if !p.FrontMatter.Has(key) {
			return "", nil
		}
		return key + " removed", p.DeleteField(key)
	})
}

// runFixDates runs hexopost fix-dates PATH...: hexo.Fix's date-invalid repair.
func runFixDates(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("hexopost fix-dates", "hexopost fix-dates [--dry-run] [--drafts] [--date-default DATE] PATH...", stderr)
	ef := editFlags(fl)
	dateDefault := dateDefaultFlag(fl, stderr)
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() < 1 {
		fl.Usage()
		return 2
	}
	def, ok := dateDefault()
	if !ok {
		return 2
	}
	return ef.edit(ctx, fl.Args(), stdout, stderr, func(p *hexo.Post) (string, error) { return fixDates(p, def) })
}

// editing is the flags every editing command takes.
type editing struct{ dryRun, drafts *bool }

func editFlags(fl *flag.FlagSet) editing {
	return editing{fl.Bool("dry-run", false, "print a unified diff instead of writing"), draftsFlag(fl, "edit")}
}

// edit applies change to every post of paths; each post changed is saved
// back atomically or, with --dry-run, shown as a unified diff.
func (e editing) edit(ctx context.Context, paths []string, stdout, stderr io.Writer, change func(p *hexo.Post) (string, error)) int {
	failed := false
	opts := &config{opts: hexo.Options{}, drafts: *e.drafts}
	for _, path := range paths {
		each(ctx, opts, path, func(p *hexo.Post, err error) bool {
			if p == nil {
				warn(stderr, err)
				failed = true
				return true
			}
			before := string(p.Bytes())
			what, cerr := change(p)
			if cerr != nil {
				warn(stderr, cerr)
				failed = true
				return true
			}
			if what == "" {
				return true
			}
			written, err := save(p, before, *e.dryRun, stdout)
			if err != nil {
				warn(stderr, err)
				failed = true
			} else if written {
				fmt.Fprintf(stdout, "%s: %s\n", clean(p.Source), clean(what))
			}
			return true
		})
	}
	if failed {
		return 1
	}
	return 0
}

// save writes an edited post atomically, or with dryRun prints the unified
// diff from before; written is false when there was nothing to write.
func save(p *hexo.Post, before string, dryRun bool, stdout io.Writer) (written bool, err error) {
	after := string(p.Bytes())
	from, to := p.PendingRename()
	if after == before && to == "" {
		return false, nil
	}
	if dryRun && to != "" { // git's form of a rename, which git apply reads
		fmt.Fprintf(stdout, "diff --git a/%s b/%s\nrename from %s\nrename to %s\n", patchPath(from), patchPath(to),
			patchPath(from), patchPath(to))
	}
	if dryRun {
		// standard unified output, "\ No newline at end of file" included,
		// which git apply and patch -p1 take
		fmt.Fprint(stdout, udiff.Unified("a/"+patchPath(p.Source), "b/"+patchPath(p.Source), before, after))
		return false, nil
	}
	return true, p.Save()
}

// cliValue reads VALUE as YAML, so that tags=[a, b] is a list and
// comments=false a boolean; a timestamp stays one; anything YAML cannot read
// is the text itself.
func cliValue(text string) any {
	var t time.Time
	if yaml.Unmarshal([]byte(text), &t) == nil && !t.IsZero() {
		return t
	}
	var v any
	if err := yaml.Unmarshal([]byte(text), &v); err != nil || v == nil && strings.TrimSpace(text) != "" && text != "null" && text != "~" {
		return text
	}
	return v
}

// fixDates replaces a date or updated Hexo cannot read (it would use a file
// time) by the date in the file name, or def: hexo.Fix's date-invalid repair.
func fixDates(p *hexo.Post, def time.Time) (string, error) {
	was := map[string]any{}
	for _, key := range []string{"date", "updated"} {
		was[key], _ = p.FrontMatter.Get(key)
	}
	fixed, err := hexo.Fix(p, hexo.FixOptions{Rules: []string{hexo.RuleDateInvalid}, DateDefault: def})
	var done []string
	for _, f := range fixed {
		now := p.Date
		if f.Key == "updated" {
			now = p.Updated
		}
		done = append(done, fmt.Sprintf("%s %q -> %s", f.Key, fmt.Sprint(was[f.Key]), now.Format("2006-01-02 15:04:05")))
	}
	if err != nil {
		return strings.Join(done, ", "), err
	}
	for _, f := range hexo.Lint(p) {
		if f.Rule == hexo.RuleDateInvalid {
			return strings.Join(done, ", "), fmt.Errorf("%s: %s %q is not a date, and neither the file name nor --date-default gives one", p.Source, f.Key, fmt.Sprint(was[f.Key]))
		}
	}
	return strings.Join(done, ", "), nil
}

// patchPath is a post's path as a patch names it: below the working folder
// when it is there (so that git apply and patch -p1 find it from here),
// else without its leading separator (patch -p1 run from the root).
func patchPath(name string) string {
	if abs, err := filepath.Abs(name); err == nil {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				name = rel
			}
		}
	}
	return clean(strings.TrimLeft(filepath.ToSlash(name), "/"))
}
