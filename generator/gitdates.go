package generator

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// gitDates sets each note's ModTime to the time of the last commit that
// changed it, when the site root is in a git work tree: a checkout gives
// every file the same file time, the history does not. One `git log` pass
// reads the whole history of the content root. Notes that differ from
// HEAD, and every note outside a work tree or without git, keep their
// file time.
//
// The repository may be a stranger's, so git runs read-only, with nothing
// the repository configures that starts a program (see gitCommand), and
// never looks at the work tree: whether a note changed since HEAD is
// decided here, by hashing the file as git would and comparing it with
// HEAD's blob, because `git diff`/`git status` against the work tree can
// run core.fsmonitor, clean filters and textconv drivers, and refresh the
// index.
func (b *build) gitDates(ctx context.Context) error {
	if b.cfg.FS != nil || b.cfg.Src == "" {
		return nil // an in-memory site has no history
	}
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	dates := commitDates(ctx, b.cfg.Src, b.pages.Root)
	if len(dates) == 0 {
		return nil
	}
	blobs := headBlobs(ctx, b.cfg.Src, b.pages.Root)
	for _, p := range b.pages.Pages {
		t, ok := dates[p.File]
		if !ok {
			continue
		}
		data, err := fs.ReadFile(b.fsys, p.File)
		if err == nil && sameBlob(data, blobs[p.File]) {
			p.ModTime = t
		}
	}
	return nil
}

// gitTimeout bounds the history read: a repository's config can include
// a file that never ends (a FIFO, /dev/tty), and git would wait on it.
const gitTimeout = 2 * time.Minute

// gitCommand runs git in root, reading, with everything that could start a
// program from the repository's own config turned off. Command-line -c
// settings beat every config file, includes too.
//
//   - core.fsmonitor: a command git runs to list changed files when it
//     reads the index (the attack in issue #12).
//   - core.hooksPath: no hook runs on log or ls-tree; pointed nowhere anyway.
//   - --no-pager, core.pager, GIT_PAGER/PAGER=cat: a pager only starts on a
//     terminal, and git's output here is a pipe; off all the same.
//   - --no-ext-diff, --no-textconv: an external diff (diff.external) and
//     textconv drivers (named by the repository's .gitattributes and
//     config) only run for content diffs, which --name-only never makes;
//     these flags make sure.
//   - log.showSignature=false, --no-show-signature: verifying signatures
//     runs gpg.program (or gpg.ssh.program), which the config names.
//   - protocol.allow=never, credential.helper=, GIT_TERMINAL_PROMPT=0,
//     GIT_NO_LAZY_FETCH=1: a partial clone fetches missing objects on
//     demand, through core.sshCommand, a proxy or a credential helper; no
//     transport is allowed, so nothing is fetched and no helper asked.
//   - GIT_OPTIONAL_LOCKS=0, gc.auto=0, maintenance.auto=false: log and
//     ls-tree write nothing, and no background upkeep starts.
//   - GIT_CONFIG_NOSYSTEM=1 and no inherited GIT_* variables: the settings
//     are the user's global config, the repository's, and these; a GIT_DIR
//     or GIT_INDEX_FILE from a calling hook does not redirect git.
//   - GIT_NO_REPLACE_OBJECTS=1: dates come from the real commits, not from
//     replace refs.
//
// Filter drivers (filter.*.clean/smudge/process) only run when git reads
// or writes the work tree, which these commands never do; include and
// includeIf only read further config files, which the -c settings beat.
func gitCommand(ctx context.Context, root string, args ...string) *exec.Cmd {
	base := []string{
		"--no-pager", "-C", root,
		"-c", "core.fsmonitor=false",
		"-c", "core.hooksPath=" + os.DevNull,
		"-c", "core.pager=cat",
		"-c", "core.quotepath=off",
		"-c", "log.showSignature=false",
		"-c", "protocol.allow=never",
		"-c", "credential.helper=",
		"-c", "gc.auto=0",
		"-c", "maintenance.auto=false",
	}
	cmd := exec.CommandContext(ctx, "git", append(base, args...)...)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(strings.ToUpper(kv), "GIT_") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_OPTIONAL_LOCKS=0",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_NO_LAZY_FETCH=1",
		"GIT_NO_REPLACE_OBJECTS=1",
		"GIT_PAGER=cat",
		"PAGER=cat",
	)
	cmd.WaitDelay = time.Second
	return cmd
}

func gitOutput(ctx context.Context, root string, args ...string) []byte {
	out, err := gitCommand(ctx, root, args...).Output()
	if err != nil {
		return nil
	}
	return out
}

// commitDates maps files under dir (paths relative to root) to the time of
// the last commit that changed them. nil when root is not in a work tree
// or git is missing.
func commitDates(ctx context.Context, root, dir string) map[string]time.Time {
	log := gitOutput(ctx, root, "log", "-z", "--format=%x01%cI", "--name-only", "--relative",
		"--no-renames", "--no-ext-diff", "--no-textconv", "--no-show-signature", "--no-color", "--", dir)
	if log == nil {
		return nil
	}
	dates := map[string]time.Time{}
	var at time.Time
	for _, tok := range bytes.Split(log, []byte{0}) {
		s := strings.TrimLeft(string(tok), "\n")
		switch {
		case strings.HasPrefix(s, "\x01"):
			at, _ = time.Parse(time.RFC3339, s[1:])
		case s != "" && !at.IsZero():
			if _, seen := dates[s]; !seen {
				dates[s] = at
			}
		}
	}
	return dates
}

// headBlobs maps the regular files under dir in HEAD (paths relative to
// root) to their object ids.
func headBlobs(ctx context.Context, root, dir string) map[string]string {
	blobs := map[string]string{}
	for _, line := range bytes.Split(gitOutput(ctx, root, "ls-tree", "-r", "-z", "HEAD", "--", dir), []byte{0}) {
		// <mode> SP <type> SP <object> TAB <path>
		meta, name, ok := strings.Cut(string(line), "\t")
		fields := strings.Fields(meta)
		if ok && len(fields) == 3 && fields[1] == "blob" && strings.HasPrefix(fields[0], "100") {
			blobs[name] = fields[2]
		}
	}
	return blobs
}

// sameBlob reports whether data is the content of the blob id. A checkout
// with core.autocrlf writes CRLF line ends the blob does not have, so the
// file with LF line ends is tried too.
func sameBlob(data []byte, id string) bool {
	if id == "" {
		return false
	}
	if blobID(data, len(id)) == id {
		return true
	}
	return bytes.Contains(data, []byte("\r\n")) && blobID(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), len(id)) == id
}

// blobID hashes data as a git blob: SHA-1 ids have 40 hex digits, SHA-256
// (extensions.objectFormat = sha256) ids 64.
func blobID(data []byte, hexLen int) string {
	var h hash.Hash
	switch hexLen {
	case 2 * sha1.Size:
		h = sha1.New()
	case 2 * sha256.Size:
		h = sha256.New()
	default:
		return ""
	}
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}
