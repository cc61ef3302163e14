import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus, writeCorpus } from "../../bench/generate.ts";
import { analyzeInProcess, buildDigest } from "../../src/digest/build.ts";
import { BuildSession } from "../../src/digest/session.ts";
import { tempDir } from "../helpers/tmp.ts";
import { hashOf, itemsToRender, outputPathOf, planRender } from "../../src/site/render-plan.ts";
import { siteData } from "../../src/site/site-data.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");

describe("where a planned page is written", () => {
  it("maps page URLs to files inside the site", () => {
    expect(outputPathOf("/")).toBe("index.html");
    expect(outputPathOf("/reports/a/")).toBe("reports/a/index.html");
    expect(outputPathOf("/404.html")).toBe("404.html");
  });

  it("refuses URLs that could reach outside the site, so such a page is never carried over", () => {
    for (const url of ["/reports/../../etc/", "/../x/", "/reports/./a/", "/reports/%2e%2e/a/", "/a\\b/", "file:/x/"]) {
      expect(outputPathOf(url), url).toBeNull();
    }
  });
});

describe("fingerprints", () => {
  it("tell apart parts that concatenate alike, and strings from their JSON", () => {
    expect(hashOf("ab", "c")).not.toBe(hashOf("a", "bc"));
    expect(hashOf("1")).not.toBe(hashOf(1));
    expect(hashOf({ a: 1 })).toBe(hashOf({ a: 1 }));
  });
});

describe("the render plan", async () => {
  const { digest } = await buildDigest(CONTENT, analyzeInProcess);
  const plan = planRender(siteData(digest), "code-1");

  it("plans every report, entity, thread, timeline page and topic timeline, each URL once", () => {
    const urls = plan.pages.map((p) => p.url);
    expect(new Set(urls).size).toBe(urls.length);
    for (const report of digest.reports) expect(urls).toContain(report.url);
    expect(plan.pages.filter((p) => p.kind === "threads").length).toBe(digest.story?.threads.length);
    expect(urls).toContain("/timeline/");
  });

  it("changes a report's fingerprint with what its page prints, and only that report's", () => {
    const edited = structuredClone(digest);
    edited.reports[0]!.html = edited.reports[0]!.html.replace("</p>", " More.</p>");
    const other = planRender(siteData(edited), "code-1");
    const changed = plan.pages.filter((p, i) => p.fingerprint !== other.pages[i]!.fingerprint).map((p) => p.url);
    expect(changed).toEqual([digest.reports[0]!.url]);
    expect(other.siteWide).toBe(plan.siteWide);
  });

  it("changes a report's fingerprint with its cross-links, fingerprinted apart", () => {
    const at = digest.reports.findIndex((r) => (digest.crossLinks.reports[r.slug]?.passages.length ?? 0) > 0);
    expect(at).toBeGreaterThanOrEqual(0);
    const slug = digest.reports[at]!.slug;
    const edited = structuredClone(digest);
    const passage = edited.crossLinks.reports[slug]!.passages[0]!;
    passage.alsoIn = passage.alsoIn.slice(1);
    const other = planRender(siteData(edited), "code-1");
    const changed = plan.pages.filter((p, i) => p.fingerprint !== other.pages[i]!.fingerprint).map((p) => p.url);
    expect(changed).toEqual([digest.reports[at]!.url]);
    // Equal models made anew (not the objects fingerprinted before) give the same fingerprints.
    expect(planRender(siteData(structuredClone(digest)), "code-1").pages).toEqual(plan.pages);
  });

  it("changes the site-wide fingerprint with the rendering code", () => {
    expect(planRender(siteData(digest), "code-2").siteWide).not.toBe(plan.siteWide);
  });

  it("selects the models of the pages a build must render", () => {
    const only = new Set([digest.reports[1]!.url, "/timeline/"]);
    const items = itemsToRender(plan.items, only);
    expect(items.reports.map((r) => r.report.url)).toEqual([digest.reports[1]!.url]);
    expect(items.timelinePages.map((p) => p.url)).toEqual(["/timeline/"]);
    expect(items.entities).toEqual([]);
    expect(itemsToRender(plan.items)).toBe(plan.items);
  });
});

describe("the render plan of a long-lived build process", () => {
  it("hands back the last build's page models for what an edit left unchanged, with the fingerprints equal models made anew get", async () => {
    const root = await tempDir();
    const content = path.join(root, "content");
    writeCorpus(generateCorpus(60, 5), content);
    const files = (await readdir(content)).filter((f) => f.endsWith(".md")).sort();
    const session = new BuildSession(content, { cacheDir: path.join(root, ".cache"), version: "v1" });
    const plan = async () => {
      const { digest } = await session.build();
      const planned = planRender(siteData(digest), "code-1");
      // What a build from scratch (no object of an earlier build) fingerprints.
      expect(planRender(siteData(structuredClone(digest)), "code-1").pages).toEqual(planned.pages);
      return { digest, planned };
    };
    const first = await plan();
    const file = path.join(content, files[30]!);
    await writeFile(file, `${await readFile(file, "utf8")}\nThe statement gave no further detail.\n`);
    const second = await plan();
    const edited = second.digest.reports.find((r) => r.file.endsWith(files[30]!))!;
    const pageOf = (p: typeof first, slug: string) => p.planned.items.reports.find((page) => page.report.slug === slug)!;
    expect(pageOf(second, edited.slug)).not.toBe(pageOf(first, edited.slug));
    const kept = second.planned.items.reports.filter((page) => page === pageOf(first, page.report.slug));
    expect(kept.length).toBeGreaterThan(40);
    for (const page of kept) expect(page.view).toBe(pageOf(first, page.report.slug).view);
    const keptEntities = second.planned.items.entities.filter((page, i) => page === first.planned.items.entities[i]);
    expect(second.planned.items.entities.length).toBeGreaterThan(0);
    expect(keptEntities.length).toBeGreaterThan(0);

    // A new headline: the pages that print it elsewhere (the pager of its neighbours) are made again.
    await writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, 'title: "A headline no other report has"'));
    const third = await plan();
    const changed = third.planned.items.reports.filter((page) => page.view.neighbours.previous?.label === "A headline no other report has" || page.view.neighbours.next?.label === "A headline no other report has");
    expect(changed.length).toBeGreaterThan(0);
    for (const page of changed) expect(page).not.toBe(pageOf(second, page.report.slug));
  }, 120_000);
});
