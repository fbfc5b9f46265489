package hexo

import (
	"cmp"
	"context"
	"path/filepath"
	"slices"
	"strings"
)

// Category is a node of a site's category tree.
type Category struct {
	Name string `json:"name"`
	// Slug is the Category model's slug: the parents' slugs, then this
	// name slugized (category_map and filename_case applied), joined by "/".
	Slug string `json:"slug"`
	// Count is the number of published posts filed under this category or
	// one of its children, each post once (Hexo's category.length).
	Count    int         `json:"count"`
	Children []*Category `json:"children,omitempty"`
	// Posts are the posts Count counts, in path order.
	Posts []*Post `json:"-"`
}

// Tag is a tag of the site with the number of published posts carrying it.
type Tag struct {
	Name  string `json:"name"`
	Slug  string `json:"slug"`
	Count int    `json:"count"`
	// Posts are the published posts carrying the tag, in path order.
	Posts []*Post `json:"-"`
}

// Categories returns the category tree of the loaded posts, siblings sorted
// by name. As in Hexo, unpublished posts (drafts, published: false) are left
// out. The tree nests at most 64 deep (a longer chain's later names are not
// filed), and a slug longer than a path Hexo can write (4,096 bytes) is "". Like every view of the site, it loads the site first when Load has
// not run.
func (s *Site) Categories() []*Category {
	s.ensureLoaded()
	type node struct {
		cat      *Category
		children map[string]*node
		lastPost *Post
	}
	root := &node{children: map[string]*node{}}
	for _, p := range s.Posts {
		if !p.Published {
			continue
		}
		for _, chain := range p.Categories {
			chain = chain[:min(len(chain), maxCategoryDepth)]
			slugs := categorySlugs(chain, &s.Config)
			n := root
			for i, name := range chain {
				c, ok := n.children[name]
				if !ok {
					c = &node{
						cat:      &Category{Name: name, Slug: slugs(i)},
						children: map[string]*node{},
					}
					n.children[name] = c
				}
				if c.lastPost != p { // two chains through one category count the post once
					c.cat.Count++
					c.cat.Posts = append(c.cat.Posts, p)
					c.lastPost = p
				}
				n = c
			}
		}
	}
	var build func(n *node) []*Category
	build = func(n *node) []*Category {
		var out []*Category
		for _, c := range n.children {
			c.cat.Children = build(c)
			out = append(out, c.cat)
		}
		slices.SortFunc(out, func(a, b *Category) int { return cmp.Compare(a.Name, b.Name) })
		return out
	}
	return build(root)
}

// maxCategoryDepth bounds how deep the category tree nests: Hexo files each
// category of a list in the one before it, so a list of n names made n
// levels whose slugs repeat their parents' (n² bytes from a post of n); the
// names past it are filed in the last level kept.
const maxCategoryDepth = 64

// categorySlugs are the slugs of a chain's levels: each level's is a prefix
// of the whole chain's, built once, so a chain costs its own length; a slug
// longer than a path Hexo can write (maxPermalinkLen) is "".
func categorySlugs(chain []string, c *SiteConfig) func(level int) string {
	parts := categoryParts(chain, c)
	full := strings.Join(parts, "/")
	ends := make([]int, len(parts))
	end := -1
	for i, part := range parts {
		end += 1 + len(part)
		ends[i] = end
	}
	return func(level int) string {
		if ends[level] > maxPermalinkLen {
			return ""
		}
		return full[:ends[level]]
	}
}

