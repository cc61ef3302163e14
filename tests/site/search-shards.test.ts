import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DigestWithThreads } from "../../src/site/search-facets.ts";
import { searchRecordUrls, searchRecords } from "../../src/site/search-records.ts";
import { bundlePath, DEFAULT_SHARD_SIZE, searchBundles, shardCount, shardOf, shardsInUse } from "../../src/site/search-shards.ts";

const urls = Array.from({ length: 4000 }, (_, i) => `/reports/report-${i}/`);

describe("shard assignment", () => {
  it("puts a URL in the same shard whatever else is indexed and in what order", () => {
    const once = urls.map((u) => shardOf(u, 8));
    const again = [...urls].reverse().map((u) => shardOf(u, 8)).reverse();
    expect(again).toEqual(once);
    expect(shardOf("/reports/report-17/", 8)).toBe(once[17]);
    for (const k of once) expect(k >= 0 && k < 8 && Number.isInteger(k)).toBe(true);
    expect(urls.every((u) => shardOf(u, 1) === 0)).toBe(true);
  });

  it("is the first four bytes of the URL's SHA-256, big-endian, modulo the count: the split bundles were made with", () => {
    for (const shards of [2, 5, 8, 16]) {
      for (const u of [...urls.slice(0, 200), "/timeline/2024/10/#e-2024-10-15-opposition-leader", "/threads/été/"]) {
        expect(shardOf(u, shards)).toBe(createHash("sha256").update(u).digest().readUInt32BE(0) % shards);
      }
    }
  });

  it("spreads records evenly over the shards", () => {
    for (const shards of [2, 3, 8]) {
      const sizes = new Array<number>(shards).fill(0);
      for (const u of urls) sizes[shardOf(u, shards)]!++;
      const mean = urls.length / shards;
      for (const size of sizes) expect(Math.abs(size - mean) / mean).toBeLessThan(0.15);
    }
  });

  it("makes one shard for small sites and one per ~1,750 records for big ones", () => {
    expect(shardCount(0)).toBe(1);
    expect(shardCount(25)).toBe(1);
    expect(shardCount(DEFAULT_SHARD_SIZE)).toBe(1);
    expect(shardCount(DEFAULT_SHARD_SIZE + 1)).toBe(2);
    expect(shardCount(12_505)).toBe(8);
    expect(shardCount(25, { shardSize: 5 })).toBe(5);
    expect(() => shardCount(10, { shardSize: 0 })).toThrow(/at least 1/);
  });
});

describe("searchBundles", () => {
  it("lists the primary bundle first, at /pagefind/, and the others inside it", () => {
    expect(bundlePath(0)).toBe("pagefind/");
    expect(bundlePath(2)).toBe("pagefind/shard-2/");
    expect(shardsInUse(urls.slice(0, 25)).used.map(bundlePath)).toEqual(["pagefind/"]);
    const big = [...urls, ...Array.from({ length: 8505 }, (_, i) => `/timeline/#e-${i}`)];
    expect(shardsInUse(big).used.map(bundlePath)).toEqual(["pagefind/", ...Array.from({ length: 7 }, (_, k) => `pagefind/shard-${k + 1}/`)]);
  });

  it("counts the records searchRecords makes, so the page lists the bundles the build writes", () => {
    const d = {
      reports: [{ slug: "a", url: "/reports/a/", title: "A", date: "2024-01-02", datetime: "2024-01-02", summary: "", source: null, tags: [], topics: ["t0"], paragraphs: [], html: "<p>x</p>", file: "a.md", related: [] }],
      events: [{ id: "e-1", date: "2024-01-02", precision: "day", text: "Something happened.", topics: ["t0"], sources: [] }],
      story: { threads: [{ slug: "t0", title: "Talks", description: "d", keywords: [] }, { slug: "t1", title: "Floods", description: "d", keywords: [] }] },
      tallies: [],
      tallyGroups: { tallies: [], conflicts: [] },
      entities: [],
      crossLinks: { reports: {} },
    } as unknown as DigestWithThreads;
    const urls = searchRecords(d, "en").map((r) => r.url);
    expect(urls).toEqual(["/reports/a/", "/threads/t0/", "/threads/t1/", expect.stringMatching(/^\/timeline\/.*#e-1$/)]);
    expect(searchRecordUrls(d)).toEqual(urls);
    // One record per shard asked for: only shards that received a record (and shard 0) get a bundle.
    const { shards, used } = shardsInUse(urls, { shardSize: 1 });
    expect(shards).toBe(4);
    expect(used).toEqual([...new Set([0, ...urls.map((u) => shardOf(u, 4))])].sort());
    expect(searchBundles(d, { shardSize: 1 })).toEqual(used.map(bundlePath));
    expect(shardsInUse([], {})).toEqual({ shards: 1, used: [0] });
  });
});
