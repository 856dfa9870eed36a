package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCardsCommand exports the bundled site's cards to a file and reads
// them back as Anki would: three tab-separated fields per card, HTML kept.
func TestCardsCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cards.tsv")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"cards", ".", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("sitegen cards exited with %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.Comment, r.FieldsPerRecord = '\t', '#', 3
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 100 {
		t.Fatalf("%d cards", len(rows))
	}
	found := false
	for _, row := range rows {
		if row[0] == "<strong>AWS Lambda</strong> — Max run time?" {
			found = strings.HasPrefix(row[1], "<p>15 min</p>") && strings.Contains(row[1], `href="https://aws-compute-notes.netlify.app/services/lambda/#key-facts"`) &&
				strings.Contains(row[2], "section::services") && strings.Contains(row[2], "lambda")
		}
	}
	if !found {
		t.Errorf("no Lambda max run time card as expected")
	}
	// Without --out the file goes to standard output; a plain folder has no cards.
	stdout.Reset()
	if code := run(context.Background(), []string{"cards"}, &stdout, &stderr); code != 0 || !bytes.Equal(stdout.Bytes(), data) {
		t.Errorf("sitegen cards to stdout: exit %d, %d bytes (file %d)", code, stdout.Len(), len(data))
	}
	plain := t.TempDir()
	os.WriteFile(filepath.Join(plain, "note.md"), []byte("# Note\nText.\n"), 0o644)
	stderr.Reset()
	if code := run(context.Background(), []string{"cards", plain}, &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), "no cards") {
		t.Errorf("plain folder: exit %d, %s", code, stderr.String())
	}
}
