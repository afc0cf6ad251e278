// Makes the Pyodide memory snapshot the engine starts from on repeat visits: Pyodide (the pinned npm build) with
// ai45core and ai45widgets imported, written gzip-compressed with a manifest, after checking that it restores and
// answers exactly as a normal start does. Run by widgets/runtime.py during the build (Node >= 20):
//
//   node scripts/make-snapshot.mjs --pyodide node_modules/pyodide --py build/py-<digest> --out-dir build/py-<digest>
//
// Snapshots are a private Pyodide API (loadPyodide({_makeSnapshot}), makeMemorySnapshot(), loadPyodide({_loadSnapshot})):
// Pyodide is pinned, this script checks every snapshot it makes, and the browser falls back to the normal start
// on any failure (widgets/js/snapshot.js). What it works around, measured on Pyodide 314.0.7:
// - packages loaded with loadPackage leave state the snapshot refuses ("Unexpected hiwire entry", pyodide#6418), so
//   the wheels are checked against the lock file's sha256 and unpacked into site-packages instead;
// - files are not in the snapshot, only memory: every module of our packages is imported before it is taken;
// - Pyodide ignores INITIAL_MEMORY on restore (pyodide#6254): a snapshot larger than the fresh heap could not be
//   restored, so that fails the build;
// - clocks, random bytes and the hash seed are fixed while it is made, so the same inputs give the same bytes.
// Prints one JSON line (the manifest plus timings); exits 1 if the snapshot cannot be made or fails its check.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createHash } from "node:crypto";
import nodeCrypto from "node:crypto";
import { gzipSync, gunzipSync } from "node:zlib";
import { resolve, join } from "node:path";
import { pathToFileURL } from "node:url";

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const flag = (name) => argv.includes(`--${name}`);
const pyodideDir = resolve(opt("pyodide", "node_modules/pyodide")) + "/";
const pyDir = resolve(opt("py", "."));
const outDir = resolve(opt("out-dir", pyDir));
// Packages whose every submodule is imported before the snapshot (files are not in it: a module not imported now
// cannot be imported after a restore). ai45widgets imports every ai45core module the browser uses; the command
// line (ai45core.cli, argparse) stays out.
const walk = ["ai45widgets"];
const deterministic = !flag("no-deterministic");
const now = () => Number(process.hrtime.bigint() / 1000n) / 1000;
const started = now();

// The probe the worker repeats after restoring: same input, same bytes out (sha256), or it falls back.
const PROBE = { name: "plane", state: '{"capability":"1, 2, 4, 8","safety":"1, 1.1, 1.2, 1.3","scale":"log"}', lang: "en" };
const sha256 = (data) => createHash("sha256").update(data).digest("hex");

/** Replace the clocks and the random source for the duration of fn (only while making the snapshot). */
async function reproducibly(fn) {
  if (!deterministic) return fn();
  const saved = [Date.now, performance.now, nodeCrypto.randomFillSync, globalThis.crypto.getRandomValues];
  const epoch = Number(process.env.SOURCE_DATE_EPOCH || 1767225600) * 1000;
  let tick = 0, mono = 0, counter = 0;
  Date.now = () => epoch + tick++;  // moving, because Python's import caches compare directory mtimes
  performance.now = () => (mono += 0.25);  // the monotonic clock: mimalloc seeds its ChaCha state from it
  const fill = (view) => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < bytes.length; i += 32) {
      bytes.set(createHash("sha256").update(`ai45-snapshot-${counter++}`).digest().subarray(0, Math.min(32, bytes.length - i)), i);
    }
    return view;
  };
  nodeCrypto.randomFillSync = fill;
  globalThis.crypto.getRandomValues = fill;
  try {
    return await fn();
  } finally {
    [Date.now, performance.now, nodeCrypto.randomFillSync, globalThis.crypto.getRandomValues] = saved;
  }
}

const { loadPyodide, version: pyodideVersion } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const lockFileURL = join(pyDir, "pyodide-lock.json");
const lock = JSON.parse(readFileSync(lockFileURL, "utf8"));
const names = Object.keys(lock.packages);
/** @type {string[]} */ const errors = [];
const timings = {};

