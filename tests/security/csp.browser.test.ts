import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.ts";
import { runCli } from "../helpers/cli.ts";
import { readPages } from "../helpers/site.ts";
import { serveStatic } from "../helpers/static-server.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The Content-Security-Policy must stop injected code without breaking anything the site does itself. */
describe("the default site under its Content-Security-Policy", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let urls: string[];

  beforeAll(async () => {
    const site = path.join(await tempDir(), "site");
    expect((await runCli(["build", "--content", path.join(ROOT, "content"), "--output", site])).code).toBe(0);
    urls = [...(await readPages(site)).keys()].sort();
    server = await serveStatic(site);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(url: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    // readPages names 404.html "/404"; a static host serves it by its file name.
    await page.goto(`${server.url}${url}${url.endsWith("/") ? "" : ".html"}`, { waitUntil: "load" });
    return { page, violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations) };
  }

  it("blocks nothing on any page", async () => {
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) {
      const { page, violations } = await open(url);
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count(), url).toBe(1);
      expect(await violations(), url).toEqual([]);
      await page.close();
    }
  }, 300_000);

  it("lets Pagefind search (its script and WebAssembly) run and show results", async () => {
    const { page, violations } = await open("/search/");
    await page.locator("input.pagefind-ui__search-input").fill("coalition");
    await page.locator(".pagefind-ui__result").first().waitFor({ timeout: 30_000 });
    expect(await page.locator(".pagefind-ui__result").count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    await page.close();
  }, 60_000);
});
