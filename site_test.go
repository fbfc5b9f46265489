package hexo

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pinnedTime is the file time testdata/sites/hexo-site.js gives every file.
var pinnedTime = time.Date(2000, 1, 2, 3, 4, 5, 0, time.UTC)

// pinnedFS copies a folder into a MapFS whose files all have pinnedTime.
func pinnedFS(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(dir + "/" + name)
		m[name] = &fstest.MapFile{Data: b, ModTime: pinnedTime}
		return err
	})
	require.NoError(t, err)
	return m
}

type hexoSite struct {
	Posts []struct {
		Source, Slug, Path, Permalink string
		Date, Updated, Lang           *string
		Published                     bool
		Categories, Tags, Assets      []string
		Images                        []string // the src of each <img> of its HTML
	}
	Categories []struct {
		Slug, Name string
		Count      int
	}
	Tags []struct {
		Slug, Name string
		Count      int
	}
	Pages []struct {
		Source, Path, Permalink, Title, Layout string
		Date, Updated                          *string
		Comments                               bool
		Images                                 []string
	}
	Files []string
}

// TestSiteMatchesHexo loads each site of testdata/sites and compares what we
// derive with what Hexo 8.1.2 derived (testdata/sites/*.hexo.json, made by
// hexo-site.js). The sites exercise, in hexo/lib/plugins/processor/post.js:
// parseFilename (slug = the raw :title capture when new_post_name matches,
// slugized path otherwise; :lang overriding the front matter), the date from
// the file name at midnight in the site's zone (month 13 rolling over), the
// skipping of "_" and "." names and of "~" files, updated_option, drafts,
// scanAssetDir; in post_permalink.js: every pattern parameter used, the
// front-matter permalink, post_asset_folder's trailing slash, :category from
// category_map and filename_case, permalink_defaults; and full_url_for's
// encoding with a url that has a path; asset_img's lookup of its file among
// its arguments.
func TestSiteMatchesHexo(t *testing.T) {
	for _, name := range []string{"dated", "params", "assets", "pages"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile("testdata/sites/" + name + ".hexo.json")
			require.NoError(t, err)
			var want hexoSite
			require.NoError(t, json.Unmarshal(raw, &want))

			site, err := LoadSite(context.Background(), pinnedFS(t, "testdata/sites/"+name), SiteOptions{Drafts: true})
			require.NoError(t, err)
			require.Len(t, site.Posts, len(want.Posts))
			got := map[string]*Post{}
			for _, p := range site.Posts {
				got[strings.TrimPrefix(p.Source, "source/")] = p
			}
			for _, w := range want.Posts {
				p := got[w.Source]
				require.NotNil(t, p, w.Source)
				assert.Equal(t, w.Slug, p.Slug, w.Source)
				assert.Equal(t, w.Path, p.Path, w.Source)
				assert.Equal(t, w.Permalink, p.URL, w.Source)
				assert.Equal(t, w.Published, p.Published, w.Source)
				assert.Equal(t, deref(w.Lang), p.Lang, w.Source)
				assert.Equal(t, deref(w.Date), isoTime(p.Date), w.Source)
				assert.Equal(t, deref(w.Updated), isoTime(p.Updated), w.Source)
				if p.Published { // Hexo links no tags to an unpublished post; ours keep the front matter's
					assert.Equal(t, w.Tags, nonNil(p.Tags), w.Source)
				}
				assert.Equal(t, w.Assets, nonNil(p.Assets), w.Source)
				checkImages(t, p, w.Images, w.Source)
				var cats []string
				if p.Published {
					for _, chain := range p.Categories {
						for i := range chain {
							if s := categorySlug(chain[:i+1], &site.Config); !slices.Contains(cats, s) {
								cats = append(cats, s)
							}
						}
					}
				}
				slices.Sort(cats)
				slices.Sort(w.Categories)
				assert.Equal(t, w.Categories, nonNil(cats), w.Source)
			}

			var cats []string
			var walk func([]*Category)
			walk = func(cs []*Category) {
				for _, c := range cs {
					cats = append(cats, c.Slug+" "+c.Name+" "+strconv.Itoa(c.Count))
					walk(c.Children)
				}
			}
			walk(site.Categories())
			var wantCats []string
			for _, c := range want.Categories {
				wantCats = append(wantCats, c.Slug+" "+c.Name+" "+strconv.Itoa(c.Count))
			}
			slices.Sort(cats)
			assert.Equal(t, wantCats, cats)
			var tags, wantTags []string
			for _, tg := range site.Tags() {
				tags = append(tags, tg.Slug+" "+tg.Name+" "+strconv.Itoa(tg.Count))
			}
			for _, tg := range want.Tags {
				wantTags = append(wantTags, tg.Slug+" "+tg.Name+" "+strconv.Itoa(tg.Count))
			}
			slices.Sort(tags)
			assert.Equal(t, wantTags, tags)
			checkPages(t, site, want)
		})
	}
}

