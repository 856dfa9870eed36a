//go:build !linux

package pdf

import "os/exec"

// browserProcesses does nothing off Linux: chromedp kills the browser
// process itself, and Chromium's helpers exit when it does.
type browserProcesses struct{}

func newBrowserProcesses(env string) *browserProcesses { return &browserProcesses{} }

func (b *browserProcesses) prepare(cmd *exec.Cmd) {}

func (b *browserProcesses) kill() {}