process.on("uncaughtException", (err) => {  // a short message, not Pyodide's whole minified source line
  console.error(`make-snapshot: ${String(err?.message || err).trim().split("\n").slice(-3).join(" | ")}`);
  process.exit(1);
});
const made = await reproducibly(async () => {
  const pyodide = await loadPyodide({
    indexURL: pyodideDir, lockFileURL, _makeSnapshot: true,
    // Under Node, sys.executable and $_ would be this script's path (baked into the snapshot); use the browser's.
    _sysExecutable: "./this.program",
    env: deterministic ? { PYTHONHASHSEED: "0" } : {},
    stdout: () => {}, stderr: (s) => errors.push(s),
  });
  timings.loadPyodide = now() - started;
  {
    pyodide.FS.mkdirTree("/lib/ai45");
    for (const name of names) {
      const file = lock.packages[name].file_name;
      const bytes = readFileSync(join(pyDir, file));
      if (sha256(bytes) !== lock.packages[name].sha256) throw new Error(`${file}: sha256 is not the lock file's`);
      pyodide.FS.writeFile(`/lib/ai45/${file}`, bytes);
    }
    pyodide.globals.set("_wheels", pyodide.toPy(names.map((n) => `/lib/ai45/${lock.packages[n].file_name}`)));
    pyodide.runPython(`
import importlib, sys, zipfile
for _w in _wheels:
    zipfile.ZipFile(_w).extractall(next(p for p in sys.path if p.endswith("site-packages")))
importlib.invalidate_caches()
del _w`);
    pyodide.globals.delete("_wheels");
    for (const name of names) pyodide.FS.unlink(`/lib/ai45/${lock.packages[name].file_name}`);
  }
  if (errors.length) throw new Error("package load: " + errors.join(" "));
  // Import every module of our packages (files written to the virtual file system are NOT in the snapshot: a
  // module not imported now cannot be imported after a restore) and run every widget once, so that standard
  // library modules imported lazily are in memory too (those could still be imported: python_stdlib.zip is
  // mounted again on restore); then collect garbage.
  pyodide.globals.set("_walk", pyodide.toPy(walk));
  timings.modules = pyodide.runPython(`
import gc, importlib, json, pkgutil, sys, ai45widgets
_mods = [m.name for p in map(importlib.import_module, _walk)
         for m in pkgutil.walk_packages(p.__path__, p.__name__ + ".") if not m.name.endswith(".__main__")]
for _m in _mods:
    importlib.import_module(_m)
for _n in ai45widgets.NAMES:
    json.loads(ai45widgets.run(_n, "{}", "en"))
    json.loads(ai45widgets.run(_n, "{}", "zh"))
del _n
gc.collect()
del _walk
sorted(m for m in sys.modules if m.split(".")[0] in ("ai45core", "ai45widgets"))
`).toJs();
  timings.imported = now() - started;
  return { snapshot: pyodide.makeMemorySnapshot(), heapBytes: pyodide._module.HEAP8.length, buildId: pyodide._api.config.BUILD_ID };
});
timings.snapshot = now() - started;
const { snapshot, heapBytes, buildId } = made;
if (!/^[0-9a-f]{64}$/.test(String(buildId))) throw new Error(`unexpected Pyodide build id ${buildId}`);
const gz = gzipSync(snapshot, { level: 6 });
timings.gzip = now() - started;

// Check: restore from the gzip file's bytes as the browser will, and compare the probe with a normal start's.
const restored = await loadPyodide({ indexURL: pyodideDir, _loadSnapshot: gunzipSync(gz), stdout: () => {}, stderr: () => {} });
const initialHeap = restored._module.HEAP8.length;
const probeOut = restored.pyimport("ai45widgets").run(PROBE.name, PROBE.state, PROBE.lang);
timings.restored = now() - started;
const normal = await loadPyodide({ indexURL: pyodideDir, lockFileURL, stdout: () => {}, stderr: () => {} });
await normal.loadPackage(names, { checkIntegrity: true, messageCallback: () => {} });
const normalOut = normal.pyimport("ai45widgets").run(PROBE.name, PROBE.state, PROBE.lang);
timings.checked = now() - started;
const problems = [];
// Pyodide 314.0.7 ignores INITIAL_MEMORY when restoring (pyodide#6254): a snapshot bigger than the fresh heap
// fails in HEAP8.set with "RangeError: offset is out of bounds". Catch that here, not in readers' browsers.
if (heapBytes > initialHeap) problems.push(`heap grew to ${heapBytes} bytes > ${initialHeap}: the snapshot cannot be restored`);
if (probeOut !== normalOut) problems.push("the restored interpreter's probe output differs from a normal start's");

const manifest = {
  file: "ai45.snap.gz", bytes: snapshot.length, gzipBytes: gz.length, sha256: sha256(snapshot), gzipSha256: sha256(gz),
  buildId, pyodide: pyodideVersion,
  wheels: Object.fromEntries(names.map((n) => [lock.packages[n].file_name, lock.packages[n].sha256])),
  probe: { ...PROBE, sha256: sha256(probeOut) }, deterministic,
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "ai45.snap.gz"), gz);
writeFileSync(join(outDir, "ai45.snap.json"), JSON.stringify(manifest, null, 1) + "\n");
console.log(JSON.stringify({ ...manifest, heapBytes, initialHeap, problems,
  modules: timings.modules, ms: Object.fromEntries(Object.entries(timings).filter(([k]) => k !== "modules").map(([k, v]) => [k, Math.round(v)])) }));
process.exit(problems.length ? 1 : 0);