// checkImages compares the body's images with the src of each <img> Hexo
// rendered: a body image is the file Hexo's src ends in (Hexo adds the root
// and, for asset_img, the post's path).
func checkImages(t *testing.T, p *Post, hexo []string, name string) {
	var imgs []string
	for _, b := range p.Blocks {
		if b.Kind == BlockImage {
			imgs = append(imgs, b.URL)
		}
	}
	if assert.Len(t, imgs, len(hexo), name) {
		for i, src := range hexo {
			assert.True(t, strings.HasSuffix(src, "/"+imgs[i]), "%s: image %d is %q, Hexo's %q", name, i, imgs[i], src)
		}
	}
}

// checkPages compares Site.Pages with Hexo's Page model. Hexo's model also
// holds the other files it renders (style.css, with layout false), which
// are no pages of ours; a page whose front matter Hexo refuses is not in
// it, and comes from Pages with its error.
func checkPages(t *testing.T, site *Site, want hexoSite) {
	got := map[string]*Post{}
	var failed []string
	for p, err := range site.Pages(context.Background()) {
		require.NotNil(t, p, "%v", err)
		assert.True(t, p.Page, p.Source)
		if err != nil {
			assert.ErrorIs(t, err, ErrFrontMatter)
			assert.False(t, p.Published, "Hexo drops %s", p.Source)
			failed = append(failed, p.Source)
			continue
		}
		got[strings.TrimPrefix(p.Source, "source/")] = p
	}
	n := 0
	for _, w := range want.Pages {
		if !IsPostFile(w.Source) {
			assert.Equal(t, "false", w.Layout, "%s: Hexo renders it, but as no page", w.Source)
			continue
		}
		n++
		p := got[w.Source]
		if !assert.NotNil(t, p, "page %s", w.Source) {
			continue
		}
		assert.Equal(t, w.Path, p.Path, w.Source)
		assert.Equal(t, w.Permalink, p.URL, w.Source)
		assert.Equal(t, w.Title, p.Title, w.Source)
		assert.Equal(t, w.Layout, p.Layout, w.Source)
		assert.Equal(t, w.Comments, p.Comments, w.Source)
		assert.Equal(t, deref(w.Date), isoTime(p.Date), w.Source)
		assert.Equal(t, deref(w.Updated), isoTime(p.Updated), w.Source)
		assert.True(t, p.Published, w.Source)
		assert.Empty(t, p.Slug, w.Source)
		assert.Empty(t, p.Categories, w.Source)
		assert.Empty(t, p.Tags, w.Source)
		checkImages(t, p, w.Images, w.Source)
	}
	assert.Len(t, got, n, "every page Hexo renders, and no other")
	if len(want.Pages) > 0 {
		assert.Equal(t, []string{"source/broken.md"}, failed)
	}

	// Files: Hexo's Asset model, and what it renders that is no page of ours
	wantFiles := slices.Clone(want.Files)
	for _, w := range want.Pages {
		if !IsPostFile(w.Source) {
			wantFiles = append(wantFiles, w.Source)
		}
	}
	slices.Sort(wantFiles)
	var files []string
	for f, err := range site.Files(context.Background()) {
		require.NoError(t, err)
		files = append(files, f)
	}
	assert.Equal(t, nonNil(wantFiles), nonNil(files))
}

func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

func TestSiteSkipsAndErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":                  {Data: []byte("timezone: Asia/Tokyo\n")},
		"source/_posts/a.md":           {Data: []byte("---\ntitle: A\ndate: 2020-01-01 09:00\n---\nbody\n")},
		"source/_posts/broken.md":      {Data: []byte("---\ntitle: [unclosed\n---\nstill here\n")},
		"source/_posts/dup.md":         {Data: []byte("\n---\ntitle: x\ntitle: y\n---\nbody\n")},
		"source/_posts/.git/x.md":      {Data: []byte("skip")},
		"source/_posts/_partial/x.md":  {Data: []byte("skip")},
		"source/_posts/x.md%":          {Data: []byte("skip")},
		"source/_posts/img.png":        {Data: []byte("skip")},
		"source/_drafts/draft.md":      {Data: []byte("---\ntitle: D\n---\n")},
		"source/about/index.md":        {Data: []byte("a page, not a post")},
		"source/_posts/z/deeper/yo.md": {Data: []byte("---\ntitle: Deep\ndate: 2020-02-02\n---\n")},
	}
	site, err := LoadSite(context.Background(), fsys, SiteOptions{})
	require.Error(t, err)
	var sources []string
	for _, p := range site.Posts {
		sources = append(sources, p.Source)
	}
	assert.Equal(t, []string{"source/_posts/a.md", "source/_posts/broken.md", "source/_posts/dup.md", "source/_posts/z/deeper/yo.md"}, sources)
	assert.Equal(t, "still here\n", site.Posts[1].Body, "a broken post keeps its body")
	assert.True(t, errors.Is(err, ErrFrontMatter))
	msg := err.Error()
	assert.Contains(t, msg, "source/_posts/broken.md:2")
	assert.Contains(t, msg, "source/_posts/dup.md:4")
	assert.Equal(t, "2020-01-01T00:00:00Z", site.Posts[0].Date.UTC().Format(time.RFC3339), "timezone read from _config.yml")
	assert.Equal(t, "z/deeper/yo", site.Posts[3].Slug)
	assert.Equal(t, "2020/02/02/z/deeper/yo/", site.Posts[3].Path)

	site, err = LoadSite(context.Background(), fsys, SiteOptions{Drafts: true})
	require.Error(t, err)
	last := site.Posts[len(site.Posts)-1]
	assert.Equal(t, "source/_drafts/draft.md", last.Source)
	assert.False(t, last.Published)
	assert.Contains(t, last.Warnings, "no date in the front matter or the file name; Hexo would use the file's creation time")
}

func TestSiteBareFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"one.md":        {Data: []byte("---\ntitle: One\ndate: 2021-01-01\n---\n")},
		"sub/two.html":  {Data: []byte("---\ntitle: Two\ndate: 2021-01-02\n---\n<p>x</p>\n")},
		"_config.yml.x": {Data: []byte("")},
	}
	site, err := LoadSite(context.Background(), fsys, SiteOptions{})
	require.NoError(t, err)
	require.Len(t, site.Posts, 2)
	assert.Equal(t, "sub/two", site.Posts[1].Slug, ":title captures the path below the folder")
	assert.Equal(t, "2021/01/02/sub/two/", site.Posts[1].Path)
}

func TestSiteConfigErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"_config.yml":        {Data: []byte("timezone: Mars/Olympus\npermalink: :title/\n")},
		"source/_posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2020-01-01\n---\n")},
	}
	site, err := LoadSite(context.Background(), fsys, SiteOptions{})
	require.ErrorIs(t, err, ErrSiteConfig)
	assert.Contains(t, err.Error(), "_config.yml: invalid site config: timezone")
	require.Len(t, site.Posts, 1, "a bad setting does not stop the posts")
	assert.Equal(t, "a/", site.Posts[0].Path)

	_, err = ParseSiteConfig([]byte("url: [\n"))
	require.ErrorIs(t, err, ErrSiteConfig)
}

func TestParseSiteConfig(t *testing.T) {
	for _, tc := range []struct{ src, url, root string }{
		{"", "http://example.com", "/"},
		{"url: https://a.org/blog/\n", "https://a.org/blog", "/blog/"},
		{"url: https://a.org/blog\nroot: /b\n", "https://a.org/blog", "/b/"},
	} {
		c, err := ParseSiteConfig([]byte(tc.src))
		require.NoError(t, err)
		assert.Equal(t, tc.url, c.URL, tc.src)
		assert.Equal(t, tc.root, c.Root, tc.src)
		assert.Equal(t, ":year/:month/:day/:title/", c.Permalink)
	}
}

func TestPermalinkParams(t *testing.T) {
	c := DefaultSiteConfig()
	p := &Post{Slug: "a/b", Title: "Hello, World", Date: time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)}
	for pattern, want := range map[string]string{
		":year/:month/:day/:hour/:minute/:second/": "2021/03/04/05/06/07/",
		":i_month/:i_day/:name/":                   "3/4/b/",
		":post_title.html":                         "hello-world.html",
		":timestamp/":                              "1614834367/",
		":category/:title/":                        "uncategorized/a/b/",
		":nothing/":                                "undefined/",
	} {
		c.Permalink = pattern
		got, _ := permalinkPath(p, &c, time.UTC)
		assert.Equal(t, want, got, pattern)
	}
}

