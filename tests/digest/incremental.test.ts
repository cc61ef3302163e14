import { cp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus, writeCorpus } from "../../bench/generate.ts";
import { buildDigest, cachedAnalyzer, type DigestResult } from "../../src/digest/build.ts";
import { BuildSession } from "../../src/digest/session.ts";
import { sameData } from "../../src/digest/stage-memo.ts";
import { timelineData } from "../../src/site/timeline-data.ts";
import { ParseCache } from "../../src/digest/parse-cache.ts";
import { loadContent } from "../../src/content/load.ts";
import { ContentError } from "../../src/content/problems.ts";
import { toDigestJson } from "../../src/digest/export.ts";
import { tempDir } from "../helpers/tmp.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");

/**
 * A rebuild through the caches (parse, analysis and whatever the cross-report stages keep)
 * must give byte for byte what a build from scratch gives, whatever changed in between.
 */
async function expectSameAsScratch(content: string, cache: string, version: string, scratchRoot: string): Promise<void> {
  await expectScratchGives(await buildDigest(content, cachedAnalyzer(content, { cacheDir: cache, version })), content, version, scratchRoot);
}

async function expectScratchGives(warm: DigestResult, content: string, version: string, scratchRoot: string): Promise<void> {
  // From scratch: an empty cache folder of its own.
  const fresh = path.join(scratchRoot, `scratch-${Math.random().toString(36).slice(2)}`);
  const scratch = await buildDigest(content, cachedAnalyzer(content, { cacheDir: fresh, version }));
  await rm(fresh, { recursive: true, force: true });
  expect(JSON.stringify(warm.digest)).toBe(JSON.stringify(scratch.digest));
  expect(toDigestJson(warm.digest)).toBe(toDigestJson(scratch.digest));
  expect(warm.problems).toEqual(scratch.problems);
}

/** A temporary folder with `content/` filled by `fill`, the `.cache/` beside it, and the report files. */
async function contentFolder(fill: (content: string) => unknown): Promise<{ root: string; content: string; cache: string; files: string[] }> {
  const root = await tempDir();
  const content = path.join(root, "content");
  await fill(content);
  const files = (await readdir(content)).filter((f) => f.endsWith(".md")).sort();
  return { root, content, cache: path.join(root, ".cache"), files };
}

async function append(file: string, text: string): Promise<void> {
  await writeFile(file, `${(await readFile(file, "utf8")).replace(/\n*$/, "\n")}\n${text}\n`);
}

