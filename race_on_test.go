//go:build race

package hexo

// raceEnabled: the race detector slows code unevenly, so timing ratios mean nothing under it.
const raceEnabled = true
