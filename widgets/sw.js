// Service worker (served as <site>/ai45-sw.js; the build fills in VERSION and RUNTIME).
// - The Python runtime and our wheels are versioned and immutable: precached once, then served from the
//   cache, so a repeat visit downloads nothing for Python (GitHub Pages' HTTP cache lasts 10 minutes).
// - Everything else (pages, scripts, search index) is network-first with the cached copy as a fallback, so
//   readers get updates when online and a classroom with a bad connection keeps the pages it has seen.
// The page registers it only once the engine has loaded: a reader who never opens a widget page never
// downloads the runtime, and the precache then comes from the HTTP cache.

const VERSION = "__AI45_VERSION__";
const RUNTIME = /** @type {string[]} */ (__AI45_RUNTIME__);
const RUNTIME_CACHE = `ai45-runtime-${VERSION}`;
const PAGES_CACHE = "ai45-pages";
const IMMUTABLE = /\/assets\/(pyodide\/[^/]+|ai45\/py-[0-9a-f]+)\/|\.[0-9a-f]{8}\.min\.(js|css)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(RUNTIME_CACHE).then((cache) => cache.addAll(RUNTIME.map((p) => new URL(p, self.registration.scope).href)))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("ai45-runtime-") && k !== RUNTIME_CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (IMMUTABLE.test(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) { const copy = response.clone(); caches.open(RUNTIME_CACHE).then((c) => c.put(request, copy)); }
      return response;
    })));
    return;
  }
  event.respondWith(fetch(request).then((response) => {
    if (response.ok && url.search === "") { const copy = response.clone(); caches.open(PAGES_CACHE).then((c) => c.put(request, copy)); }
    return response;
  }).catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit || Response.error())));
});
