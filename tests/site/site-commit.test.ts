import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commitInPlace, siteFiles, swapIn } from "../../src/site/site-commit.ts";
import { emptied, listFiles } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

/** Writes `files` (path → text) under `dir`. */
async function fill(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}

const read = (dir: string, file: string) => readFile(path.join(dir, file), "utf8");

describe("siteFiles", () => {
  it("lists a site's files, sorted, without its search bundles", async () => {
    const site = await tempDir();
    await fill(site, { "index.html": "home", "reports/b/index.html": "b", "reports/a/index.html": "a", "pagefind/pagefind.js": "", "pagefind/shard-1/x.pf_index": "" });
    expect(siteFiles(site)).toEqual([path.join("index.html"), path.join("reports", "a", "index.html"), path.join("reports", "b", "index.html")]);
  });
});

describe("commitInPlace", () => {
  it("moves the rebuilt files over the site, leaves the kept ones, deletes what the build no longer makes, and replaces the search bundles", async () => {
    const root = await tempDir();
    const [site, staging, trash] = ["site", "staging", "trash"].map((d) => path.join(root, d)) as [string, string, string];
    await fill(site, {
      "index.html": "old home",
      "reports/kept/index.html": "kept page",
      "reports/edited/index.html": "old edited",
      "reports/deleted/index.html": "deleted report",
      "topics/gone/deep/index.html": "a page two folders down",
      "notes.txt": "put there by hand",
      "pagefind/pagefind-entry.json": "old entry",
      "pagefind/shard-1/old.pf_index": "old shard",
    });
    const previous = ["index.html", "reports/kept/index.html", "reports/edited/index.html", "reports/deleted/index.html", "topics/gone/deep/index.html"].map(path.normalize);
    await fill(staging, {
      "index.html": "new home",
      "reports/edited/index.html": "new edited",
      "reports/added/index.html": "added report",
      "pagefind/pagefind-entry.json": "new entry",
    });
    const kept = (await stat(path.join(site, "reports/kept/index.html"))).ino;

    const files = await commitInPlace(staging, site, previous, [path.normalize("reports/kept/index.html")], trash);

    expect(files).toEqual(["index.html", "reports/added/index.html", "reports/edited/index.html", "reports/kept/index.html"].map(path.normalize));
    expect(await listFiles(site)).toEqual(
      ["index.html", "notes.txt", "pagefind/pagefind-entry.json", "reports/added/index.html", "reports/edited/index.html", "reports/kept/index.html"].map(path.normalize),
    );
    expect(await read(site, "index.html")).toBe("new home");
    expect(await read(site, "reports/edited/index.html")).toBe("new edited");
    expect(await read(site, "pagefind/pagefind-entry.json")).toBe("new entry");
    // Untouched: the same file, not a copy; a file no build made stays.
    expect((await stat(path.join(site, "reports/kept/index.html"))).ino).toBe(kept);
    expect(await read(site, "notes.txt")).toBe("put there by hand");
    // The folders the deleted pages leave empty go with them.
    await expect(stat(path.join(site, "reports/deleted"))).rejects.toThrow();
    await expect(stat(path.join(site, "topics"))).rejects.toThrow();
    await expect(stat(staging)).rejects.toThrow();
    expect(await emptied(trash)).toEqual([]);
  });

  it("keeps the site's search bundles when the rebuild wrote none", async () => {
    const root = await tempDir();
    const [site, staging, trash] = ["site", "staging", "trash"].map((d) => path.join(root, d)) as [string, string, string];
    await fill(site, { "index.html": "old", "pagefind/pagefind-entry.json": "entry" });
    await fill(staging, { "index.html": "new" });
    await commitInPlace(staging, site, ["index.html"], [], trash);
    expect(await read(site, "pagefind/pagefind-entry.json")).toBe("entry");
  });
});

describe("swapIn", () => {
  it("replaces the site with the staging folder and deletes the previous one in the background", async () => {
    const root = await tempDir();
    const [site, staging, trash] = ["site", "staging", "trash"].map((d) => path.join(root, d)) as [string, string, string];
    await fill(site, { "index.html": "old", "notes.txt": "put there by hand" });
    await fill(staging, { "index.html": "new" });
    await swapIn(staging, site, trash);
    expect(await listFiles(site)).toEqual(["index.html"]);
    expect(await read(site, "index.html")).toBe("new");
    await expect(stat(staging)).rejects.toThrow();
    expect(await emptied(trash)).toEqual([]);
  });

  it("puts a first site in place when there was none", async () => {
    const root = await tempDir();
    const [site, staging, trash] = ["site", "staging", "trash"].map((d) => path.join(root, d)) as [string, string, string];
    await fill(staging, { "index.html": "first" });
    await swapIn(staging, site, trash);
    expect(await read(site, "index.html")).toBe("first");
  });
});
