package hexo

import (
	"io/fs"
	"iter"
	"path"
	"strings"
)

// IsPostFile reports whether a file name is one Hexo renders as a post, not
// hidden: .html, .htm, or an extension hexo-renderer-marked renders (.md,
// .markdown, .mkd, .mkdn, .mdwn, .mdtxt, .mdtext).
func IsPostFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext", ".html", ".htm":
		return !strings.HasPrefix(path.Base(name), ".")
	}
	return false
}

// ParseDir parses the post files below dir in fsys (os.DirFS, embed.FS...),
// one at a time in path order, skipping hidden files and folders. A post that
// fails comes with its error (and still holds its body); a folder that cannot
// be read yields a nil post and the error. Stop early by breaking the loop.
func ParseDir(fsys fs.FS, dir string) iter.Seq2[*Post, error] { return Options{}.ParseDir(fsys, dir) }

// ParseDir is the package-level ParseDir with these options.
func (o Options) ParseDir(fsys fs.FS, dir string) iter.Seq2[*Post, error] {
	return func(yield func(*Post, error) bool) {
		stopped := false
		err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				if !yield(nil, err) {
					stopped = true
					return fs.SkipAll
				}
				return nil
			}
			if d.IsDir() {
				if name != dir && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if !IsPostFile(d.Name()) {
				return nil
			}
			if !yield(o.ParseFS(fsys, name)) {
				stopped = true
				return fs.SkipAll
			}
			return nil
		})
		if err != nil && !stopped {
			yield(nil, err)
		}
	}
}
