//go:build unix

package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOnlyRegularFilesFromInsideTheSite: links out of the site (to a file,
// to a folder, to /etc/passwd) in a post's asset folder and in source/, a
// FIFO in both, and a link to a folder are each skipped with a warning
// naming them; the conversion ends (a FIFO would have blocked it), copies
// the regular files and an in-site link, and nothing from outside the site
// is written.
func TestOnlyRegularFilesFromInsideTheSite(t *testing.T) {
	outside := t.TempDir()
	secret := []byte("outside-the-site " + t.Name())
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.txt"), secret, 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(outside, "folder"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(outside, "folder", "inner.txt"), secret, 0o644))

	dir := t.TempDir()
	source := filepath.Join(dir, "source")
	assets := filepath.Join(source, "_posts", "p")
	require.NoError(t, os.MkdirAll(assets, 0o755))
	write := func(name, text string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	link := func(target, name string) { require.NoError(t, os.Symlink(target, filepath.Join(dir, name))) }
	fifo := func(name string) { require.NoError(t, syscall.Mkfifo(filepath.Join(dir, name), 0o644)) }
	write("_config.yml", "title: T\nurl: https://example.org\npost_asset_folder: true\n")
	write("source/_posts/p.md", "---\ntitle: P\ndate: 2021-01-01\n---\nbody\n")
	write("source/_posts/p/ok.txt", "a normal asset")
	write("source/static.txt", "a static file")
	link("../../static.txt", "source/_posts/p/inside.txt") // stays in the site: followed
	bad := []string{
		"source/_posts/p/secret.txt", "source/_posts/p/passwd", "source/_posts/p/folder", "source/_posts/p/fifo",
		"source/_posts/p/up", "source/leak.txt", "source/leakdir", "source/fifo", "source/_posts/evil.md",
	}
	link(filepath.Join(outside, "secret.txt"), bad[0])
	link("/etc/passwd", bad[1])
	link(filepath.Join(outside, "folder"), bad[2])
	fifo(bad[3])
	link("..", bad[4]) // a folder inside the site
	link(filepath.Join(outside, "secret.txt"), bad[5])
	link(filepath.Join(outside, "folder"), bad[6])
	fifo(bad[7])
	link(filepath.Join(outside, "secret.txt"), bad[8])

	out := t.TempDir()
	var log bytes.Buffer
	var skipped int
	var err error
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		_, skipped, err = run(dir, out, false, &log)
	}()
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatal("the conversion hangs (a FIFO read?)")
	}
	require.NoError(t, err, "a bad file does not stop the conversion")
	t.Log(log.String())

	for _, name := range bad {
		assert.Contains(t, log.String(), "to-hugo: skipped: "+filepath.Join(dir, name)+":", "a warning names %s", name)
	}
	assert.Equal(t, len(bad), skipped)
	assert.Contains(t, log.String(), "a symbolic link that leads outside the site")
	assert.Contains(t, log.String(), "not a regular file: a named pipe (FIFO)")
	assert.Contains(t, log.String(), "not a regular file: a folder")
	assert.Contains(t, log.String(), "1 posts, 0 pages and 1 static files written")

	for file, text := range map[string]string{
		"content/posts/p/ok.txt":     "a normal asset",
		"content/posts/p/inside.txt": "a static file",
		"static/static.txt":          "a static file",
	} {
		b, err := os.ReadFile(filepath.Join(out, file))
		if assert.NoError(t, err) {
			assert.Equal(t, text, string(b))
		}
	}
	passwd, _ := os.ReadFile("/etc/passwd")
	require.NoError(t, filepath.WalkDir(out, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		assert.True(t, d.Type().IsRegular(), "%s is a regular file", name)
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.NotContains(t, string(b), string(secret), "%s holds the outside file", name)
		if len(passwd) > 0 {
			assert.False(t, bytes.Contains(b, passwd), "%s holds /etc/passwd", name)
		}
		for _, n := range bad {
			assert.False(t, strings.HasSuffix(name, filepath.Base(n)) && !strings.Contains(name, "layouts"), "%s was written", name)
		}
		return nil
	}))
}
