package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2025-05-01T10:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	for _, c := range []struct {
		version string
		info    *debug.BuildInfo
		want    string
	}{
		{"v1.2.0", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			"sitegen v1.2.0 (commit 0123456789ab modified, 2025-05-01T10:00:00Z, go1.26.0 " + platform + ")"},
		{"dev", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.3.0"}},
			"sitegen v1.3.0 (go1.26.0 " + platform + ")"},
		{"dev", nil, "sitegen dev"},
	} {
		if got := formatVersion(c.version, c.info); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}
