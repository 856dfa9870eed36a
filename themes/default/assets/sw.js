// sitegen offline reading: keeps what the reader visited, so a note opened
// once opens again without a network.
//   pages (HTML) and the search manifest: network first, the copy when offline
//   fingerprinted assets (name.3f2a9c1b.css) and search shards: cache first,
//   since their content never changes under their URL
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
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) cache.put(req, res.clone());
  return res;
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
