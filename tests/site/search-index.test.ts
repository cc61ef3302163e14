import { statSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInProcess, buildDigest } from "../../src/digest/build.ts";
import type { Digest } from "../../src/digest/types.ts";
import { buildSearchIndex } from "../../src/site/search-index.ts";
import { bundlePath, searchBundles, shardOf } from "../../src/site/search-shards.ts";
import { siteConfig } from "../../src/site/site-config.ts";
import { readTree } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const SHARDS = { shardSize: 5 }; // 25 records of the default story → 5 shards

let digest: Digest;
let root: string;
beforeAll(async () => {
  digest = (await buildDigest(CONTENT, analyzeInProcess)).digest;
  root = await tempDir();
});

/** Every file of a site's search bundles, by path, with its bytes. */
const bundleFiles = (site: string): Promise<Map<string, Buffer>> => readTree(path.join(site, "pagefind"));

/** The bundles (by shard) whose files differ between two sites. */
function changedShards(a: Map<string, Buffer>, b: Map<string, Buffer>, shards: number): number[] {
  const shardOfFile = (file: string) => {
    const m = /^shard-(\d+)\//.exec(file);
    return m ? Number(m[1]) : 0;
  };
  const changed = new Set<number>();
  for (const file of new Set([...a.keys(), ...b.keys()])) {
    if (!a.get(file)?.equals(b.get(file) ?? Buffer.alloc(0)) || !b.has(file)) changed.add(shardOfFile(file));
  }
  expect([...changed].every((k) => k < shards)).toBe(true);
  return [...changed].sort((x, y) => x - y);
}

function editReport(d: Digest, slug: string, text: string): Digest {
  const copy = structuredClone(d);
  const report = copy.reports.find((r) => r.slug === slug)!;
  report.html = report.html.replace("</p>", ` ${text}</p>`);
  return copy;
}

describe("buildSearchIndex from the digest", () => {
  const site = siteConfig({}, null);

  it("writes one bundle for the default story, where the page looks for it", async () => {
    const out = path.join(root, "single");
    const result = await buildSearchIndex(out, digest, siteConfig({}, digest.story));
    expect(result).toMatchObject({ pages: digest.reports.length + 3, entries: digest.events.length, shards: 1, reindexed: 1, kept: [] });
    expect(result.bundles.map((b) => b.shard)).toEqual([0]);
    expect(searchBundles(digest)).toEqual(["pagefind/"]);
    const files = await bundleFiles(out);
    expect(files.has("pagefind-ui.js") && files.has("pagefind-ui.css") && files.has("pagefind-entry.json")).toBe(true);
    expect([...files.keys()].some((f) => f.startsWith("shard-"))).toBe(false);
    expect(JSON.parse(files.get("pagefind-entry.json")!.toString()).languages.en.page_count).toBe(result.pages + result.entries);
  });

  it("reuses unchanged shards from the cache, byte for byte, and re-indexes only the shard of an edited report", async () => {
    const cacheDir = path.join(root, "cache");
    const first = await buildSearchIndex(path.join(root, "a"), digest, site, { ...SHARDS, cacheDir });
    expect(first).toMatchObject({ shards: 5, reindexed: 5 });
    expect(searchBundles(digest, SHARDS)).toEqual(["pagefind/", "pagefind/shard-1/", "pagefind/shard-2/", "pagefind/shard-3/", "pagefind/shard-4/"]);
    const a = await bundleFiles(path.join(root, "a"));
    for (let k = 1; k < 5; k++) expect(a.has(`${bundlePath(k).slice("pagefind/".length)}pagefind-entry.json`)).toBe(true);

    const second = await buildSearchIndex(path.join(root, "b"), digest, site, { ...SHARDS, cacheDir });
    expect(second).toMatchObject({ shards: 5, reindexed: 0 });
    expect(changedShards(a, await bundleFiles(path.join(root, "b")), 5)).toEqual([]);

    // Same output without any cache: the cache never changes what is written.
    await buildSearchIndex(path.join(root, "nocache"), digest, site, SHARDS);
    expect(changedShards(a, await bundleFiles(path.join(root, "nocache")), 5)).toEqual([]);

    const slug = digest.reports[3]!.slug;
    const edited = editReport(digest, slug, "Zanzibarian quokkas were sighted.");
    const third = await buildSearchIndex(path.join(root, "c"), edited, site, { ...SHARDS, cacheDir });
    expect(third).toMatchObject({ shards: 5, reindexed: 1 });
    const c = await bundleFiles(path.join(root, "c"));
    expect(changedShards(a, c, 5)).toEqual([shardOf(digest.reports[3]!.url, 5)]);
    // Entries no build uses any more are pruned: one per shard is left.
    expect((await readdir(cacheDir)).length).toBe(5);

    // Given the site as it is, re-indexed shards link the files its bundles have unchanged (the
    // content-named fragments and index chunks), to the same bytes; the others are written.
    const linkedSite = path.join(root, "e");
    await buildSearchIndex(linkedSite, edited, site, { ...SHARDS, cacheDir: path.join(root, "cache-e"), previousSite: path.join(root, "a") });
    const e = await bundleFiles(linkedSite);
    expect(changedShards(c, e, 5)).toEqual([]);
    const inode = (site: string, file: string) => statSync(path.join(site, "pagefind", file)).ino;
    let linked = 0;
    for (const [file, bytes] of e) {
      const shared = a.get(file)?.equals(bytes) === true && /^(shard-\d+\/)?(fragment|index)\//.test(file);
      expect(a.has(file) && inode(linkedSite, file) === inode(path.join(root, "a"), file), file).toBe(shared);
      if (shared && /fragment\//.test(file)) linked++;
    }
    // Every report's fragment but the edited one's (the story's pages and timeline entries too).
    expect(linked).toBe([...e.keys()].filter((f) => /fragment\//.test(f)).length - 1);
    expect([...e.keys()].some((f) => /fragment\//.test(f) && !a.has(f))).toBe(true); // the edited report's

    // A deleted cache only costs time: everything is indexed again, to the same bytes.
    await rm(cacheDir, { recursive: true });
    const fourth = await buildSearchIndex(path.join(root, "d"), edited, site, { ...SHARDS, cacheDir });
    expect(fourth).toMatchObject({ shards: 5, reindexed: 5 });
    expect(changedShards(c, await bundleFiles(path.join(root, "d")), 5)).toEqual([]);
  });

  it("re-indexes every shard that holds records of a change, and no other", async () => {
    const cacheDir = path.join(root, "cache2");
    await buildSearchIndex(path.join(root, "e"), digest, site, { ...SHARDS, cacheDir });
    const [r1, r2] = [digest.reports[0]!, digest.reports[5]!];
    const edited = editReport(editReport(digest, r1.slug, "Quokkas."), r2.slug, "Wombats.");
    const result = await buildSearchIndex(path.join(root, "f"), edited, site, { ...SHARDS, cacheDir });
    const expected = [...new Set([shardOf(r1.url, 5), shardOf(r2.url, 5)])].sort();
    expect(result.reindexed).toBe(expected.length);
    expect(changedShards(await bundleFiles(path.join(root, "e")), await bundleFiles(path.join(root, "f")), 5)).toEqual(expected);
  });
});
