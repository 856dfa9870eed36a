// Package serve is the development server behind `sitegen serve`.
//
// It builds the site once, serves it from memory, watches the site root
// and rebuilds when a source changes, and tells open pages to reload:
//
//	watch.go     fsnotify (or polling) → debounced batches of changes
//	classify.go  a changed path → what kind of source it is
//	handler.go   HTTP: the latest whole build, pretty URLs, ETags, 404.html
//	reload.go    Server-Sent Events, the injected reload script, build errors
//	hosts.go     which Host names are answered (DNS rebinding), where it listens
//
// It does not build anything itself: a Builder does, and main adapts the
// generator to one. A failed build keeps the last good site being served
// and shows the errors in the terminal and over every open page.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Builder produces the site.
type Builder interface {
	// Build builds the site. changes lists what changed since the last
	// build, classified by the watcher (what the file is, and whether it
	// was written, created, removed or renamed away); empty means build
	// everything from the files as they are, which the server asks for
	// after a failed build too. The returned
	// Output's Files must not be modified afterwards: the server shares
	// them with requests in flight.
	Build(ctx context.Context, changes []Change) (*Output, error)
}

// BuilderFunc adapts a function to Builder.
type BuilderFunc func(ctx context.Context, changes []Change) (*Output, error)

// Build calls f.
func (f BuilderFunc) Build(ctx context.Context, changes []Change) (*Output, error) {
	return f(ctx, changes)
}

// Output is one build's output.
type Output struct {
	Files   map[string][]byte // output path (services/lambda/index.html) → bytes
	Summary string            // what was rebuilt, for the terminal: "rebuilt 3 of 5000 pages"
	CSSOnly bool              // only stylesheets changed: pages swap them without reloading
	Pages   []string          // URLs of the pages that changed (/services/lambda/), for Navigate
}

// DefaultPort is the port `sitegen serve` listens on unless told otherwise.
const DefaultPort = 1313

// Options configures Run.
type Options struct {
	Root     string        // site root on disk, watched; "" is the current folder
	Bind     string        // address to listen on; "" is 127.0.0.1; 0.0.0.0 or :: is every address
	Port     int           // 0 picks a free port (the CLI's default is DefaultPort)
	Poll     time.Duration // > 0: poll for changes at this interval instead of fsnotify
	Navigate bool          // on a content change, open pages go to the changed page
	Log      io.Writer     // the terminal; nil is os.Stderr

	// AllowHosts are Host names answered besides the bound address,
	// loopback names and (bound to every address) the machine's
	// addresses: "mybox.local", an address, or "*.example.test" for
	// every name under a domain. Other names get 421.
	AllowHosts []string
	Timeouts   Timeouts
}

// Timeouts bound how long a connection may hold the server, so a client
// that sends slowly, reads slowly or sits idle cannot pile connections
// (and their goroutines) up. Zero fields take the defaults. The
// live-reload stream is exempt from Read and Write, since it lives as
// long as its page; each of its writes gets Write to finish instead.
type Timeouts struct {
	ReadHeader time.Duration // request line and headers (default 5s)
	Read       time.Duration // the whole request, body included (default 10s)
	Write      time.Duration // the response, from the end of the request (default 30s)
	Idle       time.Duration // a kept-alive connection waiting for its next request (default 60s)
}

func (t Timeouts) withDefaults() Timeouts {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&t.ReadHeader, 5*time.Second)
	def(&t.Read, 10*time.Second)
	def(&t.Write, 30*time.Second)
	def(&t.Idle, 60*time.Second)
	return t
}

// Debounce windows: a burst of events is one rebuild once quiet passes
// without an event, or maxWait after its first event. Editors' save dances
// and a git checkout's writes come well under a millisecond apart, so a
// short quiet window still makes them one rebuild, and keeps it out of the
// way of the edit-to-reload time.
const (
	quiet   = 20 * time.Millisecond
	maxWait = time.Second
)