func TestSiteStreamsInOrder(t *testing.T) {
	fsys := fstest.MapFS{}
	var want []string
	for i := range 200 {
		name := path.Join("source/_posts", strings.Repeat("p", 1+i%3)+strconv.Itoa(1000+i)+".md")
		fsys[name] = &fstest.MapFile{Data: []byte("---\ntitle: t\ndate: 2020-01-01\n---\nbody\n")}
		want = append(want, name)
	}
	slices.Sort(want)
	site, err := NewSite(fsys, SiteOptions{Workers: 4})
	require.NoError(t, err)
	var got []string
	for p, err := range site.All(context.Background()) {
		require.NoError(t, err)
		got = append(got, p.Source)
		if len(got) == 150 {
			break // stopping early must not leak or block
		}
	}
	assert.Equal(t, want[:150], got)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var last error
	n := 0
	for _, err := range site.All(ctx) {
		n++
		last = err
	}
	assert.ErrorIs(t, last, context.Canceled)
	assert.Less(t, n, 200)
}

// TestSiteConformance loads each conformance folder as a bare site with Hexo's
// default settings (those the oracle ran with) and checks slug, path and
// permalink against Hexo's answers, for every post Hexo loaded with a date of
// its own (a date from file times means nothing).
func TestSiteConformance(t *testing.T) {
	for name, dirs := range conformanceSuites(t) {
		t.Run(name, func(t *testing.T) {
			site, _ := OpenSite(dirs[0], SiteOptions{})
			checked := 0
			for p := range site.All(context.Background()) {
				if p == nil {
					continue
				}
				stem := strings.TrimSuffix(filepath.Base(p.Source), filepath.Ext(p.Source))
				raw, err := os.ReadFile(filepath.Join(dirs[1], stem+".json"))
				if err != nil {
					continue
				}
				var c struct {
					Post struct {
						Status, Slug, Path, Permalink string
						DateSource                    string `json:"date_source"`
					}
				}
				require.NoError(t, json.Unmarshal(raw, &c))
				if c.Post.Status == "not_loaded" || c.Post.Status == "" {
					continue
				}
				assert.Equal(t, c.Post.Slug, p.Slug, p.Source)
				if c.Post.DateSource == "frontmatter" {
					assert.Equal(t, c.Post.Path, p.Path, p.Source)
					assert.Equal(t, c.Post.Permalink, p.URL, p.Source)
					checked++
				}
			}
			assert.Positive(t, checked)
			t.Logf("%d permalinks checked", checked)
		})
	}
}

