package content

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// AmbiguousError says a name matched several notes or files. The resolver
// still returns the one it chose (Chosen), so callers report it as a
// warning: a second lambda.md in another folder must not silently take
// over [[lambda]].
type AmbiguousError struct {
	Target     string
	Chosen     string   // file of the page or asset returned
	Candidates []string // every match, sorted
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q matches %d files (%s); it links to %s, the nearest: write its folder too to choose",
		e.Target, len(e.Candidates), strings.Join(e.Candidates, ", "), e.Chosen)
}

// Match levels of a wiki-link name, tried in order: the first level with
// a match decides.
const (
	byPath   = iota // file name without extension, or a path suffix: "my note", "folder/my note"
	byFolder        // a folder (its section page): "services"
	bySlug          // URL segment: "api-gateway"
	byTitle
	byAlias
	byLoose // Slugify of any of the above: "API_Gateway" finds api-gateway
	levels
)

// index holds the lookup tables of Resolve, ResolveFile and ResolveAsset,
// built once: a large site resolves tens of thousands of links.
type index struct {
	names      [levels]map[string][]*Page
	nameList   []string
	files      map[string]*Page // site-root path of a note → page
	filesLower map[string]*Page
	folders    map[string]*Page // site-root path of a folder → its section
	fileList   []string
	assets     map[string]int   // site-root path → index in Site.Assets
	assetsLow  map[string]int   // the same, lower case
	assetNames map[string][]int // lower-case path suffix ("x.png", "img/x.png") → assets
	assetList  []string
}

// key is the form names are compared in: trimmed, NFC, lower case.
func key(s string) string { return strings.ToLower(norm.NFC.String(strings.TrimSpace(s))) }

func stripNoteExt(s string) string {
	if IsNote(s) {
		return strings.TrimSuffix(s, path.Ext(s))
	}
	return s
}

// suffixes lists "c", "b/c", "a/b/c" for "a/b/c".
func suffixes(p string) []string {
	var out []string
	for i := len(p); i >= 0; i-- {
		if i == 0 || p[i-1] == '/' {
			out = append(out, p[i:])
		}
	}
	return out
}

func (s *Site) index() *index {
	s.namesOnce.Do(func() {
		x := &index{files: map[string]*Page{}, filesLower: map[string]*Page{}, folders: map[string]*Page{},
			assets: map[string]int{}, assetsLow: map[string]int{}, assetNames: map[string][]int{}}
		seen := map[string]bool{}
		add := func(level int, name string, p *Page) {
			name = key(name)
			if name == "" {
				return
			}
			m := x.names[level]
			if m == nil {
				m = map[string][]*Page{}
				x.names[level] = m
			}
			if l := m[name]; len(l) > 0 && l[len(l)-1] == p {
				return
			}
			m[name] = append(m[name], p)
			if !seen[name] {
				seen[name] = true
				x.nameList = append(x.nameList, name)
			}
		}
		for _, p := range s.Pages {
			if p.rel == "" && !p.Implicit {
				continue // a generated page: found by slug and title only
			}
			if folder, ok := sectionFolder(p); ok {
				for _, suf := range suffixes(folder) {
					add(byFolder, suf, p)
				}
				x.folders[path.Join(s.Root, folder)] = p
			}
			if !p.Implicit {
				for _, suf := range suffixes(stripNoteExt(p.rel)) {
					add(byPath, suf, p)
				}
				x.files[p.File] = p
				x.filesLower[key(p.File)] = p
				x.fileList = append(x.fileList, p.File)
			}
		}
		for _, p := range s.Pages {
			if isTagPage(p) {
				continue // [[tags/ec2]], never a note's [[ec2]]
			}
			add(bySlug, p.Slug, p)
			add(byTitle, p.Title, p)
			for _, a := range p.Meta.Aliases {
				add(byAlias, strings.Trim(a, "/"), p)
			}
		}
		for _, p := range s.Pages {
			if isTagPage(p) {
				continue
			}
			for _, n := range []string{p.Slug, p.Title, strings.TrimSuffix(path.Base(p.rel), path.Ext(p.rel))} {
				add(byLoose, Slugify(n), p)
			}
		}
		for i, a := range s.Assets {
			x.assets[a.File] = i
			x.assetsLow[key(a.File)] = i
			for _, suf := range suffixes(key(relPath(s.Root, a.File))) {
				x.assetNames[suf] = append(x.assetNames[suf], i)
			}
			x.assetList = append(x.assetList, a.File)
		}
		sort.Strings(x.nameList)
		s.idx = x
	})
	return s.idx
}

// isTagPage reports whether p is a generated page of one tag.
func isTagPage(p *Page) bool {
	return p.rel == "" && !p.Implicit && strings.HasPrefix(p.URL, TagsURL) && p.URL != TagsURL
}

// sectionFolder is the folder (from the content root) a section or home
// page stands for.
func sectionFolder(p *Page) (string, bool) {
	switch {
	case p.Kind == KindPage:
		return "", false
	case p.Implicit:
		return strings.TrimSuffix(p.rel, "/"), p.rel != ""
	case indexRank(path.Base(p.rel)) > 0:
		return folderOf(p.rel), folderOf(p.rel) != ""
	}
	return stripNoteExt(p.rel), true // a folder note beside its folder
}