// Run builds the site, serves it at Bind:Port and rebuilds on every change
// under Root until ctx is cancelled; then it shuts down gracefully and
// returns nil. ready, if not nil, is called with the site's URL once it
// is being served. A first build that fails still serves: a placeholder
// page shows the errors until a build succeeds.
func Run(ctx context.Context, b Builder, opts Options, ready func(url string)) error {
	if opts.Root == "" {
		opts.Root = "."
	}
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return fmt.Errorf("site root %s is not a folder", opts.Root)
	}
	s, err := newServer(b, opts)
	if err != nil {
		return err
	}
	ln, err := listen(opts.Bind, opts.Port)
	if err != nil {
		return err
	}
	// A bind by name (mybox.lan) answers to the address it resolved to too.
	s.hosts.allowIP(ln.Addr().(*net.TCPAddr).IP)
	url := siteURL(opts.Bind, ln.Addr().(*net.TCPAddr).Port)

	// The watcher goroutines end (bg.Wait) after cancel, whatever the return.
	var bg sync.WaitGroup
	defer bg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Watch before the first build: an edit made while it runs is built next.
	w := startWatcher(root, opts.Poll, s.logf)
	events := make(chan fileEvent, 256)
	batches := make(chan *batcher)
	bg.Go(func() { s.watch(ctx, w, root, events) })
	bg.Go(func() { debounce(ctx, events, batches, quiet, maxWait, classifier(root)) })

	s.rebuild(ctx, batch{full: true})
	if ctx.Err() != nil {
		ln.Close()
		return nil
	}
	to := s.opts.Timeouts
	hs := &http.Server{
		Handler:           handler{s},
		ReadHeaderTimeout: to.ReadHeader,
		ReadTimeout:       to.Read,
		WriteTimeout:      to.Write,
		IdleTimeout:       to.Idle,
		ErrorLog:          log.New(opts.Log, "serve: ", 0),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	s.announce(opts.Bind, ln.Addr())
	if ready != nil {
		ready(url)
	}

	for {
		select {
		case err := <-served:
			return fmt.Errorf("serve: %w", err)
		case b := <-batches:
			s.rebuild(ctx, b.take())
		case <-ctx.Done():
			s.hub.close()
			shut, done := context.WithTimeout(context.Background(), 3*time.Second)
			defer done()
			if err := hs.Shutdown(shut); err != nil {
				hs.Close()
			}
			return nil
		}
	}
}

func listen(bind string, port int) (net.Listener, error) {
	// Go listens on IPv6 too for 0.0.0.0 given "tcp"; an IPv4 address
	// means IPv4 only, as the listed addresses say.
	network := "tcp"
	if ip := net.ParseIP(bind); ip != nil && ip.To4() != nil {
		network = "tcp4"
	}
	ln, err := net.Listen(network, net.JoinHostPort(bind, strconv.Itoa(port)))
	if addrInUse(err) {
		return nil, fmt.Errorf("port %d is in use: pass --port 0 to pick a free one, or stop the other server", port)
	}
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", net.JoinHostPort(bind, strconv.Itoa(port)), err)
	}
	return ln, nil
}

// wsaeaddrinuse is Windows' "address in use", which syscall.EADDRINUSE
// does not match there.
const wsaeaddrinuse = 10048

func addrInUse(err error) bool {
	var errno syscall.Errno
	return errors.Is(err, syscall.EADDRINUSE) || errors.As(err, &errno) && errno == wsaeaddrinuse
}

// siteURL is the address to open; a server bound to every interface is
// reachable on the loopback one, which the Host check always answers.
func siteURL(bind string, port int) string {
	host := bind
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/"
}

// server is the state shared by the build loop and the HTTP handler.
type server struct {
	b     Builder
	opts  Options
	site  atomic.Pointer[snapshot]
	hub   *hub
	hosts *hostPolicy

	logMu sync.Mutex

	// Owned by the build loop.
	builds uint64
	failed bool // the last build failed: the next one is a full build
}

