package main

import "strings"

// escapeShortcodes writes the text Hugo would read as a shortcode ({{< x >}},
// {{% x %}}: in a post about Hugo, or braces that only look like one) so that
// Hugo shows it as written. Hugo's lexer takes every "{{<" and "{{%" for a
// shortcode, in code too, and stops the build on one it cannot read: an
// unclosed one, {{< a %}}, {{< "a >}}. Each opener with a closer of its kind
// further on becomes Hugo's comment form, {{</* … */>}}, which Hugo
// writes as the text between with only the comment marks taken out,
// whatever that text holds (even a mismatched %}}). An opener with no closer
// after it has no comment form: in HTML its first brace is written as the
// character reference &#123;, which a browser shows as the brace; in
// Markdown, where a reference inside code would show as written, ok is
// false and the caller writes the post as HTML.
func escapeShortcodes(body string, isHTML bool) (string, bool) {
	if !strings.Contains(body, "{{") {
		return body, true
	}
	var b strings.Builder
	b.Grow(len(body) + len(body)/16)
	unclosed := map[byte]bool{} // once no closer follows an opener, none follows a later one
	for {
		i := openerAt(body)
		if i < 0 {
			b.WriteString(body)
			return b.String(), true
		}
		kind := body[i+2]
		closer := ">}}"
		if kind == '%' {
			closer = "%}}"
		}
		j := -1
		if !unclosed[kind] {
			j = strings.Index(body[i+3:], closer)
			unclosed[kind] = j < 0
		}
		if j < 0 {
			if !isHTML {
				return "", false
			}
			b.WriteString(body[:i])
			b.WriteString("&#123;")
			body = body[i+1:]
			continue
		}
		j += i + 3
		b.WriteString(body[:i+3])
		b.WriteString("/*")
		b.WriteString(body[i+3 : j])
		b.WriteString("*/")
		b.WriteString(closer)
		body = body[j+len(closer):]
	}
}

// openerAt is where Hugo's lexer finds its next shortcode opener in s,
// "{{<" or "{{%", or -1.
func openerAt(s string) int {
	for at := 0; ; {
		i := strings.Index(s[at:], "{{")
		if i < 0 {
			return -1
		}
		i += at
		for i+2 < len(s) && s[i+2] == '{' { // {{{< : the opener is the last two braces
			i++
		}
		if i+2 < len(s) && (s[i+2] == '<' || s[i+2] == '%') {
			return i
		}
		at = i + 2
	}
}
