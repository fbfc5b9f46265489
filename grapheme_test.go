package hexo

import (
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clustersOf is the lengths of s's grapheme clusters by firstCluster.
func clustersOf(s string) []int {
	var out []int
	state := -1
	for s != "" {
		var k int
		k, state = firstCluster(s, state)
		out = append(out, k)
		s = s[k:]
	}
	return out
}

// unisegClusters is the same by uniseg alone.
func unisegClusters(s string) []int {
	var out []int
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		from, to := g.Positions()
		out = append(out, to-from)
	}
	return out
}

// TestSoloCharacters checks soloLen's claim for every character it names:
// uniseg puts a boundary on both sides of it, between two of them, and
// between it and an ideograph, so that no rule of UAX #29 joins them.
func TestSoloCharacters(t *testing.T) {
	n := 0
	for r := rune(0); r <= 0xFFFF; r++ {
		s := string(r)
		if !utf8.ValidRune(r) || soloLen(s+"a") == 0 {
			continue
		}
		n++
		require.Equal(t, len(s), soloLen(s+"a"), "%U", r)
		for _, pair := range []string{"a" + s, s + "a", s + s, s + "一", "一" + s} {
			require.Equal(t, 2, uniseg.GraphemeClusterCount(pair), "%U in %q", r, pair)
		}
	}
	assert.Equal(t, 127+0x5200+0x2A+0x5E, n) // ASCII but CR, the ideographs, the punctuation, the fullwidth forms
}

func TestFirstCluster(t *testing.T) {
	for _, s := range []string{
		"", "a", "ab", "a\u0301b", "e\u0301\u0301", "\r\n", "a\r\nb", "\r\r\n", "中文，標點。",
		"中\u0301", "👍🏽x", "👨‍👩‍👧 family", "🇫🇷🇩🇪a", "a🇫🇷🇩🇪🇮", "한국어", "\u1100\u1161\u11a8x", "क्षa",
		"x\u200dy", "\u0600a", "a\u0903", "\xff\xfe中", "中\xe4\xb8", "　 、。「」",
	} {
		assert.Equal(t, unisegClusters(s), clustersOf(s), "%q", s)
		assert.Equal(t, uniseg.GraphemeClusterCount(s), clusterCount(s), "%q", s)
	}
}

// FuzzFirstCluster holds firstCluster's short way to uniseg's clusters.
func FuzzFirstCluster(f *testing.F) {
	for _, s := range []string{"ab中文", "a\u0301，b", "🇫🇷🇩🇪a中", "e\r\n\r中\u0301x", "👨‍👩‍👧中"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := clustersOf(s), unisegClusters(s); !assert.ObjectsAreEqual(want, got) {
			t.Fatalf("%q: clusters %v, uniseg %v", s, got, want)
		}
	})
}
