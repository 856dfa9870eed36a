package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLongSegmentsAreShortened: a name longer than a file system allows
// becomes a readable prefix and a hash, the same every time, and two long
// names that share their beginning stay apart.
func TestLongSegmentsAreShortened(t *testing.T) {
	long := strings.Repeat("é", 99) + strings.Repeat("x", 102) // 300 bytes
	a, b := URLSegment(long), URLSegment(long+"y")
	if len(a) > MaxSegment || !utf8.ValidString(a) || !strings.HasPrefix(a, strings.Repeat("é", 99)+"xx") {
		t.Errorf("URLSegment(300 bytes) = %q (%d bytes)", a, len(a))
	}
	if a != URLSegment(long) || a == b {
		t.Errorf("not deterministic or not distinct: %q, %q", a, b)
	}
	if got := URLSegment(strings.Repeat("a", MaxSegment)); got != strings.Repeat("a", MaxSegment) {
		t.Errorf("a name of exactly %d bytes was changed to %q", MaxSegment, got)
	}
	if u := TagURL(strings.Repeat("t", 300)); len(u) > len(TagsURL)+MaxSegment+1 {
		t.Errorf("TagURL of a 300-byte tag is %d bytes", len(u))
	}
}
