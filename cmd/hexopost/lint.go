package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gohexo/hexo"
)

// runLint runs hexopost lint: every finding as file:line: rule: message, or
// JSON lines; the exit status is 1 when any finding is an error.
func runLint(ctx context.Context, args []string, std stdio) int {
	stdout, stderr := std.out, std.err
	fl := newFlags("hexopost lint", `hexopost lint [--json] [--drafts] [--timezone ZONE] PATH...
       hexopost lint --rules

Prints every problem Hexo would have with the posts of each PATH, as
file:line: rule: message or as JSON lines, then a count on stderr; on a
folder it adds the site-wide rules. The exit status is 1 when any finding is
an error. - as PATH reads one post from standard input.

flags:`, std)
	asJSON := fl.Bool("json", false, "print one JSON object per finding, one per line")
	drafts := draftsFlag(fl, "lint")
	zone := fl.String("timezone", "", "the time zone Hexo will build in, for dates without an offset (default: none, which date-zone reports)")
	rules := fl.Bool("rules", false, "list the rules and exit")
	paths, status, done := fl.parse(args)
	if done {
		return status
	}
	if *rules {
		printRules(stdout)
		return 0
	}
	if len(paths) == 0 {
		return fl.misuse("")
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
	for _, path := range paths {
		info, err := os.Stat(path)
		if path != "-" && err != nil {
			warn(stderr, err)
			failed = true
			continue
		}
		if path == "-" || !info.IsDir() {
			var p *hexo.Post // a post that fails to parse is what lint reports
			if path == "-" {
				p, err = readStdin(opts, std.in)
			} else {
				p, err = opts.ParseFile(path)
			}
			if p == nil {
				warn(stderr, err)
				failed = true
				continue
			}
			report(hexo.Lint(p))
			continue
		}
		progress := startProgress(stderr)
		site, err := hexo.OpenSite(path, hexo.SiteOptions{Options: opts, Drafts: *drafts, Progress: progress.set})
		if err != nil && !errors.Is(err, hexo.ErrSiteConfig) { // a broken _config.yml is a finding of Site.Lint
			warn(stderr, err)
		}
		if site == nil {
			progress.stop()
			failed = true
			continue
		}
		fs, err := site.Lint(ctx)
		progress.stop()
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

// printRules is lint --rules: a rule a line, its id, severity and whether fix
// repairs it in aligned columns, and its doc below.
func printRules(w io.Writer) {
	rules := hexo.LintRules()
	width := 0
	for _, r := range rules {
		width = max(width, len(r.ID))
	}
	for _, r := range rules {
		fix := ""
		if r.Fix {
			fix = "fixable"
		}
		line := fmt.Sprintf("%-*s  %-7s  %s", width, r.ID, r.Severity, fix)
		fmt.Fprintf(w, "%s\n    %s\n", strings.TrimRight(line, " "), r.Doc)
	}
}
