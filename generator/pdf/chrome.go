package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNoChrome is wrapped by every FindChrome error, so callers (for
// example browser tests that skip) can tell "no browser" from other failures.
var ErrNoChrome = errors.New("no Chromium found")

// chromeNames are the executables looked up on PATH, in order.
var chromeNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

const installHint = "install it with `apt-get install chromium`, or pass --chrome PATH / set SITEGEN_CHROME"

// FindChrome resolves the browser: the explicit path (from --chrome), then
// $SITEGEN_CHROME, then the PATH names chromium, chromium-browser,
// google-chrome and google-chrome-stable. An explicit path or
// $SITEGEN_CHROME that does not name an executable is an error rather than
// a reason to fall back: the user asked for that browser.
func FindChrome(explicit string) (string, error) {
	if explicit != "" {
		return checkChrome(explicit, "--chrome "+explicit)
	}
	if env := os.Getenv("SITEGEN_CHROME"); env != "" {
		return checkChrome(env, "SITEGEN_CHROME="+env)
	}
	for _, name := range chromeNames {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("%w (tried %s on PATH): %s", ErrNoChrome, strings.Join(chromeNames, ", "), installHint)
}

// checkChrome accepts a path (or a bare name looked up on PATH) only if it
// is an executable regular file.
func checkChrome(path, tried string) (string, error) {
	fail := func(why string) (string, error) {
		return "", fmt.Errorf("%w (tried %s: %s): %s", ErrNoChrome, tried, why, installHint)
	}
	if !strings.ContainsRune(path, os.PathSeparator) {
		found, err := exec.LookPath(path)
		if err != nil {
			return fail("not on PATH")
		}
		path = found
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fail("no such file")
	case err != nil:
		return fail(err.Error())
	case !info.Mode().IsRegular():
		return fail("not a regular file")
	case info.Mode().Perm()&0o111 == 0:
		return fail("not executable")
	}
	return path, nil
}

// Launch starts headless Chromium and returns a chromedp context for its
// first tab. The browser gets a fresh profile in a temporary directory and
// may reach only loopback addresses: every other host fails to resolve and
// every other request goes to a proxy that does not exist.
//
// cancel closes the browser (killing it if it does not close within five
// seconds), kills any process it left, waits for them all to be gone and
// removes the profile. When ctx is cancelled (Ctrl-C), browserCtx is
// cancelled at once and the same cleanup runs in the background; calling
// cancel afterwards waits for it.
func Launch(ctx context.Context, chromePath string) (browserCtx context.Context, cancel func(), err error) {
	dataDir, err := os.MkdirTemp("", "sitegen-chrome-")
	if err != nil {
		return nil, nil, fmt.Errorf("launching Chromium: %w", err)
	}
	// Chromium keeps crash reports and caches under the XDG directories,
	// not in the profile: point them into it, so nothing lands in $HOME.
	// The variable also marks every process of this browser for the kill.
	configHome := "XDG_CONFIG_HOME=" + filepath.Join(dataDir, "config")
	procs := newBrowserProcesses(configHome)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromePath),
		chromedp.UserDataDir(dataDir),
		chromedp.Env(configHome, "XDG_CACHE_HOME="+filepath.Join(dataDir, "cache")),
		chromedp.Flag("headless", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
		// Set explicitly (true or false) so chromedp does not add
		// --no-sandbox on its own whenever it runs as root.
		chromedp.Flag("no-sandbox", needNoSandbox()),
		// Offline except loopback. The resolver rule stops host names,
		// the proxy stops IP literals (loopback bypasses any proxy).
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]"),
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.ModifyCmdFunc(procs.prepare),
	}
	// The browser process lives as long as the context it is started
	// with, and chromedp kills it with SIGKILL when that ends, which
	// leaves Chromium's singleton socket behind in $TMPDIR. So start it
	// detached from ctx and end it in cleanup: closed politely first,
	// killed if that takes too long.
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.WithoutCancel(ctx), opts...)
	tabCtx, tabCancel := chromedp.NewContext(allocCtx)
	var once sync.Once
	cleanup := func() {
		once.Do(func() {
			closeCtx, stop := context.WithTimeout(tabCtx, 5*time.Second)
			chromedp.Cancel(closeCtx)
			stop()
			tabCancel()
			allocCancel() // waits for the browser process to exit
			procs.kill()  // helpers it left behind
			os.RemoveAll(dataDir)
		})
	}
	// What the caller drives is cancelled with ctx at once, so actions in
	// flight return; the browser is then closed in the background.
	browserCtx, cancelBrowserCtx := context.WithCancel(tabCtx)
	stopWatching := context.AfterFunc(ctx, func() {
		cancelBrowserCtx()
		cleanup()
	})
	cancel = func() {
		stopWatching()
		cancelBrowserCtx()
		cleanup()
	}

	// Run with no actions starts the browser and opens the first tab. It
	// must get tabCtx itself: the process is bound to the context of
	// the Run that starts it.
	if err := chromedp.Run(tabCtx); err != nil {
		cancel()
		if ctxErr := ctx.Err(); ctxErr != nil {
			err = ctxErr
		}
		return nil, nil, fmt.Errorf("launching Chromium %s: %w", chromePath, err)
	}
	return browserCtx, cancel, nil
}

// needNoSandbox reports whether Chromium must run without its sandbox:
// it refuses to start sandboxed as root (containers, CI), and some
// container runtimes forbid the namespaces it needs.
func needNoSandbox() bool {
	return os.Geteuid() == 0 || os.Getenv("SITEGEN_CHROME_NO_SANDBOX") == "1"
}