// newServer fails only on a bad opts.AllowHosts.
func newServer(b Builder, opts Options) (*server, error) {
	opts.Timeouts = opts.Timeouts.withDefaults()
	hosts, err := newHostPolicy(opts.Bind, opts.AllowHosts)
	if err != nil {
		return nil, err
	}
	s := &server{b: b, opts: opts, hub: newHub(), hosts: hosts}
	s.site.Store(newSnapshot(nil, nil, 0, time.Now()))
	return s, nil
}

// logf prints one timestamped line.
func (s *server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, time.Now().Format("15:04:05")+" "+format+"\n", args...)
}

// watch runs w, switching to polling if fsnotify gives up.
func (s *server) watch(ctx context.Context, w watcher, root string, out chan<- fileEvent) {
	defer func() { w.close() }()
	if err := w.run(ctx, out); errors.Is(err, errFallback) && ctx.Err() == nil {
		w.close()
		every := s.opts.Poll
		if every <= 0 {
			every = defaultPoll
		}
		s.logf("watching by polling every %v instead (set the interval with --poll)", every)
		w = newPoller(root, every)
		select {
		case out <- fileEvent{full: true}: // changes may have been missed meanwhile
		case <-ctx.Done():
			return
		}
		w.run(ctx, out)
	}
}

// rebuild builds bt, publishes the result and tells the pages.
func (s *server) rebuild(ctx context.Context, bt batch) {
	first := s.builds == 0 && !s.failed
	what := bt.describe()
	if first {
		what = "first build"
	}
	// After a failure the next build starts from the files as they are:
	// replaying the failed batch's changes could reload a file that has
	// gone since, and fail for ever.
	full := bt.full || s.failed
	start := time.Now()
	site, err := s.build(ctx, bt.changes, full)
	took := time.Since(start)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		s.fail(what, took, err, first)
		return
	}
	s.builds++
	s.site.Store(newSnapshot(s.site.Load(), site.Files, s.builds, time.Now()))
	summary := site.Summary
	if summary == "" {
		summary = "built " + strconv.Itoa(len(site.Files)) + " files"
	}
	s.logf("%s → %s in %s", what, summary, ms(took))

	st := status{Build: s.builds, OK: true}
	var msgs []message
	if s.failed {
		msgs = append(msgs, newMessage("ok", st))
	}
	switch {
	case first:
	case site.CSSOnly && !s.failed:
		msgs = append(msgs, newMessage("css", st))
	default:
		m := map[string]any{"build": s.builds}
		if s.opts.Navigate && len(site.Pages) > 0 {
			m["url"] = site.Pages[0]
		}
		msgs = append(msgs, newMessage("reload", m))
	}
	s.failed = false
	s.hub.update(st, msgs...)
}

// build calls the builder; a panic in it is a failed build, not a dead server.
func (s *server) build(ctx context.Context, changes []Change, full bool) (site *Output, err error) {
	defer func() {
		if p := recover(); p != nil {
			site, err = nil, fmt.Errorf("the build panicked: %v", p)
		}
	}()
	if full {
		changes = nil
	}
	site, err = s.b.Build(ctx, changes)
	if err == nil && site == nil {
		err = errors.New("the build returned no site")
	}
	return site, err
}

func (s *server) fail(what string, took time.Duration, err error, first bool) {
	if first {
		// Nothing good to fall back on: serve a page that shows the errors.
		s.site.Store(newSnapshot(nil, placeholder, 0, time.Now()))
	}
	s.failed = true
	probs := problems(err)
	var b strings.Builder
	fmt.Fprintf(&b, "%s → build failed in %s:", what, ms(took))
	for _, p := range probs {
		b.WriteString("\n    " + p.String())
	}
	s.logf("%s", b.String())
	st := status{Build: s.builds, Problems: probs}
	s.hub.update(st, newMessage("error", st))
}

func ms(d time.Duration) string {
	if d < 10*time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
}

// placeholder is served after a failing first build, so the page has
// somewhere to show the errors.
var placeholder = func() map[string][]byte {
	page := []byte(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitegen: the build failed</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>The site could not be built</h1>
<p>The errors are listed below and in the terminal. This page reloads by itself when they are fixed.</p>
</body></html>
`)
	return map[string][]byte{"index.html": page, "404.html": page}
}()
