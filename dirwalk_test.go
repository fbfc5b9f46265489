//go:build unix

package hexo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deepSite makes a site whose _posts holds depth nested folders "d", with a
// post in each folder (every) or in the deepest alone. Folders are made one
// name at a time: the path soon outgrows what the system takes whole.
func deepSite(t testing.TB, depth int, every bool) string {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "source", "_posts"), 0o755))
	r, err := os.OpenRoot(filepath.Join(dir, "source", "_posts"))
	require.NoError(t, err)
	for i := range depth {
		if every || i == depth-1 {
			require.NoError(t, r.WriteFile("p.md", fmt.Appendf(nil, "---\ntitle: p%d\ndate: 2021-06-12\n---\nbody\n", i), 0o644))
		}
		require.NoError(t, r.Mkdir("d", 0o755))
		sub, err := r.OpenRoot("d")
		require.NoError(t, err)
		r.Close()
		r = sub
	}
	r.Close()
	return dir
}

// TestWalkDeepTreeLinear: a tree ×16 as deep costs ×16 the allocations, not
// ×256 (every folder was opened by its path from the top, and its path
// joined anew: 4,000 folders took 68 s).
func TestWalkDeepTreeLinear(t *testing.T) {
	cost := func(depth int) float64 {
		dir := deepSite(t, depth, false)
		return testing.AllocsPerRun(2, func() {
			site, err := OpenSite(dir, SiteOptions{Workers: 1})
			require.NoError(t, err)
			require.NoError(t, site.Load(context.Background()))
			require.Len(t, site.Posts, 1)
		})
	}
	base := cost(100)
	for _, k := range []int{4, 16} {
		got := cost(100 * k)
		t.Logf("depth ×%d: %.0f allocations (×1: %.0f)", k, got, base)
		assert.Less(t, got, base*float64(k)*2, "depth ×%d", k)
	}
}

// TestWalkHoldsFewFiles: one post in each of 400 nested folders holds no
// more files open than the window of posts read ahead, however deep (each
// folder's was held until the walk ended: 1,024 descriptors ran out at 1,000).
func TestWalkHoldsFewFiles(t *testing.T) {
	if _, err := os.ReadDir("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd to count open files:", err)
	}
	open := func() int { es, _ := os.ReadDir("/proc/self/fd"); return len(es) }
	dir := deepSite(t, 400, true)
	before := open()
	site, err := OpenSite(dir, SiteOptions{Workers: 2})
	require.NoError(t, err)
	most, n := 0, 0
	for p, err := range site.All(context.Background()) {
		require.NoError(t, err)
		require.NotNil(t, p)
		most, n = max(most, open()-before), n+1
	}
	assert.Equal(t, 400, n)
	assert.LessOrEqual(t, most, 16, "files open at once, beyond those before the walk")
	assert.LessOrEqual(t, open(), before, "every file closed after the walk")
}

// TestWalkOpensWithoutWaiting: a post the listing said was regular, swapped
// for a FIFO before it is opened, is refused at once (the open waited for a
// writer for ever), through the walk and through ParseFile.
func TestWalkOpensWithoutWaiting(t *testing.T) {
	dir := writeSite(t, map[string]string{"a.md": "x"})
	posts := filepath.Join(dir, "source", "_posts")
	if err := syscall.Mkfifo(filepath.Join(posts, "pipe.md"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 3)
	go func() {
		r, err := os.OpenRoot(dir)
		require.NoError(t, err)
		defer r.Close()
		w, err := startWalk(rootFS{r.FS(), r}, "source/_posts")
		require.NoError(t, err)
		defer w.t.close()
		_, _, err = w.t.open("pipe.md") // as the walk opens what it listed as regular
		done <- err
		_, err = (&Site{}).openFile(rootFS{r.FS(), r}, "source/_posts/pipe.md")
		done <- err
		_, err = openFileRegular(filepath.Join(posts, "pipe.md")) // ParseFile's open, with no stat before it
		done <- err
	}()
	for range 3 {
		select {
		case err := <-done:
			assert.ErrorIs(t, err, fs.ErrInvalid)
		case <-time.After(10 * time.Second):
			t.Fatal("opening a FIFO waited")
		}
	}
}

// TestWalkRefusesAMovedFolder: a folder moved while the walk is in it cannot
// take the walk elsewhere on its way back up.
func TestWalkRefusesAMovedFolder(t *testing.T) {
	dir := writeSite(t, map[string]string{"a/x.md": "x", "b/y.md": "y"})
	posts := filepath.Join(dir, "source", "_posts")
	r, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer r.Close()
	w, err := startWalk(rootFS{r.FS(), r}, "source/_posts")
	require.NoError(t, err)
	defer w.t.close()
	if _, ok := w.t.(*fdTree); !ok {
		t.Skip("the walk goes by paths here")
	}
	require.NoError(t, w.t.down("a"))
	require.NoError(t, os.Rename(filepath.Join(posts, "a"), filepath.Join(posts, "b", "a")))
	err = w.t.up()
	assert.True(t, errors.Is(err, errMoved), "got %v", err)
	_, err = w.t.list()
	assert.Error(t, err, "the walk cannot go on from where it is")
}

// TestWalkStaysInTheSite: a folder and a post that are links out of the site
// are not read, and the rest is.
func TestWalkStaysInTheSite(t *testing.T) {
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: secret\n---\n"), 0o644))
	dir := writeSite(t, map[string]string{"ok.md": "---\ntitle: ok\n---\n"})
	posts := filepath.Join(dir, "source", "_posts")
	require.NoError(t, os.Symlink(outside, filepath.Join(posts, "linked")))
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(posts, "secret.md")))
	site, err := OpenSite(dir, SiteOptions{})
	require.NoError(t, err)
	err = site.Load(context.Background())
	assert.ErrorIs(t, err, ErrOutsideSite)
	require.Len(t, site.Posts, 1)
	assert.Equal(t, "ok", site.Posts[0].Title)
	runtime.GC()
}
