package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"sitegen/generator/srcerr"
)

// Options changes what Load includes.
type Options struct {
	Drafts bool // include pages with draft: true
}

// ContentRoot is the folder of notes in a site: content/ when the site
// folder has one, else the site folder itself (".").
func ContentRoot(fsys fs.FS) string {
	if info, err := fs.Stat(fsys, "content"); err == nil && info.IsDir() {
		return "content"
	}
	return "."
}

// jekyllDirs are a Jekyll site's build folders: not notes.
var jekyllDirs = map[string]bool{"_site": true, "_layouts": true, "_includes": true, "_sass": true, "_data": true, "_drafts": true}

// siteDirs are the site folder's own folders, skipped when the notes sit
// at its root.
var siteDirs = map[string]bool{"themes": true, "public": true, "node_modules": true}

// Load reads every note and asset under the content root of fsys (the
// site folder). All problems are collected and returned together as a
// srcerr.List. When the only problems are notes that do not parse (front
// matter, encoding), the site of the other notes comes with the error,
// so a build can go on checking them; otherwise the site is nil.
func Load(fsys fs.FS, opts Options) (*Site, error) {
	root := ContentRoot(fsys)
	site := &Site{Root: root, byURL: map[string]*Page{}, Data: map[string]DataFile{}}
	var errs srcerr.List
	var notes []string
	best := map[string]string{} // folder → its index note
	err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(srcerr.New(name, 0, "%v", err))
			return nil
		}
		if name == root {
			return nil
		}
		base := d.Name()
		if d.IsDir() {
			if skipDir(root, name, base) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(base, ".") || isEditorJunk(base) || (root == "." && name == "sitegen.toml") {
			return nil
		}
		rel := relPath(root, name)
		switch {
		case strings.HasPrefix(base, "_") && (strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")):
			if path.Dir(rel) != "." {
				return nil
			}
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				errs.Add(srcerr.New(name, 0, "%v", err))
				return nil
			}
			key := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(base, "_"), ".yaml"), ".yml")
			site.Data[key] = DataFile{File: name, Src: src}
		case IsNote(base):
			notes = append(notes, name)
			dir := folderOf(rel)
			if r := indexRank(base); r > 0 && r > indexRank(path.Base(best[dir])) {
				best[dir] = name
			}
		default:
			dest := path.Join(folderURLPath(folderOf(rel)), base)
			site.Assets = append(site.Assets, Asset{File: name, Dest: dest, URL: "/" + EscapePath(dest)})
		}
		return nil
	})
	if err != nil {
		errs.Add(err)
	}
	// Reading and parsing notes is most of loading a large site: do it on
	// every core, then add the pages in walk order.
	pages := make([]*Page, len(notes))
	pageErrs := make([]error, len(notes))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range notes {
		g.Go(func() error {
			pages[i], pageErrs[i] = loadPage(fsys, root, name, best[folderOf(relPath(root, name))] == name)
			return nil // kept by index, so they are reported in walk order
		})
	}
	_ = g.Wait()
	sections := map[string]*Page{}
	var noteErrs srcerr.List // notes that did not parse: left out, the rest still loads
	for i, p := range pages {
		if pageErrs[i] != nil {
			noteErrs.Add(pageErrs[i])
			continue
		}
		if p.Meta.Draft && !opts.Drafts {
			continue
		}
		if p.warning != "" {
			site.Warnings.Add(srcerr.New(p.File, 0, "%s", p.warning))
		}
		if other := site.byURL[p.URL]; other != nil {
			errs.Add(clash(p, other))
			continue
		}
		site.byURL[p.URL] = p
		site.Pages = append(site.Pages, p)
		if p.Kind != KindPage {
			sections[folderOf(p.rel)] = p
		}
	}
	if len(site.Pages) == 0 {
		if len(noteErrs) > 0 {
			return nil, noteErrs.Err()
		}
		if len(errs) == 0 {
			return nil, srcerr.New(rootFile(root), 0, "no notes found: put Markdown files (.md) in %s", rootName(root))
		}
	}
	for _, p := range site.Pages {
		if p.Kind != KindHome {
			errs.Add(site.ensureSection(sections, p.up))
		}
	}
	if len(errs) > 0 {
		return nil, append(errs, noteErrs...).Err()
	}
	site.link(sections)
	return site, noteErrs.Err()
}

