package hexo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// SiteOptions tunes how a site is loaded.
type SiteOptions struct {
	// Options parse each post. Its Location is used only when the site's
	// _config.yml sets no timezone.
	Options
	// Drafts loads source/_drafts too; drafts have Published false.
	Drafts bool
	// Workers is how many posts are parsed at once. 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is called with the number of files read so far
	// each time All, Map, Load or Lint hands one on, on the goroutine that
	// reads the stream: a command line shows it on long runs.
	Progress func(read int)
}

// Site is a Hexo site (a folder with _config.yml and source/_posts) or a
// bare folder of posts, read with Hexo's settings and rules.
type Site struct {
	// Config is the site's _config.yml over Hexo's defaults.
	Config SiteConfig
	// Posts holds what Load read, in path order. The views (Categories,
	// Tags, ByDate, Post) read it, and run Load first when it is nil and
	// Load has not run: they work after a loop over All too, which does not
	// hold the posts, at the cost of a second read. Views called at once
	// from several goroutines load the site once; Err gives that load's
	// error.
	Posts []*Post

	fsys     fs.FS  // nil for OpenSite: an os.Root is opened per walk
	dir      string // OpenSite's folder, which prefixes file names
	bare     bool   // no _config.yml and no source/_posts: every post file is a post
	cfgErr   error  // what _config.yml could not give, which Lint reports
	opts     SiteOptions
	loc      *time.Location
	filename filenamePattern
	loaded   bool      // Load has run: the views read s.Posts as it is
	index    postIndex // Post's, built on first use
	viewMu   sync.Mutex
	viewErr  error // the error of the load a view ran
}

// OpenSite reads the site (or bare folder of posts) at dir. Only its
// _config.yml is read now; call Load or All for the posts. Files are read
// through an os.Root, so a symbolic link that leads out of dir is refused.
//
// A broken _config.yml gives a site with Hexo's defaults for what could not
// be read, and an error matching ErrSiteConfig.
func OpenSite(dir string, opts SiteOptions) (*Site, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	s := &Site{dir: dir}
	return s, s.init(rootFS{r.FS(), r}, opts)
}

// NewSite is OpenSite for any fs.FS (os.DirFS, embed.FS, fstest.MapFS); the
// site's files are at its root.
func NewSite(fsys fs.FS, opts SiteOptions) (*Site, error) {
	s := &Site{fsys: fsys}
	return s, s.init(fsys, opts)
}

// LoadSite reads the site in fsys and all its posts: NewSite, then Load.
func LoadSite(ctx context.Context, fsys fs.FS, opts SiteOptions) (*Site, error) {
	s, cerr := NewSite(fsys, opts)
	return s, errors.Join(cerr, s.Load(ctx))
}

func (s *Site) init(fsys fs.FS, opts SiteOptions) error {
	s.opts = opts
	s.Config = DefaultSiteConfig()
	var errs []error
	src, err := readRegular(fsys, "_config.yml", opts.maxFrontMatter())
	switch {
	case err == nil:
		s.Config, err = ParseSiteConfig(src)
		errs = append(errs, s.named(err))
	case !errors.Is(err, fs.ErrNotExist):
		errs = append(errs, s.named(err))
	default:
		if _, err := fs.Stat(fsys, path.Join(s.Config.SourceDir, "_posts")); err != nil {
			s.bare = true
		}
	}
	s.loc, err = s.Config.location(opts.Location)
	errs = append(errs, s.named(err))
	s.filename = newFilenamePattern(s.Config.NewPostName)
	s.cfgErr = errors.Join(errs...)
	return s.cfgErr
}

// named puts the site's folder before the file name of a *ParseError.
func (s *Site) named(err error) error {
	var pe *ParseError
	if s.dir != "" && errors.As(err, &pe) && !filepath.IsAbs(pe.File) {
		pe.File = filepath.Join(s.dir, filepath.FromSlash(pe.File))
	}
	return err
}

