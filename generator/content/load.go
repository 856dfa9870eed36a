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

	"sitegen/generator/srcerr"
)

// Dir is the folder of notes inside a site.
const Dir = "content"

// Options changes what Load includes.
type Options struct {
	Drafts bool // include pages with draft: true
}

// Load reads every note and asset under content/ in fsys (the site root).
// All problems are collected and returned together as a srcerr.List.
func Load(fsys fs.FS, opts Options) (*Site, error) {
	site := &Site{byURL: map[string]*Page{}, Data: map[string]DataFile{}}
	if _, err := fs.Stat(fsys, Dir); errors.Is(err, fs.ErrNotExist) {
		return nil, srcerr.New(Dir, 0, "no notes found: put Markdown files under %s/", Dir)
	}
	var errs srcerr.List
	var notes []string
	err := fs.WalkDir(fsys, Dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(srcerr.New(name, 0, "%v", err))
			return nil
		}
		base := d.Name()
		if d.IsDir() {
			if name != Dir && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(base, ".") || isEditorJunk(base) {
			return nil
		}
		rel := name[len(Dir)+1:]
		switch {
		case strings.HasPrefix(base, "_") && (strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")):
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				errs.Add(srcerr.New(name, 0, "%v", err))
				return nil
			}
			key := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(base, "_"), ".yaml"), ".yml")
			if path.Dir(rel) == "." {
				site.Data[key] = DataFile{File: name, Src: src}
			}
		case strings.HasSuffix(base, ".md"):
			notes = append(notes, name)
		default:
			site.Assets = append(site.Assets, Asset{File: name, Dest: rel})
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
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				pages[i], pageErrs[i] = LoadPage(fsys, notes[i])
			}
		})
	}
	for i := range notes {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range pages {
		if pageErrs[i] != nil {
			errs.Add(pageErrs[i])
			continue
		}
		if p.Meta.Draft && !opts.Drafts {
			continue
		}
		if other := site.byURL[p.URL]; other != nil {
			errs.Add(srcerr.New(p.File, 0, "URL %s is also the URL of %s; rename one of them", p.URL, other.File))
			continue
		}
		site.byURL[p.URL] = p
		site.Pages = append(site.Pages, p)
	}
	if len(site.Pages) == 0 && len(errs) == 0 {
		return nil, srcerr.New(Dir, 0, "no notes found: put Markdown files under %s/", Dir)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	site.link()
	return site, nil
}

// isEditorJunk matches files editors leave beside the ones they save.
func isEditorJunk(name string) bool {
	return strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasPrefix(name, ".#") || name == "4913" || strings.HasSuffix(name, ".tmp")
}

// LoadPage reads and parses one note: name is its path in fsys
// (content/services/lambda.md).
func LoadPage(fsys fs.FS, name string) (*Page, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, srcerr.New(name, 0, "%v", err)
	}
	if err := checkText(src); err != nil {
		return nil, srcerr.New(name, lineAt(src, err.offset), "%s", err.msg)
	}
	p, err := Parse(name, src)
	if err != nil {
		return nil, err
	}
	if info, err := fs.Stat(fsys, name); err == nil {
		p.ModTime = info.ModTime()
	}
	return p, nil
}

// Parse makes a page from a file's path (content/…/x.md) and bytes.
func Parse(name string, src []byte) (*Page, error) {
	fmSrc, body, bodyLine, err := splitFrontMatter(src)
	if err == nil {
		var meta FrontMatter
		meta, err = parseFrontMatter(fmSrc)
		if err == nil {
			p := &Page{File: name, Meta: meta, Body: body, BodyLine: bodyLine}
			p.locate()
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

// locate sets Kind, Slug and URL from the file's place under content/.
func (p *Page) locate() {
	rel := p.path()
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	segs := []string{}
	if dir != "" {
		for _, s := range strings.Split(dir, "/") {
			segs = append(segs, Slugify(s))
		}
	}
	switch {
	case file == "_index.md" && dir == "":
		p.Kind = KindHome
	case file == "_index.md":
		p.Kind = KindSection
	default:
		p.Kind = KindPage
		segs = append(segs, Slugify(strings.TrimSuffix(file, ".md")))
	}
	if len(segs) > 0 {
		p.Slug = segs[len(segs)-1]
		p.URL = "/" + strings.Join(segs, "/") + "/"
	} else {
		p.URL = "/"
	}
}

func pageTitle(p *Page) string {
	if t := strings.TrimSpace(p.Meta.Title); t != "" {
		return t
	}
	if h := firstHeading(p.Body); h != "" {
		return h
	}
	base := strings.TrimSuffix(path.Base(p.File), ".md")
	if base == "_index" {
		base = path.Base(path.Dir(p.File))
		if base == Dir {
			return "Home"
		}
	}
	words := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(base))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
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

type textError struct {
	offset int
	msg    string
}

// checkText rejects binary and non-UTF-8 notes instead of rendering garbage.
func checkText(src []byte) *textError {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return &textError{i, "binary file: a note must be UTF-8 text (found a NUL byte)"}
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return &textError{i, "not valid UTF-8: save the note as UTF-8"}
		}
		i += size
	}
	return nil
}

func lineAt(src []byte, offset int) int {
	return bytes.Count(src[:offset], []byte("\n")) + 1
}

// link builds the section tree: each page's Parent and each section's
// ordered Pages. A folder without _index.md still gets its pages a parent:
// the nearest section above it.
func (s *Site) link() {
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	s.Home = s.byURL["/"]
	if s.Home == nil {
		s.Home = &Page{File: Dir + "/_index.md", Kind: KindHome, URL: "/", Title: "Home"}
		s.byURL["/"] = s.Home
		s.Pages = append([]*Page{s.Home}, s.Pages...)
	}
	for _, p := range s.Pages {
		if p != s.Home {
			s.attach(p)
		}
	}
	for _, p := range s.Pages {
		sort.SliceStable(p.Pages, func(i, j int) bool { return Less(p.Pages[i], p.Pages[j]) })
	}
}

// attach makes p a child of the nearest section above it.
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
// site, under the nearest section, ordered among its siblings.
func (s *Site) Add(p *Page) error {
	if other := s.byURL[p.URL]; other != nil {
		return fmt.Errorf("the generated page %s clashes with %s; rename that note", p.URL, other.File)
	}
	s.byURL[p.URL] = p
	i := sort.Search(len(s.Pages), func(i int) bool { return s.Pages[i].URL >= p.URL })
	s.Pages = append(s.Pages[:i], append([]*Page{p}, s.Pages[i:]...)...)
	s.attach(p)
	sort.SliceStable(p.Parent.Pages, func(i, j int) bool { return Less(p.Parent.Pages[i], p.Parent.Pages[j]) })
	return nil
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
