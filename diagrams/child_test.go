package diagrams

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// childEnv makes the test binary act as the D2 child, as `sitegen
// __render-d2` does for the real binary.
const childEnv = "SITEGEN_TEST_D2_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		if err := ServeChild(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// testChild makes the test binary's command line as the D2 child.
func testChild() *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childEnv+"=1")
	return cmd
}

// slowSource is a graph D2's dagre layout takes about ten seconds over.
func slowSource(seed int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# slow %d\n", seed)
	const n = 50
	for i := range n {
		fmt.Fprintf(&b, "n%d -> n%d\nn%d -> n%d\n", i, (i*7+3)%n, i, (i*13+5)%n)
	}
	return b.String()
}

// TestChildRendersAsInProcess: a child renders what this process renders,
// reports invalid source at its line, and is reused for the next diagram.
func TestChildRendersAsInProcess(t *testing.T) {
	r := NewRenderer(Config{Child: testChild})
	defer r.Close()
	var started []int
	r.children.started = func(pid int) { started = append(started, pid) }
	ctx := context.Background()
	got, err := r.Render(ctx, sixNodes, Options{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := NewRenderer(Config{}).Render(ctx, sixNodes, Options{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if got.HTML != want.HTML {
		t.Error("the child's figure differs from the in-process one")
	}
	_, err = r.Render(ctx, "a -> b\nx: {\n", Options{})
	var se *SourceError
	if !errors.As(err, &se) || se.Line != 2 || !strings.Contains(se.Msg, "maps must be terminated") {
		t.Errorf("error %v (%T), want a SourceError at line 2", err, err)
	}
	if len(started) != 1 {
		t.Errorf("%d children started for two diagrams, want one reused", len(started))
	}
}
