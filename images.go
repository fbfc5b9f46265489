package hexo

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
)

// Image is an image of the post: a cover named in the front matter or an
// image of the body.
type Image struct {
	URL string `json:"url"`
	Alt string `json:"alt"`
	// From is the front-matter key the image came from ("thumbnail",
	// "photos"...) or "body".
	From string `json:"from"`
}

// coverKeys are the front-matter keys themes use for a post's cover, in the
// order a cover is looked for.
var coverKeys = []string{
	"cover", "thumbnail", "headimg", "banner", "image", "images", "index_img", "banner_img",
	"top_img", "featured_image", "og_image", "photos", "photo",
}

// Images returns the post's images without repeats: the front-matter covers
// first, in the order of the keys themes use (cover, thumbnail, headimg,
// banner, image, images, index_img, banner_img, top_img, featured_image,
// og_image, photos, photo; empty values skipped), then the body's images in
// document order. javascript: and vbscript: URLs never come out;
// data: URLs only with Options.KeepDataURLs.
func (p *Post) Images() []Image {
	var out []Image
	var seen map[string]bool // once out is long: a post may hold a million images
	add := func(img Image) {
		if img.URL == "" || hasScheme(img.URL, "javascript") || hasScheme(img.URL, "vbscript") ||
			hasScheme(img.URL, "data") && !p.opts.KeepDataURLs {
			return
		}
		switch {
		case seen != nil:
			if seen[img.URL] {
				return
			}
			seen[img.URL] = true
		case slices.ContainsFunc(out, func(o Image) bool { return o.URL == img.URL }):
			return
		case len(out) == 32: // long enough for a map
			seen = make(map[string]bool, 64)
			for _, o := range out {
				seen[o.URL] = true
			}
			seen[img.URL] = true
		}
		out = append(out, img)
	}
	for _, k := range coverKeys {
		v, _ := p.FrontMatter.Get(k)
		if s, ok := v.(string); ok { // the common case, without a list
			add(Image{URL: strings.TrimSpace(s), From: k})
			continue
		}
		for _, u := range coverURLs(v) {
			add(Image{URL: u, From: k})
		}
	}
	for _, b := range p.Blocks {
		if b.Kind == BlockImage {
			add(Image{URL: b.URL, Alt: b.Alt, From: "body"})
		}
	}
	return out
}

// coverURLs reads a cover value: a URL, a list of URLs, or a mapping with a
// url/src/path key (as some themes write it).
func coverURLs(v any) []string {
	switch x := v.(type) {
	case string:
		if s := strings.TrimSpace(x); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, coverURLs(e)...)
		}
		return out
	case map[string]any:
		for _, k := range []string{"url", "src", "path"} {
			if u := coverURLs(x[k]); len(u) > 0 {
				return u
			}
		}
	}
	return nil
}

// Cover returns the post's cover: the first image of Images, so the first
// non-empty front-matter cover key in the order Images looks them up, else
// the first image of the body. ok is false for a post without images.
func (p *Post) Cover() (img Image, ok bool) {
	imgs := p.Images()
	if len(imgs) == 0 {
		return Image{}, false
	}
	return imgs[0], true
}

// ResolveImages returns Images with every URL made absolute against base (the
// post's own URL, or the site's): relative paths resolve as a browser would,
// protocol-relative URLs take base's scheme; data: URLs (with
// Options.KeepDataURLs) stay as they are. A URL that does not parse is dropped.
// A nil base resolves nothing: Images as they are.
func (p *Post) ResolveImages(base *url.URL) []Image {
	if base == nil {
		return p.Images()
	}
	var out []Image
	for _, img := range p.Images() {
		if hasScheme(img.URL, "data") {
			out = append(out, img) // only there with Options.KeepDataURLs
			continue
		}
		u, err := url.Parse(strings.TrimSpace(img.URL))
		if err != nil {
			continue
		}
		img.URL = base.ResolveReference(u).String()
		out = append(out, img)
	}
	return out
}

// hasScheme reports whether u uses scheme, ignoring case and the control
// characters and spaces browsers ignore ("java\tscript:").
func hasScheme(u, scheme string) bool {
	want := scheme + ":"
	k := 0
	for _, r := range u {
		if r <= ' ' {
			continue
		}
		if k == len(want) || unicode.ToLower(r) != rune(want[k]) {
			return false
		}
		if k++; k == len(want) {
			return true
		}
	}
	return false
}

func firstSrcset(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if i := strings.IndexByte(s, ','); i >= 0 {
		s = s[:i]
	}
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
