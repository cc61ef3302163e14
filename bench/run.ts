/**
 * The Dateline benchmark (issue 8): `npm run bench`.
 *
 * For each corpus size it generates a deterministic corpus, then measures in child processes:
 * the stock Eleventy 3 yardstick (bench/stock/), Dateline's full build, Dateline's warm
 * rebuild after editing one report, and the same rebuild in `dateline serve` (its long-lived
 * build process, hooks/serve-rebuild.ts); in process: the tagger's throughput and the
 * cross-linking time. Medians of BENCH_RUNS runs. Prints a Markdown table and writes bench/out/latest.json.
 *
 * Environment: BENCH_SIZES (default 1000,4000,10000), BENCH_RUNS (3), BENCH_SEED (1),
 * BENCH_TIMEOUT_S per child (900), BENCH_KEEP=1 keeps the scratch folder, BENCH_SKIP a
 * comma list of parts not to measure (stock, dateline, tagger, crosslink), e.g.
 * BENCH_SKIP=dateline,tagger,crosslink to measure the stock yardstick alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus, writeCorpus, type CorpusFile } from "./generate.ts";
import { crossLinkTiming } from "./hooks/cross-link.ts";
import { serveRebuild } from "./hooks/serve-rebuild.ts";
import type { Metric } from "./hooks/metric.ts";
import { taggerThroughput } from "./hooks/tagger.ts";
import { machine } from "./lib/machine.ts";
import { memoryProbe, runNode, type ChildRun } from "./lib/measure.ts";
import { median, ratio } from "./lib/stats.ts";
import { fmt, markdownTable } from "./lib/table.ts";
import { prepareStockSite, STOCK_BUILD_SCRIPT } from "./stock/prepare.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const DATELINE_BIN = join(REPO, "bin", "dateline.js");
const OUT_FILE = join(REPO, "bench", "out", "latest.json");
/** The edit made before the warm rebuild: a correction appended to the lead paragraph. */
const CORRECTION = "An earlier version of this report gave the wrong number of people affected.";
const TAGGER_BUDGET_MS = 30_000;

interface Series {
  /** Median wall time in seconds over the successful runs, null if none succeeded. */
  seconds: number | null;
  runs: number[];
  /** Median CPU seconds (user + system) over the successful runs. */
  cpuSeconds: number | null;
  /** Highest peak RSS over the runs, MiB. */
  peakMiB: number | null;
  /** HTML files in the output of the last successful run. */
  pages: number | null;
  note: string;
}

interface SizeResult {
  n: number;
  /** 1-minute load average before and after measuring this size: other work skews timings. */
  load: [number, number];
  corpusMB: number;
  stock: Series;
  dateline: Series;
  warm: Series;
  /** The rebuild after one edit in `dateline serve` (its long-lived build process). */
  serve: Metric;
  tagger: Metric;
  crossLink: Metric;
}

const PARTS = ["stock", "dateline", "tagger", "crosslink"] as const;
type Part = (typeof PARTS)[number];

function skipped(): Set<Part> {
  const raw = (process.env.BENCH_SKIP ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = raw.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`BENCH_SKIP: unknown part(s) ${unknown.join(", ")}; known: ${PARTS.join(", ")}`);
  return new Set(raw as Part[]);
}

const SKIPPED = skipped();

function sizes(): number[] {
  const raw = process.env.BENCH_SIZES ?? "1000,4000,10000";
  const list = raw.split(",").map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`BENCH_SIZES must list positive integers, got "${raw}"`);
  return list;
}

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function countHtml(dir: string): number | null {
  if (!existsSync(dir)) return null;
  let count = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) if (entry.isFile() && entry.name.endsWith(".html")) count++;
  return count;
}

function series(runs: ChildRun[], pages: number | null, note: string): Series {
  const good = runs.filter((r) => r.ok);
  const peaks = good.map((r) => r.peakMiB).filter((p): p is number => p !== null);
  return {
    seconds: median(good.map((r) => r.seconds)),
    cpuSeconds: median(good.map((r) => r.cpuSeconds).filter((c): c is number => c !== null)),
    runs: good.map((r) => Math.round(r.seconds * 1000) / 1000),
    peakMiB: peaks.length > 0 ? Math.max(...peaks) : null,
    pages,
    note,
  };
}

function failure(run: ChildRun, what: string): string {
  const reason = run.stderrTail.split("\n").find((line) => line.trim() !== "") ?? "no output";
  return `n/a: ${what} exited ${run.code ?? "by signal"}: ${reason.trim().slice(0, 200)}`;
}

function correct(content: string): string {
  const bodyStart = content.indexOf("\n---\n") + 5;
  return content.slice(0, bodyStart) + content.slice(bodyStart).replace(/^(\n[^\n]+)/, `$1 ${CORRECTION}`);
}

