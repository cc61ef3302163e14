import { cp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import { BuildSession } from "../../src/digest/session.ts";
import { JsonTexts } from "../../src/site/json-file.ts";
import { renderSite } from "../../src/site/render.ts";
import { runCli } from "../helpers/cli.ts";
import { emptied, treeDifferences } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

/**
 * A rebuild renders only the pages whose model changed and leaves the others where they are in
 * the site (src/site/render-plan.ts, render-manifest.ts, site-commit.ts). Whatever the edit, the
 * result must be byte for byte the site a build from scratch makes.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const EDITED = "2024-01-05-iraq-moves-to-end-coalition-mission.md";
const NEIGHBOUR = "reports/drone-strike-in-baghdad-kills-militia-commander/index.html";

/** Inode of each report page: a page left in place keeps the file of the previous build. */
async function inodes(site: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const slug of await readdir(path.join(site, "reports"))) {
    const file = path.join(site, "reports", slug, "index.html");
    const s = await stat(file).catch(() => null);
    if (s?.isFile()) out.set(slug, s.ino);
  }
  return out;
}

async function build(content: string, output: string): Promise<void> {
  const run = await runCli(["build", "--content", content, "--output", output]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
}

async function setup(): Promise<{ dir: string; content: string; site: string; fresh: () => Promise<string> }> {
  const dir = await tempDir();
  const content = path.join(dir, "content");
  await cp(path.join(ROOT, "content"), content, { recursive: true });
  const site = path.join(dir, "site");
  await build(content, site);
  let n = 0;
  // A build from scratch into a folder no earlier build wrote (so nothing can be carried over).
  const fresh = async () => {
    const out = path.join(dir, `fresh-${++n}`);
    await build(content, out);
    return out;
  };
  return { dir, content, site, fresh };
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(file, "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(file, after);
}

describe("search shards kept in the site", () => {
  /** Inode of each search shard's folder (shard 0's is the bundles' folder itself): a kept shard keeps its folder. */
  async function shardFolders(site: string): Promise<Map<string, number>> {
    const root = path.join(site, "pagefind");
    const out = new Map<string, number>([["0", (await stat(root)).ino]]);
    for (const name of await readdir(root)) if (/^shard-\d+$/.test(name)) out.set(name.slice(6), (await stat(path.join(root, name))).ino);
    return out;
  }
  const same = (a: Map<string, number>, b: Map<string, number>) => [...a].filter(([k, ino]) => b.get(k) === ino).map(([k]) => k);

  it("leaves the unchanged shards where they are, puts the changed ones in, and equals a build from scratch", async () => {
    const previous = process.env.DATELINE_SEARCH_SHARD_SIZE;
    process.env.DATELINE_SEARCH_SHARD_SIZE = "4";
    try {
      const { content, site, fresh } = await setup();
      const first = await shardFolders(site);
      expect(first.size).toBeGreaterThan(4);
      // A sentence without a date: the report's own record changes, in one shard.
      await edit(path.join(content, EDITED), (t) => t.replace("a date still to be set", "a date still to be set, officials said"));
      await build(content, site);
      const second = await shardFolders(site);
      const kept = same(first, second);
      expect(kept.length).toBeGreaterThanOrEqual(first.size - 2);
      expect(kept.length).toBeLessThan(first.size);
      expect(await treeDifferences(site, await fresh())).toEqual([]);
      // A kept shard removed by hand is put back, and one with another bundle in its place (as
      // another build into the same folder would leave it) is not taken for it.
      expect(kept.filter((k) => k !== "0").length).toBeGreaterThanOrEqual(3);
      const [gone, other, replaced] = kept.filter((k) => k !== "0");
      await rm(path.join(site, "pagefind", `shard-${gone}`), { recursive: true });
      await rm(path.join(site, "pagefind", `shard-${replaced}`), { recursive: true });
      await cp(path.join(site, "pagefind", `shard-${other}`), path.join(site, "pagefind", `shard-${replaced}`), { recursive: true });
      await edit(path.join(content, EDITED), (t) => t.replace("officials said", "officials added"));
      await build(content, site);
      expect(await treeDifferences(site, await fresh())).toEqual([]);
      // A setting every page prints: a whole new site, the kept shards linked into it from the old one.
      const url = process.env.DATELINE_URL;
      process.env.DATELINE_URL = "https://news.example.com";
      try {
        const third = await shardFolders(site);
        await edit(path.join(content, EDITED), (t) => t.replace("officials added", "officials said again"));
        await build(content, site);
        expect(same(third, await shardFolders(site))).toEqual([]);
        expect(await treeDifferences(site, await fresh())).toEqual([]);
      } finally {
        if (url === undefined) delete process.env.DATELINE_URL;
        else process.env.DATELINE_URL = url;
      }
    } finally {
      if (previous === undefined) delete process.env.DATELINE_SEARCH_SHARD_SIZE;
      else process.env.DATELINE_SEARCH_SHARD_SIZE = previous;
    }
  }, 240_000);
});

describe("rebuilds in a long-lived build process (dateline serve)", () => {
  it("equal a build from scratch after each edit, with last build's objects and texts reused", async () => {
    const { content, site, fresh } = await setup();
    const session = new BuildSession(content);
    const texts = new JsonTexts();
    const rebuild = async () => renderSite(await session.build(), { contentDir: content, outputDir: site, texts, log: (line) => expect.fail(line) });
    await rebuild();
    await edit(path.join(content, EDITED), (t) => t.replace("a date still to be set", "a date to be set within weeks"));
    expect((await rebuild()).reused).toBeGreaterThan(0);
    expect(await treeDifferences(site, await fresh())).toEqual([]);
    await edit(path.join(content, EDITED), (t) => t.replace(/^title: .*$/m, 'title: "Baghdad sets out to close the coalition mission"'));
    await rebuild();
    expect(await treeDifferences(site, await fresh())).toEqual([]);
    const files = (await readdir(content)).filter((f) => f.endsWith(".md")).sort();
    await rm(path.join(content, files[0]!));
    await rebuild();
    expect(await treeDifferences(site, await fresh())).toEqual([]);
  }, 180_000);
});

describe("a rebuild after an edit", () => {
  it("rewrites the edited report's page, keeps the untouched ones, and equals a build from scratch", async () => {
    const { content, site, fresh } = await setup();
    const before = await inodes(site);
    await edit(path.join(content, EDITED), (t) => t.replace("a date still to be set", "a date to be set within weeks"));
    await build(content, site);
    const after = await inodes(site);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const rewritten = [...after].filter(([slug, ino]) => before.get(slug) !== ino).map(([slug]) => slug);
    expect(rewritten).toContain("iraq-moves-to-end-coalition-mission");
    // Most report pages do not print the edited sentence: they are carried over, not rendered.
    expect(rewritten.length).toBeLessThan(before.size / 2);
    expect(await readFile(path.join(site, "reports/iraq-moves-to-end-coalition-mission/index.html"), "utf8")).toContain("within weeks");
    expect(await treeDifferences(site, await fresh())).toEqual([]);
  }, 120_000);

  it("renders again the pages that print an edited headline elsewhere (pager, related reports)", async () => {
    const { content, site, fresh } = await setup();
    await edit(path.join(content, EDITED), (t) => t.replace(/^title: .*$/m, 'title: "Baghdad sets out to close the coalition mission"'));
    await build(content, site);
    expect(await readFile(path.join(site, NEIGHBOUR), "utf8")).toContain("Baghdad sets out to close the coalition mission");
    expect(await treeDifferences(site, await fresh())).toEqual([]);
  }, 120_000);

  it("adds and removes reports: new pages appear, deleted ones are gone, the rest equals a build from scratch", async () => {
    const { content, site, fresh } = await setup();
    const source = await readFile(path.join(content, EDITED), "utf8");
    await writeFile(
      path.join(content, "2024-01-12-coalition-talks-open.md"),
      source
        .replace(/^title: .*$/m, 'title: "Coalition talks open in Baghdad"')
        .replace(/^date: .*$/m, "date: 2024-01-12")
        .replace(/^slug: .*$/m, "slug: coalition-talks-open"),
    );
    await rm(path.join(content, "2023-11-22-attacks-on-us-troops-reach-66.md"));
    await build(content, site);
    const pages = await inodes(site);
    expect(pages.has("coalition-talks-open")).toBe(true);
    expect(pages.has("attacks-on-us-troops-reach-66")).toBe(false);
    // Its folder goes with its page (the rebuild deletes in place what it no longer makes).
    await expect(stat(path.join(site, "reports", "attacks-on-us-troops-reach-66"))).rejects.toThrow();
    expect(await treeDifferences(site, await fresh())).toEqual([]);
  }, 120_000);

  it("renders a page again when the file in the site was changed by hand", async () => {
    const { site, content } = await setup();
    const page = path.join(site, NEIGHBOUR);
    const good = await readFile(page, "utf8");
    await writeFile(page, good.replace("</main>", "<p>defaced</p></main>"));
    await build(content, site);
    expect(await readFile(page, "utf8")).toBe(good);
  }, 120_000);

  it("renders every page again when a setting every page prints changes", async () => {
    const { content, site, fresh } = await setup();
    const before = await inodes(site);
    const previous = process.env.DATELINE_URL;
    process.env.DATELINE_URL = "https://news.example.com";
    try {
      await build(content, site);
      const after = await inodes(site);
      expect([...after].filter(([slug, ino]) => before.get(slug) === ino)).toEqual([]);
      expect(await readFile(path.join(site, NEIGHBOUR), "utf8")).toContain("https://news.example.com/reports/");
      expect(await treeDifferences(site, await fresh())).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.DATELINE_URL;
      else process.env.DATELINE_URL = previous;
    }
  }, 120_000);

  it("renders everything when the cache folder was deleted", async () => {
    const { dir, content, site } = await setup();
    const before = await inodes(site);
    await rm(path.join(dir, ".cache"), { recursive: true, force: true });
    await build(content, site);
    const after = await inodes(site);
    expect([...after].filter(([slug, ino]) => before.get(slug) === ino)).toEqual([]);
  }, 120_000);

  it("renders a large site in several Eleventy runs, to the same bytes as one run", async () => {
    const { dir, content, fresh } = await setup();
    const out = path.join(dir, "in-runs");
    // Three planned pages per run: the default story's reports, entity and timeline pages take many runs.
    const { pages, reused } = await renderSite(await buildDigest(content), { contentDir: content, outputDir: out, pagesPerRun: 3, log: () => {} });
    expect(reused).toBe(0);
    expect(pages).toBeGreaterThan(20);
    expect(await treeDifferences(out, await fresh())).toEqual([]);
  }, 120_000);

  it("changes the site in place after an edit: same folder, the files no build made left alone", async () => {
    const { dir, content, site, fresh } = await setup();
    const folder = (await stat(site)).ino;
    const marker = path.join(site, "marker-put-there-by-hand.txt");
    await writeFile(marker, "by hand");
    await edit(path.join(content, EDITED), (t) => t.replace("a date still to be set", "a date to be set within weeks"));
    await build(content, site);
    expect((await stat(site)).ino).toBe(folder);
    expect(await readFile(marker, "utf8")).toBe("by hand");
    await rm(marker);
    expect(await treeDifferences(site, await fresh())).toEqual([]);
    // The search bundles it replaced sit in .cache/trash/ until the detached process has deleted them.
    expect(await emptied(path.join(dir, ".cache", "trash"))).toEqual([]);
  }, 120_000);

  it("swaps in a whole new site when it renders everything, and deletes the previous one in a process that outlives the build", async () => {
    const { dir, content, site } = await setup();
    const marker = path.join(site, "marker-of-the-previous-site.txt");
    await writeFile(marker, "old");
    await rm(path.join(dir, ".cache"), { recursive: true, force: true }); // no manifest: everything renders
    await build(content, site);
    await expect(stat(marker)).rejects.toThrow(); // the new site is a new folder
    // The retired site sits in .cache/trash/ until the detached process has deleted it.
    expect(await emptied(path.join(dir, ".cache", "trash"))).toEqual([]);
  }, 120_000);
});
