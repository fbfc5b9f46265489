package hexo

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"time"
)

// SiteConfig holds the settings of a Hexo site's _config.yml that shape what
// its posts become. Missing keys keep Hexo 8's defaults (DefaultSiteConfig).
type SiteConfig struct {
	// Title is the site's title.
	Title string `yaml:"title" json:"title"`
	// URL is the site's address, trailing slashes removed; full post URLs
	// are URL + "/" + the post's path, as Hexo's full_url_for builds them.
	URL string `yaml:"url" json:"url"`
	// Root is the path the site is served under, ending in "/". Hexo derives
	// it from URL when the file does not set it.
	Root string `yaml:"root" json:"root"`
	// Timezone is an IANA name; dates written without an offset are read in
	// it, and permalinks are built in it. Empty means SiteOptions.Location
	// (UTC by default), where Hexo would use the machine's zone.
	Timezone string `yaml:"timezone" json:"timezone"`
	// Permalink is the pattern of a post's path (":year/:month/:day/:title/").
	Permalink string `yaml:"permalink" json:"permalink"`
	// PermalinkDefaults fills pattern parameters a post has no value for.
	PermalinkDefaults map[string]string `yaml:"permalink_defaults" json:"permalink_defaults"`
	// PrettyURLs false trims "index.html" / ".html" from full URLs.
	PrettyURLs struct {
		TrailingIndex bool `yaml:"trailing_index" json:"trailing_index"`
		TrailingHTML  bool `yaml:"trailing_html" json:"trailing_html"`
	} `yaml:"pretty_urls" json:"pretty_urls"`
	// NewPostName is the pattern of post file names (":title.md"); the slug
	// and, when it names them, the date and other fields come from it.
	NewPostName string `yaml:"new_post_name" json:"new_post_name"`
	// DefaultLayout is the layout hexo new uses ("post").
	DefaultLayout string `yaml:"default_layout" json:"default_layout"`
	// DefaultCategory is :category for a post without categories.
	DefaultCategory string `yaml:"default_category" json:"default_category"`
	// CategoryMap renames categories in their slugs (and so in :category).
	CategoryMap map[string]string `yaml:"category_map" json:"category_map"`
	// TagMap renames tags in their slugs.
	TagMap map[string]string `yaml:"tag_map" json:"tag_map"`
	// FilenameCase is slugize's transform for category slugs: 1 lower, 2 upper.
	FilenameCase    int  `yaml:"filename_case" json:"filename_case"`
	PostAssetFolder bool `yaml:"post_asset_folder" json:"post_asset_folder"`
	// UpdatedOption says what a post without an updated date gets: "mtime"
	// (the file's modification time), "date" or "empty". Hexo's default is
	// mtime; ours is empty, so that a file time (which a copy or a checkout
	// changes) is only used when the site asks for it.
	UpdatedOption string `yaml:"updated_option" json:"updated_option"`
	// SourceDir is the folder holding _posts and _drafts ("source").
	SourceDir string `yaml:"source_dir" json:"source_dir"`
	// SkipRender lists the files of SourceDir copied, not rendered: they are
	// no pages. Include lets names starting with "_" or "." in, Exclude
	// leaves files out. Each is a micromatch pattern on the path below
	// SourceDir (about/**, README.md), a pattern or a list of them.
	SkipRender []string `yaml:"skip_render" json:"skip_render"`
	Include    []string `yaml:"include" json:"include"`
	Exclude    []string `yaml:"exclude" json:"exclude"`
}

// DefaultSiteConfig returns Hexo 8.1.2's defaults for the settings SiteConfig
// holds (hexo/lib/hexo/default_config), but for UpdatedOption.
func DefaultSiteConfig() SiteConfig {
	c := SiteConfig{
		Title:           "Hexo",
		URL:             "http://example.com",
		Root:            "/",
		Permalink:       ":year/:month/:day/:title/",
		NewPostName:     ":title.md",
		DefaultLayout:   "post",
		DefaultCategory: "uncategorized",
		UpdatedOption:   "empty",
		SourceDir:       "source",
	}
	c.PrettyURLs.TrailingIndex = true
	c.PrettyURLs.TrailingHTML = true
	return c
}

