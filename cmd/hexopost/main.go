// Command hexopost reads Hexo posts and prints what the hexo package makes of
// them: a table by default, or one JSON object per post with --json.
//
// Usage:
//
//	hexopost [flags] PATH...
//	hexopost stats [flags] PATH...
//	hexopost set [--dry-run] KEY=VALUE PATH...
//	hexopost unset [--dry-run] KEY PATH...
//	hexopost fix-dates [--dry-run] [--date-default DATE] PATH...
//	hexopost lint [--json] [--drafts] [--timezone ZONE] PATH...
//	hexopost fix [--dry-run] [--drafts] [--rules ID,...] [--date-default DATE] PATH...
//
// A PATH is a post file, a Hexo site (a folder with _config.yml and
// source/_posts: its settings apply, drafts with --drafts) or a folder of
// posts (read with Hexo's default settings). Posts come in path order, or
// newest first with --sort date. stats prints counts instead of posts.
//
// set, unset and fix-dates edit the front matter of every post named, touching
// only the key they change, and write each file atomically (a temporary file
// renamed over it); --dry-run prints a unified diff instead. VALUE is read as
// YAML (tags=[a, b] is a list). fix-dates replaces a date or updated value that
// Hexo cannot read by the date in the file name or --date-default.
//
// lint prints every problem Hexo would have with the posts, like a compiler
// (file:line: rule: message) or as JSON lines, and exits 1 when any is an
// error; on a folder it adds the site-wide rules. fix repairs what can be
// repaired safely (hexopost lint --rules says which), atomically or as a diff.
//
// A post that fails is reported on stderr (file:line: reason) and the run
// goes on; the exit status is 1 when any post failed and 2 on bad usage.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
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
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// commands are the subcommands; without one, hexopost lists posts.
var commands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) int{
	"stats":     runStats,
	"set":       runSet,
	"unset":     runUnset,
	"fix-dates": runFixDates,
	"lint":      runLint,
	"fix":       runFix,
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd(ctx, args[1:], stdout, stderr)
		}
	}
	return list(ctx, args, false, stdout, stderr)
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
	for r := range hexo.Map(ctx, site, read) {
		if !emit(r) {
			return false
		}
	}
	return true
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
