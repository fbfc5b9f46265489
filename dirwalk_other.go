//go:build !unix

package hexo

// rootTree walks by paths where there is no descriptor to open relative to.
func rootTree(rootFS, string) (tree, error, bool) { return nil, nil, false }
