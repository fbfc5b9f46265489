package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// newFlags is a subcommand's flag set: errors and usage on stderr, the
// usage line first.
func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: "+usage)
		fl.PrintDefaults()
	}
	return fl
}

// draftsFlag is --drafts, shared by every command that reads a site.
func draftsFlag(fl *flag.FlagSet, verb string) *bool {
	return fl.Bool("drafts", false, verb+" a site's source/_drafts too")
}

// dateDefaultFlag is --date-default, shared by fix and fix-dates; the
// function it returns reads it (zero when it is not given).
func dateDefaultFlag(fl *flag.FlagSet, stderr io.Writer) func() (time.Time, bool) {
	s := fl.String("date-default", "", "the date for a post whose date Hexo cannot read and whose file name has none (2006-01-02 or 2006-01-02 15:04:05)")
	return func() (time.Time, bool) {
		var t time.Time
		if *s == "" {
			return t, true
		}
		if err := yaml.Unmarshal([]byte(*s), &t); err != nil || t.IsZero() {
			fmt.Fprintf(stderr, "hexopost: --date-default %q is not a date\n", *s)
			return t, false
		}
		return t, true
	}
}
