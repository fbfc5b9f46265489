// Command hexopost reads Hexo posts and prints what the hexo package makes of
// them: a table by default, or one JSON object per post with --json.
//
// Usage:
//
//	hexopost [--json] [--summary-length N] [--timezone ZONE] [--data-urls] PATH...
//
// A folder stands for the post files inside it (.md, .markdown, .html, .htm),
// sorted by path. A post that fails is reported and the run goes on; the exit
// status is 1 when any post failed and 2 on bad usage.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gohexo/hexo"
	"github.com/rivo/uniseg"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("hexopost", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print one JSON object per post, one per line")
	summaryLen := fl.Int("summary-length", 140, "summary length in characters")
	zone := fl.String("timezone", "UTC", "time zone for dates written without an offset (an IANA name)")
	dataURLs := fl.Bool("data-urls", false, "keep data: URLs (inline images) in images")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: hexopost [--json] [--summary-length N] [--timezone ZONE] [--data-urls] PATH...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	loc, err := time.LoadLocation(*zone)
	if err != nil {
		fmt.Fprintf(stderr, "hexopost: --timezone: %v\n", err)
		return 2
	}
	if *summaryLen < 1 {
		fmt.Fprintln(stderr, "hexopost: --summary-length must be at least 1")
		return 2
	}
	opts := hexo.Options{Location: loc, SummaryLength: *summaryLen, KeepDataURLs: *dataURLs}

	files, failed := expand(fl.Args(), stderr)
	var rows [][]string
	if !*asJSON {
		rows = append(rows, []string{"TITLE", "DATE", "CATEGORIES", "SUMMARY"})
	}
	for _, f := range files {
		post, err := opts.ParseFile(f)
		if err != nil {
			failed = true
			fmt.Fprintf(stderr, "hexopost: %v\n", err)
		}
		if *asJSON {
			writeJSON(stdout, f, post, err)
			continue
		}
		if post != nil {
			rows = append(rows, row(post))
		}
	}
	printTable(stdout, rows)
	if failed {
		return 1
	}
	return 0
}

// expand turns folders into the post files below them, sorted.
func expand(args []string, stderr io.Writer) (files []string, failed bool) {
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			fmt.Fprintf(stderr, "hexopost: %v\n", err)
			failed = true
			continue
		}
		if !info.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && hexo.IsPostFile(d.Name()) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(stderr, "hexopost: %v\n", err)
			failed = true
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, failed
}

func writeJSON(w io.Writer, path string, post *hexo.Post, perr error) {
	var b []byte
	if post != nil {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // bodies are HTML: keep them readable
		if err := enc.Encode(post); err != nil {
			perr = err
		} else {
			b = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		}
	}
	if b == nil {
		b, _ = json.Marshal(map[string]string{"source": path})
	}
	if perr != nil {
		msg, _ := json.Marshal(perr.Error())
		b = append([]byte(`{"error":`+string(msg)+`,`), b[1:]...)
	}
	w.Write(append(b, '\n'))
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
		title = "(" + filepath.Base(p.Source) + ")"
	}
	return []string{clip(title, 36), date, clip(strings.Join(cats, ", "), 24), clip(p.Summary(), 50)}
}

// printTable pads columns by display width, so CJK titles line up.
func printTable(w io.Writer, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], uniseg.StringWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-uniseg.StringWidth(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// clip shortens s to at most n columns of display width.
func clip(s string, n int) string {
	if uniseg.StringWidth(s) <= n {
		return s
	}
	var b strings.Builder
	width := 0
	state := -1
	for s != "" {
		var cluster string
		var w int
		cluster, s, w, state = uniseg.FirstGraphemeClusterInString(s, state)
		if width+w > n-1 {
			break
		}
		b.WriteString(cluster)
		width += w
	}
	return b.String() + "…"
}
