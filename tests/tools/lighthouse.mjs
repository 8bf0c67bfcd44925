#!/usr/bin/env node
// Lighthouse (mobile) on pages of a built site, served from this machine the way a static host
// serves it: under the path of site_url, compressed, with 404.html for a missing page.
//
//   node tests/tools/lighthouse.mjs [--site DIR] [--prefix /explainer/] [--min 95] [--performance-min N] [--runs 3] [--settle 90]
//                                   [--out DIR] [PAGE ...]
//
// PAGE is a path under the site ("" is the home page, "briefs/energy-ties/"); by default the home
// page and the first brief it links to. Each page is audited --runs times and each category keeps
// its median score (Lighthouse's own advice against run-to-run variance: the performance score
// moves with the machine's load). Prints the four scores of each page, writes each run's report as
// JSON under --out (default test-artifacts/lighthouse), and exits 1 when a median is under --min,
// 2 when Lighthouse or Chromium cannot run, 3 when a median is under --min and the machine was busy
// (load average at or over its cores) before a run: then the score says more about the machine. Chromium: $CHROME_PATH, else /usr/bin/chromium
// (Debian's), run with --headless=new --no-sandbox. The performance score measures this machine's
// main thread: before each run the script waits (up to --settle seconds, default 90) for the load
// average to fall under the number of cores, and prints the load and Lighthouse's CPU benchmark
// with each run, so a score taken on a busy machine is seen as such.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import os from "node:os";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSED = /^(text\/|application\/(json|xml)|image\/svg)/;

