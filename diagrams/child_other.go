//go:build !unix

package diagrams

import "os/exec"

func prepareChild(*exec.Cmd) {}

// killChild stops the child; D2 starts no processes of its own.
func killChild(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
