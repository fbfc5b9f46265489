// Command hexopost reads Hexo posts and prints what the hexo package makes of
// them: a table by default, or one JSON object per post with --json.
//
// Usage:
//
//	hexopost [flags] PATH...
//	hexopost stats [flags] PATH...
//	hexopost set [--dry-run] KEY=VALUE... PATH...
//	hexopost unset [--dry-run] KEY PATH...
//	hexopost fix-dates [--dry-run] [--date-default DATE] PATH...
//	hexopost lint [--json] [--drafts] [--timezone ZONE] PATH...
//	hexopost fix [--dry-run] [--drafts] [--rules ID,...] [--date-default DATE] PATH...
//	hexopost help [COMMAND]
//
// A PATH is a post file, a Hexo site (a folder with _config.yml and
// source/_posts: its settings apply, drafts with --drafts), a folder of
// posts (read with Hexo's default settings) or - for one post on standard
// input. Flags go before or after the paths; -h prints a command's usage.
// Posts come in path order, or newest first with --sort date. stats prints
// counts instead of posts.
//
// set, unset and fix-dates edit the front matter of every post named, touching
// only the key they change, and write each file atomically (a temporary file
// renamed over it); --dry-run prints a unified diff instead, and a post read
// from standard input is written to standard output. VALUE is read as YAML
// (tags=[a, b] is a list); an empty VALUE is the empty string. fix-dates
// replaces a date or updated value that Hexo cannot read by the date in the
// file name or --date-default.
//
// lint prints every problem Hexo would have with the posts, like a compiler
// (file:line: rule: message) or as JSON lines, and exits 1 when any is an
// error; on a folder it adds the site-wide rules. fix repairs what can be
// repaired safely (hexopost lint --rules says which), atomically or as a diff.
//
// A post that fails is reported on stderr (file:line: reason) and the run
// goes on; the exit status is 1 when any post failed or a PATH held no post,
// and 2 on bad usage.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	_ "time/tzdata" // site time zones must load on machines without zoneinfo

	"github.com/gohexo/hexo"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// Posts stream through in a bounded window, so the live heap stays
		// small: collecting at 3x it instead of 2x costs a few MB and saves
		// about a fifth of the run time (bench/README.md).
		debug.SetGCPercent(200)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// command is a subcommand of hexopost.
type command struct {
	name, about string
	run         func(ctx context.Context, args []string, std stdio) int
}

// commands are the subcommands, in the order help lists them; without one,
// hexopost lists posts. It is filled by init: help and the listing's usage
// read it.
var commands []command

func init() {
	commands = []command{
		{"stats", "count the posts, their words, categories and tags", runStats},
		{"set", "set front matter keys: set KEY=VALUE... PATH...", runSet},
		{"unset", "remove a front matter key: unset KEY PATH...", runUnset},
		{"fix-dates", "replace dates Hexo cannot read by the file name's date", runFixDates},
		{"lint", "report what Hexo would get wrong, like a compiler", runLint},
		{"fix", "repair what lint finds and can be repaired safely", runFix},
		{"help", "show the usage of hexopost or of a command: help [COMMAND]", runHelp},
		{"version", "print the version, as --version does", runVersion},
	}
}

// runVersion runs hexopost version: the version on stdout.
func runVersion(_ context.Context, args []string, std stdio) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprintln(std.out, "usage: hexopost version")
		return 0
	}
	if len(args) > 0 {
		fmt.Fprintln(std.err, "usage: hexopost version")
		return 2
	}
	fmt.Fprintln(std.out, version())
	return 0
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// run is hexopost with its arguments; it returns the exit status. The
// command is the first operand, so flags may come before it
// (hexopost --json stats DIR); a file named like a command is ./stats.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	std := stdio{in: stdin, out: stdout, err: stderr}
	listing, _ := listFlags(std, false)
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || a == "-" || !strings.HasPrefix(a, "-") {
			if cmd, ok := lookup(a); ok {
				return cmd.run(ctx, append(slices.Clip(args[:i]), args[i+1:]...), std)
			}
			break
		}
		if takesValue(listing.FlagSet, a) {
			i++
		}
	}
	return list(ctx, args, false, std)
}