function options(argv) {
  const opts = { site: path.join(REPO, "site"), prefix: null, min: 95, perfMin: null, runs: 3, settle: 90, out: path.join(REPO, "test-artifacts", "lighthouse"), pages: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--site") opts.site = path.resolve(argv[++i]);
    else if (arg === "--prefix") opts.prefix = argv[++i];
    else if (arg === "--min") opts.min = Number(argv[++i]);
    else if (arg === "--performance-min") opts.perfMin = Number(argv[++i]);
    else if (arg === "--runs") opts.runs = Math.max(1, Number(argv[++i]));
    else if (arg === "--settle") opts.settle = Number(argv[++i]);
    else if (arg === "--out") opts.out = path.resolve(argv[++i]);
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: node tests/tools/lighthouse.mjs [--site DIR] [--prefix /explainer/] [--min 95] [--performance-min N] [--runs 3] [--settle 90] [--out DIR] [PAGE ...]");
      process.exit(0);
    } else opts.pages.push(arg.replace(/^\//, ""));
  }
  return opts;
}

async function sitePrefix() {
  // The path of site_url in mkdocs.yml, where the site expects to be served.
  const config = await readFile(path.join(REPO, "mkdocs.yml"), "utf8");
  const match = config.match(/^site_url:\s*(https?:\/\/\S+)/m);  // not `!ENV SITE_URL`: then served at the root
  const prefix = match ? new URL(match[1]).pathname : "/";
  return prefix.endsWith("/") ? prefix : prefix + "/";
}

async function firstBrief(site) {
  const home = await readFile(path.join(site, "index.html"), "utf8");
  const match = home.match(/href="(briefs\/[^"#]+\/)"/);
  if (!match) throw new Error(`no brief linked from ${site}/index.html`);
  return match[1];
}

function serve(site, prefix) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    let status = 200;
    let file = null;
    if (url.pathname.startsWith(prefix)) {
      const relative = decodeURIComponent(url.pathname.slice(prefix.length));
      const candidate = path.join(site, relative, relative === "" || relative.endsWith("/") ? "index.html" : "");
      if (candidate.startsWith(site) && existsSync(candidate) && (await stat(candidate)).isFile()) file = candidate;
    }
    if (!file) {
      status = 404;
      file = path.join(site, "404.html");
    }
    let body = await readFile(file);
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    const headers = { "Content-Type": type, "Cache-Control": "max-age=600" };
    if (COMPRESSED.test(type) && /\bgzip\b/.test(request.headers["accept-encoding"] || "")) {
      body = gzipSync(body);
      headers["Content-Encoding"] = "gzip";
      headers["Vary"] = "Accept-Encoding";
    }
    headers["Content-Length"] = body.length;
    response.writeHead(status, headers);
    response.end(request.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function lighthouse(url, output) {
  const cli = path.join(REPO, "node_modules", "lighthouse", "cli", "index.js");
  const args = [
    cli, url, "--quiet", "--output=json", `--output-path=${output}`, "--form-factor=mobile",
    `--only-categories=${CATEGORIES.join(",")}`,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking",
  ];
  const env = { ...process.env };
  if (!env.CHROME_PATH && existsSync("/usr/bin/chromium")) env.CHROME_PATH = "/usr/bin/chromium";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => { stderr += chunk; });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

async function settle(seconds) {
  // Wait for a quiet machine: the 1-minute load average under the number of cores.
  const deadline = Date.now() + seconds * 1000;
  while (os.loadavg()[0] >= os.cpus().length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return os.loadavg()[0];
}

async function main() {
  const opts = options(process.argv.slice(2));
  if (!existsSync(path.join(REPO, "node_modules", "lighthouse", "cli", "index.js"))) {
    console.error("node_modules/lighthouse is missing: run `npm ci`");
    return 2;
  }
  if (!existsSync(path.join(opts.site, "index.html"))) {
    console.error(`no built site at ${opts.site}`);
    return 2;
  }
  const prefix = opts.prefix || (await sitePrefix());
  const pages = opts.pages.length ? opts.pages : ["", await firstBrief(opts.site)];
  await mkdir(opts.out, { recursive: true });
  const server = await serve(opts.site, prefix);
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  const rows = [];
  let low = false;
  let busy = false;
  try {
    for (const page of pages) {
      const name = page.replace(/\/$/, "").replace(/\//g, "-") || "home";
      const runs = [];
      for (let run = 1; run <= opts.runs; run++) {
        const output = path.join(opts.out, `${name}.${run}.report.json`);
        const load = await settle(opts.settle);
        await lighthouse(base + page, output);
        const report = JSON.parse(await readFile(output, "utf8"));
        if (report.runtimeError) throw new Error(`${page}: ${report.runtimeError.code} ${report.runtimeError.message}`);
        report.explainerLoad = load;
        runs.push(report);
      }
      const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const scores = CATEGORIES.map((id) => median(runs.map((r) => Math.round((r.categories[id]?.score ?? 0) * 100))));
      const all = CATEGORIES.map((id) => runs.map((r) => Math.round((r.categories[id]?.score ?? 0) * 100)));
      const failing = [];
      for (const [n, report] of runs.entries()) {
        for (const id of CATEGORIES) {
          for (const ref of report.categories[id]?.auditRefs || []) {
            const audit = report.audits[ref.id];
            if (ref.weight > 0 && audit.score !== null && audit.score < 0.9) {
              failing.push(`run ${n + 1} ${id}/${ref.id} ${audit.score}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
            }
          }
        }
      }
      const machine = runs.map((r) => `load ${r.explainerLoad.toFixed(1)}, benchmark ${Math.round(r.environment.benchmarkIndex)}`);
      rows.push({ page: "/" + page, scores, all, failing, machine });
      // Performance is a timing on this machine's main thread: a separate floor (--performance-min) lets a test
      // assert the other three categories and report performance as a figure.
      const floors = CATEGORIES.map((c) => (c === "performance" && opts.perfMin !== null ? opts.perfMin : opts.min));
      if (scores.some((score, i) => score < floors[i])) low = true;
      if (runs.some((r) => r.explainerLoad >= os.cpus().length)) busy = true;
    }
  } finally {
    server.close();
  }
  const width = Math.max(6, ...rows.map((row) => row.page.length));
  console.log(["page".padEnd(width), ...CATEGORIES.map((c) => c.padStart(15))].join(" "));
  for (const row of rows) {
    console.log([row.page.padEnd(width), ...row.scores.map((s) => String(s).padStart(15))].join(" "));
    if (row.all[0].length > 1) console.log(`    runs: ${CATEGORIES.map((c, i) => `${c} ${row.all[i].join("/")}`).join(", ")}`);
    console.log(`    machine (${os.cpus().length} cores) before each run: ${row.machine.join("; ")}`);
    for (const audit of row.failing) console.log(`    below 0.9: ${audit}`);
  }
  await writeFile(path.join(opts.out, "scores.json"), JSON.stringify(Object.fromEntries(rows.map((r) => [r.page, Object.fromEntries(CATEGORIES.map((c, i) => [c, r.scores[i]]))])), null, 2) + "\n");
  if (low) console.log(`lighthouse: a median score is under ${opts.min}${busy ? " on a busy machine" : ""}`);
  return low ? (busy ? 3 : 1) : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(`lighthouse: ${error.message}`);
  process.exit(2);
});
