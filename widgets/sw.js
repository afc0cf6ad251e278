// Service worker, served as <site>/ai45-sw.js. It keeps every page a reader has seen together with the files that
// page references, so that offline the page opens styled, with its pre-rendered numbers, and its widgets go live.
//
// - Pages, and files whose name stays the same from deploy to deploy (search index, sitemaps, icons), are
//   network-first and revalidated: online, a reader always gets the current deploy; offline, the last copy seen.
// - Fingerprinted files never change: Material's `*.<hash>.min.js|css`, our `assets/ai45/ui-<hash>/` (scripts,
//   styles) and the runtime's `assets/pyodide/<version>/` and `assets/ai45/py-<hash>/` (Pyodide, lock file,
//   wheels). They are served cache-first and kept as long as a kept page references them: a page of an older
//   deploy keeps its own scripts and runtime until it is replaced by a newer copy; then whatever no kept page
//   references any more is deleted.
// - The page asks for its files to be kept ({type: "keep", url}, see widgets/js/offline.js), once its engine has
//   loaded, so they are copied from the HTTP cache rather than downloaded twice.
// - Cache names carry the storage layout; caches of any other layout are deleted when this worker activates.

const LAYOUT = 2;
const PAGES = `ai45-pages-v${LAYOUT}`;
const FILES = `ai45-files-v${LAYOUT}`;
const FINGERPRINTED = /\/assets\/(?:pyodide\/[^/]+\/|ai45\/(?:ui|py)-[0-9a-f]{12}\/)|\.[0-9a-f]{8}\.min\.(?:js|css)$/;
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

sw.addEventListener("install", () => { sw.skipWaiting(); });

sw.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith("ai45-") && n !== PAGES && n !== FILES)
      .map((n) => caches.delete(n))))
    .then(() => sw.clients.claim()));
});

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== sw.location.origin || url.pathname === new URL(sw.location.href).pathname) return;
  event.respondWith(FINGERPRINTED.test(url.pathname) ? fingerprinted(request) : networkFirst(request));
});

sw.addEventListener("message", (event) => {
  const url = event.data && event.data.type === "keep" ? new URL(String(event.data.url), sw.location.href) : null;
  if (url && url.origin === sw.location.origin) event.waitUntil(serially(() => keep(pageKey(url), !!event.data.lite)));
});

/** @param {URL} url a page's address without its query (widget state) or fragment */
function pageKey(url) {
  return url.origin + url.pathname;
}

/** Cache-first: a fingerprinted file never changes. @param {Request} request */
async function fingerprinted(request) {
  const files = await caches.open(FILES);
  const hit = await files.match(request.url);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.status === 200) await files.put(request.url, response.clone());
  return response;
}

/** Network-first (revalidated), then the copy last seen. @param {Request} request */
async function networkFirst(request) {
  const url = new URL(request.url);
  const pages = await caches.open(PAGES);
  try {
    const response = await fetch(new Request(request, { cache: "no-cache" }));
    if (response.status === 200 && response.type === "basic") {
      const html = (response.headers.get("content-type") || "").includes("text/html");
      await pages.put(html ? pageKey(url) : url.href, response.clone());
    }
    return response;
  } catch (err) {
    const hit = await pages.match(pageKey(url)) || await pages.match(url.href);
    if (hit) return hit;
    if (request.mode === "navigate") return offlinePage();
    throw err;
  }
}

/**
 * Keep a page (already kept, or fetched now) and every fingerprinted file it references. The engine's memory
 * snapshot (7 MB, only a faster start) comes last, and not at all when the reader asked to save data (`lite`).
 * @param {string} key @param {boolean} lite
 */
async function keep(key, lite) {
  const pages = await caches.open(PAGES);
  let page = await pages.match(key);
  if (!page) {
    const response = await fetch(key).catch(() => null);
    if (!response || response.status !== 200 || !(response.headers.get("content-type") || "").includes("text/html")) return;
    await pages.put(key, response.clone());
    page = response;
  }
  const html = await page.text();
  const files = await caches.open(FILES);
  const snapshot = (/** @type {string} */ url) => url.endsWith(".snap.gz");
  const wanted = [...references(html, key)].sort((a, b) => Number(snapshot(a)) - Number(snapshot(b)));
  for (const url of wanted) {
    if ((lite && snapshot(url)) || await files.match(url)) continue;
    const response = await fetch(url).catch(() => null);
    if (response && response.status === 200) await files.put(url, response);
  }
  // What Material fetches from a page, under names that stay the same: the search index, the sitemap that
  // instant navigation reads, and the one-entry sitemaps of the page's language alternates.
  const urls = companions(html, key);
  for (const url of urls) {
    const response = await fetch(url, { cache: "no-cache" }).catch(() => null);
    if (!response || response.status !== 200) continue;
    if (url.endsWith("/search/search_index.json")) {
      for (const script of searchScripts(await response.clone().json().catch(() => ({})), url)) urls.add(script);
    }
    await pages.put(url, response);
  }
  await prune();
}