describe("a rebuild through the caches", () => {
  it("gives the digest a build from scratch gives after edits, additions, deletions, story and code changes, and damaged caches (generated corpus)", async () => {
    const { root, content, cache, files } = await contentFolder((content) => writeCorpus(generateCorpus(150, 11), content));
    const check = (version = "v1") => expectSameAsScratch(content, cache, version, root);

    await check(); // fills the caches

    // One report's body edited (a sentence appended to the middle file, as the bench does).
    await append(path.join(content, files[files.length >> 1]!), "Officials said on Monday that the review of the 12 sites would continue.");
    await check();
    await check(); // nothing changed: everything from the caches

    // A report edited in its front matter: a new headline and date move it in report order.
    const moved = path.join(content, files[7]!);
    await writeFile(moved, (await readFile(moved, "utf8")).replace(/^title: .*$/m, 'title: "A retitled report"').replace(/^date: .*$/m, "date: 2024-02-29"));

    // A report added, copying another's text (so it shares passages and events), with a warning.
    const source = await readFile(path.join(content, files[3]!), "utf8");
    await writeFile(path.join(content, "zz-added.md"), source.replace(/^slug: .*$/m, "slug: zz-added").replace(/^---\n/, "---\nauthor: someone\n"));

    // Reports deleted.
    await rm(path.join(content, files[0]!));
    await rm(path.join(content, files[files.length - 1]!));
    await check();

    // A story configuration added, then changed.
    await cp(path.join(CONTENT, "story.yaml"), path.join(content, "story.yaml"));
    await check();
    const story = path.join(content, "story.yaml");
    await writeFile(story, (await readFile(story, "utf8")).replace(/^title: .*$/m, "title: Another title"));
    await check();

    // Another code version: nothing cached is used.
    await check("v2");

    // Damaged cache files: cut short, and garbage.
    for (const f of await readdir(cache)) {
      const bytes = await readFile(path.join(cache, f));
      await writeFile(path.join(cache, f), bytes.subarray(0, bytes.length >> 1));
    }
    await append(path.join(content, files[20]!), "A correction was appended on January 11.");
    await check("v2");
    for (const f of await readdir(cache)) await writeFile(path.join(cache, f), "not a cache");
    await check("v2");
  }, 240_000);

  it("gives the digest a build from scratch gives after an edit of the shipped story (content/)", async () => {
    const { root, content, cache, files } = await contentFolder((content) => cp(CONTENT, content, { recursive: true }));
    await expectSameAsScratch(content, cache, "v1", root);
    await append(path.join(content, files[files.length >> 1]!), "US officials said on January 12 that 3 more sites had been struck.");
    await expectSameAsScratch(content, cache, "v1", root);
    await rm(path.join(content, files[1]!));
    await expectSameAsScratch(content, cache, "v1", root);
  }, 120_000);

  it("gives, in a long-lived build session, what a build from scratch gives, parsing and analyzing only what changed", async () => {
    const { root, content, cache, files } = await contentFolder((content) => writeCorpus(generateCorpus(120, 5), content));
    const session = new BuildSession(content, { cacheDir: cache, version: "v1" });
    const rebuild = async () => {
      await expectScratchGives(await session.build(), content, "v1", root);
      return session.last;
    };

    // The first build goes through the (empty) cache files; the next finds everything in memory.
    expect(await rebuild()).toEqual({ parsed: 120, analyzed: 120, stagesReused: 0 });
    expect(await rebuild()).toEqual({ parsed: 0, analyzed: 0, stagesReused: 3 });

    // A correction that names no date, figure or name: the merges of events, figures and names
    // are not run again.
    await append(path.join(content, files[40]!), "The statement gave no further detail.");
    expect(await rebuild()).toEqual({ parsed: 1, analyzed: 1, stagesReused: 3 });

    // One that adds a dated event with a figure.
    await append(path.join(content, files[60]!), "Officials said on March 3, 2024 that 14 more sites had been struck near Kirsk.");
    const dated = await rebuild();
    expect([dated.parsed, dated.analyzed]).toEqual([1, 1]);
    expect(dated.stagesReused).toBeLessThan(3);

    // A new headline and date (the report moves in report order), a report added, two deleted.
    const moved = path.join(content, files[7]!);
    await writeFile(moved, (await readFile(moved, "utf8")).replace(/^title: .*$/m, 'title: "A retitled report"').replace(/^date: .*$/m, "date: 2024-02-29"));
    const source = await readFile(path.join(content, files[3]!), "utf8");
    await writeFile(path.join(content, "zz-added.md"), source.replace(/^slug: .*$/m, "slug: zz-added"));
    await rm(path.join(content, files[0]!));
    await rm(path.join(content, files[files.length - 1]!));
    expect(await rebuild()).toMatchObject({ parsed: 2, analyzed: 2 });

    // A story configuration: every report is analyzed again (it shapes every analysis).
    await cp(path.join(CONTENT, "story.yaml"), path.join(content, "story.yaml"));
    expect(await rebuild()).toMatchObject({ parsed: 0, analyzed: 119 });

    // What the session made since its first build reaches the cache files: a build through them,
    // or a new session, analyzes nothing.
    await session.persist();
    let counts: { hits: number; misses: number } | undefined;
    await buildDigest(content, cachedAnalyzer(content, { cacheDir: cache, version: "v1", onCache: (hits, misses) => (counts = { hits, misses }) }));
    expect(counts).toEqual({ hits: 119, misses: 0 });
    const next = new BuildSession(content, { cacheDir: cache, version: "v1" });
    await expectScratchGives(await next.build(), content, "v1", root);
    expect(next.last).toEqual({ parsed: 0, analyzed: 0, stagesReused: 0 });
  }, 240_000);

  it("hands a session's next build the very same objects for the cross-links, reports and timeline an edit left unchanged", async () => {
    const { root, content, cache, files } = await contentFolder((content) => writeCorpus(generateCorpus(60, 5), content));
    const session = new BuildSession(content, { cacheDir: cache, version: "v1" });
    const before = (await session.build()).digest;
    await append(path.join(content, files[30]!), "The statement gave no further detail.");
    const result = await session.build();
    await expectScratchGives(result, content, "v1", root);
    const after = result.digest;
    const edited = after.reports.find((r) => r.file.endsWith(files[30]!))!;
    let shared = 0;
    for (const report of after.reports) {
      const old = before.reports.find((r) => r.slug === report.slug)!;
      const [links, oldLinks] = [after.crossLinks.reports[report.slug], before.crossLinks.reports[report.slug]];
      // The same object exactly when the value is unchanged.
      expect(links === oldLinks, report.slug).toBe(sameData(links, oldLinks));
      expect(report === old, report.slug).toBe(sameData(report, old));
      if (links === oldLinks) shared++;
    }
    expect(edited).not.toBe(before.reports.find((r) => r.slug === edited.slug));
    expect(shared).toBeGreaterThan(40);
    // No event changed: the timeline's pages are those of the last build.
    expect(after.events).toBe(before.events);
    expect(timelineData(after)).toBe(timelineData(before));
  }, 120_000);

  it("keeps, after a session's first build failed on a content error, every parse in the parse cache file", async () => {
    const { content, cache, files } = await contentFolder((content) => writeCorpus(generateCorpus(20, 3), content));
    const broken = path.join(content, files[4]!);
    const text = await readFile(broken, "utf8");
    await writeFile(broken, text.replace(/^date: .*$/m, "date: not a date"));
    const session = new BuildSession(content, { cacheDir: cache, version: "v1" });
    await expect(session.build()).rejects.toThrow(ContentError);
    await writeFile(broken, text);
    await session.build(); // cold again (nothing was analyzed): through the cache files
    expect(session.last).toMatchObject({ parsed: 1, analyzed: 20 });
    // Every file's parse is in the cache file, the 19 this session had in memory among them.
    const parseCache = await ParseCache.open(cache, content, "v1");
    const { reports } = await loadContent(content, { memo: parseCache });
    expect(reports).toHaveLength(20);
    expect([parseCache.hits, parseCache.misses]).toEqual([20, 0]);
  }, 120_000);
});
