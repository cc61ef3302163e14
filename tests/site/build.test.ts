import { readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { brokenLinks, readPages } from "../helpers/site.ts";
import { seedFiles } from "../helpers/seeds.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PARTIAL = /^\d{4}(-\d{2}(-\d{2})?)?$/;

interface DigestJson {
  reports: Array<{ slug: string; url: string; title: string; date: string; summary: string; paragraphs: Array<{ id: string; text: string }>; topics: string[]; related: Array<{ slug: string; reasons: string[] }> }>;
  events: Array<{ id: string; date: string; text: string; topics: string[]; sources: Array<{ report: string; paragraph: string; url: string }> }>;
  tallies: unknown[];
}

/** The digest.json contract of issue 2, checked field by field against the built pages. */
async function checkDigest(site: string): Promise<DigestJson> {
  const digest = JSON.parse(await readFile(path.join(site, "digest.json"), "utf8")) as DigestJson;
  expect(Object.keys(digest)).toEqual(expect.arrayContaining(["reports", "events", "tallies"]));
  expect(digest.reports.length).toBeGreaterThan(0);
  const pages = await readPages(site);
  for (const r of digest.reports) {
    expect(r.url).toBe(`/reports/${r.slug}/`);
    expect(r.date).toMatch(DAY);
    expect(r.title.length).toBeGreaterThan(0);
    expect(Array.isArray(r.topics) && Array.isArray(r.related)).toBe(true);
    const html = pages.get(r.url);
    expect(html, r.url).toBeDefined();
    r.paragraphs.forEach((p, i) => {
      expect(p.id).toBe(`p${i + 1}`);
      expect(html).toContain(`id="${p.id}"`);
    });
  }
  const slugs = new Set(digest.reports.map((r) => r.slug));
  let previous = "";
  for (const e of digest.events) {
    expect(e.date).toMatch(PARTIAL);
    expect(e.date >= previous, `${e.date} after ${previous}`).toBe(true);
    previous = e.date;
    expect(e.sources.length).toBeGreaterThan(0);
    for (const s of e.sources) {
      expect(slugs.has(s.report)).toBe(true);
      expect(s.url).toBe(`/reports/${s.report}/#${s.paragraph}`);
    }
  }
  return digest;
}

describe("the default site", () => {
  let site: string;
  let stdout: string;
  beforeAll(async () => {
    site = path.join(await tempDir(), "site");
    const result = await runCli(["build", "--content", path.join(ROOT, "content"), "--output", site]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    stdout = result.stdout;
  });

  it("prints a summary of what it built", () => {
    expect(stdout).toMatch(/^Built \d+ reports, \d+ events, \d+ pages in \d+\.\d\d s → /);
  });

  it("has a home page, a page per report, a timeline and digest.json per the contract", async () => {
    const digest = await checkDigest(site);
    const files = await readdir(path.join(ROOT, "content"));
    expect(digest.reports).toHaveLength(files.filter((f) => f.endsWith(".md")).length);
    const pages = await readPages(site);
    expect(pages.has("/")).toBe(true);
    expect(pages.has("/timeline/")).toBe(true);
    expect(digest.events.length).toBeGreaterThan(5);
    const timeline = pages.get("/timeline/")!;
    for (const e of digest.events) expect(timeline).toContain(`<time datetime="${e.date}">`);
  });

  it("resolves every internal link and #fragment", async () => {
    expect(await brokenLinks(site)).toEqual([]);
  });

  it("escapes text from the content in HTML", async () => {
    const home = (await readPages(site)).get("/")!;
    expect(home).not.toMatch(/<script/i);
  });
});

describe("a site built from the two imported seed reports", () => {
  it("has both reports, a timeline citing them, and digest.json per the contract", async () => {
    const dir = await tempDir();
    const content = path.join(dir, "content");
    const seeds = await seedFiles();
    expect((await runCli(["import", ...seeds, "--out", content])).code).toBe(0);
    const site = path.join(dir, "site");
    const built = await runCli(["build", "--content", content, "--output", site]);
    expect(built.code).toBe(0);
    const digest = await checkDigest(site);
    expect(digest.reports.map((r) => r.date).sort()).toEqual(["2024-01-06", "2024-01-10"]);
    const dates = digest.events.map((e) => e.date);
    expect(dates).toEqual(expect.arrayContaining(["2023-12-26", "2024-01-05"]));
    expect(new Set(digest.events.flatMap((e) => e.sources.map((s) => s.report))).size).toBe(2);
    expect(await brokenLinks(site)).toEqual([]);
  });
});

describe("a build with content errors", () => {
  it("writes nothing and leaves the previous site exactly as it was", async () => {
    const dir = await tempDir();
    const content = path.join(dir, "content");
    await mkdir(content);
    await writeFile(path.join(content, "a.md"), `---\ntitle: A\ndate: 2024-01-02\n---\n\nOn January 1 it began.\n`);
    const site = path.join(dir, "site");
    expect((await runCli(["build", "--content", content, "--output", site])).code).toBe(0);
    const before = await readFile(path.join(site, "index.html"), "utf8");
    await writeFile(path.join(content, "b.md"), `---\ntitle: B\ndate: 2024-02-31\n---\n\nText.\n`);
    await writeFile(path.join(content, "c.md"), `---\ndate: 2024-02-01\n---\n\nText.\n`);
    const failed = await runCli(["build", "--content", content, "--output", site]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/b\.md:3:7: error: "date" "2024-02-31" is not a real calendar date/);
    expect(failed.stderr).toMatch(/c\.md:1: error: the front matter has no "title"/);
    expect(failed.stderr).toMatch(/previous site is unchanged/);
    expect(await readFile(path.join(site, "index.html"), "utf8")).toBe(before);
    // No staging or retired folder is left behind (the analysis cache lives beside the content).
    expect((await readdir(dir)).sort()).toEqual([".cache", "content", "site"]);
  });
});
