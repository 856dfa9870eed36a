package content

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// Resolve finds the page a wiki link names: by slug, then title, then
// alias, case-insensitively. Its error suggests the closest name.
func (s *Site) Resolve(target string) (*Page, error) {
	s.indexNames()
	key := strings.ToLower(strings.TrimSpace(target))
	if p := s.names[key]; p != nil {
		return p, nil
	}
	if p := s.names[Slugify(target)]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("no page with that slug, title or alias%s", suggest(key, s.nameList))
}

// ResolveFile finds the page of a relative link to a .md file written in
// the note fromFile (content/services/ecs.md + ../compare/x.md).
func (s *Site) ResolveFile(fromFile, target string) (*Page, error) {
	name := path.Join(path.Dir(fromFile), target)
	if strings.HasPrefix(target, "/") {
		name = path.Join(Dir, target)
	}
	s.indexNames()
	if p := s.files[name]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("no note %s%s", name, suggest(name, s.fileList))
}

// ByFile returns the page loaded from a note (content/…/x.md), or nil.
func (s *Site) ByFile(name string) *Page {
	s.indexNames()
	return s.files[name]
}

// indexNames builds the lookup tables once; Resolve is called from many
// goroutines after Load, so it is guarded by a sync.Once.
func (s *Site) indexNames() {
	s.namesOnce.Do(func() {
		s.names = map[string]*Page{}
		s.files = map[string]*Page{}
		add := func(name string, p *Page) {
			name = strings.ToLower(strings.TrimSpace(name))
			if _, taken := s.names[name]; name != "" && !taken {
				s.names[name] = p
				s.nameList = append(s.nameList, name)
			}
		}
		// Slugs first, so a slug always beats another page's title.
		for _, p := range s.Pages {
			add(p.Slug, p)
		}
		for _, p := range s.Pages {
			add(p.Title, p)
			for _, a := range p.Meta.Aliases {
				add(strings.Trim(a, "/"), p)
			}
			s.files[p.File] = p
			s.fileList = append(s.fileList, p.File)
		}
		sort.Strings(s.nameList)
	})
}

// suggest returns ` (did you mean "x"?)` for the closest candidate within
// a third of the word's length, else "".
func suggest(word string, candidates []string) string {
	if best, ok := Closest(word, candidates); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// Closest returns the candidate nearest to word by edit distance, if it
// is close enough to be a plausible typo.
func Closest(word string, candidates []string) (string, bool) {
	best, bestD := "", -1
	for _, c := range candidates {
		d := editDistance(word, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(2, len([]rune(word))/3)
	return best, bestD >= 0 && bestD <= limit
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
