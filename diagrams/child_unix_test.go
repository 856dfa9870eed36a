//go:build unix

package diagrams

import (
	"context"
	"errors"
	"sync"
	"syscall"
	"testing"
	"time"
)

// pids records the children a Renderer starts.
type pids struct {
	mu   sync.Mutex
	list []int
}

func watch(r *Renderer) *pids {
	p := &pids{}
	r.children.started = func(pid int) {
		p.mu.Lock()
		p.list = append(p.list, pid)
		p.mu.Unlock()
	}
	return p
}

// alive counts the recorded children that still exist (a zombie counts:
// it was not waited for).
func (p *pids) alive() (alive, started int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, pid := range p.list {
		if !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
			alive++
		}
	}
	return alive, len(p.list)
}

// TestChildKilledOnTimeout: a layout past the timeout fails with a
// TimeoutError soon after it, and its child process is gone.
func TestChildKilledOnTimeout(t *testing.T) {
	r := NewRenderer(Config{Child: testChild, Timeout: 500 * time.Millisecond})
	defer r.Close()
	kids := watch(r)
	start := time.Now()
	_, err := r.Render(context.Background(), slowSource(1), Options{})
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("error %v (%T), want *TimeoutError", err, err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("timed out after %v, want about 500ms", took)
	}
	if alive, started := kids.alive(); started != 1 || alive != 0 {
		t.Errorf("%d children started, %d still alive; want the one killed", started, alive)
	}
	// Options.Timeout (the site's diagram_timeout) overrides Config's.
	if _, err := r.Render(context.Background(), sixNodes, Options{Timeout: time.Minute}); err != nil {
		t.Errorf("render after a timeout: %v", err)
	}
}

// TestChildKilledOnCancel: when the only caller cancels, the render's
// child is killed at once.
func TestChildKilledOnCancel(t *testing.T) {
	r := NewRenderer(Config{Child: testChild, Timeout: time.Minute})
	defer r.Close()
	kids := watch(r)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := r.Render(ctx, slowSource(2), Options{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want the caller's context error", err)
	}
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		if alive, _ := kids.alive(); alive == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if alive, started := kids.alive(); started != 1 || alive != 0 {
		t.Errorf("%d children started, %d alive a second after the cancel; want the one killed", started, alive)
	}
}

// TestCloseStopsIdleChildren: Close leaves no child behind.
func TestCloseStopsIdleChildren(t *testing.T) {
	r := NewRenderer(Config{Child: testChild})
	kids := watch(r)
	if _, err := r.Render(context.Background(), "a -> b", Options{}); err != nil {
		t.Fatal(err)
	}
	if alive, _ := kids.alive(); alive != 1 {
		t.Errorf("%d children idle after a render, want 1 kept warm", alive)
	}
	r.Close()
	if alive, _ := kids.alive(); alive != 0 {
		t.Errorf("%d children alive after Close", alive)
	}
}
