package hexo

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

const tocFixture = `<h1 id="a">One &amp; only</h1><h3 id="b">Skipped level</h3><h2 id="c" data-toc-unnumbered="true">Unnumbered</h2><h2 id="d 中">Two</h2><h1 id="e">Three</h1>`

// The want strings are what Hexo 8.1.2's toc helper printed for tocFixture.
func TestTOCHTMLMatchesHexo(t *testing.T) {
	p := mustParse(t, tocFixture)
	assert.Equal(t, `<ol class="toc"><li class="toc-item toc-level-1"><a class="toc-link" href="#a"><span class="toc-number">1.</span> <span class="toc-text">One &amp; only</span></a><ol class="toc-child"><li class="toc-item toc-level-3"><a class="toc-link" href="#b"><span class="toc-number">1.1.</span> <span class="toc-text">Skipped level</span></a></li><li class="toc-item toc-level-2"><a class="toc-link" href="#c"><span class="toc-text">Unnumbered</span></a></li><li class="toc-item toc-level-2"><a class="toc-link" href="#d%20%E4%B8%AD"><span class="toc-number">1.3.</span> <span class="toc-text">Two</span></a></li></ol></li><li class="toc-item toc-level-1"><a class="toc-link" href="#e"><span class="toc-number">2.</span> <span class="toc-text">Three</span></a></li></ol>`,
		p.TOCHTML(0, 0))
	assert.Equal(t, `<ol class="toc"><li class="toc-item toc-level-3"><a class="toc-link" href="#b"><span class="toc-number">1.</span> <span class="toc-text">Skipped level</span></a></li><li class="toc-item toc-level-2"><a class="toc-link" href="#c"><span class="toc-text">Unnumbered</span></a></li><li class="toc-item toc-level-2"><a class="toc-link" href="#d%20%E4%B8%AD"><span class="toc-number">3.</span> <span class="toc-text">Two</span></a></li></ol>`,
		p.TOCHTML(2, 3))
	assert.Equal(t, "", mustParse(t, "no headings").TOCHTML(0, 0))
}

func TestTOCTree(t *testing.T) {
	p := mustParse(t, "# A\n\n### A.a\n\n## A.b\n\n#### A.b.i\n\n# B\n")
	toc := p.TOC(0, 0)
	assert.Len(t, toc, 2)
	assert.Equal(t, "A", toc[0].Text)
	assert.Equal(t, "1.", toc[0].Number)
	assert.Len(t, toc[0].Children, 2, "h3 then h2: both children of the h1, no empty node")
	assert.Equal(t, "1.1.", toc[0].Children[0].Number)
	assert.Equal(t, "A.b.i", toc[0].Children[1].Children[0].Text)
	assert.Equal(t, "1.2.1.", toc[0].Children[1].Children[0].Number)
	assert.Equal(t, "2.", toc[1].Number)
	assert.Empty(t, toc[1].Children)
	assert.Len(t, p.TOC(2, 2), 1, "only the h2")
}
