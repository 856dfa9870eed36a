package diagrams

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
)

// cacheKey addresses a rendering by everything that shapes it, including
// whether it was sanitized.
func cacheKey(src string, unsafeHTML bool) string {
	return digest("sitegen-diagrams", RendererVersion, d2Version,
		strconv.FormatInt(lightThemeID, 10), strconv.FormatInt(darkThemeID, 10),
		strconv.FormatInt(padding, 10), strconv.FormatBool(unsafeHTML), src)
}

// digest hashes parts so that no two lists of parts share a hash.
func digest(parts ...string) string {
	h := sha256.New()
	for _, part := range parts {
		h.Write([]byte(strconv.Itoa(len(part)) + ":" + part))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// entry is one cache file: the rendering with the key it was stored under
// and a checksum of both. A file whose key or checksum does not match
// (renamed, truncated, edited by hand) is a miss. The checksum catches
// corruption, not forgery: anyone who can write the folder can compute
// it, which is why the renderer sanitizes what it loads (see run).
type entry struct {
	Key string `json:"key"`
	Sum string `json:"sum"`
	rendering
}

func (e *entry) checksum() string {
	return digest(e.Key, e.Light, e.Dark, e.Description)
}

// maxEntry bounds what load reads; a rendering is a few hundred kB.
const maxEntry = 64 << 20

// cache keeps renderings in memory and, when dir is set, one JSON file per
// key on disk. The memory map is guarded by the Renderer's mutex.
type cache struct {
	dir string
	mem map[string]rendering
}

func newCache(dir string) cache {
	return cache{dir: dir, mem: make(map[string]rendering)}
}

func (c *cache) memory(key string) (rendering, bool) {
	res, ok := c.mem[key]
	return res, ok
}

func (c *cache) remember(key string, res rendering) {
	c.mem[key] = res
}

func (c *cache) path(key string) string {
	return filepath.Join(c.dir, key+".json")
}

// load reads a rendering from disk. A missing, unreadable or unverified
// file is a miss: the diagram is rendered again and the file rewritten.
// Only regular files are read, so a symlink planted in the cache cannot
// pull another file into a page.
func (c *cache) load(key string) (rendering, bool) {
	if c.dir == "" {
		return rendering{}, false
	}
	fi, err := os.Lstat(c.path(key))
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxEntry {
		return rendering{}, false
	}
	data, err := os.ReadFile(c.path(key))
	if err != nil {
		return rendering{}, false
	}
	var e entry
	if json.Unmarshal(data, &e) != nil || e.Key != key || e.Sum != e.checksum() ||
		e.Light == "" || e.Dark == "" {
		return rendering{}, false
	}
	return e.rendering, true
}

// store writes a rendering to disk atomically (temporary file, then rename),
// so parallel builds sharing the directory never read half a file.
func (c *cache) store(key string, res rendering) error {
	if c.dir == "" {
		return nil
	}
	e := entry{Key: key, rendering: res}
	e.Sum = e.checksum()
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(c.dir, ".tmp-"+key[:16]+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.path(key))
}
