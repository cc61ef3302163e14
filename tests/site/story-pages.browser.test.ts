import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDefaultSite, type ServedSite } from "../helpers/served-site.ts";

describe("thread, tallies and entity pages in Chromium", () => {
  let served: ServedSite;

  beforeAll(async () => {
    served = await serveDefaultSite();
  });
  afterAll(async () => {
    await served?.close();
  });

  it.each(["/threads/", "/threads/attacks-on-us-forces/", "/tallies/", "/entities/", "/entities/mohammed-shia-al-sudani/"])(
    "%s has no axe violations",
    async (url) => {
      const context = await served.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${served.url}${url}`);
      const result = await new AxeBuilder({ page }).analyze();
      await context.close();
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    },
  );

  it("reaches a thread from the home page and a chart point's cited paragraph from the tallies page", async () => {
    const page = await served.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${served.url}/`);
    await page.getByRole("navigation", { name: "Threads" }).getByRole("link", { name: "Attacks on US forces" }).click();
    await page.waitForURL(/\/threads\/attacks-on-us-forces\/$/);
    expect(await page.locator("h1").textContent()).toBe("Attacks on US forces");
    expect(await page.locator(".timeline-entry").count()).toBeGreaterThan(0);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tallies" }).click();
    await page.waitForURL(/\/tallies\/$/);
    const chart = page.locator("svg.tally-chart").first();
    expect(await chart.getAttribute("role")).toBe("group");
    expect(await chart.getAttribute("aria-labelledby")).toMatch(/-title .+-desc$/);
    const point = chart.locator("a.point").first();
    const href = (await point.getAttribute("href"))!;
    expect(href).toMatch(/^\/reports\/[a-z0-9-]+\/#p\d+$/);
    await point.locator("circle").last().click();
    await page.waitForURL((u) => u.pathname === href.split("#")[0] && u.hash === `#${href.split("#")[1]}`);
    expect(await page.locator(":target").getAttribute("id")).toBe(href.split("#")[1]);
    await page.close();
  });
});
