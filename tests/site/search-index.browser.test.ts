import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeInProcess, buildDigest } from "../../src/digest/build.ts";
import { buildSearchIndex } from "../../src/site/search-index.ts";
import { searchBundles, shardOf, shardsInUse } from "../../src/site/search-shards.ts";
import { searchRecordUrls } from "../../src/site/search-records.ts";
import { siteConfig } from "../../src/site/site-config.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { serveStatic } from "../helpers/static-server.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHARDS = { shardSize: 4 }; // the default story's 25 records over up to 7 shards

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let bundles: string[];
let shardCount: number;

beforeAll(async () => {
  const { digest } = await buildDigest(path.join(ROOT, "content"), analyzeInProcess);
  const site = path.join(await tempDir(), "site");
  const result = await buildSearchIndex(site, digest, siteConfig({}, digest.story), SHARDS);
  bundles = searchBundles(digest, SHARDS);
  shardCount = shardsInUse(searchRecordUrls(digest), SHARDS).shards;
  expect(result.shards).toBe(bundles.length);
  expect(bundles.length).toBeGreaterThan(3);
  // A bare page with the search page's markup and scripts (no CSP here: csp.browser.test.ts).
  await mkdir(path.join(site, "js"), { recursive: true });
  await copyFile(path.join(ROOT, "public/js/search.js"), path.join(site, "js/search.js"));
  await writeFile(
    path.join(site, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="/pagefind/pagefind-ui.css"></head><body>` +
      `<div id="search" data-base="/" data-bundles="${bundles.join(" ")}"></div>` +
      `<script src="/pagefind/pagefind-ui.js" defer></script><script src="/js/search.js" defer></script></body></html>`,
  );
  server = await serveStatic(site);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** All results of a query over the merged bundles, through Pagefind's own API. */
async function apiSearch(query: string): Promise<Array<{ url: string; title: string; type: string[] }>> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  // A string, not a function: the test runner would rewrite a function's import().
  const script = `(async () => {
    const bundles = ${JSON.stringify(bundles)};
    const pagefind = await import("/" + bundles[0] + "pagefind.js");
    for (const b of bundles.slice(1)) await pagefind.mergeIndex("/" + b);
    const found = await pagefind.search(${JSON.stringify(query)});
    const data = await Promise.all(found.results.map((r) => r.data()));
    return data.map((d) => ({ url: d.url, title: d.meta.title, type: d.filters.type }));
  })()`;
  const results = (await page.evaluate(script)) as Array<{ url: string; title: string; type: string[] }>;
  await page.close();
  return results;
}

describe("a search over several shards", () => {
  it("finds reports and timeline entries held in different bundles", async () => {
    const results = await apiSearch("Kataib Hezbollah");
    const report = results.find((r) => r.url === "/reports/us-strikes-kataib-hezbollah-sites-in-iraq/");
    expect(report).toMatchObject({ title: "US strikes three Kataib Hezbollah sites in Iraq after Erbil drone attack", type: ["Report"] });
    const entry = results.find((r) => r.url.startsWith("/timeline/") && r.url.includes("#e-"));
    expect(entry?.title).toMatch(/^Timeline: \d+ \w+ \d{4}$/);
    expect(entry?.type).toEqual(["Timeline entry"]);
    const shards = new Set(results.map((r) => shardOf(r.url, shardCount)));
    expect(shards.size).toBeGreaterThan(1);
    expect([...shards].some((k) => k !== 0)).toBe(true);
  });

  it("the search page's script merges every bundle it is given", async () => {
    const all = await apiSearch("Kataib Hezbollah");
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/?q=${encodeURIComponent("Kataib Hezbollah")}`);
    await page.locator(".pagefind-ui__result").first().waitFor();
    // The UI counts the results of all bundles, not only the primary one's.
    await expect.poll(async () => (await page.locator(".pagefind-ui__message").textContent()) ?? "").toMatch(new RegExp(`^${all.length} results? for`));
    while ((await page.locator(".pagefind-ui__button", { hasText: "Load more" }).count()) > 0) {
      await page.locator(".pagefind-ui__button", { hasText: "Load more" }).click();
    }
    await expect.poll(() => page.locator(".pagefind-ui__result").count()).toBe(all.length);
    const hrefs = await page.locator(".pagefind-ui__result-link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(hrefs.some((h) => h.startsWith("/reports/"))).toBe(true);
    expect(hrefs.some((h) => /^\/timeline\/.*#e-/.test(h))).toBe(true);
    expect(new Set(hrefs.map((h) => shardOf(h, shardCount))).size).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
