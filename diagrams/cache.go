package diagrams

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
)

// cacheKey addresses a rendering by everything that shapes it.
func cacheKey(src string) string {
	h := sha256.New()
	for _, part := range []string{
		"sitegen-diagrams", RendererVersion, d2Version,
		strconv.FormatInt(lightThemeID, 10), strconv.FormatInt(darkThemeID, 10),
		strconv.FormatInt(padding, 10), src,
	} {
		h.Write([]byte(strconv.Itoa(len(part)) + ":" + part))
	}
	return hex.EncodeToString(h.Sum(nil))
}

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

// load reads a rendering from disk. A missing or unreadable file is a miss:
// the diagram is rendered again and the file rewritten.
func (c *cache) load(key string) (rendering, bool) {
	if c.dir == "" {
		return rendering{}, false
	}
	data, err := os.ReadFile(c.path(key))
	if err != nil {
		return rendering{}, false
	}
	var res rendering
	if json.Unmarshal(data, &res) != nil || res.Light == "" || res.Dark == "" {
		return rendering{}, false
	}
	return res, true
}

// store writes a rendering to disk atomically (temporary file, then rename),
// so parallel builds sharing the directory never read half a file.
func (c *cache) store(key string, res rendering) error {
	if c.dir == "" {
		return nil
	}
	data, err := json.Marshal(res)
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
