package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// stdio is where a command reads and writes.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// flags is a command's flag set with its usage lines.
type flags struct {
	*flag.FlagSet
	usage string
	std   stdio
}

// newFlags is a command's flag set. The flag package prints nothing but the
// error of a bad flag: parse prints the usage, to stdout for -h and to stderr
// on a mistake.
func newFlags(name, usage string, std stdio) *flags {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(std.err)
	fl.Usage = func() {}
	return &flags{FlagSet: fl, usage: usage, std: std}
}

// printUsage writes the usage lines and the flags' defaults to w.
func (f *flags) printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: "+f.usage)
	f.SetOutput(w)
	f.PrintDefaults()
	f.SetOutput(f.std.err)
}

// parse reads flags before, between and after the operands (Go's flag
// package stops at the first operand); "--" ends the flags, and "-" is an
// operand (standard input). done is true when the command is over: after -h
// or --help (usage on stdout, status 0) or a bad flag (usage on stderr,
// status 2).
func (f *flags) parse(args []string) (operands []string, status int, done bool) {
	for {
		err := f.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			f.printUsage(f.std.out)
			return nil, 0, true
		}
		if err != nil {
			f.printUsage(f.std.err)
			return nil, 2, true
		}
		rest := f.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return f.checked(append(operands, rest...))
		}
		if len(rest) == 0 {
			return f.checked(operands)
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
}

// checked refuses "-" given twice: standard input holds one post, and a
// second read of it would find it empty.
func (f *flags) checked(operands []string) ([]string, int, bool) {
	if i := slices.Index(operands, "-"); i >= 0 && slices.Contains(operands[i+1:], "-") {
		return nil, f.misuse(`"-" (standard input) may be given once; ./- names a file called -`), true
	}
	return operands, 0, false
}

// misuse reports a mistake on the command line: the message, then the usage
// on stderr; the status is 2.
func (f *flags) misuse(msg string) int {
	if msg != "" {
		fmt.Fprintln(f.std.err, "hexopost: "+msg)
	}
	f.printUsage(f.std.err)
	return 2
}

// takesValue reports whether the flag in arg ("-name" or "--name", without
// "=") reads the next argument as its value.
func takesValue(fl *flag.FlagSet, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	if strings.Contains(name, "=") {
		return false
	}
	f := fl.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// draftsFlag is --drafts, shared by every command that reads a site.
func draftsFlag(fl *flags, verb string) *bool {
	return fl.Bool("drafts", false, verb+" a site's source/_drafts too")
}

// dateDefaultFlag is --date-default, shared by fix and fix-dates; the
// function it returns reads it (zero when it is not given).
func dateDefaultFlag(fl *flags) func() (time.Time, bool) {
	s := fl.String("date-default", "", "the date for a post whose date Hexo cannot read and whose file name has none (2006-01-02 or 2006-01-02 15:04:05)")
	return func() (time.Time, bool) {
		var t time.Time
		if *s == "" {
			return t, true
		}
		if err := yaml.Unmarshal([]byte(*s), &t); err != nil || t.IsZero() {
			fmt.Fprintf(fl.std.err, "hexopost: --date-default %q is not a date\n", *s)
			return t, false
		}
		return t, true
	}
}
