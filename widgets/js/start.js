// Where the engine's worker comes from and what it is first told: one source for the two places that start it,
// the inline script in <head> of a widget page (head.js, as the page is parsed) and engine.js (every other time).

/** @typedef {import("./engine.js").EngineConfig} EngineConfig */

/** The worker's address and its `init` message (see engine.js for the protocol). @param {EngineConfig} cfg */
export function workerStart(cfg) {
  const root = new URL(cfg.root.endsWith("/") ? cfg.root : cfg.root + "/", location.href);
  return {
    url: new URL(cfg.workerURL, root).href,
    options: /** @type {WorkerOptions} */ ({ type: "module", name: "ai45-engine" }),
    init: { type: "init", indexURL: new URL(cfg.indexURL, root).href, lockFileURL: new URL(cfg.lockFileURL, root).href,
      packages: cfg.packages, snapshot: cfg.snapshot ? { ...cfg.snapshot, url: new URL(cfg.snapshot.url, root).href } : null },
  };
}

/**
 * A worker the <head> started, with what it said before engine.js took it over.
 * @typedef {{build: string, worker: Worker, events: (MessageEvent | ErrorEvent)[]}} EarlyStart
 */
