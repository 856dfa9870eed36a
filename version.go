package main

import (
	"runtime"
	"runtime/debug"
)

// version is set at release time with -ldflags "-X main.version=v1.2.0"
// (scripts/release).
var version = "dev"

// versionLine describes this binary: its version, then the commit and
// commit date the go command records when it builds from a git checkout
// ("modified" when the work tree had changes), the Go version and the
// platform.
func versionLine() string {
	info, _ := debug.ReadBuildInfo()
	return formatVersion(version, info)
}

func formatVersion(v string, info *debug.BuildInfo) string {
	if info == nil {
		return "sitegen " + v
	}
	if v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version // go install sitegen@v1.2.0
	}
	s := "sitegen " + v + " ("
	set := map[string]string{}
	for _, kv := range info.Settings {
		set[kv.Key] = kv.Value
	}
	if rev := set["vcs.revision"]; rev != "" {
		s += "commit " + rev[:min(12, len(rev))]
		if set["vcs.modified"] == "true" {
			s += " modified"
		}
		s += ", "
	}
	if t := set["vcs.time"]; t != "" {
		s += t + ", "
	}
	return s + info.GoVersion + " " + runtime.GOOS + "/" + runtime.GOARCH + ")"
}