// runHelp runs hexopost help [COMMAND]: the usage on stdout.
func runHelp(ctx context.Context, args []string, std stdio) int {
	switch {
	case len(args) == 0:
		return list(ctx, []string{"-h"}, false, std)
	case len(args) > 1:
		fmt.Fprintln(std.err, "usage: hexopost help [COMMAND]")
		return 2
	case args[0] == "-h" || args[0] == "-help" || args[0] == "--help":
		fmt.Fprintln(std.out, "usage: hexopost help [COMMAND]")
		return 0
	}
	cmd, ok := lookup(args[0])
	if !ok {
		fmt.Fprintf(std.err, "hexopost: help: %s is not a command (hexopost help lists them)\n", quote(args[0]))
		return 2
	}
	if cmd.name == "help" {
		fmt.Fprintln(std.out, "usage: hexopost help [COMMAND]")
		return 0
	}
	return cmd.run(ctx, []string{"-h"}, std)
}

// version is the module's version and VCS revision, from the build info.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "hexopost (no build information)"
	}
	v := info.Main.Version
	var rev, at, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	out := "hexopost " + v
	if rev != "" {
		out += fmt.Sprintf(" (%.12s %s%s)", rev, at, dirty)
	}
	return out + " " + info.GoVersion
}

// each reads one PATH: a post file, a site or a folder of posts. It returns
// false when emit asked to stop.
func each(ctx context.Context, c *config, path string, emit func(*hexo.Post, error) bool) bool {
	return eachMade(ctx, c, path, nil, func(r made) bool { return emit(r.post, r.err) })
}

// made is a post read, with what prepare made of it on the
// worker that read it.
type made struct {
	post *hexo.Post
	err  error
	out  []byte
	oerr error
}

// eachMade is each with prepare (when not nil) run on the workers, so that the
// work done with every post (its JSON, its words) is done on every core.
func eachMade(ctx context.Context, c *config, path string, prepare func(*hexo.Post, error) ([]byte, error), emit func(made) bool) bool {
	read := func(p *hexo.Post, err error) made {
		r := made{post: p, err: err}
		if prepare != nil && p != nil {
			r.out, r.oerr = prepare(p, err)
		}
		return r
	}
	if path == "-" {
		return emit(read(readStdin(c.opts, c.stdin)))
	}
	info, err := os.Stat(path)
	if err != nil {
		return emit(made{err: err})
	}
	if !info.IsDir() {
		return emit(read(c.opts.ParseFile(path)))
	}
	site, err := hexo.OpenSite(path, hexo.SiteOptions{Options: c.opts, Drafts: c.drafts, Workers: c.workers})
	if err != nil && !emit(made{err: err}) {
		return false
	}
	if site == nil {
		return true
	}
	var none *made // with --pages, a site of pages only is no failure
	for r := range hexo.Map(ctx, site, read) {
		if c.pages && errors.Is(r.err, hexo.ErrNoPosts) {
			none = &r
			continue
		}
		if !emit(r) {
			return false
		}
	}
	if c.pages {
		for p, err := range site.Pages(ctx) {
			none = nil
			if !emit(read(p, err)) {
				return false
			}
		}
	}
	return none == nil || emit(*none)
}

// stdinName names the post read from standard input in errors and findings.
const stdinName = "<stdin>"

// readStdin reads the one post "-" stands for.
func readStdin(opts hexo.Options, in io.Reader) (*hexo.Post, error) {
	if in == nil {
		in = strings.NewReader("")
	}
	p, err := opts.ParseReader(in)
	var pe *hexo.ParseError
	if errors.As(err, &pe) && pe.File == "" {
		pe.File = stdinName
	}
	if p != nil {
		p.Source = stdinName
	}
	return p, err
}

// progress shows "N posts" on a terminal's stderr once loading has taken
// more than a second, and clears it before anything else is written there.
type progress struct {
	w       io.Writer
	n       atomic.Int64
	shown   atomic.Bool
	done    chan struct{}
	stopped atomic.Bool
}

func startProgress(stderr io.Writer) *progress {
	p := &progress{w: stderr, done: make(chan struct{})}
	f, ok := stderr.(*os.File)
	if !ok {
		return p
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return p
	}
	go func() {
		select {
		case <-time.After(time.Second):
		case <-p.done:
			return
		}
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			p.shown.Store(true)
			fmt.Fprintf(p.w, "\rhexopost: %d posts read", p.n.Load())
			select {
			case <-t.C:
			case <-p.done:
				return
			}
		}
	}()
	return p
}

func (p *progress) add() { p.n.Add(1) }

// set is SiteOptions.Progress.
func (p *progress) set(read int) { p.n.Store(int64(read)) }

func (p *progress) clear() {
	if p.shown.Load() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progress) stop() {
	if p.stopped.CompareAndSwap(false, true) {
		close(p.done)
		p.clear()
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
