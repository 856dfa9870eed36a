// Command sitegen builds, previews and prints study-note sites.
//
//	sitegen build [flags]   build the site into public/
//	sitegen check [flags]   check a built site's links, assets and markup
//	sitegen serve [flags]   preview it on http://127.0.0.1:1313/ with live reload
//	sitegen pdf [flags]     print the cheat sheet to public/cheatsheet.pdf
//	sitegen cards [flags]   export the flashcards for Anki
//	sitegen version         print the version
//	sitegen help [command]  show help
//
// main is the only place that calls os.Exit, and it wires the optional
// heavy parts (D2 diagrams, Chromium) into the core build.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"sitegen/generator/srcerr"
)

// command is one subcommand. Its flags and usage line live with its run
// function (newFlags), which `sitegen help CMD` shows through CMD --help.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"build", "build the site into an output folder", runBuild},
		{"check", "check a built site's links, assets and markup", runCheck},
		{"serve", "preview the site with live reload", runServe},
		{"pdf", "print the cheat sheet (or any page) to PDF", runPDF},
		{"cards", "export every flashcard for Anki (tab-separated, with HTML)", runCards},
		{"version", "print the version, commit and build date", func(_ context.Context, _ []string, stdout, _ io.Writer) error {
			fmt.Fprintln(stdout, versionLine())
			return nil
		}},
	}
}

// interruptGrace is how long a command may take to wind down after
// Ctrl-C or SIGTERM (abandoning stuck work, killing diagram children,
// removing a half-written output) before the process exits regardless.
const interruptGrace = 3 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		// The first signal cancels; with the handler gone a second one
		// ends the process at once, as it would any program.
		stop()
		time.Sleep(interruptGrace)
		fmt.Fprintln(os.Stderr, "sitegen: interrupted (did not stop in time)")
		os.Exit(exitInterrupted)
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitInterrupted is the exit status of a command stopped by a signal,
// as shells report 128+SIGINT.
const exitInterrupted = 130

// errUsage marks errors whose message is the usage text already printed.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printHelp(stderr)
		return 2
	}
	name := args[0]
	if name == renderD2Command {
		if err := runRenderD2(os.Stdin, stdout); err != nil {
			fmt.Fprintf(stderr, "sitegen %s: %v\n", renderD2Command, err)
			return 1
		}
		return 0
	}
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		printHelp(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		case ctx.Err() != nil && errors.Is(err, context.Canceled):
			fmt.Fprintln(stderr, "sitegen: interrupted")
			return exitInterrupted
		}
		printError(stderr, err)
		return 1
	}
	fmt.Fprintf(stderr, "sitegen: unknown command %q\n\n", name)
	printHelp(stderr)
	return 2
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, "sitegen builds study-note sites that compare things.\n\nUsage:\n  sitegen <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "  help     show help for a command\n\nRun `sitegen help <command>` for a command's flags.\n")
}

// printError prints every problem of a failed build on its own line.
func printError(w io.Writer, err error) {
	var list srcerr.List
	if errors.As(err, &list) && len(list) > 1 {
		fmt.Fprintf(w, "sitegen: %d problems:\n", len(list))
		for _, e := range list {
			fmt.Fprintf(w, "  %s\n", strings.ReplaceAll(e.Error(), "\n", "\n    "))
		}
		return
	}
	fmt.Fprintf(w, "sitegen: %v\n", err)
}

// newFlags makes a FlagSet whose -h prints the command's usage and flags.
func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\nFlags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseSiteFlags is parseFlags for commands that take the site folder:
// `sitegen build DIR` is `sitegen build --src DIR`, and flags may follow
// the folder.
func parseSiteFlags(fs *flag.FlagSet, args []string, src *string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() == 0 {
		return nil
	}
	srcSet := false
	fs.Visit(func(f *flag.Flag) { srcSet = srcSet || f.Name == "src" })
	if srcSet && *src != fs.Arg(0) {
		fmt.Fprintf(fs.Output(), "the site folder is given twice: --src %s and %s\n", *src, fs.Arg(0))
		return errUsage
	}
	*src = fs.Arg(0)
	return parseFlags(fs, fs.Args()[1:])
}

// parseFlags parses args and rejects stray positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}
