package main

import (
	"context"
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

// runSet runs hexopost set KEY=VALUE... PATH...
func runSet(ctx context.Context, args []string, std stdio) int {
	fl := newFlags("hexopost set", `hexopost set [--dry-run] [--drafts] KEY=VALUE... PATH...

Sets each KEY to VALUE in the front matter of every post of each PATH. VALUE
is read as YAML (tags=[a, b] is a list, comments=false a boolean); KEY= sets
the empty string and KEY=null a null (hexopost unset removes a key).
KEY+=VALUE adds VALUE (each item of a list VALUE) to the end of the list
under KEY, skipping what the list holds: tags+=go adds one line to a block
list, or "go" before the "]" of a flow list, and changes nothing in a post
tagged go already. Only the key's lines change, in the style they are
written in. The operands up to the first without "=" (or whose KEY holds a
/) are the pairs; a path holding "=" is written ./a=b.md. With - as PATH the
post is read from standard input and written, edited, to standard output.

flags:`, std)
	ef := editFlags(fl)
	rest, status, done := fl.parse(args)
	if done {
		return status
	}
	type pair struct {
		key    string
		value  any
		append bool // KEY+=VALUE
	}
	var pairs []pair
	for len(rest) > 0 {
		key, text, ok := strings.Cut(rest[0], "=")
		if !ok || key == "" || strings.ContainsAny(key, `/\`) {
			break
		}
		key, add := strings.CutSuffix(key, "+")
		if key == "" {
			break
		}
		pairs = append(pairs, pair{key, cliValue(text), add})
		rest = rest[1:]
	}
	switch {
	case len(rest) > 0 && strings.HasPrefix(strings.TrimPrefix(rest[0], "+"), "="):
		return fl.misuse(fmt.Sprintf("set: %s has no KEY before its \"=\"", quote(rest[0])))
	case len(pairs) == 0:
		return fl.misuse("set: no KEY=VALUE pair before the paths")
	case len(rest) == 0:
		return fl.misuse("set: no PATH after the KEY=VALUE pairs")
	}
	return ef.edit(ctx, rest, std, func(p *hexo.Post) (string, error) {
		var done []string
		for _, kv := range pairs {
			before := string(p.Bytes())
			var err error
			switch items, isList := kv.value.([]any); {
			case kv.append && isList:
				err = p.AppendField(kv.key, items...)
			case kv.append:
				err = p.AppendField(kv.key, kv.value)
			default:
				err = p.SetField(kv.key, kv.value)
			}
			if err != nil {
				return strings.Join(done, ", "), err
			}
			switch {
			case string(p.Bytes()) == before:
			case kv.append:
				done = append(done, kv.key+" added to")
			default:
				done = append(done, kv.key+" set")
			}
		}
		return strings.Join(done, ", "), nil
	})
}

// runUnset runs hexopost unset KEY PATH...
func runUnset(ctx context.Context, args []string, std stdio) int {
	fl := newFlags("hexopost unset", `hexopost unset [--dry-run] [--drafts] KEY PATH...

Removes KEY from the front matter of every post of each PATH that has it.

flags:`, std)
	ef := editFlags(fl)
	rest, status, done := fl.parse(args)
	if done {
		return status
	}
	if len(rest) < 2 {
		return fl.misuse("")
	}
	key := rest[0]
	return ef.edit(ctx, rest[1:], std, func(p *hexo.Post) (string, error) {
		if !p.FrontMatter.Has(key) {
			return "", nil
		}
		return key + " removed", p.DeleteField(key)
	})
}

// runFixDates runs hexopost fix-dates PATH...: hexo.Fix's date-invalid repair.
func runFixDates(ctx context.Context, args []string, std stdio) int {
	fl := newFlags("hexopost fix-dates", `hexopost fix-dates [--dry-run] [--drafts] [--date-default DATE] PATH...

Replaces a date or updated value Hexo cannot read (it would use the file's
time) by the date in the file name, or --date-default.

flags:`, std)
	ef := editFlags(fl)
	dateDefault := dateDefaultFlag(fl)
	rest, status, done := fl.parse(args)
	if done {
		return status
	}
	if len(rest) < 1 {
		return fl.misuse("")
	}
	def, ok := dateDefault()
	if !ok {
		return 2
	}
	return ef.edit(ctx, rest, std, func(p *hexo.Post) (string, error) { return fixDates(p, def) })
}

// editing is the flags every editing command takes.
type editing struct{ dryRun, drafts *bool }

func editFlags(fl *flags) editing {
	return editing{dryRunFlag(fl), draftsFlag(fl, "edit")}
}

func dryRunFlag(fl *flags) *bool {
	return fl.Bool("dry-run", false, "print a unified diff instead of writing")
}

// edit applies change to every post of paths; each post changed is saved
// back atomically or, with --dry-run, shown as a unified diff.
func (e editing) edit(ctx context.Context, paths []string, std stdio, change func(p *hexo.Post) (string, error)) int {
	stdout, stderr := std.out, std.err
	failed := false
	opts := &config{opts: hexo.Options{}, drafts: *e.drafts, stdin: std.in}
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
			if what == "" && path != "-" {
				return true
			}
			written, err := save(p, before, *e.dryRun, path == "-", stdout)
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
// diff from before; written is false when there was nothing to write. A
// post read from standard input is written to stdout, edited or not.
func save(p *hexo.Post, before string, dryRun, piped bool, stdout io.Writer) (written bool, err error) {
	after := string(p.Bytes())
	if piped && !dryRun {
		_, err := io.WriteString(stdout, after)
		return false, err
	}
	from, to := p.PendingRename()
	if after == before && to == "" {
		return false, nil
	}
	if dryRun && to != "" { // git's form of a rename, which git apply reads
		fmt.Fprintf(stdout, "diff --git %s %s\nrename from %s\nrename to %s\n", gitQuote("a/"+patchPath(from)), gitQuote("b/"+patchPath(to)),
			gitQuote(patchPath(from)), gitQuote(patchPath(to)))
	}
	if dryRun {
		// standard unified output, "\ No newline at end of file" included,
		// which git apply and patch -p1 take
		fmt.Fprint(stdout, udiff.Unified(gitQuote("a/"+patchPath(p.Source)), gitQuote("b/"+patchPath(p.Source)), before, after))
		return false, nil
	}
	return true, p.Save()
}

// cliValue reads VALUE as YAML, so that tags=[a, b] is a list and
// comments=false a boolean; a timestamp stays one; anything YAML cannot read
// is the text itself. An empty VALUE is the empty string, not YAML's null:
// title= must not write title: null.
func cliValue(text string) any {
	var t time.Time
	if yaml.Unmarshal([]byte(text), &t) == nil && !t.IsZero() {
		return t
	}
	var v any
	if strings.TrimSpace(text) == "" { // KEY= is the empty string; KEY=null is null
		return text
	}
	if err := yaml.Unmarshal([]byte(text), &v); err != nil || v == nil && text != "null" && text != "~" {
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
	return strings.TrimLeft(filepath.ToSlash(name), "/")
}
