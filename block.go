package hexo

// BlockKind names what a Block is.
type BlockKind string

// The kinds of block a body is walked into.
const (
	// BlockHeading is an <h1>…<h6>: Level, ID and Text are set.
	BlockHeading BlockKind = "heading"
	// BlockParagraph is a run of prose: a <p>, <li>, <td>, <blockquote>,
	// <figcaption>… or loose text inside a <div>. Tag names the element.
	BlockParagraph BlockKind = "paragraph"
	// BlockCode is a <pre>: Text keeps its line breaks.
	BlockCode BlockKind = "code"
	// BlockImage is an <img>: URL and Alt are set.
	BlockImage BlockKind = "image"
)

// Block is one piece of a post's body, in document order.
type Block struct {
	Kind BlockKind `json:"kind"`
	// Tag is the HTML element the block came from (p, li, td, div, h2, pre, img).
	Tag string `json:"tag,omitempty"`
	// Level is a heading's level, 1 to 6.
	Level int `json:"level,omitempty"`
	// ID is a heading's own id attribute ("" when it has none). Markdown
	// headings get hexo-renderer-marked's ids.
	ID string `json:"id,omitempty"`
	// Unnumbered is set by data-toc-unnumbered="true", which Hexo's toc honours.
	Unnumbered bool `json:"unnumbered,omitempty"`
	// Text is the visible text: entities decoded, whitespace collapsed
	// (code keeps its line breaks), never style or script content.
	Text string `json:"text,omitempty"`
	// URL and Alt describe an image. URL is as written (relative URLs stay relative).
	URL string `json:"url,omitempty"`
	Alt string `json:"alt,omitempty"`
	// InExcerpt is true for blocks before the <!-- more --> marker.
	InExcerpt bool `json:"in_excerpt,omitempty"`
}
