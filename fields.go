package hexo

import (
	"fmt"
	"time"
)

// Keys that Hexo itself gives a meaning to; every other key goes to Post.Extra.
var hexoKeys = map[string]bool{
	"title": true, "date": true, "updated": true, "categories": true, "category": true,
	"tags": true, "tag": true, "comments": true, "published": true, "layout": true,
	"permalink": true, "photos": true, "photo": true, "link": true, "lang": true,
	"excerpt": true, "author": true,
}

// applyFields fills the typed fields of p from its front matter with Hexo's
// casts (hexo/lib/plugins/processor/post.js and the Post model's types).
func applyFields(p *Post, fm *FrontMatter, loc *time.Location) {
	get := func(k string) any { v, _ := fm.Get(k); return v }

	if v, ok := fm.Get("title"); ok && v != nil {
		if _, isTime := v.(time.Time); isTime {
			p.Title = fm.text["title"] // the text as written, not a JS date string
		} else {
			p.Title = jsString(v)
		}
	}
	p.Date = p.dateField(fm, "date", loc)
	p.Updated = p.dateField(fm, "updated", loc)

	cats := get("categories")
	if truthy(get("category")) && !truthy(cats) {
		cats = get("category")
	}
	p.Categories = categoryChains(cats)
	tags := get("tags")
	if truthy(get("tag")) && !truthy(tags) {
		tags = get("tag")
	}
	p.Tags = tagNames(tags)

	p.Comments = boolField(fm, "comments")
	p.Published = boolField(fm, "published")
	p.Layout = "post"
	if v := get("layout"); v != nil {
		p.Layout = jsString(v)
	}

	photos := get("photos")
	if truthy(get("photo")) && !truthy(photos) {
		photos = get("photo")
	}
	p.Photos = nil
	if truthy(photos) {
		p.Photos = names(asList(photos))
	}
	if v := get("permalink"); truthy(v) {
		p.Permalink = jsString(v)
	}
	if v := get("link"); truthy(v) {
		p.Link = jsString(v)
	}
	if v := get("lang"); truthy(v) {
		p.Lang = jsString(v)
	}
	if v := get("author"); v != nil {
		p.Author = authorName(v)
	}
	if v, ok := fm.Get("excerpt"); ok && v != nil {
		p.fmExcerpt = jsString(v)
		p.excerptSet = true
	}

	p.Extra = map[string]any{}
	for k, v := range fm.All() {
		if !hexoKeys[k] {
			p.Extra[k] = v
		}
	}
}

// authorName reads "author: Name" and the theme form "author: {name: Name}".
func authorName(v any) string {
	if m, ok := v.(map[string]any); ok {
		if n, ok := m["name"]; ok && n != nil {
			return jsString(n)
		}
		return ""
	}
	return jsString(v)
}

// boolField is warehouse's Boolean cast: absent or null is true (the default),
// "false" and "0" are false, anything else is JavaScript's Boolean(value).
func boolField(fm *FrontMatter, key string) bool {
	v, ok := fm.Get(key)
	if !ok || v == nil {
		return true
	}
	if s, isStr := v.(string); isStr && (s == "false" || s == "0") {
		return false
	}
	return truthy(v)
}

// dateField reads date or updated. A falsy value is absent (Hexo falls back to
// file times, which we do not invent); a value that is no date is reported in
// Warnings and left zero, where Hexo would silently use the file's time.
func (p *Post) dateField(fm *FrontMatter, key string, loc *time.Location) time.Time {
	v, ok := fm.Get(key)
	if !ok || !truthy(v) {
		return time.Time{}
	}
	t, ok := dateValue(v, loc)
	if !ok {
		p.warn(fmt.Sprintf("%s %q is not a date; left empty (Hexo would use the file's time)", key, jsString(v)))
		return time.Time{}
	}
	return t
}
