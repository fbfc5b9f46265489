package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gohexo/hexo"
)

// stats is what `hexopost stats` counts.
type stats struct {
	Posts      int        `json:"posts"`
	Pages      int        `json:"pages,omitempty"` // with --pages
	Published  int        `json:"published"`
	Words      int        `json:"words"`
	Categories int        `json:"categories"`
	Tags       int        `json:"tags"`
	First      *time.Time `json:"-"`
	Last       *time.Time `json:"-"`
	errors     int
	cats, tags map[string]bool
}

// add counts a post as it streams by: only the category paths and tag names
// seen are kept. Categories are counted as paths (Go under Programming and Go
// at the root are two), tags by name.
func (s *stats) add(p *hexo.Post) {
	if s.cats == nil {
		s.cats, s.tags = map[string]bool{}, map[string]bool{}
	}
	if p.Page { // its words count; the rest is the posts'
		s.Pages++
		s.Words += p.WordCount()
		return
	}
	s.Posts++
	if p.Published {
		s.Published++
	}
	s.Words += p.WordCount()
	for _, chain := range p.Categories {
		// each level's key is a prefix of the whole chain's, built once: a
		// key built up name by name copied the chain once a level
		full := "\x00" + strings.Join(chain, "\x00")
		end := 0
		for _, c := range chain {
			end += 1 + len(c)
			s.cats[full[:end]] = true
		}
	}
	for _, t := range p.Tags {
		s.tags[t] = true
	}
	if d := p.Date; !d.IsZero() {
		if s.First == nil || d.Before(*s.First) {
			s.First = &d
		}
		if s.Last == nil || d.After(*s.Last) {
			s.Last = &d
		}
	}
	s.Categories, s.Tags = len(s.cats), len(s.tags)
}

func (s *stats) print(w io.Writer, asJSON bool) error {
	if asJSON {
		// the dates as text: time.Time cannot write a year past 9999 as JSON
		text := func(t *time.Time) *string {
			if t == nil {
				return nil
			}
			s := t.Format(time.RFC3339)
			return &s
		}
		b, err := json.Marshal(struct {
			*stats
			First  *string `json:"first"`
			Last   *string `json:"last"`
			Errors int     `json:"errors"`
		}{s, text(s.First), text(s.Last), s.errors})
		if err != nil {
			return err
		}
		fmt.Fprintln(w, string(b))
		return nil
	}
	day := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.Format("2006-01-02")
	}
	rows := [][]string{{"posts", fmt.Sprint(s.Posts)}}
	if s.Pages > 0 {
		rows = append(rows, []string{"pages", fmt.Sprint(s.Pages)})
	}
	printTable(w, append(rows, [][]string{
		{"published", fmt.Sprint(s.Published)},
		{"words", fmt.Sprint(s.Words)},
		{"categories", fmt.Sprint(s.Categories)},
		{"tags", fmt.Sprint(s.Tags)},
		{"dates", day(s.First) + " .. " + day(s.Last)},
		{"errors", fmt.Sprint(s.errors)},
	}...))
	return nil
}
