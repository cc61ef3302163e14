import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInProcess, buildDigest } from "../../src/digest/build.ts";
import type { Digest } from "../../src/digest/types.ts";
import { stabilizePagefind } from "../../src/site/pagefind-stable.ts";
import { closePagefind, writeSearchBundles } from "../../src/site/search-bundles.ts";
import { buildSearchIndex, planSearchIndex, shardRecords } from "../../src/site/search-index.ts";
import { searchRecordSource, searchRecords } from "../../src/site/search-records.ts";
import { bundlePath, fingerprint, shardOf, shardsInUse, type SearchRecord } from "../../src/site/search-split.ts";
import { siteConfig, type SiteConfig } from "../../src/site/site-config.ts";
import { treeDifferences } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const SHARDS = { shardSize: 5 }; // the default story's records → several shards

let digest: Digest;
let site: SiteConfig;
let root: string;
beforeAll(async () => {
  digest = (await buildDigest(CONTENT, analyzeInProcess)).digest;
  site = siteConfig({}, digest.story);
  root = await tempDir();
});

describe("records made shard by shard, on demand", () => {
  it("are the records searchRecords makes at once, one by one and shard by shard", () => {
    const all = searchRecords(digest, site.language);
    const source = searchRecordSource(digest, site.language);
    expect(source.urls).toEqual(all.map((r) => r.url));
    expect(source.urls.map((_, i) => source.record(i))).toEqual(all);
    expect(source.pages).toBe(all.filter((r) => r.kind === "html").length);
    expect(source.entries).toBe(all.filter((r) => r.kind === "record").length);

    const sharded = shardRecords(source, SHARDS);
    const { shards, used } = shardsInUse(source.urls, SHARDS);
    expect(sharded.used).toEqual(used);
    expect(used.length).toBeGreaterThan(2);
    const made: SearchRecord[] = [];
    for (const k of used) {
      const records = sharded.records(k);
      // Each shard holds its records in the order searchRecords gives them.
      expect(records).toEqual(all.filter((r) => shardOf(r.url, shards) === k));
      made.push(...records);
    }
    expect(made.map((r) => r.url).sort()).toEqual(all.map((r) => r.url).sort());
  });
});

describe("a shard's fingerprint", () => {
  const a: SearchRecord = { kind: "html", url: "/a/", html: "<p>x</p>" };
  const e: SearchRecord = { kind: "record", url: "/t/#e", title: "T", content: "c", filters: { year: ["2024"] } };

  it("is the same for the same records and changes with any part of any record, their order, or the language", () => {
    const key = fingerprint([a, e], "en");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint([a, e], "en")).toBe(key);
    const variants = [
      fingerprint([e, a], "en"),
      fingerprint([a, e], "fr"),
      fingerprint([a], "en"),
      fingerprint([{ ...a, html: "<p>y</p>" }, e], "en"),
      fingerprint([{ ...a, url: "/b/" }, e], "en"),
      fingerprint([a, { ...e, title: "U" }], "en"),
      fingerprint([a, { ...e, content: "d" }], "en"),
      fingerprint([a, { ...e, filters: { year: ["2023"] } }], "en"),
    ];
    expect(new Set([key, ...variants]).size).toBe(variants.length + 1);
  });

  it("keeps the boundaries between texts: moving text from one field to the next changes it", () => {
    const split1: SearchRecord = { kind: "record", url: "/t/#e", title: "ab", content: "c", filters: {} };
    const split2: SearchRecord = { kind: "record", url: "/t/#e", title: "a", content: "bc", filters: {} };
    expect(fingerprint([split1], "en")).not.toBe(fingerprint([split2], "en"));
  });
});

/** The reference: every record made at once, grouped by shard, each group indexed as it is. */
async function indexAllAtOnce(siteDir: string, records: readonly SearchRecord[], language: string): Promise<void> {
  const { shards, used } = shardsInUse(
    records.map((r) => r.url),
    SHARDS,
  );
  for (const k of used) {
    const { index } = await pagefind.createIndex({ forceLanguage: language });
    for (const r of records.filter((x) => shardOf(x.url, shards) === k)) {
      if (r.kind === "html") await index!.addHTMLFile({ url: r.url, content: r.html });
      else await index!.addCustomRecord({ url: r.url, content: r.content, language, meta: { title: r.title }, filters: r.filters });
    }
    const out = path.join(siteDir, bundlePath(k));
    await index!.writeFiles({ outputPath: out });
    await index!.deleteIndex();
    await stabilizePagefind(out);
  }
  await pagefind.close();
}