func TestOpenSiteRefusesLinksOutOfTheRoot(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	require.NoError(t, os.WriteFile(secret, []byte("---\ntitle: secret\n---\n"), 0o644))
	dir := t.TempDir()
	posts := filepath.Join(dir, "source", "_posts")
	require.NoError(t, os.MkdirAll(posts, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(posts, "inside.md"), []byte("---\ntitle: inside\n---\n"), 0o644))
	if err := os.Symlink(secret, filepath.Join(posts, "leak.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	require.NoError(t, os.Symlink("inside.md", filepath.Join(posts, "twin.md"))) // relative: os.Root refuses absolute links

	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	err = site.Load(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Join(posts, "leak.md"))
	assert.ErrorIs(t, err, ErrOutsideSite)
	assert.NotContains(t, err.Error(), "escapes from parent", "said in our words")
	var titles []string
	for _, p := range site.Posts {
		titles = append(titles, p.Title)
	}
	assert.Equal(t, []string{"inside", "inside"}, titles, "a link inside the site is followed, one out of it is not")
}

func TestEditingASitePostKeepsWhatTheSiteDerives(t *testing.T) {
	site, err := LoadSite(context.Background(), pinnedFS(t, "testdata/sites/assets"), SiteOptions{Drafts: true})
	require.NoError(t, err)
	var draft, trip *Post
	for _, p := range site.Posts {
		switch p.Slug {
		case "wip":
			draft = p
		case "trip":
			trip = p
		}
	}
	require.NoError(t, draft.SetField("title", "Still a draft"))
	assert.False(t, draft.Published)
	assert.Equal(t, "http://example.com/blog/2022/10/wip/", draft.URL)
	require.NoError(t, trip.SetField("date", "2023-01-02 03:04:05"))
	assert.Equal(t, "2023/01/trip/", trip.Path, "the permalink follows the new date")
	assert.Equal(t, []string{"notes.md", "sub/map.png", "view.jpg"}, trip.Assets)
}

// TestViewsHoweverRead: the views give the same after Load as after a loop
// over All, and a category and a tag list the posts they count.
func TestViewsHoweverRead(t *testing.T) {
	fsys := os.DirFS("testdata/blog")
	loaded, err := LoadSite(context.Background(), fsys, SiteOptions{})
	require.NoError(t, err)
	streamed, err := NewSite(fsys, SiteOptions{})
	require.NoError(t, err)
	n := 0
	for p, err := range streamed.All(context.Background()) {
		require.NoError(t, err)
		require.NotNil(t, p)
		n++
	}
	require.Equal(t, 3, n)
	require.Nil(t, streamed.Posts, "All holds no post")
	names := func(s *Site) []string {
		var out []string
		var walk func([]*Category)
		walk = func(cs []*Category) {
			for _, c := range cs {
				var posts []string
				for _, p := range c.Posts {
					posts = append(posts, p.Slug)
				}
				assert.Len(t, c.Posts, c.Count, c.Slug)
				out = append(out, c.Slug+": "+strings.Join(posts, " "))
				walk(c.Children)
			}
		}
		walk(s.Categories())
		for _, tg := range s.Tags() {
			assert.Len(t, tg.Posts, tg.Count, tg.Slug)
			out = append(out, "tag "+tg.Slug+": "+tg.Posts[0].Slug)
		}
		for _, p := range s.ByDate() {
			out = append(out, "date "+p.Slug)
		}
		return out
	}
	want := names(loaded)
	assert.Contains(t, want, "Programming/Go: hello-world")
	assert.Equal(t, want, names(streamed))

	for ref, slug := range map[string]string{
		"hello-world":                     "hello-world",
		"/2021/06/13/hello-world/":        "hello-world",
		"2021/06/13/hello-world":          "hello-world",
		"source/_posts/hello-world.md":    "hello-world",
		"_posts/reading-list.md":          "reading-list",
		"./source/_posts/spectre-bhb.md":  "spectre-bhb",
		filepath.Join("_posts", "a", "b"): "",
		"":                                "",
	} {
		p, ok := loaded.Post(ref)
		if slug == "" {
			assert.False(t, ok, "%q", ref)
			continue
		}
		if assert.True(t, ok, "%q", ref) {
			assert.Equal(t, slug, p.Slug, "%q", ref)
		}
	}
	// the index follows Posts
	loaded.Posts = loaded.Posts[:1]
	_, ok := loaded.Post("spectre-bhb")
	assert.False(t, ok, "a post no longer in Posts is not found")
}

// TestNoPostsIsSaid: a site that holds no post says what was looked for,
// and where the site may be instead (a site one folder down an embed.FS).
func TestNoPostsIsSaid(t *testing.T) {
	fsys := fstest.MapFS{
		"blog/_config.yml":            {Data: []byte("title: t\n")},
		"blog/source/_posts/hello.md": {Data: []byte("---\ntitle: Hello\n---\nx\n")},
	}
	site, err := LoadSite(context.Background(), fsys, SiteOptions{})
	require.ErrorIs(t, err, ErrNoPosts)
	assert.Contains(t, err.Error(), "its folder blog holds a _config.yml")
	assert.Empty(t, site.Posts)

	sub, _ := fs.Sub(fsys, "blog")
	site, err = LoadSite(context.Background(), sub, SiteOptions{})
	require.NoError(t, err)
	assert.Len(t, site.Posts, 1)

	_, err = LoadSite(context.Background(), fstest.MapFS{"_config.yml": {Data: []byte("title: t\n")}}, SiteOptions{})
	require.ErrorIs(t, err, ErrNoPosts)
	assert.Contains(t, err.Error(), "Hexo reads the post files of source/_posts")

	empty, err := NewSite(fstest.MapFS{}, SiteOptions{})
	require.NoError(t, err)
	findings, err := empty.Lint(context.Background())
	assert.ErrorIs(t, err, ErrNoPosts, "lint says it too")
	assert.Empty(t, findings)
}

func TestProgress(t *testing.T) {
	var seen []int
	site, err := NewSite(os.DirFS("testdata/blog"), SiteOptions{Drafts: true, Progress: func(n int) { seen = append(seen, n) }})
	require.NoError(t, err)
	require.NoError(t, site.Load(context.Background()))
	assert.Equal(t, []int{1, 2, 3, 4}, seen, "once per file, on the reading goroutine")
}

// nonNil is s, or an empty list for nil: how the JSON view writes lists.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
