import { describe, expect, it } from "vitest";
import type { PlannedPage } from "../../src/site/render-plan.ts";
import { renderRuns } from "../../src/site/render.ts";

const page = (url: string, weight: number): PlannedPage => ({ kind: "reports", url, fingerprint: url, weight });

function check(pages: PlannedPage[], perRun: number, maxWeight: number): string[][] {
  const runs = renderRuns(pages, perRun, maxWeight);
  const weight = new Map(pages.map((p) => [p.url, p.weight]));
  // Every page exactly once.
  expect(runs.flat().sort()).toEqual(pages.map((p) => p.url).sort());
  for (const run of runs) {
    expect(run.length).toBeGreaterThan(0);
    expect(run.length).toBeLessThanOrEqual(perRun);
    const total = run.reduce((sum, url) => sum + weight.get(url)!, 0);
    // Over the budget only when a single page is.
    if (run.length > 1) expect(total).toBeLessThanOrEqual(maxWeight);
  }
  return runs;
}

describe("Eleventy runs of a large render", () => {
  it("hold at most so many pages, and as many runs as the pages need", () => {
    const pages = Array.from({ length: 2500 }, (_, i) => page(`/r/${i}/`, 10));
    const runs = check(pages, 1000, 1_000_000);
    expect(runs.map((r) => r.length)).toEqual([1000, 1000, 500]);
    // Light pages keep the plan's order.
    expect(runs.flat()).toEqual(pages.map((p) => p.url));
  });

  it("spread the heavy pages (topic timelines) one to a run instead of piling them into the last", () => {
    const light = Array.from({ length: 3000 }, (_, i) => page(`/r/${i}/`, 10));
    const heavy = [page("/t/a/", 4000), page("/t/b/", 3000), page("/t/c/", 5000)];
    const runs = check([...light, ...heavy], 1000, 20_000);
    const runOf = (url: string) => runs.findIndex((r) => r.includes(url));
    expect(new Set(heavy.map((p) => runOf(p.url))).size).toBe(3);
  });

  it("give a page heavier than a whole run a run of its own", () => {
    const runs = check([page("/a/", 5), page("/huge/", 500), page("/b/", 5)], 10, 100);
    expect(runs).toContainEqual(["/huge/"]);
  });

  it("split by weight when the pages are few but heavy", () => {
    const pages = Array.from({ length: 10 }, (_, i) => page(`/t/${i}/`, 40));
    const runs = check(pages, 1000, 100);
    expect(runs.length).toBeGreaterThanOrEqual(4);
  });
});
