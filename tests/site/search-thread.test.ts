import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeInProcess, buildDigest } from "../../src/digest/build.ts";
import { buildSearchIndex } from "../../src/site/search-index.ts";
import { buildSearchIndexInBackground } from "../../src/site/search-thread.ts";
import { siteConfig } from "../../src/site/site-config.ts";
import { readTree } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");

describe("the search index on a worker thread", () => {
  it("writes the same bundles as building it in the calling thread", async () => {
    const { digest } = await buildDigest(CONTENT, analyzeInProcess);
    const site = siteConfig(process.env, digest.story);
    const root = await tempDir();
    const here = await buildSearchIndex(path.join(root, "here"), digest, site, { shardSize: 10 });
    const there = await buildSearchIndexInBackground(path.join(root, "there"), digest, site, { shardSize: 10 });
    expect(there).toEqual(here);
    expect(there.shards).toBeGreaterThan(1);
    const [a, b] = await Promise.all([readTree(path.join(root, "here")), readTree(path.join(root, "there"))]);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect([...a].filter(([name, bytes]) => !bytes.equals(b.get(name)!))).toEqual([]);
  }, 120_000);

  it("rejects with the thread's error when indexing fails", async () => {
    const { digest } = await buildDigest(CONTENT, analyzeInProcess);
    const root = await tempDir();
    // A file where the site folder should be: the bundles cannot be written.
    const blocked = path.join(root, "blocked");
    await writeFile(blocked, "not a folder");
    await expect(buildSearchIndexInBackground(blocked, digest, siteConfig(process.env, digest.story))).rejects.toThrow();
  }, 120_000);
});