// rootFile names the content root in an error; the site folder itself
// has no name worth printing.
func rootFile(root string) string {
	if root == "." {
		return ""
	}
	return root
}

func rootName(root string) string {
	if root == "." {
		return "the site folder (or its content/ folder)"
	}
	return root + "/"
}

// skipDir says which folders hold no notes: dot-folders (.git, .obsidian,
// .trash), Jekyll's build folders, and the site's own folders when the
// notes sit at its root.
func skipDir(root, name, base string) bool {
	if strings.HasPrefix(base, ".") || jekyllDirs[base] || base == "node_modules" {
		return true
	}
	return root == "." && siteDirs[name]
}

// Skipped reports whether Load never reads the folder dir (a path from
// the site folder, whose content root is root) or a folder above it.
func Skipped(root, dir string) bool {
	segs := strings.Split(path.Clean(dir), "/")
	for i := range segs {
		if skipDir(root, strings.Join(segs[:i+1], "/"), segs[i]) {
			return true
		}
	}
	return false
}

// IsNote reports whether a file name is a Markdown note.
func IsNote(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// indexRank orders the names of a folder's page: _index beats index
// beats README; 0 for any other file.
func indexRank(base string) int {
	stem := strings.ToLower(strings.TrimSuffix(base, path.Ext(base)))
	if !IsNote(base) {
		return 0
	}
	switch stem {
	case "_index":
		return 3
	case "index":
		return 2
	case "readme":
		return 1
	}
	return 0
}

func relPath(root, name string) string {
	if root == "." {
		return name
	}
	return strings.TrimPrefix(name, root+"/")
}

// folderOf is the folder of a path from the content root, "" at the root.
func folderOf(rel string) string {
	if d := path.Dir(rel); d != "." {
		return d
	}
	return ""
}

// folderURLPath is a folder's decoded URL path without slashes around it:
// "Notes/My Stuff" → "notes/my-stuff"; Jekyll's _posts serve as posts.
func folderURLPath(dir string) string {
	if dir == "" {
		return ""
	}
	segs := strings.Split(dir, "/")
	for i, s := range segs {
		if s == "_posts" {
			segs[i] = "posts"
		} else {
			segs[i] = URLSegment(s)
		}
	}
	return strings.Join(segs, "/")
}

func clash(p, other *Page) error {
	return srcerr.New(p.File, 0, "%s and %s both map to the URL %s (names that differ only in letter case, "+
		"or in a space against a '-', share a URL); rename one, or give it slug: in its front matter", other.File, p.File, p.URL)
}

// ensureSection gives folder dir (and every folder above it) a section
// page: its index note, else a note beside the folder with the folder's
// name (Obsidian's folder notes), else an implicit page.
func (s *Site) ensureSection(sections map[string]*Page, dir string) error {
	if sections[dir] != nil {
		return nil
	}
	up := folderOf(dir)
	url := "/"
	if dir != "" {
		url = "/" + EscapePath(folderURLPath(dir)) + "/"
	}
	if q := s.byURL[url]; q != nil && q.Kind == KindPage && q.up == up && dir != "" {
		q.Kind = KindSection
		sections[dir] = q
		return s.ensureSection(sections, up)
	}
	p := &Page{File: path.Join(s.Root, dir), Kind: KindSection, URL: url, Implicit: true, rel: dir, up: up}
	if dir == "" {
		p.Kind, p.Title = KindHome, "Home"
	} else {
		p.Slug = path.Base(folderURLPath(dir))
		p.Title = titleFromName(path.Base(dir))
		p.rel = dir + "/"
	}
	if other := s.byURL[url]; other != nil {
		return srcerr.New(p.File, 0, "the folder %s and %s both map to the URL %s; rename one", p.File, other.File, url)
	}
	s.byURL[url] = p
	s.Pages = append(s.Pages, p)
	sections[dir] = p
	if dir == "" {
		return nil
	}
	return s.ensureSection(sections, up)
}

// IsEditorJunk reports whether Load skips a file name as one that editors
// leave beside the files they save (swap, backup and lock files).
func IsEditorJunk(name string) bool { return isEditorJunk(name) }

func isEditorJunk(name string) bool {
	return strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasPrefix(name, ".#") || name == "4913" || strings.HasSuffix(name, ".tmp")
}

// LoadPage reads and parses one note: name is its path in fsys, the site
// folder (content/services/lambda.md).
func LoadPage(fsys fs.FS, name string) (*Page, error) {
	root := ContentRoot(fsys)
	isIndex := false
	if r := indexRank(path.Base(name)); r > 0 {
		isIndex = true
		entries, _ := fs.ReadDir(fsys, path.Dir(name))
		for _, e := range entries {
			if !e.IsDir() && indexRank(e.Name()) > r {
				isIndex = false
			}
		}
	}
	return loadPage(fsys, root, name, isIndex)
}

func loadPage(fsys fs.FS, root, name string, isIndex bool) (*Page, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, srcerr.New(name, 0, "%v", err)
	}
	if err := checkText(src); err != nil {
		return nil, srcerr.New(name, lineAt(src, err.offset), "%s", err.msg)
	}
	p, err := parse(root, name, src, isIndex)
	if err != nil {
		return nil, err
	}
	if info, err := fs.Stat(fsys, name); err == nil {
		p.ModTime = info.ModTime()
	}
	return p, nil
}

