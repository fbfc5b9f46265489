package hexo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Format says how a post's body is written.
type Format string

// The body formats.
const (
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
)

// Options tunes parsing. The zero value is ready to use: UTC,
// DefaultSummaryLength-character summaries and the default limits. Its
// fields are of three kinds: how a post is read (Location), what the body
// helpers derive (SummaryLength, ExcludeCode, KeepDataURLs), and the limits
// that bound the work on untrusted input (Max..., see SECURITY.md), each
// with a default and a typed error.
type Options struct {
	// Location is where a date written without an offset is read. Hexo uses
	// the site's timezone setting; nil means UTC.
	Location *time.Location

	// SummaryLength is the length of Post.Summary in user-perceived characters
	// (grapheme clusters), its omission mark included. 0 means
	// DefaultSummaryLength.
	SummaryLength int
	// ExcludeCode leaves code blocks out of WordCount and ReadingTime.
	ExcludeCode bool
	// KeepDataURLs keeps data: URLs (inline images) in Images, Cover and
	// ResolveImages; by default they are left out.
	KeepDataURLs bool
	// RenderHTML renders a Markdown body's Content, Excerpt and More during
	// the parse, from the tree the blocks are read from: for a program that
	// reads every post's HTML, one Markdown parse per post instead of two.
	// By default the HTML is made on the first call of Content.
	RenderHTML bool

	// MaxSize bounds the whole input in bytes. 0 means 16 MiB.
	MaxSize int
	// MaxFrontMatterSize bounds the front-matter block in bytes. 0 means 1 MiB.
	MaxFrontMatterSize int
	// MaxYAMLNodes bounds the YAML values decoded, aliases expanded, so that
	// an alias bomb fails fast. 0 means 100,000.
	MaxYAMLNodes int
	// MaxDepth bounds the nesting of YAML and JSON values (aliases and
	// merges counted), of HTML elements (after HTML's implied end tags) and
	// of Markdown lists and quotes. 0 means 98 for values, so that a post's
	// JSON nests at most 100 deep (every common JSON reader takes that), and
	// 10,000 for elements. Markdown nesting is held at 100 and value nesting
	// at 100,000 whatever is set: goldmark's work grows with the square of
	// the one, the stack with the other.
	MaxDepth int
	// MaxBlocks bounds the blocks a body is walked into, and what a Markdown
	// body may make before goldmark allocates it: its lines, list and quote
	// markers, headings, inline markup and table cells count against it (see
	// SECURITY.md). 0 means 1,000,000.
	MaxBlocks int

	// assets is the post's asset folder when a site reads the post, so that
	// asset_img finds its file among its arguments; a pointer keeps Options
	// comparable.
	assets *assetFolder
}

// assetFolder lists the files of a post's asset folder, and looks a name up
// among them at once: a post may name every file in an asset_img, and a
// look along the list for each made that quadratic.
type assetFolder struct {
	names []string
	set   map[string]bool
}

func newAssetFolder(names []string) *assetFolder {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return &assetFolder{names, set}
}

// has reports whether name is one of them (Hexo's PostAsset slug).
func (a *assetFolder) has(name string) bool {
	return a != nil && a.set[name]
}

// DefaultSummaryLength is the summary's length when Options leave it 0: 140,
// as Hexo's truncate helper cuts.
const DefaultSummaryLength = 140

func (o *Options) location() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

func (o *Options) summaryLength() int { return orDefault(o.SummaryLength, DefaultSummaryLength) }
func (o *Options) maxSize() int       { return orDefault(o.MaxSize, 16<<20) }
func (o *Options) maxFrontMatter() int {
	return orDefault(o.MaxFrontMatterSize, 1<<20)
}
func (o *Options) maxYAMLNodes() int { return orDefault(o.MaxYAMLNodes, 100_000) }
func (o *Options) maxDepth() int     { return orDefault(o.MaxDepth, 10_000) }
func (o *Options) maxBlocks() int    { return orDefault(o.MaxBlocks, 1_000_000) }

// maxRecursion bounds every recursive walk of the package (a Go stack holds
// several million frames; this stays far below).
const maxRecursion = 100_000

