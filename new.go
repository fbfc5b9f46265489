package hexo

import (
	"path"
	"strings"
	"time"
)

// New creates a post the way `hexo new` does: the default scaffold's front
// matter (title, date, an empty tags) and a file name by the site's
// new_post_name, with :title the slugized title (filename_case applied) and
// the date parameters taken from now in the site's timezone. The post's
// Source is its path in the site (source/_posts/NAME); write it with
// WriteFile below the site's folder, or edit it first with SetField.
//
// Unlike hexo new, which writes the date as UTC wall time, the date is
// written as the wall time in the site's timezone, so that it reads back as
// the same instant.
func New(title string, c SiteConfig, now time.Time) (*Post, error) {
	loc, err := c.location(nil)
	if err != nil {
		return nil, err
	}
	now = now.In(loc)
	slug := slugCase(Slugize(title), c.FilenameCase)
	name := permalinkParam.ReplaceAllStringFunc(c.NewPostName, func(m string) string {
		switch m[1:] {
		case "title":
			return slug
		case "year":
			return now.Format("2006")
		case "month":
			return now.Format("01")
		case "day":
			return now.Format("02")
		case "i_month":
			return now.Format("1")
		case "i_day":
			return now.Format("2")
		case "hash":
			p := &Post{Slug: slug}
			v, _ := permalinkValue("hash", p, &c, now)
			return v
		}
		return m // Hexo fills other parameters from the data given to hexo new
	})
	if path.Ext(name) == "" {
		name += ".md"
	}
	titleLine, err := yamlEntry("title", title, 2, styleBlock)
	if err != nil {
		return nil, err
	}
	src := "---\n" + titleLine + "date: " + now.Format("2006-01-02 15:04:05") + "\ntags:\n---\n"
	opts := Options{Location: loc}
	p, err := opts.parse([]byte(src), path.Join(strings.Trim(c.SourceDir, "/"), "_posts", name))
	return p, err
}
