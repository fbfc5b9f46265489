// Package hexo reads Hexo blog posts the way Hexo itself reads them, and hands
// Go programs typed, clean data.
//
// A post is a front-matter block (YAML, or JSON between ";;;" lines) and an
// HTML or Markdown body:
//
//	post, err := hexo.ParseFile("source/_posts/hello.md")
//	if err != nil {
//		log.Print(err) // the post still holds its body
//	}
//	fmt.Println(post.Title, post.Date, post.Categories)
//	fmt.Println(post.Summary())
//
// # Front matter, as Hexo 8 reads it
//
// The splitter is hexo-front-matter's: "---" or ";;;" openers of three or
// more, the first closer that starts with the same run wins; without an
// opener, the text before the first separator line is front matter if it
// decodes to a mapping (so one blank line before "---", as scraped posts have,
// works and two do not). CRLF and a leading BOM are normalised first, and tabs
// that start a line become two spaces. Values decode under YAML 1.2 ("yes" is
// a string, "017" is seventeen, "<<" merges); a duplicate key, broken YAML or
// a list is an error, as Hexo refuses such files.
//
// Post's typed fields apply Hexo's casts: a number or date title becomes its
// text; comments and published default to true and JavaScript's truthiness
// decides the rest ("false" and "0" are false); tags and categories drop
// empty entries, and categories are chains (a flat list is one chain, a list
// of lists one chain per entry); category, tag and photo are aliases.
//
// # Sites
//
// OpenSite, NewSite and LoadSite read a whole Hexo site (or a bare folder of
// posts) with its _config.yml: Hexo's file-skipping rules, the slug from the
// file name by new_post_name, the permalink and full URL by the site's
// pattern, updated_option and post asset folders. Site.All streams the posts
// in path order, parsed on every core; Categories, Tags and ByDate are the
// site-level views.
//
// # Lint and fix
//
// Lint reports, for one post, what Hexo will drop (front matter it refuses
// or misses), mangle (an HTML body its Markdown pass changes, Nunjucks text
// it executes, tags it does not know) or misdate (Invalid Date, dates whose
// meaning depends on the machine's zone); Site.Lint adds the rules that need
// the whole site (duplicate permalinks, slugs and titles, missing images).
// Each Finding has a file, a line, a stable rule id (LintRules lists them), a
// severity and whether Fix can repair it. Fix makes the safe repairs through
// the same byte-preserving edits as SetField; what a post shows does not
// change beyond the repaired fields. SetField, DeleteField and Fix check each
// edit by reading the post again, and refuse one they cannot make exactly;
// Save writes a post back where it was read, and only if no one changed it
// since.
//
// # Where we differ from Hexo on purpose
//
//   - A date Hexo cannot read ("Invalid Date") becomes the file's creation
//     time in Hexo; here it is left zero with a warning in Post.Warnings.
//   - An explicit offset is always honoured; a date without one is read in
//     Options.Location (UTC by default), never in the machine's zone.
//   - A .md file whose body is HTML is walked as HTML (Hexo's Markdown pass
//     turns its indented lines into code blocks).
//   - Text, paragraphs and summaries never hold style, script, noscript or
//     template content, decode every entity, collapse whitespace, and never cut
//     a grapheme cluster in half.
//   - A heading's id is its own id attribute, never an ancestor's.
//   - Tag plugins (in Markdown and HTML bodies) are expanded without executing
//     anything; an unknown tag stays as text with a warning instead of wiping
//     the post.
//   - A post whose file name is not UTF-8 (GBK) is read, where Hexo cannot
//     read it; its slug comes from the name decoded as GB 18030.
//   - Markdown is goldmark's CommonMark after the steps Hexo takes before
//     marked (fences paired on the raw text, tags held aside), with
//     hexo-renderer-marked's typography and heading ids; where marked departs
//     from CommonMark (README, "Where we differ from Hexo") CommonMark wins.
//   - A Markdown paragraph or heading whose markup would take more than
//     linear time, or more nodes than Options.MaxBlocks allows, is read as
//     plain text, and lists and quotes nest at most 100 deep: the post comes
//     with an error (ErrTooLarge, ErrTooDeep) saying where. See SECURITY.md
//     for every limit.
//
// Parsing never panics, and is safe for concurrent use: there is no package
// state to configure, only Options values.
package hexo
