// The golden vectors in Pyodide under Node: the same check.py as CPython, then every result compared
// with CPython's (text exactly, numbers to 1e-12 relative) (written by tests/golden/cpython_results.py). Run by `make test-node`
// after `make build` has made the wheels (build/py-*/) — twice: in a Pyodide that loaded the wheels, and in one
// started from the build's memory snapshot (build/py-*/ai45.snap.gz), which must give the same answers.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const builds = readdirSync(join(root, "build")).filter((d) => d.startsWith("py-"))
  .map((d) => join(root, "build", d)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
if (!builds.length) throw new Error("no build/py-*/: run `make build` first");
const wheels = readdirSync(builds[0]).filter((f) => f.endsWith(".whl")).map((f) => join(builds[0], f));

const goldenDir = join(root, "tests", "golden");
const files = Object.fromEntries(readdirSync(goldenDir).filter((f) => f.endsWith(".json"))
  .map((f) => [f, readFileSync(join(goldenDir, f), "utf8")]));
const python = process.env.PYTHON || join(root, ".venv", "bin", "python");
const expected = execFileSync(python, [join(goldenDir, "cpython_results.py")], { cwd: root, encoding: "utf8" });

// Text and structure must be identical; floats may differ in the last bits (WebAssembly's libm is not glibc's).
const same = (a, b) => {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && typeof a === "object") {
    const keys = Object.keys(a);
    return !!b && typeof b === "object" && keys.length === Object.keys(b).length && keys.every((k) => same(a[k], b[k]));
  }
  return a === b;
};
const cpython = JSON.parse(expected);
let failed = 0;
const snapshot = join(builds[0], "ai45.snap.gz");
if (!existsSync(snapshot)) {
  console.log("no build/py-*/ai45.snap.gz: the build made no snapshot");
  failed += 1;
}
for (const how of existsSync(snapshot) ? ["loadPackage", "snapshot"] : ["loadPackage"]) {
  const started = performance.now();
  const options = { stdout: () => {}, stderr: (s) => process.stderr.write(s + "\n") };
  const pyodide = how === "snapshot"
    ? await loadPyodide({ ...options, _loadSnapshot: gunzipSync(readFileSync(snapshot)) })
    : await loadPyodide(options);
  if (how === "loadPackage") await pyodide.loadPackage(wheels, { messageCallback: () => {} });
  pyodide.FS.mkdirTree("/tmp");
  pyodide.FS.writeFile("/tmp/check.py", readFileSync(join(goldenDir, "check.py"), "utf8"));
  pyodide.FS.writeFile("/tmp/results.py", readFileSync(join(goldenDir, "cpython_results.py"), "utf8"));
  pyodide.globals.set("golden_files", pyodide.toPy(files));
  const out = pyodide.runPython(`
import sys, json
sys.path.insert(0, "/tmp")
import check, results
count, problems = check.check_all(golden_files)
json.dumps({"count": count, "problems": problems, "results": results.all_results(golden_files),
            "version": sys.version.split()[0]}, sort_keys=True)
`);
  const { count, problems, results, version } = JSON.parse(out);
  const differ = Object.keys(cpython).filter((k) => !same(cpython[k], results[k]));
  console.log(`Pyodide (Python ${version}, ${how}): ${count} golden cases checked, ${problems.length} mismatches; ` +
    `${Object.keys(results).length} results compared with CPython, ${differ.length} differ ` +
    `(${Math.round(performance.now() - started)} ms)`);
  for (const p of problems) console.log("  mismatch:", p);
  for (const k of differ) console.log("  differs from CPython:", k);
  failed += problems.length + differ.length;
  console.log(`${count + Object.keys(results).length - problems.length - differ.length} passed, ` +
    `${problems.length + differ.length} failed`);
}
process.exit(failed ? 1 : 0);

