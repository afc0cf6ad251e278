// Starting Pyodide from the build's memory snapshot (scripts/make-snapshot.mjs), guarded, with the normal start
// (loadPyodide + loadPackage) as the fallback for anything that goes wrong.
//
// The snapshot is used only when Cache Storage already holds it (the service worker keeps it after a first visit),
// so a first visit never waits for its download. Guards, in order: gzip's own CRC and length, the exact byte count
// of the manifest, Pyodide's magic number and build-id checks, then a probe whose output must hash to the build's.
// On any failure the cached copy is deleted (a bad snapshot is not tried again) and the normal start follows in
// the same worker. Snapshots are a private Pyodide API (`_loadSnapshot`): Pyodide is pinned, and the build checks
// every snapshot it makes.

/** @typedef {{url: string, bytes: number, probe: {name: string, state: string, lang: string, sha256: string}}} Snapshot */
/** @typedef {{indexURL: string, lockFileURL: string, packages: string[], snapshot?: Snapshot | null}} StartOptions */

const quiet = { stdout: () => {}, stderr: () => {} };

/**
 * @param {(options: object) => Promise<any>} loadPyodide
 * @param {StartOptions} msg
 * @returns {Promise<{pyodide: any, how: "snapshot" | "normal", fallback: string}>}
 */
export async function startPyodide(loadPyodide, msg) {
  let fallback = "";
  const snap = msg.snapshot;
  if (snap && typeof DecompressionStream === "function" && self.caches) {
    try {
      const cached = await caches.match(snap.url);
      if (cached) {
        const bytes = readSnapshot(cached, snap);
        bytes.catch(() => {});  // its failure is loadPyodide's
        // A promise: Pyodide awaits it only after it has started fetching the wasm and the standard library.
        const pyodide = await loadPyodide({ indexURL: msg.indexURL, lockFileURL: msg.lockFileURL, _loadSnapshot: bytes, ...quiet });
        const got = await sha256(pyodide.pyimport("ai45widgets").run(snap.probe.name, snap.probe.state, snap.probe.lang));
        if (got !== snap.probe.sha256) throw new Error("the probe's output differs from the build's");
        pyodide.runPython("import random\nrandom.seed()");  // every snapshot starts with the same random state
        return { pyodide, how: "snapshot", fallback };
      }
    } catch (err) {
      fallback = String((err && /** @type {Error} */ (err).message) || err).replace(/\s+/g, " ").slice(0, 200);
      await forget(snap.url);
    }
  }
  const pyodide = await loadPyodide({ indexURL: msg.indexURL, lockFileURL: msg.lockFileURL, ...quiet });
  /** @type {string[]} */ const errors = [];
  await pyodide.loadPackage(msg.packages, { checkIntegrity: true, messageCallback: () => {}, errorCallback: (/** @type {string} */ e) => errors.push(String(e)) });
  if (errors.length) throw new Error(errors.join(" ").replace(/\s+/g, " "));
  return { pyodide, how: "normal", fallback };
}

/** The decompressed snapshot, exactly `snap.bytes` long (gzip checks its own CRC-32 and length). @param {Response} response @param {Snapshot} snap */
async function readSnapshot(response, snap) {
  const gunzip = /** @type {ReadableWritablePair<Uint8Array, Uint8Array>} */ (/** @type {unknown} */ (new DecompressionStream("gzip")));
  const body = /** @type {ReadableStream<Uint8Array>} */ (response.body).pipeThrough(gunzip);
  const out = new Uint8Array(snap.bytes);
  let at = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > out.length) throw new Error(`snapshot: more than the expected ${snap.bytes} bytes`);
    out.set(value, at);
    at += value.length;
  }
  if (at !== out.length) throw new Error(`snapshot: ${at} bytes, expected ${snap.bytes}`);
  return out;
}

/** @param {string} text */
async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** @param {string} url */
async function forget(url) {
  try {
    for (const name of await caches.keys()) await (await caches.open(name)).delete(url);
  } catch { /* no Cache Storage: nothing to forget */ }
}
