//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptStopsBuild: Ctrl-C (SIGINT) during a slow diagram ends
// `sitegen build` within a second with status 130, kills the diagram's
// child process and leaves no output behind; SIGTERM does the same.
func TestInterruptStopsBuild(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := writeSlowSite(t, "")
			out := filepath.Join(t.TempDir(), "public")
			cmd := exec.Command(os.Args[0], "build", dir, "--out", out, "--diagram-timeout", "1m")
			cmd.Env = append(os.Environ(), "SITEGEN_TEST_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			children := waitForD2Children(t, cmd.Process.Pid)
			start := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				var exit *exec.ExitError
				if !errors.As(err, &exit) || exit.ExitCode() != exitInterrupted {
					t.Errorf("exit %v, want status %d", err, exitInterrupted)
				}
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				t.Fatal("sitegen still running 5 s after the signal")
			}
			if took := time.Since(start); took > time.Second {
				t.Errorf("sitegen took %v to stop", took)
			}
			if !strings.Contains(stderr.String(), "sitegen: interrupted") {
				t.Errorf("stderr %q, want it to say interrupted", stderr.String())
			}
			time.Sleep(100 * time.Millisecond)
			for _, pid := range children {
				if !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
					st, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
					t.Errorf("diagram child %d still exists: %s", pid, st)
				}
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("output folder after an interrupted build: %v", err)
			}
		})
	}
}

// waitForD2Children waits until the process parent has started a D2
// child and returns the children's pids, read from /proc (Linux); where
// there is no /proc it waits two seconds and returns none.
func waitForD2Children(t *testing.T, parent int) []int {
	t.Helper()
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		time.Sleep(2 * time.Second)
		return nil
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var pids []int
		stats, _ := filepath.Glob("/proc/[0-9]*/stat")
		for _, stat := range stats {
			data, err := os.ReadFile(stat)
			if err != nil {
				continue
			}
			// "pid (comm) state ppid …"; comm may hold spaces.
			_, rest, _ := strings.Cut(string(data), ") ")
			fields := strings.Fields(rest)
			if len(fields) < 2 || fields[1] != strconv.Itoa(parent) {
				continue
			}
			cmdline, _ := os.ReadFile(filepath.Join(filepath.Dir(stat), "cmdline"))
			if strings.Contains(string(cmdline), "\x00"+renderD2Command) {
				pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(stat)))
				pids = append(pids, pid)
			}
		}
		if len(pids) > 0 {
			time.Sleep(200 * time.Millisecond) // let it start on the layout
			return pids
		}
	}
	t.Fatal("no D2 child started within 10 s")
	return nil
}