/** @param {string} html @param {string} base the page's URL @returns {Set<string>} */
function companions(html, base) {
  /** @type {Set<string>} */ const urls = new Set();
  const material = /<script id="__config" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (material) {
    try {
      const site = new URL(String(JSON.parse(material[1]).base || ".").replace(/\/?$/, "/"), base);
      urls.add(new URL("search/search_index.json", site).href);
      urls.add(new URL("sitemap.xml", site).href);
    } catch { /* ignore */ }
  }
  for (const tag of html.match(/<link\b[^>]*\brel=["']?alternate\b[^>]*>/gi) || []) {
    const href = /\bhref=["']([^"']+)["']/i.exec(tag);
    if (href && /\bhreflang=/i.test(tag)) {
      const url = new URL(href[1].replace(/&amp;/g, "&"), base);
      if (url.origin === sw.location.origin) urls.add(new URL("sitemap.xml", url).href);
    }
  }
  return urls;
}

/**
 * The scripts Material's search worker imports for the index's languages (as its `setupSearchLanguages` does).
 * @param {any} index the search index @param {string} url its address @returns {string[]}
 */
function searchScripts(index, url) {
  const langs = Array.isArray(index?.config?.lang) ? index.config.lang.map(String) : [];
  const lunr = new URL("../assets/javascripts/lunr/", url);
  const scripts = [];
  for (const lang of langs) {
    if (lang === "ja") scripts.push("tinyseg.js");
    if (lang === "hi" || lang === "th") scripts.push("wordcut.js");
    if (lang !== "en") scripts.push(`min/lunr.${lang}.min.js`);
  }
  if (langs.length > 1) scripts.push("min/lunr.multi.min.js");
  if (scripts.length) scripts.unshift("min/lunr.stemmer.support.min.js");
  return scripts.map((s) => new URL(s, lunr).href);
}

/** Delete the fingerprinted files that no kept page references. */
async function prune() {
  const pages = await caches.open(PAGES);
  /** @type {Set<string>} */ const wanted = new Set();
  for (const request of await pages.keys()) {
    const page = await pages.match(request);
    if (page && (page.headers.get("content-type") || "").includes("text/html")) {
      for (const url of references(await page.text(), request.url)) wanted.add(url);
    }
  }
  const files = await caches.open(FILES);
  for (const request of await files.keys()) if (!wanted.has(request.url)) await files.delete(request);
}

/**
 * The fingerprinted same-origin files a page needs: its scripts and stylesheets, Material's search worker, and
 * the files listed in our island (#__ai45: bundle, runtime, lock file, wheels).
 * @param {string} html @param {string} base the page's URL
 * @returns {Set<string>}
 */
function references(html, base) {
  /** @type {Set<string>} */ const urls = new Set();
  const add = (/** @type {string} */ value, /** @type {string} */ from) => {
    try {
      const url = new URL(value.replace(/&amp;/g, "&"), from);
      if (url.origin === sw.location.origin && FINGERPRINTED.test(url.pathname)) urls.add(url.origin + url.pathname);
    } catch { /* not a URL */ }
  };
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/gi) || []) {
    if (/^<link/i.test(tag) && !/\brel=["']?(?:stylesheet|modulepreload|preload)\b/i.test(tag)) continue;
    const attr = /\b(?:src|href)=["']([^"']+)["']/i.exec(tag);
    if (attr) add(attr[1], base);
  }
  const material = /<script id="__config" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (material) {
    try { const search = JSON.parse(material[1]).search; if (search) add(search, base); } catch { /* ignore */ }
  }
  const island = /<script type="application\/json" id="__ai45">([\s\S]*?)<\/script>/.exec(html);
  if (island) {
    try {
      const config = JSON.parse(island[1]);
      const root = new URL(String(config.root).replace(/\/?$/, "/"), base).href;
      for (const path of config.keep || []) add(String(path), root);
    } catch { /* ignore */ }
  }
  return urls;
}

/** @type {Promise<unknown>} */ let queue = Promise.resolve();

/** Run keep/prune jobs one at a time, so one job never prunes what another is adding. @param {() => Promise<void>} job */
function serially(job) {
  const next = queue.then(job, job).catch(() => {});
  queue = next;
  return next;
}

function offlinePage() {
  const body = `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><title>Offline · 离线</title><body style="font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem">
<h1>You are offline</h1><p>This page has not been opened on this device before, so it is not saved. Pages you have
opened before still work: go back, or try again when you are online.</p>
<h1 lang="zh">当前处于离线状态</h1><p lang="zh">此页面尚未在本设备上打开过，因此没有保存。之前打开过的页面仍可离线阅读：请返回，或联网后重试。</p>`;
  return new Response(body, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}
