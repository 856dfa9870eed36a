package diagrams

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// RendererVersion changes whenever this package's output changes, so that
// cached renderings made by an older sitegen are not reused.
const RendererVersion = "3"

// DefaultTimeout bounds one diagram's D2 compile, layout and rendering.
const DefaultTimeout = 10 * time.Second

// Config configures a Renderer.
type Config struct {
	// CacheDir holds one file per rendered diagram, e.g. ".sitegen/cache/diagrams".
	// Empty means the cache lives in memory only.
	CacheDir string
	// Timeout bounds one diagram's rendering; zero means DefaultTimeout.
	Timeout time.Duration
}

// Options describe one diagram for readers.
type Options struct {
	Title       string // caption and accessible title
	Description string // accessible description; derived from the diagram when empty
	// UnsafeHTML keeps D2's SVG as it is, for sites that trust their notes
	// (unsafe_html = true). Off, the SVG passes the sanitizer (sanitize.go).
	UnsafeHTML bool
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
	cache   cache
	timeout time.Duration

	mu       sync.Mutex
	stats    Stats
	inflight map[string]*job
}

// job is one D2 rendering shared by every caller that asks for the same key
// while it runs.
type job struct {
	done   chan struct{}
	once   sync.Once
	result rendering
	err    error
	cached bool // result came from disk
}

// NewRenderer returns a Renderer configured by cfg.
func NewRenderer(cfg Config) *Renderer {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	return &Renderer{
		cache:    newCache(cfg.CacheDir),
		timeout:  cfg.Timeout,
		inflight: make(map[string]*job),
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
		return assemble(key, res, opts, true), nil
	}
	j, joined := r.inflight[key]
	if !joined {
		j = &job{done: make(chan struct{})}
		r.inflight[key] = j
		go r.run(key, src, !opts.UnsafeHTML, j)
	}
	r.mu.Unlock()

	select {
	case <-j.done:
	case <-ctx.Done():
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
	return assemble(key, j.result, opts, cached), nil
}

// run fills j from the disk cache or from D2, sanitized when sanitize is
// set. The disk cache sits in the site folder, as untrusted as the notes,
// so what it holds is sanitized again. The D2 work cannot be interrupted,
// so a watchdog finishes the job with a TimeoutError instead and the late
// result is dropped.
func (r *Renderer) run(key, src string, sanitize bool, j *job) {
	if res, ok := r.cache.load(key); ok {
		if sanitize {
			res = res.sanitized()
		}
		r.finish(key, j, res, nil, true, 0)
		return
	}
	watchdog := time.AfterFunc(r.timeout, func() {
		r.finish(key, j, rendering{}, &TimeoutError{Limit: r.timeout}, false, 0)
	})
	start := time.Now()
	res, err := renderD2(src)
	if err == nil && sanitize {
		res = res.sanitized()
	}
	elapsed := time.Since(start)
	if watchdog.Stop() {
		r.finish(key, j, res, err, false, elapsed)
	}
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
		delete(r.inflight, key)
		r.mu.Unlock()
		j.result, j.err, j.cached = res, err, fromDisk
		close(j.done)
	})
}
