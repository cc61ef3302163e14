import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { listFiles, treeDifferences } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");


describe("two builds of the same content", () => {
  it("write byte-identical sites: every page, digest.json, feeds, sitemap and search index", async () => {
    const dir = await tempDir();
    // A private copy, so the first build starts without an analysis cache and the second one uses it.
    const content = path.join(dir, "content");
    await cp(path.join(ROOT, "content"), content, { recursive: true });
    const a = path.join(dir, "a");
    const b = path.join(dir, "b");
    expect((await runCli(["build", "--content", content, "--output", a])).code).toBe(0);
    expect((await runCli(["build", "--content", content, "--output", b])).code).toBe(0);

    const names = await listFiles(a);
    expect(await listFiles(b)).toEqual(names);
    expect(names).toEqual(expect.arrayContaining(["index.html", "digest.json", path.join("timeline", "index.html")]));
    expect(names.filter((n) => n.startsWith(`reports${path.sep}`)).length).toBeGreaterThan(5);
    expect(await treeDifferences(a, b)).toEqual([]);
    // Nothing in the output names the machine it was built on.
    for (const name of names.filter((n) => /\.(html|json|xml|txt)$/.test(n))) {
      const text = await readFile(path.join(a, name), "utf8");
      expect(text.includes(dir) || /\/(?:work|root|home|tmp)\//.test(text), name).toBe(false);
    }
  }, 300_000);
});
