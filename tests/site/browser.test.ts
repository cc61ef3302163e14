import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serveDefaultSite, type ServedSite } from "../helpers/served-site.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHOTS = path.join(ROOT, "test-results");

describe("a reader in Chromium", () => {
  let served: ServedSite;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    served = await serveDefaultSite();
  });
  afterAll(async () => {
    await served?.close();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && page) {
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `${context.task.name.replace(/\W+/g, "-")}.png`), fullPage: true });
    }
    await page?.close();
  });

  it("goes from the home page to the timeline, follows a source link and lands on the cited paragraph", async () => {
    page = await served.browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${served.url}/`);
    expect(await page.locator("h1").textContent()).toBe("Latest reports");

    await page.getByRole("link", { name: "Timeline", exact: true }).first().click();
    await page.waitForURL(/\/timeline\/$/);
    const entries = page.locator(".timeline-entry");
    expect(await entries.count()).toBeGreaterThan(3);

    const source = entries.first().locator(".sources a").first();
    const href = (await source.getAttribute("href"))!;
    expect(href).toMatch(/^\/reports\/[a-z0-9-]+\/#p\d+$/);
    await source.click();
    await page.waitForURL((url) => url.pathname === href.split("#")[0] && url.hash === `#${href.split("#")[1]}`);

    const target = page.locator(":target");
    expect(await target.count()).toBe(1);
    expect(await target.getAttribute("id")).toBe(href.split("#")[1]);
    expect(await target.evaluate((el) => el.tagName)).toBe("P");
    // The cited paragraph is scrolled into view.
    const box = await target.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(800);
    expect(errors, "console errors").toEqual([]);
  });
});
