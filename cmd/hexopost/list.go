package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gohexo/hexo"
)

// config is the command line, parsed.
type config struct {
	json, drafts, stats bool
	pages               bool // a site's pages too
	sort                string
	limit, workers      int
	opts                hexo.Options
	stdin               io.Reader // what "-" reads
}

// listing is the listing's and stats' flags, before they are checked.
type listing struct {
	c                *config
	summaryLen       *int
	zone             *string
	dataURLs, drafts *bool
	version          *bool
}

const listUsage = `hexopost [flags] PATH...
       hexopost COMMAND [flags] ARG...

Lists the posts of each PATH: a post file, a Hexo site (a folder with
_config.yml; its source/_posts is read), a folder of posts, or - for one post
on standard input. Flags may come before or after the paths.`

// listFlags is the listing's flag set (stats's when counting).
func listFlags(std stdio, counting bool) (*flags, listing) {
	usage := listUsage + "\n\ncommands:\n"
	for _, cmd := range commands {
		usage += fmt.Sprintf("  %-10s %s\n", cmd.name, cmd.about)
	}
	usage += "\nflags:"
	if counting {
		usage = "hexopost stats [flags] PATH...\n\nCounts the posts of each PATH, their words, categories and tags.\n\nflags:"
	}
	fl := newFlags("hexopost", usage, std)
	l := listing{c: &config{stats: counting, stdin: std.in}}
	fl.BoolVar(&l.c.json, "json", false, "print one JSON object per post, one per line (stats: one object)")
	l.summaryLen = fl.Int("summary-length", hexo.DefaultSummaryLength, "summary length in characters")
	l.zone = fl.String("timezone", "UTC", "time zone for dates written without an offset, when a site sets none (an IANA name)")
	l.dataURLs = fl.Bool("data-urls", false, "keep data: URLs (inline images) in images")
	l.drafts = draftsFlag(fl, "read")
	fl.BoolVar(&l.c.pages, "pages", false, "read a site's pages too (the Markdown and HTML files of source/ outside _posts and _drafts), after its posts")
	fl.StringVar(&l.c.sort, "sort", "path", "order of the posts: path, or date (newest first)")
	fl.IntVar(&l.c.limit, "limit", 0, "print at most N posts (0: all)")
	fl.IntVar(&l.c.workers, "workers", 0, "posts parsed at once (0: one per CPU)")
	if !counting {
		l.version = fl.Bool("version", false, "print the version and exit")
	}
	return fl, l
}

// parseArgs reads the listing's command line. done is true when the run is
// over (help, --version, a mistake), with its exit status.
func parseArgs(args []string, counting bool, std stdio) (c *config, paths []string, status int, done bool) {
	fl, l := listFlags(std, counting)
	paths, status, done = fl.parse(args)
	if done {
		return nil, nil, status, true
	}
	c = l.c
	if l.version != nil && *l.version {
		fmt.Fprintln(std.out, version())
		return nil, nil, 0, true
	}
	c.drafts = *l.drafts
	msg := ""
	switch {
	case len(paths) == 0:
	case *l.summaryLen < 1:
		msg = "--summary-length must be at least 1"
	case c.sort != "path" && c.sort != "date":
		msg = "--sort must be path or date"
	case c.limit < 0 || c.workers < 0:
		msg = "--limit and --workers must not be negative"
	}
	loc, err := time.LoadLocation(*l.zone)
	if err != nil && msg == "" {
		msg = fmt.Sprintf("--timezone: %v", err)
	}
	if len(paths) == 0 || msg != "" {
		return nil, nil, fl.misuse(msg), true
	}
	c.opts = hexo.Options{Location: loc, SummaryLength: *l.summaryLen, KeepDataURLs: *l.dataURLs}
	return c, paths, 0, false
}

// runStats runs hexopost stats PATH...: the posts counted, not listed.
func runStats(ctx context.Context, args []string, std stdio) int {
	return list(ctx, args, true, std)
}

// list runs hexopost PATH...: the posts as a table or JSON lines, or with
// counting their counts.
func list(ctx context.Context, args []string, counting bool, std stdio) int {
	c, paths, status, done := parseArgs(args, counting, std)
	if done {
		return status
	}
	stderr := std.err
	// JSON lines go out in blocks, not a write each; what goes to stderr
	// waits for the lines before it
	out := bufio.NewWriterSize(std.out, 64<<10)
	defer out.Flush()
	stdout := io.Writer(out)
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
	// the work done with each post runs on the workers: its JSON line, the
	// word count stats adds up, or the summary the table shows
	prepare := func(p *hexo.Post, err error) ([]byte, error) {
		_ = p.Summary()
		return nil, nil
	}
	switch {
	case c.stats:
		prepare = func(p *hexo.Post, err error) ([]byte, error) {
			_ = p.WordCount()
			return nil, nil
		}
	case c.json && !hold:
		prepare = jsonLine
	}
	if c.json && !c.stats {
		c.opts.RenderHTML = true // the JSON holds the HTML: one Markdown parse per post
	}
	emit := func(r made) bool {
		p, err := r.post, r.err
		if err != nil {
			failed = true
			st.errors++
			progress.clear()
			out.Flush()
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
			stdout.Write(r.out)
			if r.oerr != nil {
				failed = true
			}
		default:
			rows = append(rows, row(p))
		}
		n++
		return c.limit == 0 || n < c.limit || hold || c.stats
	}
	for _, path := range paths {
		if !eachMade(ctx, c, path, prepare, emit) {
			break
		}
	}
	progress.stop()
	if ctx.Err() != nil {
		out.Flush()
		warn(stderr, ctx.Err())
		return 1
	}
	if hold {
		slices.SortStableFunc(posts, func(a, b *hexo.Post) int { return b.Date.Compare(a.Date) })
	}
	if c.stats {
		if err := st.print(stdout, c.json); err != nil {
			out.Flush()
			warn(stderr, err)
			failed = true
		}
	} else {
		if c.limit > 0 && len(posts) > c.limit {
			posts = posts[:c.limit]
		}
		for _, p := range posts {
			if c.json {
				line, err := jsonLine(p, nil)
				stdout.Write(line)
				if err != nil {
					failed = true
				}
			} else {
				rows = append(rows, row(p))
			}
		}
		if !c.json && len(rows) > 0 {
			printTable(stdout, append([][]string{{"TITLE", "DATE", "CATEGORIES", "SUMMARY"}}, rows...))
		}
	}
	if failed {
		return 1
	}
	return 0
}

// jsonLine is the post as one JSON line, with "error" when it failed. A
// post that cannot be written as JSON is its source and the error, and the
// error is returned (the run fails).
func jsonLine(post *hexo.Post, perr error) ([]byte, error) {
	b, err := post.MarshalJSON()
	if err != nil {
		b, perr = []byte(`{"source":`+quote(post.SourceName())+`}`), err
	}
	if perr != nil {
		b = append([]byte(`{"error":`+quote(perr.Error())+`,`), b[1:]...)
	}
	return append(b, '\n'), err
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