// ErrSiteConfig is matched by errors about a site's _config.yml.
var ErrSiteConfig = errors.New("invalid site config")

// ParseSiteConfig reads a _config.yml over Hexo's defaults and normalises url
// and root as Hexo's load_config does. The YAML is read as the front matter
// is (js-yaml's rules, linear time, the default Options' limits: at most 1
// MiB, MaxYAMLNodes values, MaxDepth levels). On an error (a *ParseError
// matching ErrSiteConfig, with the line when there is one) the returned
// config holds every setting that could be read, defaults for the rest.
func ParseSiteConfig(src []byte) (SiteConfig, error) {
	c := DefaultSiteConfig()
	var opts Options
	var fm *FrontMatter
	var err error
	if len(src) > opts.maxFrontMatter() {
		err = fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(src), opts.maxFrontMatter())
	} else if fm, err = decodeYAML(string(src), 1, &opts); errors.Is(err, errNotMapping) {
		err = nil // empty, or only comments: Hexo's defaults
	}
	if err == nil && fm != nil {
		d := decoder{loc: time.UTC, text: fm.text}
		err = d.decode(reflect.ValueOf(&c).Elem(), fm.Map())
	}
	c.URL = strings.TrimRight(c.URL, "/")
	if !fm.Has("root") || c.Root == "" {
		c.Root = "/"
		if u, perr := url.Parse(c.URL); perr == nil && u.Path != "" {
			c.Root = u.Path
		}
	}
	c.Root = strings.TrimRight(c.Root, "/") + "/"
	d := DefaultSiteConfig()
	for _, f := range []struct {
		v   *string
		def string
	}{
		{&c.Permalink, d.Permalink}, {&c.NewPostName, d.NewPostName},
		{&c.UpdatedOption, d.UpdatedOption}, {&c.SourceDir, d.SourceDir},
	} {
		if *f.v == "" {
			*f.v = f.def
		}
	}
	if err != nil {
		return c, siteConfigError(err, fm)
	}
	return c, nil
}

// unwrapAll lists the errors joined in err (err itself when it joins none).
func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// siteConfigError names _config.yml and the line: the decoder's, or the line
// of the key a value that does not fit belongs to.
func siteConfigError(err error, fm *FrontMatter) error {
	pe := &ParseError{File: "_config.yml"}
	cause := err
	var inner *ParseError
	var fe *frontMatterError
	var de *DecodeError
	switch {
	case errors.As(err, &inner):
		pe.Line, pe.Column, cause = inner.Line, inner.Column, inner.Err
		if errors.As(cause, &fe) {
			cause = fe.err
		}
	case errors.As(err, &de):
		top, _, _ := strings.Cut(strings.SplitN(de.Key, "[", 2)[0], ".") // the top-level key of "a.b[1]"
		pe.Line = fm.line(top)
		var msgs []string
		for _, e := range unwrapAll(err) {
			if errors.As(e, &de) {
				msgs = append(msgs, fmt.Sprintf("%s: %v (it must be %s)", de.Key, de.Err, de.Type))
			}
		}
		cause = wrapped{strings.Join(msgs, "; "), err}
	}
	pe.Err = fmt.Errorf("%w: %w", ErrSiteConfig, cause)
	return pe
}

// location is the zone the site's dates are read and written in.
func (c SiteConfig) location(fallback *time.Location) (*time.Location, error) {
	if c.Timezone == "" {
		if fallback == nil {
			return time.UTC, nil
		}
		return fallback, nil
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.UTC, &ParseError{File: "_config.yml", Err: fmt.Errorf("%w: timezone: %v", ErrSiteConfig, err)}
	}
	return loc, nil
}
