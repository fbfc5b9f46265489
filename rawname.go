package hexo

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Older Chinese blogs name posts in GBK: the bytes of such a name are not
// UTF-8. Go's fs.FS refuses every name that is not (fs.ValidPath), and Hexo
// cannot read those posts either; OpenSite reads them through the folder's
// os.Root, which takes a name as the bytes the system gave. Post.Source
// keeps those bytes (so that os.Open finds the file); the JSON shows them
// losslessly (SourceName and source_bytes), the slug and permalink come
// from the name decoded as GB 18030 where it decodes cleanly, and lint
// names the encoding (RuleFileNameEncoding), which fix can rename away.

// rootFS is an os.Root's FS that also opens, stats and lists names which
// are not UTF-8.
type rootFS struct {
	fs.FS
	root *os.Root
}

func (r rootFS) Open(name string) (fs.File, error) {
	if utf8.ValidString(name) {
		return r.FS.Open(name)
	}
	return r.root.Open(name)
}

// openRegular opens name without waiting on a FIFO, and keeps it only when
// the open file is regular.
func (r rootFS) openRegular(name string) (fs.File, error) {
	f, err := r.root.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	if err := regularOpen(f); err != nil {
		return nil, err
	}
	return f, nil
}

func (r rootFS) Stat(name string) (fs.FileInfo, error) {
	if utf8.ValidString(name) {
		return fs.Stat(r.FS, name)
	}
	return r.root.Stat(name)
}

func (r rootFS) Lstat(name string) (fs.FileInfo, error) {
	if utf8.ValidString(name) {
		return fs.Lstat(r.FS, name)
	}
	return r.root.Lstat(name)
}

func (r rootFS) ReadLink(name string) (string, error) {
	if utf8.ValidString(name) {
		return fs.ReadLink(r.FS, name)
	}
	return r.root.Readlink(name)
}

// decodedName is a name that is not UTF-8 read as GB 18030 (which GBK is a
// part of), and whether it decodes cleanly: every byte read, and the text
// encoding back to the same bytes.
func decodedName(s string) (string, bool) {
	d, err := simplifiedchinese.GB18030.NewDecoder().String(s)
	if err != nil || strings.ContainsRune(d, utf8.RuneError) || !utf8.ValidString(d) {
		return "", false
	}
	back, err := simplifiedchinese.GB18030.NewEncoder().String(d)
	return d, err == nil && back == s
}

// SourceName is Source as text, losslessly: a name that is not UTF-8 has
// each of its stray bytes written \xNN (and a backslash written \\), as Go
// quotes such a string; a UTF-8 name is itself.
func (p *Post) SourceName() string { return nameText(p.Source) }

func nameText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// namingText is the name a site derives slug, title and date from: as it
// is, or decoded from GB 18030, or with its stray bytes replaced.
func namingText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	if d, ok := decodedName(s); ok {
		return d
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// fileName reports a post file whose name is not UTF-8.
func (l *linter) fileName() {
	base := path.Base(filepath.ToSlash(l.p.Source))
	if utf8.ValidString(base) {
		return
	}
	d, ok := decodedName(base)
	if !ok {
		l.add(RuleFileNameEncoding, 0, "", false, "the file name %s is not UTF-8 and does not decode as GB 18030: Hexo cannot read the post; rename it", nameText(base))
		return
	}
	if r, bad := unsafeName(d); bad {
		l.add(RuleFileNameEncoding, 0, "", false, "the file name %s is not UTF-8; as GB 18030 (GBK) it reads %q, which holds %U, a character that does not show or reorders what follows: rename it by hand", nameText(base), d, r)
		return
	}
	l.add(RuleFileNameEncoding, 0, "", l.p.origin != nil, "the file name %s is not UTF-8; as GB 18030 (GBK) it reads %q: Hexo cannot read the post under this name", nameText(base), d)
}

// unsafeName finds in a decoded name a character a rename must not write:
// one that does not show or changes how the rest shows. That is a control
// (C0, DEL, C1), a format character (the bidirectional overrides, which
// show evil\u202egpj.md as evildm.jpg), a line or paragraph separator, a
// character Unicode ignores by default (variation selectors, the combining
// grapheme joiner, the Hangul fillers), a private-use, surrogate or
// unassigned code point (the noncharacters). Such a name is renamed by
// hand, or not at all.
func unsafeName(name string) (rune, bool) {
	for _, r := range name {
		if r == utf8.RuneError || unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Co, unicode.Cs,
			unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point) ||
			!unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs) {
			return r, true
		}
	}
	return 0, false
}

// repairFileName renames the post to its name decoded as GB 18030: Save
// makes the rename, and refuses it when a file of that name exists.
func repairFileName(p *Post, _ Finding, _ FixOptions) error {
	o := p.origin
	if o == nil { // not read from a file: nothing to rename (the finding is not fixable)
		return nil
	}
	base := path.Base(o.name)
	d, ok := decodedName(base)
	if _, bad := unsafeName(d); !ok || bad {
		return nil
	}
	to := path.Join(path.Dir(o.name), d)
	if _, err := os.Lstat(filepath.Join(o.dir, filepath.FromSlash(to))); err == nil {
		return &ParseError{File: p.Source, Err: fmt.Errorf("not renamed: %s exists", to)}
	}
	o.rename, o.renamedFrom = to, p.Source
	p.Source = filepath.Join(filepath.Dir(p.Source), d)
	return nil
}

// PendingRename is the rename Fix made in memory and Save will make (the
// file-name-encoding repair): the file's old path and its new one, Source
// already. Both are "" when there is none.
func (p *Post) PendingRename() (from, to string) {
	if p.origin == nil || p.origin.rename == "" {
		return "", ""
	}
	return p.origin.renamedFrom, p.Source
}
