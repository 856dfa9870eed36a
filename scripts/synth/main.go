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
	realistic := flag.Bool("realistic", false, "text drawn from a Zipf vocabulary of some 25,000 words, as real notes, instead of 55 words")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synth: -out is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "synth: %s exists; choose a new folder\n", *out)
		os.Exit(1)
	}
	write := synth.WriteDir
	if *realistic {
		write = synth.WriteDirRealistic
	}
	if err := write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}