describe("the index written shard by shard", () => {
  it("is byte for byte the index of all records indexed at once", async () => {
    await indexAllAtOnce(path.join(root, "reference"), searchRecords(digest, site.language), site.language);
    const result = await buildSearchIndex(path.join(root, "streamed"), digest, site, { ...SHARDS, cacheDir: path.join(root, "cache-a") });
    expect(result.reindexed).toBe(result.shards);
    expect(await treeDifferences(path.join(root, "reference"), path.join(root, "streamed"))).toEqual([]);
  }, 120_000);

  it("asks for each stale shard's records once, in order, one shard ahead of the bundles written, and none from the cache", async () => {
    const cacheDir = path.join(root, "cache-b");
    const source = shardRecords(searchRecordSource(digest, site.language), SHARDS);
    const plan = planSearchIndex(source, site.language, cacheDir);
    expect(plan.stale).toEqual(source.used);
    const keyOf = new Map(plan.shards.map((s) => [s.shard, s.key]));
    const written = (k: number) => existsSync(path.join(cacheDir, keyOf.get(k)!, "pagefind-entry.json"));
    const asked: number[] = [];
    const recordsOf = async (shard: number) => {
      // When the records of the n-th stale shard are asked for, every shard before the one
      // being indexed is written: the writer holds two shards' records at most.
      const n = asked.length;
      expect(plan.stale.slice(0, Math.max(0, n - 1)).every(written)).toBe(true);
      expect(plan.stale.slice(n).some(written)).toBe(false);
      asked.push(shard);
      return source.records(shard);
    };
    try {
      expect(await writeSearchBundles({ dir: path.join(root, "pulled") }, plan, recordsOf, cacheDir)).toEqual({ reindexed: plan.stale.length, kept: [] });
    } finally {
      await closePagefind();
    }
    expect(asked).toEqual(plan.stale);

    // Unchanged: nothing is asked for, every bundle comes from the cache.
    const again = planSearchIndex(source, site.language, cacheDir);
    expect(again.stale).toEqual([]);
    expect(again.shards).toEqual(plan.shards);
    const none = async (): Promise<SearchRecord[]> => {
      throw new Error("no records should be needed");
    };
    expect(await writeSearchBundles({ dir: path.join(root, "cached") }, again, none, cacheDir)).toEqual({ reindexed: 0, kept: [] });
    expect(await treeDifferences(path.join(root, "pulled"), path.join(root, "cached"))).toEqual([]);
  }, 120_000);

  it("stops at a failing shard, leaves no half-written bundle in the cache, and keeps what was whole", async () => {
    const cacheDir = path.join(root, "cache-c");
    const source = shardRecords(searchRecordSource(digest, site.language), SHARDS);
    const plan = planSearchIndex(source, site.language, cacheDir);
    const failAt = plan.stale[1]!;
    const recordsOf = async (shard: number) => {
      if (shard === failAt) throw new Error("the records could not be made");
      return source.records(shard);
    };
    await expect(writeSearchBundles({ dir: path.join(root, "failed") }, plan, recordsOf, cacheDir).finally(closePagefind)).rejects.toThrow(/could not be made/);
    const keyOf = new Map(plan.shards.map((s) => [s.shard, s.key]));
    expect(existsSync(path.join(cacheDir, keyOf.get(plan.stale[0]!)!, "pagefind-entry.json"))).toBe(true);
    expect(existsSync(path.join(cacheDir, keyOf.get(failAt)!))).toBe(false);
    // The next build indexes only what is missing.
    expect(planSearchIndex(source, site.language, cacheDir).stale).toEqual(plan.stale.slice(1));
    await rm(cacheDir, { recursive: true });
  }, 120_000);
});

/** Local modules a module imports at run time (type-only imports are erased), transitively. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gms)) {
    const spec = m[1]!;
    if (spec.startsWith(".")) runtimeImports(path.resolve(path.dirname(file), spec), seen);
    else seen.add(spec);
  }
  for (const m of text.matchAll(/^import\s+"([^"]+)"/gm)) seen.add(m[1]!);
  return seen;
}

describe("the search-index thread's modules", () => {
  it("load no digest module, no Eleventy and no compromise", async () => {
    const worker = path.resolve(import.meta.dirname, "../../src/site/search-worker.ts");
    const loaded = [...runtimeImports(worker)];
    expect(loaded).toContain("pagefind");
    expect(loaded.some((m) => m.endsWith("search-bundles.ts"))).toBe(true);
    expect(loaded.filter((m) => m.includes(`${path.sep}src${path.sep}digest${path.sep}`) || /compromise|eleventy/.test(m))).toEqual([]);
    // The thread module itself loads only its own types statically; what it plans with comes later.
    const thread = [...runtimeImports(path.resolve(import.meta.dirname, "../../src/site/search-thread.ts"))];
    expect(thread.filter((m) => m.includes(`${path.sep}src${path.sep}`) && !m.endsWith("search-thread.ts"))).toEqual([]);
  });
});