// defaultValueDepth is the value nesting MaxDepth 0 allows: a post's JSON
// (the post, its front matter, then the values) then nests at most 100
// deep, which every common JSON reader takes (Ruby's stops at 100, serde_json
// at 128, jq 1.6 at 254, Python at about 1,000, Go's encoding/json at
// 10,000).
const defaultValueDepth = 98

// maxValueDepth is MaxDepth for YAML and JSON values, which are converted
// recursively: held at maxRecursion whatever the caller asks, so that no
// setting can exhaust the stack.
func (o *Options) maxValueDepth() int {
	if o.MaxDepth == 0 {
		return defaultValueDepth
	}
	return min(o.MaxDepth, maxRecursion)
}

func (o *Options) walkLimits() walkLimits {
	return walkLimits{depth: o.maxDepth(), blocks: o.maxBlocks()}
}

func (o *Options) markdownLimits() markdownLimits {
	return markdownLimits{nesting: min(o.maxDepth(), markdownNesting), nodes: o.maxBlocks()}
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Post is one Hexo post: its front matter, cast to Hexo's fields, and its body.
//
// Fields named after Hexo's own front-matter keys hold what Hexo makes of
// them (see the package documentation); FrontMatter holds every key as decoded.
//
// A post whose front matter Hexo refuses (broken YAML or JSON, a key written
// twice) comes with the error, and holds what could be read: Source, Body
// and the blocks, helpers and Content made from it, and the defaults for the
// rest. Its Published is false, since Hexo drops such a post from the site:
// a search index or feed built from Site.All leaves it out by that field
// alone.
type Post struct {
	// Source is the path the post was read from (empty for Parse).
	Source string
	// Title is the title as text: a number or date written as the title
	// becomes its text, a missing title is "".
	Title string
	// Date and Updated are zero when absent or not a date (see Warnings).
	Date    time.Time
	Updated time.Time
	// Categories holds category chains, each from parent to child: a flat
	// list is one chain; a list of lists is one chain per entry.
	Categories [][]string
	// Tags holds tag names, empty ones dropped, exact repeats collapsed.
	Tags []string
	// Comments and Published default to true; false, "false", "0", "" and 0
	// make them false, as in Hexo.
	Comments  bool
	Published bool
	// Layout defaults to "post".
	Layout string
	// Permalink is the front matter's own permalink, if any.
	Permalink string
	// Photos holds photos (or photo) as a list.
	Photos []string
	Link   string
	Lang   string
	// Author is the author key, or author.name when it is a mapping.
	Author string
	// FrontMatter is every key in file order; nil when the post has none.
	FrontMatter *FrontMatter
	// Extra holds the front-matter keys Hexo gives no meaning to (headimg,
	// thumbnail, cover...). Decode reads them into a struct of your own.
	Extra map[string]any
	// Body is the text after the front matter, newlines normalised to LF.
	Body string
	// Format is how the body is written; a .md body that is HTML is FormatHTML.
	Format Format
	// Blocks is the body walked once: headings, paragraphs, code and images
	// in document order. Every other body helper reads these.
	Blocks []Block
	// Page is true for a page of a site (Site.Pages: a file below source/
	// outside _posts and _drafts, Hexo's Page model), false for a post.
	Page bool
	// Slug, Path and URL are what Hexo derives from the site when the post is
	// loaded with a Site (empty for Parse): the slug from the file name by
	// new_post_name, the path below the site root by the permalink pattern,
	// and the full URL (Hexo's post.permalink). A page has no slug; its path
	// is its file's with .html (or its front-matter permalink).
	Slug string
	Path string
	URL  string
	// Assets lists the files of the post's asset folder (post_asset_folder),
	// as paths relative to it.
	Assets []string
	// Warnings lists what was read but not understood (a date that is no
	// date, an unknown tag plugin). A post with warnings is still usable.
	Warnings []string

	src        string      // the file as read, for Bytes and the edits
	kept       kept        // what the parse found, for lint, fix and edit
	origin     *origin     // the file it was read from, for Save
	names      *nameRule   // how a site's file names give dates (nil: read on its own)
	rederive   func(*Post) // a site's derivations, run again after an edit
	excerptSet bool        // the front matter set the excerpt
	fmExcerpt  string      // that excerpt
	expanded   string      // Body with its fences held aside and its tag plugins expanded: what Content renders
	held       heldItems   // the code blocks of the fence pass
	moreAt     int         // the more marker's offset in Content when the walk read Content, -1 when there is none
	moreN      int         // its length
	moreFound  bool        // the walk found a marker (in the tree, where it has no offset in Content)
	memo       *memo       // what the helpers make on first use
	zoneChosen bool        // dates without an offset are read in a zone the caller or site chose
	text       string      // Text, joined once at parse time
	opts       Options
}

// kept is what the parse found that the stages after it need, so that lint,
// fix and edit read it instead of normalising, splitting or decoding again.
type kept struct {
	text  string // the file normalised (BOM dropped, CRLF as LF): src itself when it needed neither
	split split  // Hexo's split of text, as found (even when the block was then no mapping)
	fmErr error  // why the block was no front matter (errNotMapping) or was refused
	// notText is why the file was not read as a post (ErrNotText); edits
	// and fixes refuse such a file
	notText error
}

// maxWarnings keeps a hostile post from growing Warnings without bound.
const maxWarnings = 100

// refused reports whether Hexo would make nothing of the file: front
// matter it refuses, or a file that is not text.
func (p *Post) refused() bool {
	return p.kept.notText != nil || p.kept.fmErr != nil && !errors.Is(p.kept.fmErr, errNotMapping)
}

func (p *Post) warn(msg string) {
	switch {
	case len(p.Warnings) < maxWarnings:
		p.Warnings = append(p.Warnings, msg)
	case len(p.Warnings) == maxWarnings:
		p.Warnings = append(p.Warnings, "more warnings left out")
	}
}

// Parse reads a post from its bytes with the default Options.
func Parse(src []byte) (*Post, error) { return Options{}.Parse(src) }

// ParseReader reads a post from r with the default Options.
func ParseReader(r io.Reader) (*Post, error) { return Options{}.ParseReader(r) }

// ParseFile reads the post at path with the default Options.
func ParseFile(name string) (*Post, error) { return Options{}.ParseFile(name) }

// ParseFS reads the post name from fsys with the default Options.
func ParseFS(fsys fs.FS, name string) (*Post, error) { return Options{}.ParseFS(fsys, name) }

// Parse reads a post from its bytes. The body is sniffed: HTML when it starts
// with a block-level tag, Markdown otherwise.
//
// When the front matter is one Hexo would refuse, Parse returns the post (its
// Body and Blocks filled, its fields empty) together with a *ParseError that
// matches ErrFrontMatter. It never panics.
func (o Options) Parse(src []byte) (*Post, error) {
	return o.parse(src, "")
}

// ParseReader reads a post from r, at most MaxSize bytes.
func (o Options) ParseReader(r io.Reader) (*Post, error) {
	return o.parseFrom(r, "")
}

// ParseFile reads the post at path, which must be a regular file (a FIFO or
// a device is refused rather than waited on). Errors name the file.
func (o Options) ParseFile(name string) (*Post, error) {
	f, err := openFileRegular(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := o.parseFrom(f, name)
	if p != nil {
		p.origin = &origin{dir: filepath.Dir(name), name: filepath.Base(name), read: p.src}
	}
	return p, err
}

// ParseFS reads the post name from fsys, which must be a regular file.
// Errors name the file.
func (o Options) ParseFS(fsys fs.FS, name string) (*Post, error) {
	f, err := openFSRegular(fsys, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return o.parseFrom(f, name)
}

// openRegular opens name once stat says it is a regular file: a FIFO would
// block the open, or the read, for ever. A file swapped for a FIFO between
// the two can still block: an fs.FS has no way to open without waiting
// (OpenSite and ParseFile open without blocking, then look).
func openRegular(name string, stat func(string) (fs.FileInfo, error), open func(string) (fs.File, error)) (fs.File, error) {
	info, err := stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &ParseError{File: name, Err: notRegular(info)}
	}
	return open(name)
}

// openFileRegular opens a file of the system without waiting on a FIFO, and
// keeps it only when the open file is regular: nothing can be swapped in
// between a look and the open.
func openFileRegular(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	if err := regularOpen(f); err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	return f, nil
}

// regularOpen closes f and says why when the open file is not regular.
func regularOpen(f *os.File) error {
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = notRegular(info)
	}
	if err != nil {
		f.Close()
	}
	return err
}

func openFSRegular(fsys fs.FS, name string) (fs.File, error) {
	if r, ok := fsys.(rootFS); ok {
		f, err := r.openRegular(name)
		if err != nil && errors.Is(err, fs.ErrInvalid) {
			return nil, &ParseError{File: name, Err: err}
		}
		return f, err
	}
	return openRegular(name, func(n string) (fs.FileInfo, error) { return fs.Stat(fsys, n) }, fsys.Open)
}

// notRegular is the error for a file that is not a regular file; it matches
// fs.ErrInvalid.
func notRegular(info fs.FileInfo) error {
	what := "an irregular file"
	switch t := info.Mode().Type(); {
	case t&fs.ModeDir != 0:
		what = "a folder"
	case t&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		what = "a socket"
	case t&fs.ModeDevice != 0:
		what = "a device"
	}
	return wrapped{"not a regular file: " + what, fs.ErrInvalid}
}

// readRegular reads a regular file of at most limit bytes.
func readRegular(fsys fs.FS, name string, limit int) ([]byte, error) {
	f, err := openFSRegular(fsys, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := readAtMost(f, limit)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	if len(b) > limit {
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)}
	}
	return b, nil
}

