//go:build unix

package diagrams

import (
	"os/exec"
	"syscall"
)

// prepareChild puts the child in its own process group, so killChild
// stops whatever it started too.
func prepareChild(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

func killChild(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
