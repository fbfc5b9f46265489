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
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
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
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// config is the command line, parsed.
type config struct {
	json, drafts, stats bool
	sort                string
	limit, workers      int
	opts                hexo.Options
}

func parseArgs(args []string, stderr io.Writer) (*config, []string, bool) {
	c := &config{}
	if len(args) > 0 && args[0] == "stats" {
		c.stats = true
		args = args[1:]
	}
	fl := flag.NewFlagSet("hexopost", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.BoolVar(&c.json, "json", false, "print one JSON object per post, one per line (stats: one object)")
	summaryLen := fl.Int("summary-length", 140, "summary length in characters")
	zone := fl.String("timezone", "UTC", "time zone for dates written without an offset, when a site sets none (an IANA name)")
	dataURLs := fl.Bool("data-urls", false, "keep data: URLs (inline images) in images")
	fl.BoolVar(&c.drafts, "drafts", false, "read a site's source/_drafts too")
	fl.StringVar(&c.sort, "sort", "path", "order of the posts: path, or date (newest first)")
	fl.IntVar(&c.limit, "limit", 0, "print at most N posts (0: all)")
	fl.IntVar(&c.workers, "workers", 0, "posts parsed at once (0: one per CPU)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: hexopost [flags] PATH...\n       hexopost stats [flags] PATH...\n"+
			"       hexopost set|unset|fix-dates|lint|fix ... (see hexopost lint -h)")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return nil, nil, false
	}
	bad := func(msg string) (*config, []string, bool) {
		fmt.Fprintln(stderr, "hexopost: "+msg)
		return nil, nil, false
	}
	switch {
	case fl.NArg() == 0:
		fl.Usage()
		return nil, nil, false
	case *summaryLen < 1:
		return bad("--summary-length must be at least 1")
	case c.sort != "path" && c.sort != "date":
		return bad("--sort must be path or date")
	case c.limit < 0 || c.workers < 0:
		return bad("--limit and --workers must not be negative")
	}
	loc, err := time.LoadLocation(*zone)
	if err != nil {
		return bad(fmt.Sprintf("--timezone: %v", err))
	}
	c.opts = hexo.Options{Location: loc, SummaryLength: *summaryLen, KeepDataURLs: *dataURLs}
	return c, fl.Args(), true
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if isEditCommand(args) {
		return runEdit(ctx, args[0], args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "lint" {
		return runLint(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "fix" {
		return runFix(ctx, args[1:], stdout, stderr)
	}
	c, paths, ok := parseArgs(args, stderr)
	if !ok {
		return 2
	}
	var (
		failed bool
		posts  []*hexo.Post // held only when they must be sorted
		st     stats
		rows   [][]string
		n      int
	)
	progress := startProgress(stderr)
	defer progress.stop()
	hold := c.sort == "date" && !c.stats // stats stream: memory stays flat
	emit := func(p *hexo.Post, err error) bool {
		if err != nil {
			failed = true
			st.errors++
			progress.clear()
			warn(stderr, err)
		}
		if p == nil {
			return true
		}
		progress.add()
		switch {
		case c.stats:
			st.add(p)
		case hold:
			posts = append(posts, p)
		case c.json:
			if werr := writeJSON(stdout, p, err); werr != nil {
				failed = true
			}
		default:
			rows = append(rows, row(p))
		}
		n++
		return c.limit == 0 || n < c.limit || hold || c.stats
	}
	for _, path := range paths {
		if !each(ctx, c, path, emit) {
			break
		}
	}
	progress.stop()
	if ctx.Err() != nil {
		warn(stderr, ctx.Err())
		return 1
	}
	if hold {
		slices.SortStableFunc(posts, func(a, b *hexo.Post) int { return b.Date.Compare(a.Date) })
	}
	if c.stats {
		if err := st.print(stdout, c.json); err != nil {
			warn(stderr, err)
			failed = true
		}
	} else {
		if c.limit > 0 && len(posts) > c.limit {
			posts = posts[:c.limit]
		}
		for _, p := range posts {
			if c.json {
				if writeJSON(stdout, p, nil) != nil {
					failed = true
				}
			} else {
				rows = append(rows, row(p))
			}
		}
		if !c.json {
			printTable(stdout, append([][]string{{"TITLE", "DATE", "CATEGORIES", "SUMMARY"}}, rows...))
		}
	}
	if failed {
		return 1
	}
	return 0
}

// each reads one PATH: a post file, a site or a folder of posts. It returns
// false when emit asked to stop.
func each(ctx context.Context, c *config, path string, emit func(*hexo.Post, error) bool) bool {
	info, err := os.Stat(path)
	if err != nil {
		return emit(nil, err)
	}
	if !info.IsDir() {
		return emit(c.opts.ParseFile(path))
	}
	site, err := hexo.OpenSite(path, hexo.SiteOptions{Options: c.opts, Drafts: c.drafts, Workers: c.workers})
	if err != nil && !emit(nil, err) {
		return false
	}
	if site == nil {
		return true
	}
	for p, err := range site.All(ctx) {
		if !emit(p, err) {
			return false
		}
	}
	return true
}

// writeJSON prints the post as one JSON line, with "error" when it failed.
// A post that cannot be written as JSON is printed as its source and the
// error, and the error is returned (the run fails).
func writeJSON(w io.Writer, post *hexo.Post, perr error) error {
	b, err := post.MarshalJSON()
	if err != nil {
		b, perr = []byte(`{"source":`+quote(post.Source)+`}`), err
	}
	if perr != nil {
		b = append([]byte(`{"error":`+quote(perr.Error())+`,`), b[1:]...)
	}
	w.Write(append(b, '\n'))
	return err
}

func row(p *hexo.Post) []string {
	date := ""
	if !p.Date.IsZero() {
		date = p.Date.Format("2006-01-02 15:04")
	}
	var cats []string
	for _, c := range p.Categories {
		cats = append(cats, strings.Join(c, "/"))
	}
	title := p.Title
	if title == "" {
		title = "(" + filepath.Base(p.Source) + ")" // cleaned with the title below
	}
	return []string{clip(clean(title), 36), date, clip(clean(strings.Join(cats, ", ")), 24), clip(clean(p.Summary()), 50)}
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
