package generator

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"time"
)

// gitDates sets each note's ModTime to the time of the last commit that
// changed it, when the site root is in a git work tree: a checkout gives
// every file the same file time, the history does not. One `git log` pass
// reads the whole history of the content root. Notes with uncommitted changes, and
// every note outside a work tree or without git, keep their file time.
func (b *build) gitDates(ctx context.Context) error {
	if b.cfg.FS != nil || b.cfg.Src == "" {
		return nil // an in-memory site has no history
	}
	dates := commitDates(ctx, b.cfg.Src, b.pages.Root)
	for _, p := range b.pages.Pages {
		if t, ok := dates[p.File]; ok {
			p.ModTime = t
		}
	}
	return nil
}

// commitDates maps files under dir (paths relative to root) to their last
// commit time, leaving out files changed since HEAD. nil when root is not
// in a work tree or git is missing.
func commitDates(ctx context.Context, root, dir string) map[string]time.Time {
	git := func(args ...string) []byte {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", root, "-c", "core.quotepath=off"}, args...)...)
		out, err := cmd.Output()
		if err != nil {
			return nil
		}
		return out
	}
	log := git("log", "-z", "--format=%x01%cI", "--name-only", "--relative", "--", dir)
	if log == nil {
		return nil
	}
	dates := map[string]time.Time{}
	var at time.Time
	for _, tok := range bytes.Split(log, []byte{0}) {
		s := strings.TrimLeft(string(tok), "\n")
		switch {
		case strings.HasPrefix(s, "\x01"):
			at, _ = time.Parse(time.RFC3339, s[1:])
		case s != "" && !at.IsZero():
			if _, seen := dates[s]; !seen {
				dates[s] = at
			}
		}
	}
	for _, f := range bytes.Split(git("diff", "--name-only", "-z", "--relative", "HEAD", "--", dir), []byte{0}) {
		delete(dates, string(f))
	}
	return dates
}