async function measureSize(n: number, seed: number, runs: number, scratch: string, timeoutMs: number): Promise<SizeResult> {
  const loadBefore = round2(loadavg()[0] ?? 0);
  const dir = join(scratch, String(n));
  const contentDir = join(dir, "content");
  const files: CorpusFile[] = generateCorpus(n, seed);
  writeCorpus(files, contentDir);
  const corpusMB = files.reduce((sum, f) => sum + Buffer.byteLength(f.content, "utf8"), 0) / 1e6;
  log(`N=${n}: corpus ${corpusMB.toFixed(2)} MB`);

  const site = prepareStockSite(files, join(dir, "stock"));
  const stockRuns: ChildRun[] = [];
  let stockNote = "";
  if (SKIPPED.has("stock")) stockNote = "n/a: skipped (BENCH_SKIP)";
  for (let r = 0; r < runs && !SKIPPED.has("stock"); r++) {
    rmSync(join(site.cwd, site.output), { recursive: true, force: true });
    const run = await runNode([STOCK_BUILD_SCRIPT, site.input, site.output], { cwd: site.cwd, timeoutMs });
    log(`N=${n}: stock run ${r + 1}: ${run.ok ? `${run.seconds.toFixed(2)} s` : "failed"}`);
    stockRuns.push(run);
    if (!run.ok) {
      stockNote = failure(run, "stock Eleventy");
      break;
    }
  }
  const stock = series(stockRuns, countHtml(join(site.cwd, site.output)), stockNote);

  const output = join(dir, "dateline-site");
  const fullRuns: ChildRun[] = [];
  const warmRuns: ChildRun[] = [];
  let fullNote = "";
  let warmNote = "";
  const edited = files[Math.floor(files.length / 2)];
  const build = () => runNode([DATELINE_BIN, "build", "--content", contentDir, "--output", output], { cwd: REPO, timeoutMs });
  if (SKIPPED.has("dateline")) fullNote = warmNote = "n/a: skipped (BENCH_SKIP)";
  for (let r = 0; r < runs && !SKIPPED.has("dateline"); r++) {
    rmSync(output, { recursive: true, force: true });
    // A full build is a cold one: Dateline's analysis cache sits beside the content folder.
    rmSync(join(dirname(contentDir), ".cache"), { recursive: true, force: true });
    const full = await build();
    log(`N=${n}: dateline full run ${r + 1}: ${full.ok ? `${full.seconds.toFixed(2)} s` : "failed"}`);
    fullRuns.push(full);
    if (!full.ok) {
      fullNote = failure(full, "dateline build");
      warmNote = "n/a: no full build to rebuild from";
      break;
    }
    if (!edited) break;
    const path = join(contentDir, edited.file);
    writeFileSync(path, correct(edited.content));
    try {
      const warm = await build();
      log(`N=${n}: dateline warm run ${r + 1}: ${warm.ok ? `${warm.seconds.toFixed(2)} s` : "failed"}`);
      warmRuns.push(warm);
      if (!warm.ok) {
        warmNote = failure(warm, "dateline rebuild");
        break;
      }
    } finally {
      writeFileSync(path, edited.content);
    }
  }
  const datelinePages = countHtml(output);
  const dateline = series(fullRuns, datelinePages, fullNote);
  const warm = series(warmRuns, datelinePages, warmNote);

  const skip = (unit: string): Metric => ({ value: null, unit, note: "n/a: skipped (BENCH_SKIP)" });
  let serve: Metric = skip("s");
  if (!SKIPPED.has("dateline")) {
    if (!edited || fullRuns.length === 0 || !fullRuns[fullRuns.length - 1]!.ok) serve = { value: null, unit: "s", note: "n/a: no full build to rebuild from" };
    else {
      log(`N=${n}: dateline serve rebuilds`);
      serve = await serveRebuild(contentDir, output, { path: join(contentDir, edited.file), original: edited.content, edited: correct(edited.content) }, runs, timeoutMs);
    }
  }
  log(`N=${n}: tagger throughput`);
  const tagger = SKIPPED.has("tagger") ? skip("MB/s") : await taggerThroughput(files, TAGGER_BUDGET_MS);
  log(`N=${n}: cross-linking`);
  const crossLink = SKIPPED.has("crosslink") ? skip("s") : await crossLinkTiming(contentDir, runs);
  return { n, load: [loadBefore, round2(loadavg()[0] ?? 0)], corpusMB, stock, dateline, warm, serve, tagger, crossLink };
}

interface Target {
  name: string;
  value: number | null;
  limit: string;
  pass: boolean | null;
}

