// sitegen offline reading: keeps what the reader visited, so a note opened
// once opens again without a network.
//   pages (HTML) and the search manifest: network first, the copy when offline
//   fingerprinted assets (name.3f2a9c1b.css) and search files: cache first,
//   since their content never changes under their URL
// Page shards of the search index (search/<hash>/d/<k>.bin) are read by
// byte range, and the Cache API cannot store a 206 answer. A Range request
// is answered from the cache when the whole file is there (a server that
// ignores Range sent it whole, and that 200 was kept), sliced into a 206;
// else from the copy of that very range, kept under a key of its own
// (url?sitegen-range=a-b) the first time it came from the network, so the
// snippets a reader has seen show again offline. A shard's ranges are its
// header and the records read, a handful of small entries.
// Nothing is fetched ahead of the reader; only same-origin GETs in scope.
const scope = new URL(self.registration.scope);
const PAGES = "sitegen-pages:" + scope.pathname;
const ASSETS = "sitegen-assets:" + scope.pathname;
const immutable = /\.[0-9a-f]{8}\.[a-z0-9]+$|\/search\/[0-9a-f]+\/[a-z]+\//;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  if (immutable.test(url.pathname)) {
    e.respondWith(cacheFirst(req));
  } else if (req.mode === "navigate" || url.pathname.endsWith("/manifest.bin")) {
    e.respondWith(networkFirst(req));
  }
});

async function cacheFirst(req) {
  const cache = await caches.open(ASSETS);
  // A Range request matches the whole file's entry (the cache keys on the URL).
  const hit = await cache.match(req.url);
  const range = req.headers.get("Range");
  if (hit) return range ? slice(hit, range) : hit;
  const key = range && rangeKey(req.url, range);
  if (key) {
    const part = await cache.match(key);
    if (part) return partial(part);
  }
  const res = await fetch(req);
  if (res.status === 200) cache.put(req.url, res.clone());
  else if (res.status === 206 && key) stored(res.clone()).then((copy) => cache.put(key, copy));
  return res;
}

// rangeKey is the cache key of one span of url ("bytes=a-b"); other forms
// of Range are not kept.
function rangeKey(url, range) {
  const m = /^bytes=(\d+-\d*)$/.exec(range.trim());
  if (!m) return "";
  const u = new URL(url);
  u.searchParams.set("sitegen-range", m[1]);
  return u.href;
}

// stored turns a 206 answer into a 200 the Cache API accepts, keeping its
// Content-Range; partial turns it back.
async function stored(res) {
  return new Response(await res.arrayBuffer(), {
    status: 200,
    headers: {
      "Content-Type": res.headers.get("Content-Type") || "application/octet-stream",
      "X-Sitegen-Content-Range": res.headers.get("Content-Range") || "",
    },
  });
}

async function partial(res) {
  const b = await res.arrayBuffer();
  return new Response(b, {
    status: 206,
    headers: {
      "Content-Type": res.headers.get("Content-Type") || "application/octet-stream",
      "Content-Range": res.headers.get("X-Sitegen-Content-Range") || "",
      "Content-Length": String(b.byteLength),
    },
  });
}

// slice answers a Range request of one span ("bytes=a-b", "bytes=a-") from
// a whole response; any other form gets the whole file, which a client
// must accept from a server too.
async function slice(whole, range) {
  const m = /^bytes=(\d+)-(\d*)$/.exec(range.trim());
  if (!m) return whole;
  const b = new Uint8Array(await whole.arrayBuffer());
  const a = Number(m[1]), z = m[2] === "" ? b.length - 1 : Math.min(Number(m[2]), b.length - 1);
  if (a > z) return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${b.length}` } });
  return new Response(b.slice(a, z + 1), {
    status: 206,
    headers: {
      "Content-Type": whole.headers.get("Content-Type") || "application/octet-stream",
      "Content-Range": `bytes ${a}-${z}/${b.length}`,
      "Content-Length": String(z + 1 - a),
    },
  });
}

async function networkFirst(req) {
  const cache = await caches.open(PAGES);
  try {
    const res = await fetch(req);
    if (res.ok) cache.put(req, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(req, { ignoreSearch: req.mode === "navigate" });
    if (hit) return hit;
    throw err;
  }
}
