//go:build !unix

package pdf

import "os/exec"

// browserProcesses does nothing on Windows: chromedp ends the browser
// process, and Chromium's helpers on Windows are tied to it and exit with
// it (they watch the browser's process handle).
type browserProcesses struct{}

func newBrowserProcesses(env string) *browserProcesses { return &browserProcesses{} }

func (b *browserProcesses) prepare(cmd *exec.Cmd) {}

func (b *browserProcesses) kill() {}
