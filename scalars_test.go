package hexo

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNumbersAsJSYAMLReadsThem: js-yaml 4 (Hexo 8.1.2's) reads no "_" in a
// number, where yaml.v3 keeps YAML 1.1's digit separators (1_000 was 1000).
// The answer is js-yaml's own, printed by node with tools/hexo-answer's
// js-yaml: JSON.stringify(yaml.load(...)).
func TestNumbersAsJSYAMLReadsThem(t *testing.T) {
	const src = "---\na: [31, 1_000, 0x1F, 1e3, 0x1_F, 0o17, 0b101, 0b1_0, +12, -0x1F, 1_0.5, 1__0, _1, 1_, 0777, 012, 08, 1e3_0, 0x, 0o, 0b]\n---\n"
	const jsyaml = `[31,"1_000",31,1000,"0x1_F",15,5,"0b1_0",12,-31,"1_0.5","1__0","_1","1_",777,12,8,"1e3_0","0x","0o","0b"]`
	p, err := Parse([]byte(src))
	require.NoError(t, err)
	v, _ := p.FrontMatter.Get("a")
	got, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, jsyaml, string(got))
}
