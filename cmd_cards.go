package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"sitegen/generator"
)

// runCards builds the site in memory and writes its flashcards in the
// tab-separated form Anki imports: the file the study page offers.
func runCards(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("cards", "sitegen cards [DIR | --src DIR] [--out FILE]", stderr)
	src := fs.String("src", ".", "site root")
	out := fs.String("out", "", "file to write (default: standard output)")
	if err := parseSiteFlags(fs, args, src); err != nil {
		return err
	}
	res, err := generator.Build(ctx, generator.Config{Src: *src, Version: version})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	tsv, ok := res.Files[generator.CardsFile]
	if !ok {
		return errors.New("no cards: the site has no facts (content/_facts.yaml) and no author cards (> [!question]- callouts, Front::Back lines)")
	}
	if *out == "" {
		_, err = stdout.Write(tsv)
		return err
	}
	if err := os.WriteFile(*out, tsv, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "Wrote %s\n", *out)
	return nil
}
