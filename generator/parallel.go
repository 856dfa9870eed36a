package generator

import (
	"context"
	"runtime"
	"sync/atomic"

	"sitegen/generator/srcerr"
)

// counted tells Config.Progress of each call of fn that returns.
func counted[T any](b *build, stage string, n int, fn func(i int) (T, error)) func(i int) (T, error) {
	if b.cfg.Progress == nil {
		return fn
	}
	var done atomic.Int64
	return func(i int) (T, error) {
		v, err := fn(i)
		b.cfg.Progress(stage, int(done.Add(1)), n)
		return v, err
	}
}

// parallel runs fn for 0..n-1 on all cores and returns the results by
// index, with every error as one srcerr.List, so one build reports all
// broken pages at once. Results of failed calls are zero.
//
// On cancel it returns ctx.Err() at once: no more work is handed out and
// calls still running are abandoned, not waited for (goldmark's parse and
// a fence renderer may ignore ctx). Only parallel's own goroutine stores
// results, and it stops when it returns, so fn must change nothing shared
// itself: what it returns after the cancel is dropped. (The render stage's
// fn hands its page to the writer and the output check: both are the
// abandoned build's own, and the writer drops files after Abort.)
//
// It is hand-made rather than golang.org/x/sync/errgroup (used by check
// and content) because errgroup's Wait waits for every running call: one
// stuck fence renderer would hold a cancelled build, and
// TestCancelStopsBuildWithinASecond pins that it does not.
func parallel[T any](ctx context.Context, n int, fn func(i int) (T, error)) ([]T, error) {
	type outcome struct {
		i   int
		v   T
		err error
	}
	var (
		next = make(chan int)
		done = make(chan outcome)
	)
	go func() {
		defer close(next)
		for i := range n {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range min(n, runtime.GOMAXPROCS(0)) {
		go func() {
			for i := range next {
				v, err := fn(i)
				select {
				case done <- outcome{i, v, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	results := make([]T, n)
	var errs srcerr.List
	for range n {
		select {
		case o := <-done:
			results[o.i] = o.v
			errs.Add(o.err)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return results, errs.Err()
}
