// The golden vectors in Pyodide under Node: the same check.py as CPython, then every result compared
// with CPython's (text exactly, numbers to 1e-12 relative) (written by tests/golden/cpython_results.py). Run by `make test-node`
// after `make build` has made the wheels (build/py-*/).
import { readFileSync, readdirSync, statSync } from "node:fs";
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

const started = performance.now();
const pyodide = await loadPyodide({ stdout: () => {}, stderr: (s) => process.stderr.write(s + "\n") });
await pyodide.loadPackage(wheels, { messageCallback: () => {} });
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
const cpython = JSON.parse(expected);
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
const differ = Object.keys(cpython).filter((k) => !same(cpython[k], results[k]));
console.log(`Pyodide (Python ${version}): ${count} golden cases checked, ${problems.length} mismatches; ` +
  `${Object.keys(results).length} results compared with CPython, ${differ.length} differ ` +
  `(${Math.round(performance.now() - started)} ms)`);
for (const p of problems) console.log("  mismatch:", p);
for (const k of differ) console.log("  differs from CPython:", k);
const failed = problems.length + differ.length;
console.log(`${count + Object.keys(results).length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