// Parse makes a page from a file's path from the site folder and its
// bytes. The content root is content/ when name is under it; any index
// name (_index, index, README) makes the folder's page.
func Parse(name string, src []byte) (*Page, error) {
	root := "."
	if strings.HasPrefix(name, "content/") {
		root = "content"
	}
	return parse(root, name, src, indexRank(path.Base(name)) > 0)
}

func parse(root, name string, src []byte, isIndex bool) (*Page, error) {
	src = bytes.TrimPrefix(src, bom)
	format, fmSrc, body, fmLine, bodyLine, err := splitFrontMatter(src)
	if err == nil {
		var meta FrontMatter
		meta, err = parseFrontMatter(format, fmSrc, fmLine)
		if err == nil {
			p := &Page{File: name, Meta: meta, Body: body, BodyLine: bodyLine, rel: relPath(root, name)}
			p.locate(isIndex)
			p.Title = pageTitle(p)
			return p, nil
		}
	}
	var fe *frontMatterError
	if errors.As(err, &fe) {
		return nil, srcerr.New(name, fe.Line, "%s", fe.Msg)
	}
	return nil, srcerr.New(name, 0, "%v", err)
}

func pageTitle(p *Page) string {
	if t := strings.TrimSpace(p.Meta.Title); t != "" {
		return t
	}
	if h := firstHeading(p.Body); h != "" {
		return h
	}
	if p.Kind == KindHome {
		return "Home"
	}
	base := strings.TrimSuffix(path.Base(p.rel), path.Ext(p.rel))
	if p.Kind == KindSection && indexRank(path.Base(p.rel)) > 0 {
		base = path.Base(path.Dir(p.rel))
	}
	return titleFromName(base)
}

// titleFromName makes a title of a file name: "api-gateway" → "Api Gateway".
func titleFromName(base string) string {
	words := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(base))
	if len(words) == 0 {
		return base
	}
	for i, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		words[i] = strings.ToUpper(string(r)) + w[size:]
	}
	return strings.Join(words, " ")
}

// firstHeading finds the first ATX "# " heading outside fenced code.
func firstHeading(body []byte) string {
	fence := ""
	for _, line := range strings.Split(string(body), "\n") {
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		if strings.HasPrefix(line, "# ") {
			return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line[2:]), "#"))
		}
	}
	return ""
}

// DefaultTitle is a site title for a site that names none: the home
// note's title or first heading, else the name of the site folder.
func (s *Site) DefaultTitle(folder string) string {
	if h := s.Home; h != nil && !h.Implicit {
		if t := strings.TrimSpace(h.Meta.Title); t != "" {
			return t
		}
		if t := firstHeading(h.Body); t != "" {
			return t
		}
	}
	if folder = path.Base(folder); folder == "." || folder == "/" || folder == "" {
		return "Notes"
	}
	return folder
}

