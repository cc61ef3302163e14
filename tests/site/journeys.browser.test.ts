import { mkdir } from "node:fs/promises";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.ts";
import { runCli } from "../helpers/cli.ts";
import { readPages } from "../helpers/site.ts";
import { serveStatic } from "../helpers/static-server.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHOTS = path.join(ROOT, "test-results");
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** readPages names "404.html" "/404"; the browser needs the file. */
const pageUrl = (url: string) => (url === "/404" ? "/404.html" : url);

describe("a reader in Chromium", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let urls: string[];
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const errors: string[] = [];

  async function open(options: BrowserContextOptions = DESKTOP): Promise<Page> {
    context = await browser.newContext(options);
    page = await context.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(`${page?.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`${page?.url()}: ${error.message}`));
    return page;
  }

  async function axe(p: Page): Promise<string[]> {
    // WCAG 2.1 A and AA rules; only violations are collected (passes cost time and are not used).
    const result = await new AxeBuilder({ page: p }).options({ runOnly: { type: "tag", values: WCAG }, resultTypes: ["violations"] }).analyze();
    return result.violations.map((v) => `${new URL(p.url()).pathname} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }

  /** The :target element: it must be the expected paragraph, highlighted and in view. */
  async function expectTargetParagraph(p: Page, id: string): Promise<void> {
    const target = p.locator(":target");
    expect(await target.count()).toBe(1);
    expect(await target.getAttribute("id")).toBe(id);
    expect(await target.evaluate((el) => el.tagName)).toBe("P");
    expect(await target.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
    // Scrolled into view once the page has loaded (the browser scrolls to the fragment then).
    await p.waitForLoadState("load");
    const height = p.viewportSize()!.height;
    await expect.poll(async () => (await target.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
    await expect.poll(async () => (await target.boundingBox())?.y ?? height).toBeLessThan(height);
  }

  async function expectNoSidewaysScroll(p: Page): Promise<void> {
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${p.url()} scrolls sideways`).toBeLessThanOrEqual(0);
  }

  async function follow(p: Page, link: ReturnType<Page["locator"]>): Promise<string> {
    const href = (await link.getAttribute("href"))!;
    await link.click();
    const [pathname, hash = ""] = href.split("#");
    await p.waitForURL((u) => u.pathname === pathname && u.hash === (hash ? `#${hash}` : ""));
    return href;
  }

  beforeAll(async () => {
    const site = path.join(await tempDir(), "site");
    const built = await runCli(["build", "--output", site], ROOT);
    expect(built.code).toBe(0);
    urls = [...(await readPages(site)).keys()].filter((u) => !u.startsWith("/pagefind/")).sort();
    server = await serveStatic(site);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async (test) => {
    if (test.task.result?.state === "fail" && page && !page.isClosed()) {
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `${test.task.name.replace(/\W+/g, "-").slice(0, 80)}.png`), fullPage: true });
    }
    await context?.close();
    context = undefined;
    page = undefined;
    errors.length = 0;
  });

  for (const [device, options] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
    it(`${device}: home → timeline → a source paragraph → a shared passage → the related report → its thread → the tallies chart`, async () => {
      const p = await open(options);
      await p.goto(`${server.url}/`);
      const nav = p.getByRole("navigation", { name: "Main" });
      await follow(p, nav.getByRole("link", { name: "Timeline", exact: true }));

      // The first source paragraph whose report repeats a passage from another report.
      const sources = await p.locator(".timeline-entry .sources a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      let chosen: string | undefined;
      for (const href of sources) {
        const html = await (await p.request.get(`${server.url}${href.split("#")[0]}`)).text();
        if (html.includes('class="also-in"')) {
          chosen = href;
          break;
        }
      }
      expect(chosen, "a timeline source in a report with shared passages").toBeDefined();
      await follow(p, p.locator(`.timeline-entry .sources a[href="${chosen}"]`).first());
      await expectTargetParagraph(p, chosen!.split("#")[1]!);
      await expectNoSidewaysScroll(p);

      // A shared passage's link lands on the same passage in the related report.
      const shared = p.locator(".also-in a").first();
      const passage = await follow(p, shared);
      expect(passage).toMatch(/^\/reports\/[a-z0-9-]+\/#p\d+$/);
      await expectTargetParagraph(p, passage.split("#")[1]!);
      expect(await p.locator('a[rel="prev"], a[rel="next"]').count()).toBeGreaterThan(0);

      const thread = p.locator(".threads a").first();
      const threadTitle = (await thread.textContent())!;
      await follow(p, thread);
      expect(await p.locator("h1").textContent()).toBe(threadTitle);
      expect(await p.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").allTextContents()).toEqual(["Home", "Threads", threadTitle]);
      await expectNoSidewaysScroll(p);

      await follow(p, p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tallies", exact: true }));
      const chart = p.locator("svg.tally-chart").first();
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.isVisible()).toBe(true);
      const box = (await chart.boundingBox())!;
      expect(box.width).toBeGreaterThan(200);
      expect(box.width).toBeLessThanOrEqual(options.viewport!.width);
      await expectNoSidewaysScroll(p);
      expect(errors, "console errors").toEqual([]);
    });

    it(`${device}: search finds "Kataib Hezbollah" in reports and timeline entries and narrows by thread`, async () => {
      const p = await open(options);
      await p.goto(`${server.url}/search/`);
      const input = p.getByRole("searchbox").or(p.locator("input.pagefind-ui__search-input")).first();
      await input.fill("Kataib Hezbollah");
      await p.locator(".pagefind-ui__result").first().waitFor();
      const message = async () => (await p.locator(".pagefind-ui__message").textContent()) ?? "";
      await expect.poll(message).toMatch(/^\d+ results? for Kataib Hezbollah$/);
      const all = Number((await message()).split(" ")[0]);
      // Pagefind's UI fills in its results one by one: wait for them rather than read once.
      const titles = () => p.locator(".pagefind-ui__result-link").allTextContents();
      await expect.poll(async () => (await titles()).some((t) => t.includes("Kataib Hezbollah"))).toBe(true);
      await expect.poll(async () => (await titles()).some((t) => t.startsWith("Timeline: "))).toBe(true);

      await p.locator(".pagefind-ui__filter-name", { hasText: "Thread" }).click();
      await p.locator("label", { hasText: "US strikes in Iraq" }).first().click();
      await expect.poll(async () => Number((await message()).split(" ")[0])).toBeLessThan(all);
      expect(await axe(p)).toEqual([]);

      const timelineResult = p.locator(".pagefind-ui__result-link", { hasText: "Timeline: " }).first();
      const href = (await timelineResult.getAttribute("href"))!;
      expect(href).toMatch(/^\/timeline\/(.*\/)?#.+$/);
      await timelineResult.click();
      await p.waitForURL((u) => `${u.pathname}${u.hash}` === href);
      expect(await p.locator(":target").count()).toBe(1);
      expect((await p.locator(":target").textContent()) ?? "").toMatch(/Kataib Hezbollah/);
      expect(errors, "console errors").toEqual([]);
    });
  }

  it("every page has no WCAG 2.1 AA violations (axe) and no console errors", async () => {
    const first = await open(DESKTOP);
    // Three tabs share the pages: axe is most of the time, and it waits on the page's renderer.
    const tabs = [first, await context!.newPage(), await context!.newPage()];
    for (const tab of tabs.slice(1)) {
      tab.on("console", (msg) => void (msg.type() === "error" && errors.push(`${tab.url()}: ${msg.text()}`)));
      tab.on("pageerror", (error) => errors.push(`${tab.url()}: ${error.message}`));
    }
    const violations: string[] = [];
    const queue = [...urls];
    await Promise.all(
      tabs.map(async (tab) => {
        for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
          await tab.goto(`${server.url}${pageUrl(url)}`);
          violations.push(...(await axe(tab)));
        }
      }),
    );
    expect(urls.length).toBeGreaterThan(10);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  }, 240_000);

  it("one page of each kind has no violations on a phone in dark mode either", async () => {
    const kinds = new Map<string, string>();
    // A kind: the section and the depth ("/entities/" and "/entities/<slug>/" differ).
    for (const url of urls) {
      const parts = url.split("/").filter(Boolean);
      kinds.set(`${parts[0] ?? ""}/${parts.length}`, url);
    }
    const p = await open({ ...PHONE, colorScheme: "dark" });
    const violations: string[] = [];
    for (const url of new Set(kinds.values())) {
      await p.goto(`${server.url}${pageUrl(url)}`);
      expect(await p.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(253, 252, 249)");
      violations.push(...(await axe(p)));
      await expectNoSidewaysScroll(p);
    }
    expect(kinds.size).toBeGreaterThan(5);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it("works from the keyboard: a visible skip link first, then the content, with a visible focus ring", async () => {
    const p = await open(DESKTOP);
    await p.goto(`${server.url}/reports/`);
    await p.keyboard.press("Tab");
    const focused = () => p.evaluate(() => ({ cls: document.activeElement?.className ?? "", id: document.activeElement?.id ?? "", inMain: !!document.activeElement?.closest("main") }));
    expect((await focused()).cls).toBe("skip-link");
    const skip = p.locator(".skip-link");
    const box = (await skip.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(await skip.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await p.keyboard.press("Enter");
    await p.waitForURL(/#main$/);
    expect((await focused()).id).toBe("main");
    await p.keyboard.press("Tab");
    expect((await focused()).inMain).toBe(true);
    const ring = await p.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.style).not.toBe("none");
    expect(ring.width).toBeGreaterThanOrEqual(2);
    // Enter follows the focused link.
    const href = await p.evaluate(() => document.activeElement!.getAttribute("href"));
    await p.keyboard.press("Enter");
    await p.waitForURL((u) => u.href === new URL(href!, p.url()).href);
  });

  it("says, without JavaScript, that search needs it and links to the timeline", async () => {
    const p = await open({ ...DESKTOP, javaScriptEnabled: false });
    await p.goto(`${server.url}/search/`);
    const notice = p.locator(".notice");
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toMatch(/needs JavaScript/);
    await follow(p, notice.getByRole("link", { name: "timeline" }));
    expect(await p.locator(".timeline-entry").count()).toBeGreaterThan(3);
  });

  it("serves Atom, sitemap and robots files that parse, pointing at pages that exist", async () => {
    const p = await open(DESKTOP);
    await p.goto(`${server.url}/`);
    const parsed = await p.evaluate(async () => {
      const xml = async (url: string) => new DOMParser().parseFromString(await (await fetch(url)).text(), "application/xml");
      const atom = await xml("/feed.xml");
      const sitemap = await xml("/sitemap.xml");
      const ns = "http://www.w3.org/2005/Atom";
      return {
        errors: [atom, sitemap].map((d) => d.getElementsByTagName("parsererror").length),
        root: atom.documentElement.namespaceURI,
        entries: [...atom.getElementsByTagNameNS(ns, "entry")].map((e) => ({
          link: e.getElementsByTagNameNS(ns, "link")[0]?.getAttribute("href"),
          content: e.getElementsByTagNameNS(ns, "content")[0]?.textContent ?? "",
          published: e.getElementsByTagNameNS(ns, "published")[0]?.textContent,
        })),
        locs: [...sitemap.getElementsByTagName("loc")].map((l) => l.textContent),
        alternate: [...document.querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute("type")),
      };
    });
    expect(parsed.errors).toEqual([0, 0]);
    expect(parsed.root).toBe("http://www.w3.org/2005/Atom");
    expect(parsed.alternate).toEqual(["application/atom+xml", "application/feed+json"]);
    const reports = urls.filter((u) => /^\/reports\/[^/]+\/$/.test(u));
    expect(parsed.entries).toHaveLength(reports.length);
    for (const e of parsed.entries) {
      expect(reports).toContain(new URL(e.link!).pathname);
      expect(e.content).toMatch(/^<p id="p1">/);
      expect(e.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    expect(parsed.locs.map((l) => new URL(l!).pathname).sort()).toEqual(urls.filter((u) => u !== "/404").sort());
  });

  it("deployed under a subfolder, links and search results stay inside it", async () => {
    const root = await tempDir();
    const saved = process.env.DATELINE_PATH_PREFIX;
    process.env.DATELINE_PATH_PREFIX = "/news/";
    try {
      const built = await runCli(["build", "--content", path.join(ROOT, "tests/fixtures/site"), "--output", path.join(root, "news")], ROOT);
      expect(built.code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.DATELINE_PATH_PREFIX;
      else process.env.DATELINE_PATH_PREFIX = saved;
    }
    const sub = await serveStatic(root);
    try {
      const p = await open(DESKTOP);
      await p.goto(`${sub.url}/news/`);
      expect(await p.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/serif/);
      await follow(p, p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search", exact: true }));
      await p.locator("input.pagefind-ui__search-input").fill("storm");
      await p.locator(".pagefind-ui__result").first().waitFor();
      const hrefs = await p.locator(".pagefind-ui__result-link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      expect(hrefs.length).toBeGreaterThan(1);
      for (const href of hrefs) expect(href).toMatch(/^\/news\/(reports|timeline)\//);
      await follow(p, p.locator(".pagefind-ui__result-link").first());
      expect(await p.locator("h1").count()).toBe(1);

      // In a report mixing Arabic and English, each paragraph starts on its own script's side.
      await p.goto(`${sub.url}/news/reports/harbour-wall-damaged/`);
      const sides = await p.locator(".report-body > p").evaluateAll((paragraphs) =>
        paragraphs.map((para) => {
          const range = document.createRange();
          range.setStart(para.firstChild!, 0);
          range.setEnd(para.firstChild!, 1);
          const first = range.getBoundingClientRect();
          const box = para.getBoundingClientRect();
          return first.left - box.left < box.right - first.right ? "left" : "right";
        }),
      );
      expect(sides).toEqual(["right", "left"]);
      expect(errors).toEqual([]);
    } finally {
      await sub.close();
    }
  });

  it("prints a report without the navigation", async () => {
    const p = await open(DESKTOP);
    await p.goto(`${server.url}${urls.find((u) => u.startsWith("/reports/") && u !== "/reports/")}`);
    await p.emulateMedia({ media: "print" });
    expect(await p.locator(".site-nav").isVisible()).toBe(false);
    expect(await p.locator(".skip-link").isVisible()).toBe(false);
    expect(await p.locator("h1").isVisible()).toBe(true);
    expect(await p.evaluate(() => getComputedStyle(document.body).color)).toBe("rgb(0, 0, 0)");
  });
});
