package hexo_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestREADMESnippetsRun: every Go block of the README compiles and runs
// from the repository's root, pasted as a user would into a function that
// has ctx and, where a block goes on from an earlier one, site (the sample
// blog), post (one of its posts) and name (a copy of that post, which a
// block may edit).
func TestREADMESnippetsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?ms)^```go\n(.*?)^```").FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, blocks)

	post := "testdata/blog/source/_posts/hello-world.md"
	src, err := os.ReadFile(post)
	require.NoError(t, err)
	name := filepath.Join(t.TempDir(), "hello-world.md")
	require.NoError(t, os.WriteFile(name, src, 0o644))

	var prog strings.Builder
	prog.WriteString(`package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/gohexo/hexo"
)

var _, _, _, _, _ = json.Marshal, fmt.Println, log.Println, os.Stdout, time.Now

func main() {
	ctx := context.Background()
	site, err := hexo.OpenSite("testdata/blog", hexo.SiteOptions{})
	if err != nil {
		log.Fatal(err)
	}
	post, err := hexo.ParseFile(` + fmt.Sprintf("%q", post) + `)
	if err != nil {
		log.Fatal(err)
	}
	name := ` + fmt.Sprintf("%q", name) + `
`)
	for i := range blocks {
		fmt.Fprintf(&prog, "\tfmt.Println(\"-- snippet %d\")\n\tsnippet%d(ctx, site, post, name)\n", i, i)
	}
	prog.WriteString("\tfmt.Println(\"-- done\")\n}\n")
	for i, b := range blocks {
		fmt.Fprintf(&prog, "\nfunc snippet%d(ctx context.Context, site *hexo.Site, post *hexo.Post, name string) {\n\t_, _, _, _ = ctx, site, post, name\n\t{\n%s\t}\n}\n", i, b[1])
	}
	main := filepath.Join(t.TempDir(), "main.go")
	require.NoError(t, os.WriteFile(main, []byte(prog.String()), 0o644))
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	cmd := exec.Command(gobin, "run", main)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s\n%s", out, prog.String())
	require.Contains(t, string(out), "-- done")
	require.Contains(t, string(out), "Hello World", "the first block prints the post's title")
}