type textError struct {
	offset int
	msg    string
}

// checkText rejects binary and non-UTF-8 notes instead of rendering garbage.
func checkText(src []byte) *textError {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return &textError{i, "binary file: a note must be UTF-8 text (found a NUL byte)"}
	}
	if !utf8.Valid(src) {
		for i := 0; i < len(src); {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 {
				return &textError{i, "not valid UTF-8: save the note as UTF-8"}
			}
			i += size
		}
	}
	return nil
}

func lineAt(src []byte, offset int) int {
	return bytes.Count(src[:offset], []byte("\n")) + 1
}

// link builds the section tree: each loaded page's parent is the section
// of its folder (of the folder above, for a section), so a URL from front
// matter does not move a page out of its folder.
func (s *Site) link(sections map[string]*Page) {
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	s.Home = sections[""]
	for _, p := range s.Pages {
		if p == s.Home {
			continue
		}
		sec := sections[p.up]
		p.Parent = sec
		sec.Pages = append(sec.Pages, p)
	}
	for _, p := range s.Pages {
		sort.SliceStable(p.Pages, func(i, j int) bool { return Less(p.Pages[i], p.Pages[j]) })
	}
}

// attach makes p a child of the nearest section above its URL.
func (s *Site) attach(p *Page) {
	for up := parentURL(p.URL); ; up = parentURL(up) {
		if sec := s.byURL[up]; sec != nil && sec.Kind != KindPage {
			p.Parent = sec
			sec.Pages = append(sec.Pages, p)
			return
		}
	}
}

// Add puts a page the build generates (not loaded from a note) into the
// site, under the nearest section, ordered among its siblings. It must not
// run while other goroutines resolve names.
func (s *Site) Add(p *Page) error {
	if other := s.byURL[p.URL]; other != nil {
		return fmt.Errorf("the generated page %s clashes with %s; rename that note", p.URL, other.File)
	}
	s.byURL[p.URL] = p
	// The name index is built on first use; a page added after that is
	// one more name ([[matrix]]), so the index is built again next time.
	s.namesOnce, s.idx = sync.Once{}, nil
	i := sort.Search(len(s.Pages), func(i int) bool { return s.Pages[i].URL >= p.URL })
	s.Pages = append(s.Pages[:i], append([]*Page{p}, s.Pages[i:]...)...)
	s.attach(p)
	sort.SliceStable(p.Parent.Pages, func(i, j int) bool { return Less(p.Parent.Pages[i], p.Parent.Pages[j]) })
	return nil
}

// AddAll adds generated pages as Add does one by one, sorting once at
// the end: a site with tens of thousands of tags adds as many tag pages,
// and sorting after each took minutes. It stops at the first clash.
func (s *Site) AddAll(pages []*Page) error {
	var err error
	parents := map[*Page]bool{}
	for _, p := range pages {
		if other := s.byURL[p.URL]; other != nil {
			err = fmt.Errorf("the generated page %s clashes with %s; rename that note", p.URL, other.File)
			break
		}
		s.byURL[p.URL] = p
		s.Pages = append(s.Pages, p)
		s.attach(p)
		parents[p.Parent] = true
	}
	s.namesOnce, s.idx = sync.Once{}, nil
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	for sec := range parents {
		sort.SliceStable(sec.Pages, func(i, j int) bool { return Less(sec.Pages[i], sec.Pages[j]) })
	}
	return err
}

func parentURL(u string) string {
	u = strings.TrimSuffix(u, "/")
	return u[:strings.LastIndex(u, "/")+1]
}

// Less orders pages by weight (unset weights last), then title, then URL.
func Less(a, b *Page) bool {
	wa, wb := a.Meta.Weight, b.Meta.Weight
	if (wa == 0) != (wb == 0) {
		return wb == 0
	}
	if wa != wb {
		return wa < wb
	}
	if a.Title != b.Title {
		return strings.ToLower(a.Title) < strings.ToLower(b.Title)
	}
	return a.URL < b.URL
}
