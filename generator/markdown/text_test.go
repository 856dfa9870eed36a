package markdown

import (
	"strings"
	"testing"
)

// FuzzAppendWords holds appendWords to what it replaced, the words of a
// text joined by one space, including after text already in the buffer
// and on bytes that are not UTF-8.
func FuzzAppendWords(f *testing.F) {
	for _, s := range []string{"", " ", "a", "  two  words ", "tab\tnew\nline\r\v\f", "nbsp\u00a0next\u0085\u2003em",
		"\xff bad \xe2\x82", "日本 語", "a %%c%% b"} {
		f.Add("", s)
		f.Add("before ", s)
	}
	f.Fuzz(func(t *testing.T, before, s string) {
		got := string(appendWords([]byte(before), []byte(s)))
		if want := before + strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("appendWords(%q, %q) = %q, want %q", before, s, got, want)
		}
	})
}
