//go:build unix

package hexo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeSite makes a site with the given post files below source/_posts.
func writeSite(t *testing.T, posts map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range posts {
		f := filepath.Join(dir, "source", "_posts", name)
		require.NoError(t, os.MkdirAll(filepath.Dir(f), 0o755))
		require.NoError(t, os.WriteFile(f, []byte(src), 0o640))
	}
	return dir
}

// sitePost loads the site at dir and returns its post with that title.
func sitePost(t *testing.T, dir, title string) *Post {
	t.Helper()
	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	require.NoError(t, site.Load(context.Background()))
	for _, p := range site.Posts {
		if p.Title == title {
			return p
		}
	}
	t.Fatalf("no post %q", title)
	return nil
}

func TestSave(t *testing.T) {
	dir := writeSite(t, map[string]string{"a.md": "---\ntitle: a\n---\nbody\n"})
	name := filepath.Join(dir, "source", "_posts", "a.md")
	p := sitePost(t, dir, "a")
	require.NoError(t, p.SetField("tags", []string{"x"}))
	require.NoError(t, p.Save())
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	assert.Equal(t, "---\ntitle: a\ntags:\n  - x\n---\nbody\n", string(b))
	fi, err := os.Stat(name)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm(), "permissions kept")
	entries, _ := os.ReadDir(filepath.Dir(name))
	assert.Len(t, entries, 1, "no temporary file left")

	require.NoError(t, p.SetField("tags", []string{"y"}))
	require.NoError(t, p.Save(), "a second save compares with what the first wrote")

	parsed, err := Parse([]byte("---\ntitle: x\n---\n"))
	require.NoError(t, err)
	assert.Error(t, parsed.Save(), "a post read from bytes has no file to go back to")
}

// TestSaveRefusesAChangedFile: another program wrote the file after it was
// read; saving would lose that change.
func TestSaveRefusesAChangedFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "post.md")
	require.NoError(t, os.WriteFile(name, []byte("---\ntitle: x\n---\nbody\n"), 0o644))
	p, err := ParseFile(name)
	require.NoError(t, err)
	require.NoError(t, p.SetField("a", 1))
	require.NoError(t, os.WriteFile(name, []byte("---\ntitle: theirs\n---\nbody\n"), 0o644))
	err = p.Save()
	assert.ErrorIs(t, err, ErrChanged)
	b, _ := os.ReadFile(name)
	assert.Equal(t, "---\ntitle: theirs\n---\nbody\n", string(b), "their change stays")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file left")
}

// TestConcurrentSavesLoseNothing runs two edits of one file at once, many
// times: never do both succeed, and the one that does is in the file.
func TestConcurrentSavesLoseNothing(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "post.md")
	for range 40 {
		require.NoError(t, os.WriteFile(name, []byte("---\ntitle: x\n---\nbody\n"), 0o644))
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, key := range []string{"a", "b"} {
			wg.Go(func() {
				p, err := ParseFile(name)
				if err == nil {
					err = p.SetField(key, 1)
				}
				if err == nil {
					err = p.Save()
				}
				errs[i] = err
			})
		}
		wg.Wait()
		p, err := ParseFile(name)
		require.NoError(t, err)
		for i, key := range []string{"a", "b"} {
			if errs[i] == nil {
				assert.True(t, p.FrontMatter.Has(key), "%s saved, then lost", key)
			} else {
				require.ErrorIs(t, errs[i], ErrChanged)
			}
		}
	}
}

