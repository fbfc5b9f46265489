package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gohexo/hexo"
)

// runLint runs hexopost lint: every finding as file:line: rule: message, or
// JSON lines; the exit status is 1 when any finding is an error.
func runLint(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("hexopost lint", "hexopost lint [--json] [--drafts] [--timezone ZONE] PATH...\n       hexopost lint --rules", stderr)
	asJSON := fl.Bool("json", false, "print one JSON object per finding, one per line")
	drafts := draftsFlag(fl, "lint")
	zone := fl.String("timezone", "", "the time zone Hexo will build in, for dates without an offset (default: none, which date-zone reports)")
	rules := fl.Bool("rules", false, "list the rules and exit")
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
		if err != nil && !errors.Is(err, hexo.ErrSiteConfig) { // a broken _config.yml is a finding of Site.Lint
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
