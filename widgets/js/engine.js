// One engine per tab: a Pyodide Web Worker, created the first time a page needs it and kept across Material's
// instant navigation (this module lives as long as the tab's JavaScript context). Pages talk to it only through
// `call`. If the worker dies after it was ready (Python crashed, or a call ran past its time limit and was
// stopped), its pending calls are rejected and a new worker is started at once; nothing is ever posted to a
// dead worker. A worker that keeps dying, or cannot start, leaves the engine "failed" until `start` is called.
//
// Protocol with worker.js (structured-clone messages):
//   → {type: "init", indexURL, lockFileURL, packages, snapshot}
//                                    ← {type: "ready", how: "snapshot" | "normal", fallback} | {type: "failed", reason}
//   → {type: "call", id, fn, args}                       ← {type: "result", id, json} | {type: "crashed", reason}

/** @typedef {{root: string, workerURL: string, indexURL: string, lockFileURL: string, packages: string[],
 *   snapshot: import("./snapshot.js").Snapshot | null}} EngineConfig */
/** @typedef {"idle" | "loading" | "ready" | "failed"} EngineStatus */
/** @typedef {"run" | "check" | "execute"} EngineFunction  run: a widget; check: an exercise; execute: playground code */
/** @typedef {{resolve: (json: string) => void, reject: (err: Error) => void, timer: ReturnType<typeof setTimeout> | undefined}} Pending */
/** @typedef {{worker: Worker, ready: Promise<void>, pending: Map<number, Pending>, alive: boolean, readyAt: number}} Instance */

/** A call that did not complete: `code` is "failed" (no engine), "crashed" or "timeout". */
export class EngineError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** @type {EngineConfig | null} */ let config = null;
/** @type {Instance | null} */ let engine = null;
/** @type {EngineStatus} */ let status = "idle";
let reason = "";
let nextId = 1;
/** @type {number[]} */ const deaths = [];
/** @type {Set<(status: EngineStatus, reason: string) => void>} */ const listeners = new Set();

/** For tests and the benchmark: how many workers this tab has started, how many status listeners are
 * subscribed (pages unsubscribe theirs when they go, so this stays at what the current page needs), and how
 * many calls are waiting for their result. */
export const stats = {
  starts: 0, get listeners() { return listeners.size; }, get pending() { return engine ? engine.pending.size : 0; },
  /** How the last engine started ("snapshot" or "normal"), and why a snapshot was not used when it failed. */
  how: "", fallback: "",
};

/** @param {EngineStatus} s @param {string} [why] */
function setStatus(s, why = "") {
  status = s;
  reason = why;
  for (const fn of [...listeners]) fn(status, reason);
}

/** Be told of every status change (and the current one now); returns the unsubscribe function. */
export function onStatus(/** @type {(status: EngineStatus, reason: string) => void} */ fn) {
  listeners.add(fn);
  fn(status, reason);
  return () => { listeners.delete(fn); };
}

export function engineStatus() {
  return status;
}

/**
 * Start the engine unless it is starting or running; resolves when Python and our packages are loaded.
 * @param {EngineConfig} [cfg] the page's configuration (the first call must give it)
 * @returns {Promise<void>}
 */
export function start(cfg) {
  if (cfg) config = cfg;
  if (engine && status !== "failed") return engine.ready;
  if (!config) return Promise.reject(new EngineError("failed", "engine not configured"));
  return spawn(config).ready;
}

/** @param {EngineConfig} cfg @returns {Instance} */
function spawn(cfg) {
  stats.starts += 1;
  const root = new URL(cfg.root.endsWith("/") ? cfg.root : cfg.root + "/", location.href);
  const worker = new Worker(new URL(cfg.workerURL, root), { type: "module", name: "ai45-engine" });
  /** @type {(value: void) => void} */ let resolveReady = () => {};
  /** @type {(err: Error) => void} */ let rejectReady = () => {};
  /** @type {Instance} */ const instance = {
    worker, pending: new Map(), alive: true, readyAt: 0,
    ready: new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; }),
  };
  instance.ready.catch(() => {});  // failures are reported through onStatus
  engine = instance;
  setStatus("loading");
  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === "ready") {
      instance.readyAt = performance.now();
      stats.how = String(msg.how || "");
      stats.fallback = String(msg.fallback || "");
      setStatus("ready");
      resolveReady();
    } else if (msg.type === "failed") {
      end(instance, "failed", String(msg.reason));
      rejectReady(new EngineError("failed", String(msg.reason)));
    } else if (msg.type === "result") {
      const entry = instance.pending.get(msg.id);
      instance.pending.delete(msg.id);
      if (entry) { clearTimeout(entry.timer); entry.resolve(msg.json); }
    } else if (msg.type === "crashed") end(instance, "crashed", String(msg.reason));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const why = event.message || "the engine stopped";
    if (instance.readyAt) end(instance, "crashed", why);
    else { end(instance, "failed", why); rejectReady(new EngineError("failed", why)); }
  };
  worker.postMessage({ type: "init", indexURL: new URL(cfg.indexURL, root).href,
    lockFileURL: new URL(cfg.lockFileURL, root).href, packages: cfg.packages,
    snapshot: cfg.snapshot ? { ...cfg.snapshot, url: new URL(cfg.snapshot.url, root).href } : null });
  return instance;
}

/**
 * Stop a worker for good: reject what it still owes, then start a new one if it had been working (a worker
 * that could not start, or that died three times in a minute, leaves the engine "failed").
 * @param {Instance} instance @param {"failed" | "crashed" | "timeout"} code @param {string} why
 */
function end(instance, code, why) {
  if (!instance.alive) return;
  instance.alive = false;
  instance.worker.terminate();
  for (const entry of instance.pending.values()) {
    clearTimeout(entry.timer);
    entry.reject(new EngineError(code, why));
  }
  instance.pending.clear();
  if (engine !== instance) return;
  engine = null;
  const now = performance.now();
  deaths.push(now);
  while (deaths.length && now - deaths[0] > 60_000) deaths.shift();
  if (code === "failed" || deaths.length >= 3 || !config) setStatus("failed", why);
  else spawn(config);
}

/** A widget or an exercise computes in milliseconds: one that takes this long means the worker is lost. */
const WATCHDOG_MS = 20_000;

/**
 * Call a Python entry point in the engine (starting it if need be); resolves to the JSON text it returned.
 * A call that runs longer than `timeout` ms (default: a watchdog of 20 s) stops the engine (a new one starts)
 * and rejects with code "timeout". Rejects with an EngineError when there is no working engine.
 * @param {EngineFunction} fn @param {string[]} args @param {{timeout?: number}} [options]
 * @returns {Promise<string>}
 */
export async function call(fn, args, { timeout = WATCHDOG_MS } = {}) {
  for (let attempt = 0; ; attempt++) {
    await start();
    const instance = /** @type {Instance} */ (engine);
    if (!instance.alive || status !== "ready") {  // replaced while we waited
      if (attempt < 3) continue;
      throw new EngineError("failed", reason || "the engine is not available");
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => end(instance, "timeout", `stopped after ${timeout} ms`), timeout);
      instance.pending.set(id, { resolve, reject, timer });
      instance.worker.postMessage({ type: "call", id, fn, args });
    });
  }
}