// parseFrom reads one byte past MaxSize, so that parse can tell an input at
// the limit from one beyond it. A file is read into a buffer of its size.
func (o Options) parseFrom(r io.Reader, name string) (*Post, error) {
	src, err := readAtMost(r, o.maxSize())
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	return o.parse(src, name)
}

// readAtMost reads r to its end, or to one byte past limit. A file (r with a
// Stat method) is read into a buffer of the size it says, one read and the
// read that finds its end, where io.ReadAll would grow a buffer from 512
// bytes; a size that is wrong costs a larger buffer, never a byte.
func readAtMost(r io.Reader, limit int) ([]byte, error) {
	size := 512
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() >= 0 {
			size = int(min(info.Size(), int64(limit))) + 1 // the byte that finds the end
		}
	}
	b := make([]byte, 0, size)
	lr := io.LimitReader(r, int64(limit)+1)
	for {
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow as append does
		}
	}
}

func (o Options) parse(src []byte, name string) (*Post, error) {
	p := &Post{Source: name, Comments: true, Published: true, Layout: "post", opts: o, zoneChosen: o.Location != nil}
	if len(src) > o.maxSize() {
		p.src = string(src) // maybe cut short by the reader: edit refuses it
		return p, &ParseError{File: name, Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, o.maxSize())}
	}
	if err := notText(src); err != nil {
		p.src, p.Published, p.kept.notText = string(src), false, err
		return p, &ParseError{File: name, Err: err}
	}
	text := normalise(src)
	p.src = text
	if len(text) != len(src) { // a BOM or CRLF: keep the bytes as they were
		p.src = string(src)
	}
	sp := splitFrontMatter(text)
	p.kept = kept{text: text, split: sp}
	var err error
	if sp.separator != "" {
		fm, ferr := decodeFrontMatter(sp, &o)
		p.kept.fmErr = ferr
		if l := firstInvalidLine(sp.data); l > 0 && !strings.HasPrefix(sp.separator, ";") {
			p.warn(fmt.Sprintf("line %d: front matter bytes that are not UTF-8 are read as U+FFFD, as Hexo reads them", sp.dataLine+l-1))
		}
		switch {
		case ferr == nil:
			p.FrontMatter = fm
			applyFields(p, fm, o.location())
		case errors.Is(ferr, errNotMapping):
			sp = split{content: text}
		default:
			err = ferr
			p.Published = false // Hexo drops the post
			if errors.Is(ferr, errListFrontMatter) {
				sp = split{content: text}
			}
			var pe *ParseError
			if errors.As(ferr, &pe) {
				pe.File = name
			}
		}
	}
	p.Body = sp.content
	p.Format = sniffFormat(name, p.Body)
	if line, berr := p.walk(); berr != nil && err == nil {
		pe := &ParseError{File: name, Err: berr}
		if line > 0 { // lines before the body, then the line in it
			pe.Line = strings.Count(text, "\n") - strings.Count(p.Body, "\n") + line
		}
		err = pe
	}
	return p, err
}
