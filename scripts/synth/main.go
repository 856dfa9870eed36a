// Command synth writes a synthetic study site of -n pages to -out, for
// benchmarks against other generators on the same Markdown.
package main

import (
	"flag"
	"fmt"
	"os"

	"sitegen/internal/synth"
)

func main() {
	n := flag.Int("n", 5000, "number of notes")
	out := flag.String("out", "", "folder to write the site into (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synth: -out is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "synth: %s exists; choose a new folder\n", *out)
		os.Exit(1)
	}
	if err := synth.WriteDir(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}
