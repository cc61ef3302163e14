import { cp, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { ParseCache } from "../../src/digest/parse-cache.ts";
import { tempDir } from "../helpers/tmp.ts";

const BAD = path.resolve(import.meta.dirname, "../fixtures/bad");
const CONTENT = path.resolve(import.meta.dirname, "../../content");

/** Loads `dir` through a parse cache kept in `cacheDir`, as buildDigest does. */
async function cachedLoad(dir: string, cacheDir: string, version = "v1") {
  const memo = await ParseCache.open(cacheDir, dir, version);
  const result = await loadContent(dir, { memo, drafts: true });
  await memo.save();
  return { result, hits: memo.hits, misses: memo.misses };
}

describe("the parse cache", () => {
  it("gives exactly what loading without it gives, every warning and error included, on every build", async () => {
    const root = await tempDir();
    const bad = path.join(root, "bad");
    await cp(BAD, bad, { recursive: true });
    const cache = path.join(root, ".cache");
    const plain = await loadContent(bad, { drafts: true });
    expect(plain.problems.some((p) => p.severity === "warning")).toBe(true);
    const cold = await cachedLoad(bad, cache);
    const warm = await cachedLoad(bad, cache);
    expect(cold.misses).toBeGreaterThan(0);
    expect(warm).toMatchObject({ hits: cold.misses, misses: 0 });
    expect(cold.result).toEqual(plain);
    expect(warm.result).toEqual(plain);
  });

  it("re-parses only edited and added files, forgets deleted ones, and discards a damaged or older file", async () => {
    const root = await tempDir();
    const content = path.join(root, "content");
    await cp(CONTENT, content, { recursive: true });
    const cache = path.join(root, ".cache");
    const files = (await readdir(content)).filter((f) => f.endsWith(".md")).sort();
    const n = files.length;
    await cachedLoad(content, cache);

    const first = path.join(content, files[0]!);
    await writeFile(first, `${await readFile(first, "utf8")}\nA correction was appended.\n`);
    await writeFile(path.join(content, "added.md"), "---\ntitle: Added\ndate: 2024-01-09\nauthor: x\n---\n\nA new report with an unknown key.\n");
    const edited = await cachedLoad(content, cache);
    expect(edited).toMatchObject({ hits: n - 1, misses: 2 });
    expect(edited.result).toEqual(await loadContent(content, { drafts: true }));
    expect(edited.result.problems.filter((p) => p.file === "added.md").map((p) => p.severity)).toEqual(["warning"]);
    expect((await cachedLoad(content, cache)).result).toEqual(edited.result);

    const cacheFile = path.join(cache, (await readdir(cache)).find((f) => f.startsWith("parse-"))!);
    const bytes = await readFile(cacheFile);
    await writeFile(cacheFile, bytes.subarray(0, bytes.length - 50));
    const damaged = await cachedLoad(content, cache);
    expect(damaged).toMatchObject({ hits: 0, misses: n + 1 });
    expect(damaged.result).toEqual(edited.result);
    await writeFile(cacheFile, Buffer.concat([await readFile(cacheFile), Buffer.from("trailing")]));
    expect(await cachedLoad(content, cache)).toMatchObject({ hits: 0, misses: n + 1 });
    await writeFile(cacheFile, "not a cache");
    expect((await cachedLoad(content, cache)).result).toEqual(edited.result);
    expect(await cachedLoad(content, cache, "v2")).toMatchObject({ hits: 0, misses: n + 1 });
  });
});