function targets(results: SizeResult[]): Target[] {
  const at = results.find((r) => r.n === 4000) ?? results[results.length - 1];
  const small = results.reduce((a, b) => (b.n < a.n ? b : a));
  const large = results.reduce((a, b) => (b.n > a.n ? b : a));
  const check = (value: number | null, limit: number) => (value === null ? null : value <= limit);
  const out: Target[] = [];
  if (at) {
    const full = ratio(at.dateline.seconds, at.stock.seconds);
    out.push({ name: `full build at N=${at.n}, Dateline / stock Eleventy`, value: full, limit: "≤ 1.0", pass: check(full, 1.0) });
    const warm = ratio(at.warm.seconds, at.stock.seconds);
    out.push({ name: `warm rebuild after one edit at N=${at.n} / stock full build`, value: warm, limit: "≤ 0.3", pass: check(warm, 0.3) });
    const serve = ratio(at.serve.value, at.stock.seconds);
    out.push({ name: `rebuild after one edit in dateline serve at N=${at.n} / stock full build`, value: serve, limit: "≤ 0.3", pass: check(serve, 0.3) });
  }
  if (large.n > small.n) {
    // "10,000 ≤ ~11× the time of 1,000": 10% over linear, scaled to the sizes actually run.
    const limit = 1.1 * (large.n / small.n);
    const scaling = ratio(large.dateline.seconds, small.dateline.seconds);
    out.push({ name: `Dateline t(${large.n}) / t(${small.n})`, value: scaling, limit: `≤ ${limit.toFixed(1)}`, pass: check(scaling, limit) });
    const stockScaling = ratio(large.stock.seconds, small.stock.seconds);
    out.push({ name: `stock Eleventy t(${large.n}) / t(${small.n}) (reference)`, value: stockScaling, limit: "–", pass: null });
  }
  const peaks = results.map((r) => r.dateline.peakMiB).filter((p): p is number => p !== null);
  const peak = peaks.length === results.length && peaks.length > 0 ? Math.max(...peaks) : null;
  out.push({ name: "Dateline peak memory, MiB (largest N)", value: peak, limit: "< 1024", pass: peak === null ? null : peak < 1024 });
  return out;
}

function report(results: SizeResult[], goals: Target[], header: string): string {
  const rows = results.map((r) => [
    r.n.toLocaleString("en-US"),
    fmt(r.corpusMB),
    fmt(r.stock.seconds),
    fmt(r.stock.cpuSeconds),
    fmt(r.stock.peakMiB, 0),
    fmt(r.dateline.seconds),
    fmt(r.dateline.cpuSeconds),
    fmt(r.dateline.peakMiB, 0),
    fmt(ratio(r.dateline.seconds, r.stock.seconds)),
    fmt(r.warm.seconds),
    fmt(ratio(r.warm.seconds, r.stock.seconds)),
    fmt(r.serve.value),
    fmt(ratio(r.serve.value, r.stock.seconds)),
    fmt(r.tagger.value),
    fmt(r.crossLink.value),
  ]);
  const table = markdownTable(
    ["N", "corpus MB", "stock s", "stock CPU s", "stock MiB", "Dateline s", "Dateline CPU s", "Dateline MiB", "Dateline/stock", "warm s", "warm/stock", "serve s", "serve/stock", "tagger MB/s", "cross-link s"],
    rows,
  );
  const goalTable = markdownTable(
    ["target", "measured", "limit", "met"],
    goals.map((g) => [g.name, fmt(g.value), g.limit, g.pass === null ? "n/a" : g.pass ? "yes" : "no"]),
  );
  const notes = results.flatMap((r) =>
    [
      ["stock", r.stock.note],
      ["Dateline", r.dateline.note],
      ["warm", r.warm.note],
      ["serve", r.serve.note],
      ["tagger", r.tagger.note],
      ["cross-link", r.crossLink.note],
    ]
      .filter(([, note]) => note)
      .map(([what, note]) => `- N=${r.n} ${what}: ${note}`),
  );
  return [header, "", table, "", goalTable, "", ...notes, ""].join("\n");
}

async function main(): Promise<void> {
  const list = sizes();
  const runs = positive("BENCH_RUNS", 3);
  const seed = positive("BENCH_SEED", 1);
  const timeoutMs = positive("BENCH_TIMEOUT_S", 900) * 1000;
  const host = machine();
  const scratch = mkdtempSync(join(tmpdir(), "dateline-bench-"));
  log(`sizes ${list.join(", ")}; ${runs} runs; seed ${seed}; scratch ${scratch}`);
  const results: SizeResult[] = [];
  try {
    for (const n of list) results.push(await measureSize(n, seed, runs, scratch, timeoutMs));
  } finally {
    if (process.env.BENCH_KEEP === "1") log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  const goals = targets(results);
  const busiest = Math.max(...results.flatMap((r) => r.load));
  // Only the load before the first size says something of other work: later samples count the
  // bench's own builds, which keep both cores busy (a 1-minute average decays slowly).
  const before = results[0]?.load[0] ?? 0;
  const header = [
    `Machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}.`,
    `Medians of ${runs} runs: wall time of each child process from start to exit (targets use it), and its CPU time; peak memory: ${memoryProbe()}, max over runs; seed ${seed}.`,
    `1-minute load average before the run: ${before.toFixed(2)}; during it, the bench's own builds included: up to ${busiest.toFixed(2)}.` +
      (before > host.cores / 2 ? ` WARNING: the machine was busy with other work when the run started; timings are inflated and noisy.` : ""),
  ].join("\n");
  process.stdout.write(report(results, goals, header));
  mkdirSync(join(REPO, "bench", "out"), { recursive: true });
  const json = { when: new Date().toISOString(), machine: host, runs, seed, memoryProbe: memoryProbe(), results, targets: goals };
  writeFileSync(OUT_FILE, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${OUT_FILE}`);
}

await main();
