package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// browserProcesses finds every process of one browser by a variable in its
// environment, which all of them inherit. A process group would not do:
// Chromium starts its crashpad handlers in sessions of their own.
type browserProcesses struct {
	marker []byte // "NAME=value\x00" as it appears in /proc/PID/environ
}

func newBrowserProcesses(env string) *browserProcesses {
	return &browserProcesses{marker: []byte(env + "\x00")}
}

func (b *browserProcesses) prepare(cmd *exec.Cmd) {
	// If sitegen itself dies, take the browser with it; its helpers
	// exit when it does.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// kill sends SIGKILL to every process of the browser until none is left,
// giving up after a few seconds.
func (b *browserProcesses) kill() {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		pids := b.find()
		if len(pids) == 0 {
			return
		}
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// find lists the running processes carrying the marker. Zombies have an
// empty environ, so they do not count: they hold nothing but a table slot,
// and in a container whose init does not reap, they may never go away.
func (b *browserProcesses) find() []int {
	var pids []int
	self := os.Getpid()
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range dirs {
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err != nil || pid == self {
			continue
		}
		env, err := os.ReadFile(filepath.Join(dir, "environ"))
		if err == nil && (bytes.HasPrefix(env, b.marker) || bytes.Contains(env, append([]byte{0}, b.marker...))) {
			pids = append(pids, pid)
		}
	}
	return pids
}
