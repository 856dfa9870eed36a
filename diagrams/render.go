package diagrams

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sync"
	"time"
)

// RendererVersion changes whenever this package's output changes, so that
// cached renderings made by an older sitegen are not reused.
const RendererVersion = "4"

// DefaultTimeout bounds one diagram's D2 compile, layout and rendering.
const DefaultTimeout = 10 * time.Second

// Config configures a Renderer.
type Config struct {
	// CacheDir holds one file per rendered diagram, e.g. ".sitegen/cache/diagrams".
	// Empty means the cache lives in memory only.
	CacheDir string
	// Timeout bounds one diagram's rendering; zero means DefaultTimeout.
	Timeout time.Duration
	// Child, when set, makes the command of a child process that runs
	// ServeChild (sitegen uses its own binary: `sitegen __render-d2`).
	// D2 then runs in such children, and one that times out or whose
	// callers all gave up is killed, its memory returned. Nil renders in
	// this process, where a timed-out layout runs on to its end (tests).
	Child func() *exec.Cmd
}

// Options describe one diagram for readers.
type Options struct {
	Title       string // caption and accessible title
	Description string // accessible description; derived from the diagram when empty
	// UnsafeHTML keeps D2's SVG as it is, for sites that trust their notes
	// (unsafe_html = true). Off, the SVG passes the sanitizer (sanitize.go).
	UnsafeHTML bool
	// Timeout overrides Config.Timeout when positive (the site's
	// diagram_timeout). Callers sharing one render share the first's.
	Timeout time.Duration
	// BasePath is the site's URL prefix ("/" or "/notes/"), under which
	// the figure links its standalone SVG files (see Renderer.Files).
	BasePath string
}

// Figure is a rendered diagram.
type Figure struct {
	// HTML is a complete <figure class="diagram"> holding a light and a dark
	// inline SVG (see the package documentation for the class names).
	HTML string
	// Cached reports that no D2 call was made for this figure.
	Cached bool
}

// Stats counts the work done by a Renderer.
type Stats struct {
	Rendered   int           // diagrams rendered by D2
	Cached     int           // diagrams served from memory, disk or a concurrent render
	RenderTime time.Duration // total D2 time of the rendered diagrams
}

// Renderer renders D2 source to figures. It is safe for concurrent use.
type Renderer struct {
	cache    cache
	timeout  time.Duration
	children *children // nil: D2 runs in this process

	mu       sync.Mutex
	stats    Stats
	inflight map[string]*job
	files    map[string]*fileRef // standalone SVG files by name, guarded by mu
}

// job is one D2 rendering shared by every caller that asks for the same key
// while it runs.
type job struct {
	done    chan struct{}
	once    sync.Once
	result  rendering
	err     error
	cached  bool               // result came from disk
	waiters int                // callers waiting, guarded by Renderer.mu
	cancel  context.CancelFunc // stops the render when every caller gave up
}

// NewRenderer returns a Renderer configured by cfg.
func NewRenderer(cfg Config) *Renderer {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	r := &Renderer{
		cache:    newCache(cfg.CacheDir),
		timeout:  cfg.Timeout,
		inflight: make(map[string]*job),
		files:    make(map[string]*fileRef),
	}
	if cfg.Child != nil {
		r.children = &children{command: cfg.Child, busy: map[*child]bool{}}
	}
	return r
}

// Close stops the child processes, idle or rendering (such a render
// fails). The Renderer stays usable: a later render starts a new child.
func (r *Renderer) Close() {
	if r.children != nil {
		r.children.close()
	}
}

// Stats returns the counts so far.
func (r *Renderer) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stats
}

// Render turns D2 source into a figure. Invalid source returns a *SourceError,
// a layout over the timeout a *TimeoutError, and a cancelled ctx its error.
func (r *Renderer) Render(ctx context.Context, src string, opts Options) (Figure, error) {
	if err := ctx.Err(); err != nil {
		return Figure{}, err
	}
	key := cacheKey(src, opts.UnsafeHTML)

	r.mu.Lock()
	if res, ok := r.cache.memory(key); ok {
		r.stats.Cached++
		r.mu.Unlock()
		return r.assemble(key, res, opts, true), nil
	}
	j, joined := r.inflight[key]
	if !joined {
		jctx, cancel := context.WithCancel(context.Background())
		j = &job{done: make(chan struct{}), cancel: cancel}
		r.inflight[key] = j
		timeout := r.timeout
		if opts.Timeout > 0 {
			timeout = opts.Timeout
		}
		go r.run(jctx, key, src, !opts.UnsafeHTML, timeout, j)
	}
	j.waiters++
	r.mu.Unlock()

	select {
	case <-j.done:
	case <-ctx.Done():
		r.mu.Lock()
		if j.waiters--; j.waiters == 0 {
			// Nobody waits: stop the work, and let a later caller start afresh.
			j.cancel()
			if r.inflight[key] == j {
				delete(r.inflight, key)
			}
		}
		r.mu.Unlock()
		return Figure{}, ctx.Err()
	}
	if j.err != nil {
		return Figure{}, j.err
	}
	cached := joined || j.cached
	if joined {
		r.mu.Lock()
		r.stats.Cached++
		r.mu.Unlock()
	}
	return r.assemble(key, j.result, opts, cached), nil
}

// run fills j from the disk cache or from D2, sanitized when sanitize is
// set. The disk cache sits in the site folder, as untrusted as the notes,
// so what it holds is sanitized again. In a child process the D2 work is
// killed when it outlives timeout or ctx; in this process it cannot be
// interrupted, so a watchdog finishes the job with a TimeoutError instead
// and the late result is dropped.
func (r *Renderer) run(ctx context.Context, key, src string, sanitize bool, timeout time.Duration, j *job) {
	if res, ok := r.cache.load(key); ok {
		if sanitize {
			res = res.sanitized()
		}
		r.finish(key, j, res, nil, true, 0)
		return
	}
	start := time.Now()
	var (
		res rendering
		err error
	)
	if r.children != nil {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		res, err = r.children.render(ctx, src)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			err = &TimeoutError{Limit: timeout}
		}
	} else {
		watchdog := time.AfterFunc(timeout, func() {
			r.finish(key, j, rendering{}, &TimeoutError{Limit: timeout}, false, 0)
		})
		res, err = renderD2(src)
		if !watchdog.Stop() {
			return
		}
	}
	if err == nil && sanitize {
		res = res.sanitized()
	}
	r.finish(key, j, res, err, false, time.Since(start))
}

// finish completes j once: it stores a fresh result in the cache, updates the
// stats and wakes the waiting callers.
func (r *Renderer) finish(key string, j *job, res rendering, err error, fromDisk bool, elapsed time.Duration) {
	j.once.Do(func() {
		if err == nil && !fromDisk {
			if serr := r.cache.store(key, res); serr != nil {
				err = fmt.Errorf("diagrams: caching a rendered diagram: %w", serr)
			}
		}
		r.mu.Lock()
		if err == nil {
			r.cache.remember(key, res)
			if fromDisk {
				r.stats.Cached++
			} else {
				r.stats.Rendered++
				r.stats.RenderTime += elapsed
			}
		}
		if r.inflight[key] == j {
			delete(r.inflight, key)
		}
		r.mu.Unlock()
		j.result, j.err, j.cached = res, err, fromDisk
		close(j.done)
		j.cancel()
	})
}