// Tags returns the tags of the loaded published posts, sorted by name; the
// slug applies tag_map and filename_case as Hexo's Tag model does.
func (s *Site) Tags() []Tag {
	s.ensureLoaded()
	posts := map[string][]*Post{}
	for _, p := range s.Posts {
		if p.Published {
			for _, t := range p.Tags {
				if ps := posts[t]; len(ps) == 0 || ps[len(ps)-1] != p { // a tag written twice counts once
					posts[t] = append(ps, p)
				}
			}
		}
	}
	out := make([]Tag, 0, len(posts))
	for name, ps := range posts {
		slugName := name
		if m, ok := s.Config.TagMap[name]; ok && m != "" {
			slugName = m
		}
		out = append(out, Tag{Name: name, Slug: slugCase(Slugize(slugName), s.Config.FilenameCase), Count: len(ps), Posts: ps})
	}
	slices.SortFunc(out, func(a, b Tag) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// ByDate returns the loaded posts newest first (Hexo's index order, -date),
// posts of the same date in path order. s.Posts is left as it is.
func (s *Site) ByDate() []*Post {
	s.ensureLoaded()
	out := slices.Clone(s.Posts)
	slices.SortStableFunc(out, func(a, b *Post) int { return b.Date.Compare(a.Date) })
	return out
}

// ensureLoaded runs Load when neither Load nor the caller has filled
// s.Posts: a loop over All does not hold the posts, and the views must not
// depend on how the site was read. Views called at once from several
// goroutines load the site once; the load's error is kept for Err.
func (s *Site) ensureLoaded() {
	s.viewMu.Lock()
	defer s.viewMu.Unlock()
	if s.Posts == nil && !s.loaded {
		s.viewErr = s.Load(context.Background())
	}
}

// Err returns the error of the load a view ran on its own (Categories,
// Tags, ByDate or Post on a site Load had not read): every post that failed,
// each naming its file and line, joined. It is nil when no view loaded the
// site; Load returns its own error.
func (s *Site) Err() error {
	s.viewMu.Lock()
	defer s.viewMu.Unlock()
	return s.viewErr
}

// Post finds a loaded post by its slug, by its path (the permalink,
// 2021/06/13/hello/, with or without its slashes) or by its file (Source,
// or its path below the site: source/_posts/hello.md or _posts/hello.md),
// in that order; the first of the posts sharing it wins (lint reports
// them). The first call indexes the posts, and a call after Posts changed
// length or was replaced indexes them again.
func (s *Site) Post(ref string) (*Post, bool) {
	s.ensureLoaded()
	s.viewMu.Lock()
	defer s.viewMu.Unlock()
	if s.index.of == nil || len(s.index.of) != len(s.Posts) || (len(s.Posts) > 0 && &s.index.of[0] != &s.Posts[0]) {
		s.index = newPostIndex(s.Posts)
	}
	ref = filepath.ToSlash(ref)
	if p, ok := s.index.slugs[ref]; ok {
		return p, true
	}
	if p, ok := s.index.paths[strings.Trim(ref, "/")]; ok {
		return p, true
	}
	p, ok := s.index.files[strings.TrimPrefix(ref, "./")]
	return p, ok
}

// postIndex is what Post looks posts up in, for the Posts slice it was
// built from: by slug, by path, and by every tail of the file's path. A
// tail is a slice of the path, not a copy: a post d folders deep has d
// tails, and copied they were d² bytes.
type postIndex struct {
	of                  []*Post
	slugs, paths, files map[string]*Post
}

func newPostIndex(posts []*Post) postIndex {
	x := postIndex{of: posts, slugs: map[string]*Post{}, paths: map[string]*Post{}, files: map[string]*Post{}}
	add := func(m map[string]*Post, key string, p *Post) {
		if _, ok := m[key]; !ok && key != "" {
			m[key] = p // the first of the posts sharing a key wins
		}
	}
	for _, p := range posts {
		add(x.slugs, p.Slug, p)
		add(x.paths, strings.Trim(p.Path, "/"), p)
		src := filepath.ToSlash(p.Source)
		add(x.files, src, p)
		for i := 0; i < len(src); i++ { // every tail of the file's path
			if src[i] == '/' {
				add(x.files, src[i+1:], p)
			}
		}
	}
	return x
}
