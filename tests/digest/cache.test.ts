import { cp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { loadStoryIfPresent } from "../../src/content/story.ts";
import { analyzeLoaded } from "../../src/digest/analyze.ts";
import { analyzeInProcess, buildDigest, cachedAnalyzer } from "../../src/digest/build.ts";
import { codeVersion } from "../../src/digest/cache.ts";
import { analyzeParallel } from "../../src/digest/pool.ts";
import { tempDir } from "../helpers/tmp.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");

async function copyContent(): Promise<{ dir: string; content: string; cache: string }> {
  const dir = await tempDir();
  const content = path.join(dir, "content");
  await cp(CONTENT, content, { recursive: true });
  return { dir, content, cache: path.join(dir, ".cache") };
}

describe("the analysis cache", () => {
  it("re-analyzes only what changed: the edited report, or everything when the code or story changes", async () => {
    const { content, cache } = await copyContent();
    const n = (await readdir(content)).filter((f) => f.endsWith(".md")).length;
    const run = async (version = "v1") => {
      let counts = { hits: -1, misses: -1 };
      const result = await buildDigest(content, cachedAnalyzer(content, { cacheDir: cache, version, onCache: (hits, misses) => (counts = { hits, misses }) }));
      return { counts, digest: result.digest };
    };
    const cold = await run();
    expect(cold.counts).toEqual({ hits: 0, misses: n });
    const warm = await run();
    expect(warm.counts).toEqual({ hits: n, misses: 0 });
    expect(warm.digest).toEqual(cold.digest);

    const [first] = (await readdir(content)).filter((f) => f.endsWith(".md")).sort();
    const file = path.join(content, first!);
    await writeFile(file, (await readFile(file, "utf8")).replace(/\n$/, "\n\nA correction was appended on January 11.\n"));
    expect((await run()).counts).toEqual({ hits: n - 1, misses: 1 });
    expect((await run("v2")).counts).toEqual({ hits: 0, misses: n });

    const story = path.join(content, "story.yaml");
    await writeFile(story, (await readFile(story, "utf8")).replace(/^title: .*$/m, "title: Another title"));
    expect((await run("v2")).counts).toEqual({ hits: 0, misses: n });

    await rm(file);
    expect((await run("v2")).counts).toEqual({ hits: n - 1, misses: 0 });
  });

  it("gives the same digest as analyzing without a cache, and survives its deletion", async () => {
    const { content, cache } = await copyContent();
    const plain = await buildDigest(content, analyzeInProcess);
    const cached = await buildDigest(content, cachedAnalyzer(content, { cacheDir: cache, version: "x" }));
    expect(cached.digest).toEqual(plain.digest);
    await rm(cache, { recursive: true });
    const again = await buildDigest(content, cachedAnalyzer(content, { cacheDir: cache, version: "x" }));
    expect(again.digest).toEqual(plain.digest);
  });
});

describe("the code version of the analysis cache", () => {
  it("changes with the analysis code, not with the site's rendering or the command line", async () => {
    const src = path.join(await tempDir(), "src");
    for (const dir of ["digest", "time", "site", "cli"]) {
      await cp(path.join(import.meta.dirname, "../../src", dir === "site" ? "site/site-config.ts" : dir === "cli" ? "cli/main.ts" : `${dir}/types.ts`), path.join(src, dir, "x.ts"), { recursive: true });
    }
    const base = await codeVersion(src);
    await writeFile(path.join(src, "site", "x.ts"), "export const changed = 1;\n");
    await writeFile(path.join(src, "cli", "x.ts"), "export const changed = 2;\n");
    expect(await codeVersion(src)).toBe(base);
    await writeFile(path.join(src, "time", "x.ts"), "export const changed = 3;\n");
    const timeChanged = await codeVersion(src);
    expect(timeChanged).not.toBe(base);
    await writeFile(path.join(src, "digest", "x.ts"), "export const changed = 4;\n");
    expect(await codeVersion(src)).not.toBe(timeChanged);
  });
});

describe("the analysis cache file", () => {
  it("rewrites only the re-analyzed entries and starts afresh from a damaged file", async () => {
    const { content, cache } = await copyContent();
    const run = async () => {
      let counts = { hits: -1, misses: -1 };
      await buildDigest(content, cachedAnalyzer(content, { cacheDir: cache, version: "v1", onCache: (hits, misses) => (counts = { hits, misses }) }));
      return counts;
    };
    await run();
    const cacheFile = (await readdir(cache)).find((f) => f.startsWith("analysis-"));
    const before = await readFile(path.join(cache, cacheFile!));
    const files = (await readdir(content)).filter((f) => f.endsWith(".md")).sort();
    const last = path.join(content, files[files.length - 1]!);
    await writeFile(last, (await readFile(last, "utf8")).replace(/\n$/, "\n\nA correction was appended on January 11.\n"));
    expect(await run()).toEqual({ hits: files.length - 1, misses: 1 });
    const after = await readFile(path.join(cache, cacheFile!));
    // The blobs are in file order after the format line, the header at the end (its length in
    // the last 4 bytes); every blob before the last one's is unchanged.
    const blobsAt = (b: Buffer) => b.indexOf("\n") + 1;
    const headerAt = (b: Buffer) => b.length - 4 - b.readUInt32LE(b.length - 4);
    const header = JSON.parse(after.toString("utf8", headerAt(after), after.length - 4)) as { entries: [string, string, number][] };
    const kept = header.entries.slice(0, -1).reduce((n, [, , length]) => n + length, 0);
    expect(header.entries.map(([file]) => file)).toEqual(files);
    expect(blobsAt(after) + header.entries.reduce((n, [, , length]) => n + length, 0)).toBe(headerAt(after));
    expect(after.subarray(blobsAt(after), blobsAt(after) + kept).equals(before.subarray(blobsAt(before), blobsAt(before) + kept))).toBe(true);
    // …and the last one changed (it was re-analyzed).
    expect(after.subarray(blobsAt(after) + kept, headerAt(after)).equals(before.subarray(blobsAt(before) + kept, headerAt(before)))).toBe(false);

    await writeFile(path.join(cache, cacheFile!), after.subarray(0, after.length - 100));
    expect(await run()).toEqual({ hits: 0, misses: files.length });
    await writeFile(path.join(cache, cacheFile!), "not a cache");
    expect(await run()).toEqual({ hits: 0, misses: files.length });
    expect(await run()).toEqual({ hits: files.length, misses: 0 });
  });
});

describe("the analysis pool", () => {
  it("returns the same analyses, in input order, when worker threads share the work", async () => {
    const { reports } = await loadContent(CONTENT);
    const story = await loadStoryIfPresent(path.join(CONTENT, "story.yaml"));
    const expected = reports.map((r) => analyzeLoaded(r, story));
    let progress = 0;
    const parallel = await analyzeParallel(reports, story, { workers: 1, minReports: 0, batchSize: 2, onProgress: (done) => (progress = done) });
    expect(parallel).toEqual(expected);
    expect(progress).toBe(reports.length);
    // And when the main thread only hands out the batches (large builds: MAIN_THREAD_MAX).
    progress = 0;
    const threadsOnly = await analyzeParallel(reports, story, { mainThread: false, workers: 2, minReports: 0, batchSize: 3, onProgress: (done) => (progress = done) });
    expect(threadsOnly).toEqual(expected);
    expect(progress).toBe(reports.length);
  });
});
