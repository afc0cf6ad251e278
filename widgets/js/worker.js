// The Python engine, off the main thread: one Pyodide per tab, loaded from this site only (see engine.js for the
// protocol), from the build's memory snapshot when the service worker has kept it (snapshot.js). Each call runs one Python entry point that takes and returns JSON text, so no Python object ever
// crosses to JavaScript. A Python exception becomes an error result; anything else (Pyodide itself failed) is
// reported as "crashed" and this worker closes, so the page starts a new one.

import { startPyodide } from "./snapshot.js";

/** Python entry points by the name the page calls them. */
const ENTRIES = /** @type {const} */ ({
  run: ["ai45widgets", "run"],
  check: ["ai45widgets.exercises", "check"],
  execute: ["ai45widgets.playground", "execute"],
});

/** @type {any} */ let pyodide = null;

// A worker that is closed from inside (or asked to by a debugger) says so first: the page must never keep
// posting to a worker that has gone.
const closeWorker = self.close.bind(self);
self.close = () => { postMessage({ type: "crashed", reason: "the engine was closed" }); closeWorker(); };
/** @type {Map<string, (...args: string[]) => string>} */ const functions = new Map();

/** @param {string} fn */
function entry(fn) {
  let found = functions.get(fn);
  if (!found) {
    const [module, name] = ENTRIES[/** @type {keyof typeof ENTRIES} */ (fn)];
    found = /** @type {(...args: string[]) => string} */ (pyodide.pyimport(module)[name]);
    functions.set(fn, found);
  }
  return found;
}

/** @param {import("./snapshot.js").StartOptions} msg */
async function init(msg) {
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", msg.indexURL).href);
    const started = await startPyodide(loadPyodide, msg);
    pyodide = started.pyodide;
    entry("run");
    postMessage({ type: "ready", how: started.how, fallback: started.fallback });
  } catch (err) {
    postMessage({ type: "failed", reason: message(err) });
  }
}

/** @param {unknown} err */
function message(err) {
  return String((err && /** @type {Error} */ (err).message) || err).slice(0, 200);
}

// Pyodide may leave a second rejected fetch behind when the first one fails; the failure is already
// reported through the "failed" message, so it is handled here rather than surfacing as an uncaught error.
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!pyodide) postMessage({ type: "failed", reason: message(event.reason) });
});

/** An error result, shaped like the entry points' own. @param {string} code @param {string} text */
function failure(code, text) {
  return JSON.stringify({ ok: false, errors: [{ field: "", code, message: text }] });
}

onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "init") init(msg);
  else if (msg.type === "call") {
    let json;
    if (!pyodide || !Object.hasOwn(ENTRIES, msg.fn)) json = failure("internal", "no such entry point, or not ready");
    else {
      try {
        json = entry(msg.fn)(...msg.args);
      } catch (err) {
        if (!(err instanceof pyodide.ffi.PythonError)) {  // Pyodide itself is broken: this worker is done
          postMessage({ type: "crashed", reason: message(err) });
          closeWorker();
          return;
        }
        json = failure("internal", message(err));
      }
    }
    postMessage({ type: "result", id: msg.id, json });
  }
};
