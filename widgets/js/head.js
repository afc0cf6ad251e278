// Inlined (as a classic script, bundle.py) in the <head> of pages with widgets, right after the page's JSON island:
// it starts the engine's worker while the page is still being parsed; a module script would run only after the
// page's first style and layout. engine.js takes the worker over, with the messages it sent meanwhile.

import { workerStart } from "./start.js";

try {
  const island = document.getElementById("__ai45");
  const cfg = island ? JSON.parse(island.textContent || "{}") : null;
  if (cfg && cfg.engine && typeof Worker === "function") {
    const { url, options, init } = workerStart(cfg);
    const worker = new Worker(url, options);
    /** @type {import("./start.js").EarlyStart} */ const early = { build: cfg.build, worker, events: [] };
    worker.onmessage = (event) => { early.events.push(event); };
    worker.onerror = (event) => { event.preventDefault(); early.events.push(event); };
    worker.postMessage(init);
    /** @type {any} */ (window).__ai45early = early;
  }
} catch { /* engine.js starts the engine as usual */ }
