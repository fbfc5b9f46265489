package hexo

// categoryChains applies Hexo's setCategories: empty entries are dropped; a
// flat list is one chain (parent to child); once any entry is a list, every
// entry is a chain of its own. A scalar is a one-entry list.
func categoryChains(v any) [][]string {
	list := asList(v)
	var entries []any
	nested := false
	for _, e := range list {
		if _, ok := e.([]any); ok {
			nested = true
			entries = append(entries, e)
		} else if !isEmptyName(e) {
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return nil
	}
	if !nested {
		return [][]string{names(entries)}
	}
	var chains [][]string
	for _, e := range entries {
		var chain []string
		if sub, ok := e.([]any); ok {
			chain = names(sub)
		} else {
			chain = []string{jsString(e)}
		}
		if len(chain) > 0 {
			chains = append(chains, chain)
		}
	}
	return chains
}

// tagNames applies Hexo's setTags: empty entries dropped, the rest as text,
// names that are exactly equal collapsed into one ("Go" and "go" stay two).
func tagNames(v any) []string {
	all := names(asList(v))
	seen := make(map[string]bool, len(all))
	out := all[:0]
	for _, t := range all {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// names is Hexo's removeEmptyTag: drop null and "", stringify the rest.
func names(list []any) []string {
	out := make([]string, 0, len(list))
	for _, e := range list {
		if !isEmptyName(e) {
			out = append(out, jsString(e))
		}
	}
	return out
}

func isEmptyName(v any) bool {
	s, ok := v.(string)
	return v == nil || ok && s == ""
}

// asList is Hexo's `value || []` followed by `Array.isArray(x) ? x : [x]`.
func asList(v any) []any {
	if !truthy(v) {
		return nil
	}
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}
