package hexo

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Lint runs Lint on every post of the site (drafts with SiteOptions.Drafts)
// and adds the rules that need the whole site: a _config.yml that could not
// be read (the other findings were made with Hexo's defaults where it
// failed), permalinks, slugs and titles that two posts share, and relative
// images found neither
// in the site's source folder nor in the post's asset folder. Posts are read
// as All reads them and only what those rules need is kept, so memory stays
// flat however big the site. The findings come by file, then line; the error
// joins the files that could not be read at all, and ctx's.
func (s *Site) Lint(ctx context.Context) ([]Finding, error) {
	fsys, done, err := s.open()
	if err != nil {
		return nil, err
	}
	defer done()
	var (
		out  = s.configFindings()
		errs []error
		// the first post of each permalink, slug and title
		paths, slugs, titles = map[string]string{}, map[string]string{}, map[string]string{}
	)
	dup := func(seen map[string]string, key string, p *Post, rule, what string) {
		if key == "" {
			return
		}
		if first, ok := seen[key]; ok {
			out = append(out, Finding{File: p.Source, Rule: rule, Severity: ruleOf(rule).Severity,
				Message: what + " " + strconv.Quote(key) + " is also " + filepath.ToSlash(first) + "'s"})
			return
		}
		seen[key] = p.Source
	}
	for p, err := range s.All(ctx) {
		if p == nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, Lint(p)...)
		if p.Published {
			dup(paths, strings.TrimPrefix(p.Path, "/"), p, RuleDuplicatePath, "the permalink")
		}
		dup(slugs, p.Slug, p, RuleDuplicateSlug, "the slug")
		dup(titles, strings.TrimSpace(p.Title), p, RuleTitleCollision, "the title")
		out = append(out, s.missingImages(fsys, p)...)
	}
	if ctx.Err() != nil {
		errs = append(errs, ctx.Err())
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out, errors.Join(errs...)
}

// missingImages checks the post's relative images against the site's files:
// "/x" below the source folder (or the post's asset folder, through its
// permalink), "x" in the asset folder, beside the post or below the source
// folder.
func (s *Site) missingImages(fsys fs.FS, p *Post) []Finding {
	name := filepath.ToSlash(p.Source)
	if s.dir != "" {
		if rel, err := filepath.Rel(s.dir, p.Source); err == nil {
			name = filepath.ToSlash(rel)
		}
	}
	source := s.Config.SourceDir
	if s.bare {
		source = "."
	}
	exists := func(name string) bool {
		_, err := fs.Stat(fsys, strings.TrimPrefix(path.Clean(name), "/"))
		return err == nil
	}
	var out []Finding
	text := p.kept.text
	var lines lineIndex
	checked := map[string]bool{} // a URL is looked up once, however often it is used
	assets := newAssetFolder(p.Assets)
	for _, img := range p.Images() {
		if len(out) == maxFindingsPerRulePerPost || checked[img.URL] {
			continue
		}
		checked[img.URL] = true
		u, err := url.Parse(img.URL)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(img.URL, "//") {
			continue
		}
		var ok bool
		if rel, abs := strings.CutPrefix(u.Path, "/"); abs {
			rel = strings.TrimPrefix(rel, strings.Trim(s.Config.Root, "/")+"/")
			asset, inPost := strings.CutPrefix("/"+rel, "/"+strings.TrimPrefix(p.Path, "/"))
			ok = exists(path.Join(source, rel)) || p.Path != "" && inPost && assets.has(strings.TrimPrefix(asset, "/"))
		} else {
			clean := path.Clean(u.Path)
			ok = assets.has(clean) || exists(path.Join(path.Dir(name), clean)) || exists(path.Join(source, clean))
		}
		if ok {
			continue
		}
		line := 0
		if i := strings.Index(text, img.URL); i >= 0 {
			if lines == nil {
				lines = newLineIndex(text)
			}
			line = lines.line(i)
		}
		out = append(out, Finding{File: p.Source, Line: line, Rule: RuleImageMissing, Severity: SeverityWarning,
			Message: "image " + strconv.Quote(img.URL) + " (" + img.From + ") is not in the site's source folder or the post's asset folder", Key: coverKey(img.From)})
	}
	return out
}

func coverKey(from string) string {
	if from == "body" {
		return ""
	}
	return from
}

// configFindings are the errors of the site's _config.yml as findings, each
// with its file and line.
func (s *Site) configFindings() []Finding {
	var out []Finding
	var each func(error)
	each = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				each(e)
			}
			return
		}
		if err == nil {
			return
		}
		f := Finding{File: s.display("_config.yml"), Rule: RuleSiteConfigInvalid, Severity: ruleOf(RuleSiteConfigInvalid).Severity, Message: err.Error()}
		var pe *ParseError
		if errors.As(err, &pe) {
			f.File, f.Line, f.Message = pe.File, pe.Line, pe.Err.Error()
		}
		f.Message += ": the other findings were made with Hexo's defaults where it failed"
		out = append(out, f)
	}
	each(s.cfgErr)
	return out
}
