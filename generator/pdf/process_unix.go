//go:build unix && !linux

package pdf

import (
	"os/exec"
	"syscall"
)

// browserProcesses on macOS and the BSDs: the browser starts in a process
// group of its own, which its helpers (renderers, the GPU process) join,
// and kill ends the whole group. Without /proc there is no environment to
// search; a helper that starts a session of its own (crashpad) exits when
// the browser does.
type browserProcesses struct {
	cmd *exec.Cmd
}

func newBrowserProcesses(env string) *browserProcesses { return &browserProcesses{} }

func (b *browserProcesses) prepare(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	b.cmd = cmd
}

// kill sends SIGKILL to the browser's process group; after the browser
// itself has exited the group may still hold its helpers.
func (b *browserProcesses) kill() {
	if b.cmd != nil && b.cmd.Process != nil {
		_ = syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL)
	}
}
