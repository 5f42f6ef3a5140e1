// Parses every Mermaid diagram in the repository's Markdown with Mermaid's own parser, and checks
// that the top README and every kata README (from katas/manifest.json) show at least one.
// Exits 1 and names file and line for each broken diagram or missing picture.
// Usage (from the repository root): npm --prefix scripts/lint-diagrams ci && node scripts/lint-diagrams/lint.mjs
import { readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";

// Some diagram types sanitise labels with DOMPurify, which needs a DOM; jsdom stands in for the browser.
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Every ```mermaid block of a Markdown text, with the line its source starts on. */
function diagrams(text) {
  const found = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "```mermaid") continue;
    const start = i + 2;
    const body = [];
    for (i++; i < lines.length && lines[i].trim() !== "```"; i++) body.push(lines[i]);
    found.push({ line: start, source: body.join("\n") });
  }
  return found;
}

async function broken(source) {
  try {
    await mermaid.parse(source);
    return null;
  } catch (e) {
    return String(e?.message ?? e).split("\n").slice(0, 3).join(" ");
  }
}

// The parser must still tell a broken diagram from a good one, or this check would pass on anything.
if ((await broken("sequenceDiagram\n    A->>B: hello")) !== null
    || (await broken("sequenceDiagram\n    A-->>>B: (")) === null) {
  console.error("Mermaid's parser no longer tells a broken diagram from a good one: nothing was checked.");
  process.exit(1);
}

const markdown = execFileSync("git", ["ls-files", "-z", "--", "*.md"], { cwd: root, encoding: "utf8" })
  .split("\0").filter((f) => f && !f.includes("node_modules/"));
const manifest = JSON.parse(await readFile(join(root, "katas", "manifest.json"), "utf8"));
const mustShow = new Set(["README.md", ...manifest.katas.map((k) => `katas/src/main/java/${k.id}/README.md`)]);

let problems = 0;
let parsed = 0;
for (const file of markdown) {
  const found = diagrams(await readFile(join(root, file), "utf8"));
  if (found.length === 0 && mustShow.has(file)) {
    problems++;
    console.log(`${file}: no diagram: every kata README and the top README show their idea in a picture`);
  }
  for (const d of found) {
    parsed++;
    const error = await broken(d.source);
    if (error !== null) {
      problems++;
      console.log(`${file}:${d.line}: ${error}`);
    }
  }
  mustShow.delete(file);
}
for (const missing of mustShow) {
  problems++;
  console.log(`${missing}: not found (the manifest names this kata)`);
}
console.log(`${parsed} diagram(s) in ${markdown.length} Markdown file(s) parsed, ${problems} problem(s).`);
process.exit(problems === 0 ? 0 : 1);
