package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gohexo/hexo"
	yaml "go.yaml.in/yaml/v3"
)

// runLint runs hexopost lint: every finding as file:line: rule: message, or
// JSON lines; the exit status is 1 when any finding is an error.
func runLint(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("hexopost lint", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print one JSON object per finding, one per line")
	drafts := fl.Bool("drafts", false, "lint a site's source/_drafts too")
	zone := fl.String("timezone", "", "the time zone Hexo will build in, for dates without an offset (default: none, which date-zone reports)")
	rules := fl.Bool("rules", false, "list the rules and exit")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: hexopost lint [--json] [--drafts] [--timezone ZONE] PATH...\n       hexopost lint --rules")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *rules {
		for _, r := range hexo.LintRules() {
			fix := ""
			if r.Fix {
				fix = ", fixable"
			}
			fmt.Fprintf(stdout, "%-24s %s%s\n    %s\n", r.ID, r.Severity, fix, r.Doc)
		}
		return 0
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	opts, ok := zoneOptions(*zone, stderr)
	if !ok {
		return 2
	}
	var counts [3]int
	fixable, failed := 0, false
	enc := json.NewEncoder(stdout)
	report := func(fs []hexo.Finding) {
		for _, f := range fs {
			counts[f.Severity]++
			if f.Fixable {
				fixable++
			}
			if *asJSON {
				enc.Encode(f) //nolint:errcheck // stdout
			} else {
				fmt.Fprintln(stdout, clean(f.String()))
			}
		}
	}
	for _, path := range fl.Args() {
		info, err := os.Stat(path)
		if err != nil {
			warn(stderr, err)
			failed = true
			continue
		}
		if !info.IsDir() {
			p, err := opts.ParseFile(path) // a post that fails to parse is what lint reports
			if p == nil {
				warn(stderr, err)
				failed = true
				continue
			}
			report(hexo.Lint(p))
			continue
		}
		site, err := hexo.OpenSite(path, hexo.SiteOptions{Options: opts, Drafts: *drafts})
		if err != nil {
			warn(stderr, err)
		}
		if site == nil {
			failed = true
			continue
		}
		fs, err := site.Lint(ctx)
		report(fs)
		if err != nil {
			warn(stderr, err)
			failed = true
		}
	}
	fmt.Fprintf(stderr, "%s, %s, %d info; %d fixable by hexopost fix\n",
		plural(counts[hexo.SeverityError], "error"), plural(counts[hexo.SeverityWarning], "warning"), counts[hexo.SeverityInfo], fixable)
	if failed || counts[hexo.SeverityError] > 0 {
		return 1
	}
	return 0
}

// runFix runs hexopost fix: hexo.Fix on every post, written atomically or
// shown as a diff.
func runFix(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("hexopost fix", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dryRun := fl.Bool("dry-run", false, "print a unified diff instead of writing")
	drafts := fl.Bool("drafts", false, "fix a site's source/_drafts too")
	only := fl.String("rules", "", "repair only these rules (comma-separated ids; see hexopost lint --rules)")
	dateDefault := fl.String("date-default", "", "the date for a post whose date Hexo cannot read and whose file name has none (2006-01-02 or 2006-01-02 15:04:05)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: hexopost fix [--dry-run] [--drafts] [--rules ID,...] [--date-default DATE] PATH...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
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
	if *dateDefault != "" {
		if err := yaml.Unmarshal([]byte(*dateDefault), &fo.DateDefault); err != nil || fo.DateDefault.IsZero() {
			fmt.Fprintf(stderr, "hexopost: --date-default %q is not a date\n", *dateDefault)
			return 2
		}
	}
	failed := false
	c := &config{drafts: *drafts}
	for _, path := range fl.Args() {
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
			written, err := save(p, before, *dryRun, stdout)
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

// zoneOptions reads --timezone: empty means no zone chosen.
func zoneOptions(zone string, stderr io.Writer) (hexo.Options, bool) {
	if zone == "" {
		return hexo.Options{}, true
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		warn(stderr, fmt.Errorf("--timezone: %w", err))
		return hexo.Options{}, false
	}
	return hexo.Options{Location: loc}, true
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