// Resolve finds the page a wiki link names, written in the note fromFile
// (a site-root path; "" when no note asks). It tries, in order: the file
// name without extension from any folder ([[My Note]]) or a path suffix
// ([[Folder/Note]], [[Note.md]]; a leading / anchors it at the content
// root), a folder, the slug, the title, an alias, then a loose match of
// any of those; case never matters. When several notes match, the one in
// fromFile's folder wins, else the one with the shortest path, and the
// error is an *AmbiguousError naming them all. Not found: an error with
// the closest name.
func (s *Site) Resolve(fromFile, target string) (*Page, error) {
	x := s.index()
	k := key(stripNoteExt(target))
	anchored := strings.HasPrefix(k, "/")
	k = strings.Trim(k, "/")
	if k == "" {
		return nil, fmt.Errorf("empty link target")
	}
	for level := range levels {
		if anchored && level > byFolder {
			break
		}
		var cands []*Page
		switch level {
		case bySlug:
			cands = x.names[level][key(URLSegment(k))]
		case byLoose:
			cands = x.names[level][Slugify(k)]
		default:
			cands = x.names[level][k]
		}
		if anchored {
			cands = onlyFullPath(cands, k, level)
		}
		if len(cands) > 0 {
			return pick(fromFile, target, cands)
		}
	}
	return nil, fmt.Errorf("no note with that file name, path, slug, title or alias%s", suggest(k, x.nameList))
}

// onlyFullPath keeps the candidates whose whole path is k.
func onlyFullPath(cands []*Page, k string, level int) []*Page {
	var out []*Page
	for _, p := range cands {
		full := key(stripNoteExt(p.rel))
		if level == byFolder {
			full, _ = sectionFolder(p)
			full = key(full)
		}
		if full == k {
			out = append(out, p)
		}
	}
	return out
}

// pick chooses among pages matching one name: the one in fromFile's
// folder, else the shortest path.
func pick(fromFile, target string, cands []*Page) (*Page, error) {
	if len(cands) == 1 {
		return cands[0], nil
	}
	files := make([]string, len(cands))
	for i, p := range cands {
		files[i] = p.File
	}
	i := nearest(fromFile, files)
	sort.Strings(files)
	return cands[i], &AmbiguousError{Target: target, Chosen: cands[i].File, Candidates: files}
}

// nearest is the index of the file in fromFile's folder, else of the
// shortest path (then the first in sort order).
func nearest(fromFile string, files []string) int {
	dir := path.Dir(fromFile)
	best := 0
	for i, f := range files {
		if fromFile != "" && path.Dir(f) == dir {
			return i
		}
		if len(f) < len(files[best]) || (len(f) == len(files[best]) && f < files[best]) {
			best = i
		}
	}
	return best
}

// ResolveFile finds the page of a relative link to a note written in the
// note fromFile (content/services/ecs.md + ../compare/x.md). target may be
// percent-encoded (my%20note.md), start with / (from the content root),
// or name a folder (../services/), whose page it means.
func (s *Site) ResolveFile(fromFile, target string) (*Page, error) {
	name := s.join(fromFile, target)
	x := s.index()
	if p := x.files[name]; p != nil {
		return p, nil
	}
	if p := x.folders[strings.TrimSuffix(name, "/")]; p != nil {
		return p, nil
	}
	if p := x.filesLower[key(name)]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("no note %s%s", name, suggest(name, x.fileList))
}

// join makes a site-root path of a link target written in fromFile.
func (s *Site) join(fromFile, target string) string {
	t := norm.NFC.String(UnescapePath(target))
	if strings.HasPrefix(t, "/") {
		return path.Join(s.Root, t)
	}
	return path.Join(path.Dir(fromFile), t)
}

// ResolveAsset finds a file that is not a note, linked from the note
// fromFile: relative to its folder (../images/x.png), from the content
// root (/images/x.png), or, as Obsidian's ![[x.png]] does, by file name
// or path suffix from any folder, nearest first (an *AmbiguousError comes
// with the asset when several match).
func (s *Site) ResolveAsset(fromFile, target string) (Asset, error) {
	x := s.index()
	name := s.join(fromFile, target)
	if i, ok := x.assets[name]; ok {
		return s.Assets[i], nil
	}
	if i, ok := x.assetsLow[key(name)]; ok {
		return s.Assets[i], nil
	}
	t := key(UnescapePath(target))
	if !strings.HasPrefix(t, "/") && !strings.HasPrefix(t, "./") && !strings.HasPrefix(t, "../") {
		if cands := x.assetNames[t]; len(cands) > 0 {
			files := make([]string, len(cands))
			for i, c := range cands {
				files[i] = s.Assets[c].File
			}
			i := nearest(fromFile, files)
			a := s.Assets[cands[i]]
			if len(cands) == 1 {
				return a, nil
			}
			sort.Strings(files)
			return a, &AmbiguousError{Target: target, Chosen: a.File, Candidates: files}
		}
	}
	return Asset{}, fmt.Errorf("no file %s%s", name, s.suggestAsset(name))
}

// suggestAsset offers a file with the same name in another folder (the
// usual mistake: a path written for another layout), else the closest path.
func (s *Site) suggestAsset(name string) string {
	x := s.index()
	if cands := x.assetNames[key(path.Base(name))]; len(cands) > 0 {
		return fmt.Sprintf(" (did you mean %s?)", s.Assets[cands[0]].File)
	}
	return suggest(name, x.assetList)
}

// ByFile returns the page loaded from a note (content/…/x.md), or nil.
func (s *Site) ByFile(name string) *Page {
	return s.index().files[name]
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
	limit := max(2, len([]rune(word))/3)
	n := len(word)
	best, bestD := "", -1
	for _, c := range candidates {
		if len(c) > n+4*limit || len(c) < n-4*limit {
			continue // too long or short to be within limit, even in multi-byte runes
		}
		d := editDistance(word, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
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
