// The Python engine, off the main thread: one Pyodide per tab, loaded from this site only.
// Protocol (JSON-safe messages): {type:"init", indexURL, lockFileURL, packages} → {type:"progress", stage}…
// → {type:"ready"} | {type:"failed", reason}; {type:"run", id, name, state, lang} → {type:"result", id, json}.

/** @type {((name: string, state: string, lang: string) => string) | null} */
let run = null;

async function init(/** @type {any} */ msg) {
  try {
    postMessage({ type: "progress", stage: "runtime" });
    const { loadPyodide } = await import(new URL("pyodide.mjs", msg.indexURL).href);
    const pyodide = await loadPyodide({ indexURL: msg.indexURL, lockFileURL: msg.lockFileURL, stdout: () => {}, stderr: () => {} });
    postMessage({ type: "progress", stage: "packages" });
    /** @type {string[]} */ const errors = [];
    await pyodide.loadPackage(msg.packages, { checkIntegrity: true, messageCallback: () => {}, errorCallback: (e) => errors.push(String(e)) });
    if (errors.length) throw new Error(errors.join(" ").replace(/\s+/g, " "));
    const widgets = pyodide.pyimport("ai45widgets");
    const names = widgets.NAMES.toJs();
    run = (name, state, lang) => widgets.run(name, state, lang);
    postMessage({ type: "ready", names });
  } catch (err) {
    postMessage({ type: "failed", reason: String((err && /** @type {Error} */ (err).message) || err).slice(0, 200) });
  }
}

// Pyodide may leave a second rejected fetch behind when the first one fails; the failure is already
// reported through the "failed" message, so it is handled here rather than surfacing as an uncaught error.
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!run) postMessage({ type: "failed", reason: String(event.reason && event.reason.message || event.reason).slice(0, 200) });
});

onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "init") init(msg);
  else if (msg.type === "run") {
    let json;
    try {
      json = run ? run(msg.name, msg.state, msg.lang) : JSON.stringify({ ok: false, errors: [{ field: "", code: "not_ready", message: "engine not ready" }] });
    } catch (err) {
      json = JSON.stringify({ ok: false, errors: [{ field: "", code: "internal", message: String(err).slice(0, 200) }] });
    }
    postMessage({ type: "result", id: msg.id, json });
  }
};
