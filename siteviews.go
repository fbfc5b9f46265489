package hexo

import (
	"cmp"
	"slices"
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
}

// Tag is a tag of the site with the number of published posts carrying it.
type Tag struct {
	Name  string `json:"name"`
	Slug  string `json:"slug"`
	Count int    `json:"count"`
}

// Categories returns the category tree of the loaded posts, siblings sorted
// by name. As in Hexo, unpublished posts (drafts, published: false) are left
// out.
func (s *Site) Categories() []*Category {
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
			n := root
			for i, name := range chain {
				c, ok := n.children[name]
				if !ok {
					c = &node{
						cat:      &Category{Name: name, Slug: categorySlug(chain[:i+1], &s.Config)},
						children: map[string]*node{},
					}
					n.children[name] = c
				}
				if c.lastPost != p { // two chains through one category count the post once
					c.cat.Count++
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

// Tags returns the tags of the loaded published posts, sorted by name; the
// slug applies tag_map and filename_case as Hexo's Tag model does.
func (s *Site) Tags() []Tag {
	count := map[string]int{}
	for _, p := range s.Posts {
		if p.Published {
			for _, t := range p.Tags {
				count[t]++
			}
		}
	}
	out := make([]Tag, 0, len(count))
	for name, n := range count {
		slugName := name
		if m, ok := s.Config.TagMap[name]; ok && m != "" {
			slugName = m
		}
		out = append(out, Tag{Name: name, Slug: slugCase(Slugize(slugName), s.Config.FilenameCase), Count: n})
	}
	slices.SortFunc(out, func(a, b Tag) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// ByDate returns the loaded posts newest first (Hexo's index order, -date),
// posts of the same date in path order. s.Posts is left as it is.
func (s *Site) ByDate() []*Post {
	out := slices.Clone(s.Posts)
	slices.SortStableFunc(out, func(a, b *Post) int { return b.Date.Compare(a.Date) })
	return out
}
