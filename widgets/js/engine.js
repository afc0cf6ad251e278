// One engine per tab: the worker is created lazily, the first time a page with a widget is shown, and kept
// across Material's instant navigation (this module's state lives as long as the tab's JavaScript context).

/** @typedef {{indexURL: string, lockFileURL: string, packages: string[], widgets: string[], version: string}} RuntimeConfig */
/** @typedef {"idle" | "loading" | "ready" | "failed"} EngineStatus */

/** @type {Worker | null} */ let worker = null;
/** @type {EngineStatus} */ let status = "idle";
let reason = "";
let nextId = 1;
/** @type {Map<number, (json: string) => void>} */ const pending = new Map();
/** @type {Set<(status: EngineStatus, reason: string) => void>} */ const listeners = new Set();
/** @type {Promise<void> | null} */ let ready = null;

/** Statistics for tests and the benchmark: how many engines were started in this tab. */
export const stats = { starts: 0 };

function setStatus(/** @type {EngineStatus} */ s, why = "") {
  status = s;
  reason = why;
  for (const fn of listeners) fn(status, reason);
}

/** @param {(status: EngineStatus, reason: string) => void} fn */
export function onStatus(fn) {
  listeners.add(fn);
  fn(status, reason);
  return () => listeners.delete(fn);
}

export function engineStatus() {
  return status;
}

/** Start the engine (idempotent); resolves when Python and our packages are loaded. @param {RuntimeConfig & {root: string}} config */
export function start(config) {
  if (ready && status !== "failed") return ready;
  stats.starts += 1;
  const root = new URL(config.root.endsWith("/") ? config.root : config.root + "/", location.href);
  worker = new Worker(new URL("worker.js", import.meta.url), { type: "module", name: "ai45-engine" });
  setStatus("loading");
  ready = new Promise((resolve, reject) => {
    /** @type {Worker} */ (worker).onmessage = (event) => {
      const msg = event.data;
      if (msg.type === "ready") { setStatus("ready"); resolve(); }
      else if (msg.type === "failed") { fail(msg.reason); reject(new Error(msg.reason)); }
      else if (msg.type === "result") { pending.get(msg.id)?.(msg.json); pending.delete(msg.id); }
    };
    /** @type {Worker} */ (worker).onerror = (event) => {
      event.preventDefault();
      const why = event.message || "worker could not start";
      fail(why);
      reject(new Error(why));
    };
  });
  ready.catch(() => {});  // failures are reported through onStatus
  worker.postMessage({
    type: "init",
    indexURL: new URL(config.indexURL, root).href,
    lockFileURL: new URL(config.lockFileURL, root).href,
    packages: config.packages,
  });
  return ready;
}

function fail(/** @type {string} */ why) {
  worker?.terminate();
  worker = null;
  for (const resolve of pending.values()) resolve(JSON.stringify({ ok: false, errors: [{ field: "", code: "engine", message: why }] }));
  pending.clear();
  setStatus("failed", why);
}

/**
 * Run one widget through the Python entry point `ai45widgets.run` (JSON strings both ways).
 * @param {string} name @param {Record<string, string>} state @param {string} lang
 * @returns {Promise<any>}
 */
export async function run(name, state, lang) {
  if (!ready) throw new Error("engine not started");
  await ready;
  const id = nextId++;
  const json = await new Promise((resolve) => {
    pending.set(id, resolve);
    /** @type {Worker} */ (worker).postMessage({ type: "run", id, name, state: JSON.stringify(state), lang });
  });
  return JSON.parse(json);
}