// display is the name a file is reported under: its path in the FS, below
// OpenSite's folder.
func (s *Site) display(name string) string {
	if s.dir == "" {
		return name
	}
	return filepath.Join(s.dir, filepath.FromSlash(name))
}

func (s *Site) open() (fs.FS, func(), error) {
	if s.fsys != nil {
		return s.fsys, func() {}, nil
	}
	r, err := os.OpenRoot(s.dir)
	if err != nil {
		return nil, nil, err
	}
	return rootFS{r.FS(), r}, func() { r.Close() }, nil
}

// Load reads every post of the site into s.Posts, in path order, parsing
// SiteOptions.Workers posts at once. A post that fails is kept (it holds its
// body) and its error, naming file and line, is joined into the one returned.
func (s *Site) Load(ctx context.Context) error {
	s.Posts, s.loaded = s.Posts[:0], true
	var errs []error
	for p, err := range s.All(ctx) {
		if p != nil {
			s.Posts = append(s.Posts, p)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// siteFile is a post file found by the walk.
type siteFile struct {
	name  string // path in the FS
	rel   string // path below _posts or _drafts (a page's: below source)
	draft bool
	page  bool
	mod   time.Time // the file's modification time, once stat has read it
	// regular is true when the folder's listing says the file is regular
	// (no link): it is read without a stat first
	regular bool
	file    fs.File      // opened by the walk, in its folder; load closes it
	assets  *assetFolder // a post's asset folder, listed by the walk
}

// close closes the file the walk opened, when it is not to be read.
func (f siteFile) close() {
	if f.file != nil {
		f.file.Close()
	}
}

// All streams the site's posts in path order without holding them: parsing
// runs ahead on SiteOptions.Workers goroutines by a bounded window, and the
// folder is walked as the posts are read, so memory stays flat however large
// the blog. A failed post comes with its error (a file that cannot be read
// comes as a nil post); cancelling ctx ends the stream with ctx's error.
// Stop early by breaking the loop.
func (s *Site) All(ctx context.Context) iter.Seq2[*Post, error] {
	return func(yield func(*Post, error) bool) {
		for r := range Map(ctx, s, func(p *Post, err error) loaded { return loaded{p, err} }) {
			if !yield(r.post, r.err) {
				return
			}
		}
	}
}

type loaded struct {
	post *Post
	err  error
}

// Map streams fn's result for each of the site's posts, in path order. fn
// gets what All yields, and runs on the worker that parsed the post: work
// done with each post (encoding it, indexing it, counting its words) runs
// on every core, and a post fn is done with is not held.
func Map[T any](ctx context.Context, s *Site, fn func(*Post, error) T) iter.Seq[T] {
	return stream(ctx, s, s.list, s.noPosts, fn)
}

// Pages streams the site's pages as All streams its posts: every Markdown
// or HTML file below source/ outside _posts and _drafts that Hexo renders
// (not matched by skip_render or exclude; names starting with "_" or "."
// only when include matches them), in path order, read with Hexo's page
// rules: the path is the file's with .html (a front-matter permalink wins,
// "/" getting index.html), the layout "page" unless the front matter sets
// one, no slug, categories or tags, and dates as for posts (none from the
// file name). Each comes with Page true. A bare folder of posts has none.
func (s *Site) Pages(ctx context.Context) iter.Seq2[*Post, error] {
	return func(yield func(*Post, error) bool) {
		for r := range stream(ctx, s, s.listPages, nil, func(p *Post, err error) loaded { return loaded{p, err} }) {
			if !yield(r.post, r.err) {
				return
			}
		}
	}
}

// stream is Map over the files list finds; none, when not nil, is the
// error when it finds no file.
func stream[T any](ctx context.Context, s *Site, list func(fs.FS, func(siteFile, error) bool), none func(fs.FS) error, fn func(*Post, error) T) iter.Seq[T] {
	return func(yield func(T) bool) {
		fsys, closeFS, err := s.open()
		if err != nil {
			yield(fn(nil, err))
			return
		}
		defer closeFS()
		workers := s.opts.Workers
		if workers <= 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		done := make(chan struct{})
		defer close(done)
		// Each file gets a one-slot channel queued in path order; the
		// queue's capacity is the window of posts parsed ahead of the reader.
		queue := make(chan chan T, 4*workers)
		go func() {
			defer close(queue)
			sem := make(chan struct{}, workers)
			found := false
			list(fsys, func(f siteFile, err error) bool {
				found = true
				c := make(chan T, 1)
				if err != nil {
					c <- fn(nil, err)
				} else {
					select {
					case sem <- struct{}{}:
					case <-done:
						f.close()
						return false
					case <-ctx.Done():
						f.close()
						return false
					}
				}
				select {
				case queue <- c:
				case <-done:
					if err == nil {
						<-sem
						f.close()
					}
					return false
				}
				if err == nil {
					go func() {
						defer func() { <-sem }()
						c <- fn(s.load(fsys, f))
					}()
				}
				return true
			})
			if !found && none != nil && ctx.Err() == nil {
				c := make(chan T, 1)
				c <- fn(nil, none(fsys))
				select {
				case queue <- c:
				case <-done:
				}
			}
		}()
		read := 0
		for c := range queue {
			r := <-c
			if read++; s.opts.Progress != nil {
				s.opts.Progress(read)
			}
			if !yield(r) {
				return
			}
		}
		if err := ctx.Err(); err != nil {
			yield(fn(nil, err))
		}
	}
}

// list walks _posts (and _drafts) for the files Hexo's post processor takes,
// handing each to fn as it is found (or what went wrong); fn returns false to
// stop. Hexo takes files not ending in "~" or "%", with no path segment below
// the folder starting with "_" or ".", and an extension with a renderer (with
// post_asset_folder, the extension of new_post_name). Symbolic links to
// folders are not descended.
func (s *Site) list(fsys fs.FS, fn func(siteFile, error) bool) {
	walk := func(dir string, draft bool) bool {
		return walkIncluded(fsys, dir, func(w *dirWalk, name, rel string, typ fs.FileMode, err error) bool {
			if err != nil {
				if name != dir || !errors.Is(err, fs.ErrNotExist) {
					return fn(siteFile{}, &ParseError{File: s.display(name), Err: err})
				}
				return true
			}
			if !s.renderable(name) {
				return true
			}
			f := siteFile{name: name, rel: rel, draft: draft, regular: typ == 0}
			if s.Config.PostAssetFolder { // listed first: asset_img looks its file up
				f.assets = s.assetsOf(fsys, w, name)
			}
			return s.found(fsys, w, f, fn)
		})
	}
	if s.bare {
		walk(".", false)
		return
	}
	if walk(path.Join(s.Config.SourceDir, "_posts"), false) && s.opts.Drafts {
		walk(path.Join(s.Config.SourceDir, "_drafts"), true)
	}
}

// assetsOf lists the asset folder of the post name, found by w in the
// folder w is in: walked from there when it is a folder, by its path when
// it is a link.
func (s *Site) assetsOf(fsys fs.FS, w *dirWalk, name string) *assetFolder {
	base := path.Base(name)
	dir := strings.TrimSuffix(base, path.Ext(base))
	typ, ok := w.entry(dir)
	switch {
	case !ok:
		return newAssetFolder(nil)
	case typ == fs.ModeDir:
		return newAssetFolder(w.assets(dir))
	}
	return newAssetFolder(listAssets(fsys, strings.TrimSuffix(name, path.Ext(name))))
}

// ErrNoPosts is matched by the error All, Load and Lint give (as a nil
// post) when the site holds no post file at all: the error says what was
// looked for, and where the posts may be instead.
var ErrNoPosts = errors.New("no posts found")

// noPosts says what was looked for, and what the folder holds instead.
func (s *Site) noPosts(fsys fs.FS) error {
	where := ""
	if s.dir != "" {
		where = s.dir + ": "
	}
	if !s.bare {
		posts := path.Join(s.Config.SourceDir, "_posts")
		msg := "Hexo reads the post files of " + posts
		if _, err := fs.Stat(fsys, path.Join(s.Config.SourceDir, "_drafts")); err == nil && !s.opts.Drafts {
			msg += "; drafts are read with SiteOptions.Drafts (hexopost --drafts)"
		}
		return fmt.Errorf("%s%w: %s", where, ErrNoPosts, msg)
	}
	msg := "no _config.yml here, so every .md, .markdown or .html file below is a post, but names starting with _ or . are skipped"
	names, _ := readDirNames(fsys, ".")
	for _, n := range names {
		if n == "_posts" {
			msg += "; this folder holds _posts: give the site's folder, the one with _config.yml"
			break
		}
		if info, err := fs.Stat(fsys, path.Join(n, "_config.yml")); err == nil && info.Mode().IsRegular() {
			msg += fmt.Sprintf("; its folder %s holds a _config.yml: the site is there", n)
			break
		}
	}
	return fmt.Errorf("%s%w: %s", where, ErrNoPosts, msg)
}

// found hands fn a file the walk found, once it is known to be a regular
// file: a link is followed (os.Root keeps it inside the site), a FIFO or a
// device refused (it would block the reader, or never end). With w, a file
// the listing says is regular is opened now, in its folder, for load.
func (s *Site) found(fsys fs.FS, w *dirWalk, f siteFile, fn func(siteFile, error) bool) bool {
	if f.regular {
		if w != nil {
			file, ok, err := w.t.open(path.Base(f.name))
			if err != nil {
				return fn(siteFile{}, &ParseError{File: s.display(f.name), Err: err})
			}
			if ok {
				f.file = file
			}
		}
		return fn(f, nil) // load reads the time from the open file
	}
	info, err := fs.Stat(fsys, f.name)
	switch {
	case err != nil:
		return fn(siteFile{}, &ParseError{File: s.display(f.name), Err: outsideSite(err)})
	case info.Mode().IsRegular():
		f.mod = info.ModTime()
		return fn(f, nil)
	case !info.IsDir():
		return fn(siteFile{}, &ParseError{File: s.display(f.name), Err: notRegular(info)})
	}
	return true
}

// listPages walks the source folder for Hexo's pages: what its asset
// processor renders (hexo/lib/plugins/processor/asset.js). A file is left
// out when its name ends in "~" or "%", exclude matches it, a segment of
// its path starts with "_" or "." and include does not match it, or
// skip_render matches it (it is copied as it is); of the rest, the Markdown
// and HTML files are pages.
func (s *Site) listPages(fsys fs.FS, fn func(siteFile, error) bool) {
	s.listSource(fsys, true, fn)
}

// Files streams the paths (below the source folder, in path order) of the
// files Hexo copies as they are: below source/, not a post, a draft or a
// page (a Markdown or HTML file skip_render does not match), not excluded,
// no segment starting with "_" or "." unless include matches it. Other
// files Hexo renders (style.css, app.js) are among them: their output is
// their text. A bare folder of posts has none. A file that cannot be read
// comes as "" and its error.
func (s *Site) Files(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		fsys, done, err := s.open()
		if err != nil {
			yield("", err)
			return
		}
		defer done()
		s.listSource(fsys, false, func(f siteFile, err error) bool {
			if ctx.Err() != nil {
				return false
			}
			return yield(f.rel, err)
		})
		if err := ctx.Err(); err != nil {
			yield("", err)
		}
	}
}

// listSource is listPages, or with pages false Files' walk.
func (s *Site) listSource(fsys fs.FS, pages bool, fn func(siteFile, error) bool) {
	if s.bare {
		return
	}
	skip, include, exclude := compileGlobs(s.Config.SkipRender), compileGlobs(s.Config.Include), compileGlobs(s.Config.Exclude)
	w, err := startWalk(fsys, s.Config.SourceDir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			fn(siteFile{}, &ParseError{File: s.display(s.Config.SourceDir), Err: err})
		}
		return
	}
	defer w.t.close()
	failed := func(name string, err error) bool { return fn(siteFile{}, &ParseError{File: s.display(name), Err: err}) }
	var opener *dirWalk // pages are opened as they are found
	if pages {
		opener = w
	}
	var walk func(inHidden bool) bool
	walk = func(inHidden bool) bool {
		if err := w.list(); err != nil {
			return failed(w.path(), err)
		}
		for _, e := range w.entries {
			if w.lost {
				return false
			}
			n := e.name
			hidden := inHidden || strings.HasPrefix(n, "_") || strings.HasPrefix(n, ".") // Hexo's isHiddenFile
			if e.typ == fs.ModeDir {                                                     // a link is not followed into a folder
				if (!hidden || len(include) > 0) && !w.into(n, func() bool { return walk(hidden) }, failed) { // below a hidden folder only include can let a file in
					return false
				}
				continue
			}
			name, r := w.names(n)
			switch {
			case strings.HasSuffix(n, "~") || strings.HasSuffix(n, "%"), exclude.match(r), hidden && !include.match(r):
			case pages != (IsPostFile("x"+path.Ext(n)) && !skip.match(r)):
			default:
				if !s.found(fsys, opener, siteFile{name: name, rel: r, page: pages, regular: e.typ == 0}, fn) {
					return false
				}
			}
		}
		return !w.lost
	}
	walk(false)
}

func (s *Site) renderable(name string) bool {
	if !IsPostFile(name) {
		return false
	}
	return !s.Config.PostAssetFolder || strings.EqualFold(path.Ext(name), path.Ext(s.Config.NewPostName))
}

// load parses one file and adds what Hexo derives from the site.
func (s *Site) load(fsys fs.FS, f siteFile) (*Post, error) {
	file, err := f.file, error(nil)
	if file == nil {
		file, err = s.openFile(fsys, f.name)
	}
	if err != nil {
		return nil, &ParseError{File: s.display(f.name), Err: err}
	}
	defer file.Close()
	if f.regular { // listed as regular: its time, and that it still is, from the open file
		info, err := file.Stat()
		switch {
		case err != nil:
			return nil, &ParseError{File: s.display(f.name), Err: err}
		case !info.Mode().IsRegular():
			return nil, &ParseError{File: s.display(f.name), Err: notRegular(info)}
		}
		f.mod = info.ModTime()
		file = statted{file, info}
	}
	opts := s.opts.Options
	opts.Location = s.loc
	derive := s.derive
	if f.page {
		derive = s.derivePage
	}
	if !f.page {
		opts.assets = f.assets
	}
	p, err := opts.parseFrom(file, s.display(f.name))
	if p != nil {
		if s.fsys == nil { // OpenSite: Save writes back through the site's folder
			p.origin = &origin{dir: s.dir, name: f.name, read: p.src, confined: true}
		}
		derive(p, f)
		if opts.assets != nil {
			p.Assets = opts.assets.names
		}
		p.rederive = func(np *Post) { derive(np, f) } // after an edit
	}
	return p, err
}

// openFile opens a file the walk did not: through the site's os.Root
// without waiting on a FIFO, or by the fs.FS.
func (s *Site) openFile(fsys fs.FS, name string) (fs.File, error) {
	if r, ok := fsys.(rootFS); ok {
		return r.openRegular(name)
	}
	return fsys.Open(name)
}

// statted is a file whose Stat has been read once.
type statted struct {
	fs.File
	info fs.FileInfo
}

func (f statted) Stat() (fs.FileInfo, error) { return f.info, nil }

// preservedKeys are the file-name parameters that do not become post data
// (hexo/lib/plugins/processor/post.js).
var preservedKeys = map[string]bool{
	"title": true, "year": true, "month": true, "day": true, "i_month": true, "i_day": true, "hash": true,
}

// derive is Hexo's post processor and post_permalink filter on a parsed post.
func (s *Site) derive(p *Post, f siteFile) {
	rel := namingText(f.rel) // a GBK name, decoded
	p.names = &nameRule{pattern: s.filename, loc: s.loc, rel: rel}
	info := s.filename.parse(rel)
	p.Slug = info["title"]
	p.zoneChosen = s.Config.Timezone != "" || s.opts.Location != nil
	if f.draft {
		p.Published = false
	}
	for k, v := range info {
		if preservedKeys[k] {
			continue
		}
		switch k { // a file-name parameter overrides the front matter
		case "lang":
			p.Lang = v
		case "layout":
			p.Layout = v
		default:
			if p.Extra == nil {
				p.Extra = map[string]any{}
			}
			p.Extra[k] = v
		}
	}
	if v, _ := p.FrontMatter.Get("date"); !truthy(v) {
		if d, ok := p.fileNameDate(); ok {
			p.Date = d
			p.warn("date taken from the file name (the front matter has none)")
		} else {
			p.warn("no date in the front matter or the file name; Hexo would use the file's creation time")
		}
	}
	s.updatedFallback(p, f)
	pth, ok := permalinkPath(p, &s.Config, s.loc)
	if pth != "" {
		p.Path = pth
		p.URL = fullURL(&s.Config, pth)
	}
	if !ok {
		p.warn(fmt.Sprintf("permalink %q needs a value the post does not have", s.Config.Permalink))
	}
}

// updatedFallback is updated_option for a post or page without updated.
func (s *Site) updatedFallback(p *Post, f siteFile) {
	if p.Updated.IsZero() {
		switch s.Config.UpdatedOption {
		case "date":
			p.Updated = p.Date
		case "mtime":
			p.Updated = f.mod
		}
	}
}

// derivePage is Hexo's page processor on a parsed page.
func (s *Site) derivePage(p *Post, f siteFile) {
	p.Page = true
	p.Categories, p.Tags = nil, nil // Hexo's Page model has neither
	p.zoneChosen = s.Config.Timezone != "" || s.opts.Location != nil
	if !p.refused() {
		p.Published = true // published is a post's key: Hexo renders every page
	}
	if !p.FrontMatter.Has("layout") {
		p.Layout = "page"
	}
	if v, _ := p.FrontMatter.Get("date"); !truthy(v) {
		p.warn("no date in the front matter; Hexo would use the file's change time")
	}
	s.updatedFallback(p, f)
	pth := strings.TrimSuffix(f.rel, path.Ext(f.rel)) + ".html"
	if p.Permalink != "" {
		pth = p.Permalink
		if strings.HasSuffix(pth, "/") {
			pth += "index"
		}
		if path.Ext(pth) == "" {
			pth += ".html"
		}
	}
	p.Path, p.URL = pth, fullURL(&s.Config, pth)
}

// listAssets lists a post's asset folder by its path, as Hexo's
// scanAssetDir does: every file below it that Hexo does not exclude.
func listAssets(fsys fs.FS, dir string) []string {
	var out []string
	walkIncluded(fsys, dir, func(_ *dirWalk, _, rel string, _ fs.FileMode, err error) bool {
		if err == nil {
			out = append(out, rel)
		}
		return true
	})
	return out
}

// ErrOutsideSite is matched (with errors.Is) by the error of a post file that
// is a symbolic link leading out of the site OpenSite read: it is not read.
var ErrOutsideSite = errors.New("a symbolic link that leads outside the site")

// outsideSite says in our words what os.Root says of a link out of its
// folder ("statat …: path escapes from parent").
func outsideSite(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes from parent") {
		return ErrOutsideSite
	}
	return err
}
