package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// StaleAge is how old a fact's as_of date may be before the build warns
// (sitegen.toml's stale_after: "18 months", "365 days", "2 years", "6 weeks").
// Zero when the site does not set it: no fact is ever stale.
func (s Settings) StaleAge() time.Duration { return s.staleAge }

var staleUnits = map[string]time.Duration{
	"day": 24 * time.Hour, "week": 7 * 24 * time.Hour,
	"month": 30 * 24 * time.Hour, "year": 365 * 24 * time.Hour,
}

// parseStaleAfter reads "18 months" as a duration.
func parseStaleAfter(v string) (time.Duration, error) {
	f := strings.Fields(v)
	if len(f) != 2 {
		return 0, fmt.Errorf("stale_after %q: want a number and a unit such as \"18 months\" (days, weeks, months, years)", v)
	}
	n, err := strconv.Atoi(f[0])
	unit, ok := staleUnits[strings.TrimSuffix(strings.ToLower(f[1]), "s")]
	if err != nil || n <= 0 || !ok {
		return 0, fmt.Errorf("stale_after %q: want a number and a unit such as \"18 months\" (days, weeks, months, years)", v)
	}
	return time.Duration(n) * unit, nil
}
