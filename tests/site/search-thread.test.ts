import { existsSync, readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeInProcess, buildDigest } from "../../src/digest/build.ts";
import { buildSearchIndex } from "../../src/site/search-index.ts";
import { searchRecords } from "../../src/site/search-records.ts";
import type { DigestContent } from "../../src/digest/types.ts";
import { buildSearchIndexInBackground, startSearchIndex } from "../../src/site/search-thread.ts";
import { siteConfig } from "../../src/site/site-config.ts";
import { treeDifferences } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");

/**
 * Pagefind processes this process started (Linux: read from /proc), running or, with `defunct`,
 * ended but never collected (zombies).
 */
function pagefindChildren(defunct = false): number[] {
  const children: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const [, comm, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat)!;
      const [state, ppid] = rest!.split(" ");
      if (Number(ppid) === process.pid && (state === "Z") === defunct && /pagefind/.test(comm!)) children.push(Number(name));
    } catch {
      // The process ended while being read.
    }
  }
  return children;
}

async function until(condition: () => boolean, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (condition()) return true;
  return condition();
}

describe("the search index on a worker thread", () => {
  it("writes the same bundles as building it in the calling thread", async () => {
    const { digest } = await buildDigest(CONTENT, analyzeInProcess);
    const site = siteConfig(process.env, digest.story);
    const root = await tempDir();
    const here = await buildSearchIndex(path.join(root, "here"), digest, site, { shardSize: 10 });
    const there = await buildSearchIndexInBackground(path.join(root, "there"), digest, site, { shardSize: 10 });
    expect(there).toEqual(here);
    expect(there.shards).toBeGreaterThan(1);
    expect(await treeDifferences(path.join(root, "here"), path.join(root, "there"))).toEqual([]);
  }, 120_000);

  it("can be started before the digest exists and given it later, with a cache, to the same bundles", async () => {
    const job = startSearchIndex();
    const { digest } = await buildDigest(CONTENT, analyzeInProcess);
    const site = siteConfig(process.env, digest.story);
    const root = await tempDir();
    const cacheDir = path.join(root, "cache");
    const options = { shardSize: 10, cacheDir };
    const early = await job.index(path.join(root, "early"), digest, site, options);
    expect(early.reindexed).toBe(early.shards);
    await expect(job.index(path.join(root, "again"), digest, site, options)).rejects.toThrow(/once/);
    await job.cancel(); // once it has indexed, nothing is left to end
    // Everything cached now: the second build indexes nothing and writes the same bytes.
    const cached = await startSearchIndex().index(path.join(root, "cached"), digest, site, options);
    expect(cached).toEqual({ ...early, reindexed: 0 });
    const reference = await buildSearchIndex(path.join(root, "reference"), digest, site, { shardSize: 10 });
    for (const d of ["early", "cached"]) expect(await treeDifferences(path.join(root, d), path.join(root, "reference"))).toEqual([]);
    expect(pagefindChildren()).toEqual([]);
    // Nor a defunct one: `dateline serve` runs a job per rebuild, and each left one behind.
    expect(pagefindChildren(true)).toEqual([]);
  }, 120_000);

  it("can start from the digest's content before its cross-links, index into the cache, and be told the site folder later", async () => {
    const job = startSearchIndex();
    const root = await tempDir();
    const cacheDir = path.join(root, "cache");
    const options = { shardSize: 10, cacheDir };
    let content: DigestContent | undefined;
    const { digest } = await buildDigest(CONTENT, analyzeInProcess, undefined, (given) => {
      // Handed over before the cross-links: the reports' related lists are still empty.
      expect(given.reports.every((r) => r.related.length === 0)).toBe(true);
      content = given;
      job.start(given, siteConfig(process.env, given.story), options);
    });
    expect(content).toBeDefined();
    expect(job.started).toBe(true);
    const site = siteConfig(process.env, digest.story);
    // What the index reads is the same in the content as in the finished digest.
    expect(digest.reports.some((r) => r.related.length > 0)).toBe(true);
    expect(searchRecords(content!, site.language)).toEqual(searchRecords(digest, site.language));
    // The stale shards are indexed into the cache while no site folder is known.
    const done = () => existsSync(cacheDir) && readdirSync(cacheDir).filter((name) => existsSync(path.join(cacheDir, name, "pagefind-entry.json"))).length > 1;
    expect(await until(done, 60_000)).toBe(true);
    const folder = path.join(root, "site");
    const result = await job.placeIn(folder);
    expect(result.reindexed).toBe(result.shards);
    expect(() => job.start(content!, site, options)).toThrow(/once/);
    const reference = await buildSearchIndex(path.join(root, "reference"), digest, site, { shardSize: 10 });
    expect(result).toEqual(reference);
    expect(await treeDifferences(folder, path.join(root, "reference"))).toEqual([]);
    // Without a cache, the bundles wait for the site folder; the same bytes.
    const uncached = startSearchIndex();
    expect(() => uncached.placeIn(path.join(root, "nowhere"))).toThrow(/start/);
    uncached.start(content!, site, { shardSize: 10 });
    expect(await uncached.placeIn(path.join(root, "uncached"))).toEqual(reference);
    expect(await treeDifferences(path.join(root, "uncached"), path.join(root, "reference"))).toEqual([]);
    expect(await until(() => pagefindChildren().length === 0)).toBe(true);
  }, 180_000);

  it("starts Pagefind ahead of the digest, and a cancelled job leaves no Pagefind process behind", async () => {
    const job = startSearchIndex();
    expect(await until(() => pagefindChildren().length > 0)).toBe(true);
    await job.cancel();
    expect(await until(() => pagefindChildren().length === 0)).toBe(true);
    expect(pagefindChildren(true)).toEqual([]);
    const { digest } = await buildDigest(CONTENT, analyzeInProcess);
    await expect(job.index(await tempDir(), digest, siteConfig(process.env, digest.story))).rejects.toThrow(/once/);
  }, 120_000);

  it("says when the thread has its plan: before the index is written, and also when the job ends without one", async () => {
    const { digest } = await buildDigest(CONTENT, analyzeInProcess);
    const site = siteConfig(process.env, digest.story);
    const job = startSearchIndex();
    const dir = await tempDir();
    const entry = path.join(dir, "pagefind", "pagefind-entry.json");
    const indexing = job.index(dir, digest, site, { shardSize: 10 });
    await job.planned();
    // The plan is handed over first; the bundles take Pagefind's round trips after it.
    expect(existsSync(entry)).toBe(false);
    expect((await indexing).reindexed).toBeGreaterThan(1);
    expect(existsSync(entry)).toBe(true);
    // A cancelled job never plans: a caller waiting for the plan is let go all the same.
    const cancelled = startSearchIndex();
    await cancelled.cancel();
    await expect(cancelled.planned()).resolves.toBeUndefined();
  }, 120_000);

  it("rejects with the thread's error when indexing fails", async () => {
    const { digest } = await buildDigest(CONTENT, analyzeInProcess);
    const root = await tempDir();
    // A file where the site folder should be: the bundles cannot be written.
    const blocked = path.join(root, "blocked");
    await writeFile(blocked, "not a folder");
    await expect(buildSearchIndexInBackground(blocked, digest, siteConfig(process.env, digest.story))).rejects.toThrow();
    expect(await until(() => pagefindChildren().length === 0)).toBe(true);
  }, 120_000);
});
