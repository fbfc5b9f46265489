//go:build !race

package hexo

const raceEnabled = false