func TestSaveThroughLinks(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	require.NoError(t, os.WriteFile(secret, []byte("---\ntitle: secret\n---\n"), 0o644))
	dir := writeSite(t, map[string]string{"real.md": "---\ntitle: real\n---\nbody\n"})
	posts := filepath.Join(dir, "source", "_posts")
	if err := os.Symlink("real.md", filepath.Join(posts, "twin.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}

	// a post that is a link: the file it leads to is written, the link stays
	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	require.NoError(t, site.Load(context.Background()))
	require.Len(t, site.Posts, 2)
	twin := site.Posts[1]
	require.Equal(t, filepath.Join(posts, "twin.md"), twin.Source)
	require.NoError(t, twin.SetField("tags", []string{"t"}))
	require.NoError(t, twin.Save())
	fi, err := os.Lstat(filepath.Join(posts, "twin.md"))
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&os.ModeSymlink, "the link is still a link")
	b, _ := os.ReadFile(filepath.Join(posts, "real.md"))
	assert.Equal(t, "---\ntitle: real\ntags:\n  - t\n---\nbody\n", string(b))

	// a link leading out of the site, made after the site was read, is refused
	p := sitePost(t, dir, "real")
	require.NoError(t, p.SetField("x", 1))
	require.NoError(t, os.Remove(filepath.Join(posts, "real.md")))
	require.NoError(t, os.Symlink(secret, filepath.Join(posts, "real.md")))
	err = p.Save()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "outside the site")
	b, _ = os.ReadFile(secret)
	assert.Equal(t, "---\ntitle: secret\n---\n", string(b), "nothing written outside the site")

	// so is a folder swapped for a link out of the site
	dir2 := writeSite(t, map[string]string{"sub/p.md": "---\ntitle: p\n---\nbody\n"})
	p = sitePost(t, dir2, "p")
	require.NoError(t, p.SetField("x", 1))
	sub := filepath.Join(dir2, "source", "_posts", "sub")
	require.NoError(t, os.WriteFile(filepath.Join(outside, "p.md"), []byte("---\ntitle: p\n---\nbody\n"), 0o644))
	require.NoError(t, os.RemoveAll(sub))
	require.NoError(t, os.Symlink(outside, sub))
	require.Error(t, p.Save())
	b, _ = os.ReadFile(filepath.Join(outside, "p.md"))
	assert.Equal(t, "---\ntitle: p\n---\nbody\n", string(b), "nothing written through the swapped folder")
}

func TestWriteFileFollowsLinksAndKeepsTheOwner(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.md")
	require.NoError(t, os.WriteFile(real, []byte("---\ntitle: x\n---\n"), 0o600))
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	p, err := ParseFile(link)
	require.NoError(t, err)
	require.NoError(t, p.SetField("title", "new"))
	require.NoError(t, p.WriteFile(link))
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&os.ModeSymlink, "the link is still a link")
	b, _ := os.ReadFile(real)
	assert.Equal(t, "---\ntitle: new\n---\n", string(b))

	if os.Geteuid() != 0 {
		t.Skip("keeping another user's ownership needs root")
	}
	require.NoError(t, os.Chown(real, 4321, 4321))
	require.NoError(t, p.SetField("title", "newer"))
	require.NoError(t, p.WriteFile(real))
	fi, err = os.Stat(real)
	require.NoError(t, err)
	st := fi.Sys().(*syscall.Stat_t)
	assert.Equal(t, [2]uint32{4321, 4321}, [2]uint32{st.Uid, st.Gid}, "owner and group kept")
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
}

// TestReadingRefusesFilesThatAreNotRegular: a FIFO never ends (or never
// opens); reading it would hang the run.
func TestReadingRefusesFilesThatAreNotRegular(t *testing.T) {
	dir := writeSite(t, map[string]string{"ok.md": "---\ntitle: ok\n---\n"})
	posts := filepath.Join(dir, "source", "_posts")
	if err := syscall.Mkfifo(filepath.Join(posts, "pipe.md"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	err = site.Load(context.Background())
	require.ErrorIs(t, err, os.ErrInvalid)
	assert.Contains(t, err.Error(), filepath.Join(posts, "pipe.md")+": not a regular file: a named pipe (FIFO)")
	require.Len(t, site.Posts, 1)
	assert.Equal(t, "ok", site.Posts[0].Title)

	_, err = ParseFile(filepath.Join(posts, "pipe.md"))
	assert.ErrorIs(t, err, os.ErrInvalid)
	_, err = ParseFS(os.DirFS(posts), "pipe.md")
	assert.ErrorIs(t, err, os.ErrInvalid)

	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "_config.yml"), 0o644))
	_, err = OpenSite(dir, SiteOptions{})
	assert.ErrorIs(t, err, os.ErrInvalid)
	assert.Contains(t, err.Error(), "_config.yml")
}

func TestSiteConfigLimits(t *testing.T) {
	dir := writeSite(t, map[string]string{"a.md": "---\ntitle: a\n---\n"})
	big := make([]byte, 2<<20)
	for i := range big {
		big[i] = '#'
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "_config.yml"), big, 0o644))
	_, err := OpenSite(dir, SiteOptions{})
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), filepath.Join(dir, "_config.yml"))

	_, err = ParseSiteConfig([]byte("title: x\nurl: [a]\n"))
	var pe *ParseError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, 2, pe.Line, "the line of the key whose value does not fit")
	assert.ErrorIs(t, err, ErrSiteConfig)
	_, err = ParseSiteConfig([]byte("a: &a [*a]\n"))
	assert.ErrorIs(t, err, ErrTooDeep)
	assert.ErrorIs(t, err, ErrSiteConfig)
}
