package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// buildProgress shows on a terminal which stage a build is in and how
// many pages it has done, on one line that it overwrites, once the build
// has taken longer than a second; shorter builds print only their summary.
type buildProgress struct {
	w     io.Writer
	stage atomic.Pointer[progressState]
	mu    sync.Mutex // guards shown and the writes to w
	shown bool
	quit  chan struct{}
	done  sync.WaitGroup
}

type progressState struct {
	stage       string
	done, total int
}

// newBuildProgress returns nil, which reports nothing, when stderr is not
// a terminal.
func newBuildProgress(stderr io.Writer) *buildProgress {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil
	}
	if info, err := f.Stat(); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	p := &buildProgress{w: stderr, quit: make(chan struct{})}
	p.done.Go(func() {
		select {
		case <-time.After(time.Second):
		case <-p.quit:
			return
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			p.draw()
			select {
			case <-tick.C:
			case <-p.quit:
				return
			}
		}
	})
	return p
}

// report is generator.Config.Progress; many goroutines call it.
func (p *buildProgress) report(stage string, done, total int) {
	if old := p.stage.Load(); old != nil && old.stage == stage && old.done > done {
		return // a page finished earlier reported late
	}
	p.stage.Store(&progressState{stage, done, total})
}

// draw overwrites the line with the stage and count.
func (p *buildProgress) draw() {
	s := p.stage.Load()
	if s == nil {
		return
	}
	line := s.stage
	if s.total > 0 {
		line = fmt.Sprintf("%s %d/%d pages", s.stage, s.done, s.total)
	}
	p.mu.Lock()
	fmt.Fprintf(p.w, "\r\033[K%s", line)
	p.shown = true
	p.mu.Unlock()
}

// stop ends the reports and clears the line, leaving the terminal as it
// was for the summary or the error.
func (p *buildProgress) stop() {
	if p == nil {
		return
	}
	close(p.quit)
	p.done.Wait()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
