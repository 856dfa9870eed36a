package diagrams

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// D2 cannot be interrupted: a layout that runs past its timeout keeps its
// goroutine and its memory until it ends, which for a large graph is
// minutes and hundreds of megabytes. With Config.Child the Renderer runs
// D2 in child processes instead, which it can kill. A child reads requests
// (one JSON object per line: the D2 source) on stdin and writes one JSON
// response per request on stdout, so one child serves many diagrams; the
// parent keeps up to idleChildren of them warm, sanitizes what they return
// and caches it.

// idleChildren is how many finished children wait for the next diagram;
// more run at once when the build asks for more.
const idleChildren = 4

// childIdleTime is how long an idle child waits before it is stopped, so
// a preview left open does not hold their memory.
const childIdleTime = 30 * time.Second

type childRequest struct {
	Src string `json:"src"`
}

type childResponse struct {
	rendering
	Err    string `json:"err,omitempty"`
	Line   int    `json:"line,omitempty"` // with Err: a SourceError at this line
	Column int    `json:"column,omitempty"`
}

// ServeChild is the child's side: it renders each request read from r and
// writes the response to w. It returns when r ends, even in the middle of
// a render, so a child whose parent died (its stdin closed) exits at once
// when the caller then exits.
func ServeChild(r io.Reader, w io.Writer) error {
	requests := make(chan childRequest)
	readErr := make(chan error, 1)
	go func() {
		dec := json.NewDecoder(bufio.NewReader(r))
		for {
			var req childRequest
			if err := dec.Decode(&req); err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				}
				readErr <- err
				return
			}
			requests <- req
		}
	}()
	enc := json.NewEncoder(w)
	responses := make(chan childResponse)
	for {
		select {
		case err := <-readErr:
			return err
		case req := <-requests:
			// Render aside, so that stdin closing ends the child even
			// in the middle of a layout.
			go func() { responses <- respond(req.Src) }()
			select {
			case err := <-readErr:
				return err
			case resp := <-responses:
				if err := enc.Encode(resp); err != nil {
					return err
				}
			}
		}
	}
}

func respond(src string) childResponse {
	res, err := renderD2(src)
	var se *SourceError
	switch {
	case errors.As(err, &se):
		return childResponse{Err: se.Msg, Line: se.Line, Column: se.Column}
	case err != nil:
		return childResponse{Err: err.Error()}
	}
	return childResponse{rendering: res}
}

// child is one running child process.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	enc    *json.Encoder
	dec    *json.Decoder
	stderr *stderrBuffer
	idle   *time.Timer // stops the child when it has waited too long
	once   sync.Once
}

// children starts, keeps and stops child processes.
type children struct {
	command func() *exec.Cmd
	started func(pid int) // tests: told of each child started

	mu   sync.Mutex
	idle []*child
	busy map[*child]bool
	// live counts children taken by get until they are idle again or
	// stopped, so close can wait for a kill in progress.
	live sync.WaitGroup
}

func (p *children) get() (*child, error) {
	p.mu.Lock()
	for len(p.idle) > 0 {
		c := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		if c.idle.Stop() { // false: the idle timer is stopping it
			p.busy[c] = true
			p.live.Add(1)
			p.mu.Unlock()
			return c, nil
		}
	}
	p.mu.Unlock()
	p.live.Add(1)
	c, err := p.start()
	if err != nil {
		p.live.Done()
		return nil, err
	}
	p.mu.Lock()
	p.busy[c] = true
	p.mu.Unlock()
	return c, nil
}

func (p *children) start() (*child, error) {
	cmd := p.command()
	c := &child{cmd: cmd, stderr: &stderrBuffer{}}
	cmd.Stderr = c.stderr
	prepareChild(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("diagrams: starting the D2 renderer %s: %w", cmd.Path, err)
	}
	c.stdin, c.enc, c.dec = stdin, json.NewEncoder(stdin), json.NewDecoder(bufio.NewReader(stdout))
	if p.started != nil {
		p.started(cmd.Process.Pid)
	}
	return c, nil
}

// put keeps a child that finished a render for the next one.
func (p *children) put(c *child) {
	defer p.live.Done()
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.busy, c)
	if len(p.idle) >= idleChildren {
		c.stop()
		return
	}
	c.idle = time.AfterFunc(childIdleTime, func() {
		p.mu.Lock()
		for i, o := range p.idle {
			if o == c {
				p.idle = append(p.idle[:i], p.idle[i+1:]...)
				break
			}
		}
		p.mu.Unlock()
		c.stop()
	})
	p.idle = append(p.idle, c)
}

// close stops every child, idle or rendering (its render fails).
func (p *children) close() {
	p.mu.Lock()
	idle, busy := p.idle, p.busy
	p.idle, p.busy = nil, map[*child]bool{}
	p.mu.Unlock()
	for _, c := range idle {
		c.idle.Stop()
		c.stop()
	}
	for c := range busy {
		c.stop()
	}
	p.live.Wait()
}

// drop forgets a child that failed or was stopped mid-render.
func (p *children) drop(c *child) {
	defer p.live.Done()
	p.mu.Lock()
	delete(p.busy, c)
	p.mu.Unlock()
	c.stop()
}

// stop kills the child (and anything it started) and waits for it, so its
// memory is returned when stop returns. It may be called more than once.
func (c *child) stop() {
	c.once.Do(func() {
		killChild(c.cmd)
		_ = c.cmd.Wait()
	})
}

// render runs one diagram in a child. On ctx's end the child is killed and
// ctx.Err() returned.
func (p *children) render(ctx context.Context, src string) (rendering, error) {
	c, err := p.get()
	if err != nil {
		return rendering{}, err
	}
	type result struct {
		resp childResponse
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		if r.err = c.enc.Encode(childRequest{Src: src}); r.err == nil {
			r.err = c.dec.Decode(&r.resp)
		}
		done <- r
	}()
	select {
	case <-ctx.Done():
		p.drop(c)
		return rendering{}, ctx.Err()
	case r := <-done:
		if r.err != nil {
			p.drop(c)
			msg := strings.TrimSpace(c.stderr.String())
			if msg == "" {
				msg = r.err.Error()
			}
			return rendering{}, fmt.Errorf("diagrams: the D2 renderer failed: %s", msg)
		}
		p.put(c)
		switch {
		case r.resp.Err != "" && r.resp.Line > 0:
			return rendering{}, &SourceError{Line: r.resp.Line, Column: r.resp.Column, Msg: r.resp.Err}
		case r.resp.Err != "":
			return rendering{}, errors.New(r.resp.Err)
		}
		return r.resp.rendering, nil
	}
}

// stderrBuffer keeps the first few kB a child writes to stderr, for the
// error when it dies (a panic's message comes first).
type stderrBuffer struct {
	mu  sync.Mutex
	buf []byte
}

const stderrMax = 4 << 10

func (b *stderrBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := stderrMax - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(len(p), room)]...)
	}
	return len(p), nil
}

func (b *stderrBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
