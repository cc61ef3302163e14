import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { fromHtml } from "hast-util-from-html";
import { select } from "hast-util-select";
import { toString } from "hast-util-to-string";
import type { Element } from "hast";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent, type LoadedReport } from "../../src/content/load.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { runCli } from "../helpers/cli.ts";
import { readPages } from "../helpers/site.ts";
import { serveStatic } from "../helpers/static-server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { unsafeInFragment, unsafeInPage } from "./markup.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const HOSTILE = path.join(ROOT, "tests/fixtures/hostile");

/** One sentence of about 1 MB, no line breaks and no full stop until the end: the whole report is a single <p>. */
function hugeParagraph(): string {
  const words = ["the", "convoy", "reached", "a", "checkpoint", "near", "the", "river", "and", "officials", "counted", "trucks"];
  const parts: string[] = [];
  for (let i = 0; i < 160_000; i++) parts.push(i % 997 === 0 ? `<script>window.__pwned='huge-${i}'</script>` : words[i % words.length]!);
  return `${parts.join(" ")}.`;
}

// Without a story, tags become topic pages; with the default story, thread, tally and entity pages are built instead.
describe.each([
  ["without a story", false],
  ["with the default story", true],
])("a site built from hostile reports, %s", (_label, withStory) => {
  let dir: string;
  let site: string;
  let pages: Map<string, string>;
  let reports: LoadedReport[];

  beforeAll(async () => {
    dir = await tempDir();
    const content = path.join(dir, "content");
    await mkdir(content);
    for (const f of await readdir(HOSTILE)) if (f.endsWith(".md")) await copyFile(path.join(HOSTILE, f), path.join(content, f));
    if (withStory) await copyFile(path.join(ROOT, "content", "story.yaml"), path.join(content, "story.yaml"));
    else await writeFile(path.join(content, "huge-paragraph.md"), `---\ntitle: One enormous paragraph\ndate: 2024-03-09\n---\n\n${hugeParagraph()}\n`);
    reports = (await loadContent(content)).reports;
    site = path.join(dir, "site");
    const built = await runCli(["build", "--content", content, "--output", site]);
    expect(built.stderr).not.toMatch(/error/i);
    expect(built.code).toBe(0);
    pages = await readPages(site);
  }, 300_000);

  it("passes `dateline check`: hostile text is valid content, made harmless on output", async () => {
    const checked = await runCli(["check", "--content", HOSTILE]);
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  });

  it("builds every hostile report", () => {
    expect(reports).toHaveLength(withStory ? 5 : 6);
    for (const r of reports) expect(pages.has(`/reports/${r.slug}/`), r.slug).toBe(true);
  });

  it("writes no script, handler, executable URL or embedding element on any page", () => {
    expect(pages.size).toBeGreaterThan(6);
    for (const [url, html] of pages) expect(unsafeInPage(html), url).toEqual([]);
  });

  it("keeps report bodies to the strict schema", async () => {
    const digest = JSON.parse(await readFile(path.join(site, "digest.json"), "utf8")) as { reports: Array<{ slug: string }> };
    expect(digest.reports).toHaveLength(reports.length);
    for (const [url, html] of pages) {
      if (!/^\/reports\/[a-z0-9-]+\/$/.test(url)) continue;
      const body = select(".report-body", fromHtml(html));
      expect(body, url).toBeDefined();
      const { toHtml } = await import("hast-util-to-html");
      expect(unsafeInFragment(toHtml((body as Element).children)), url).toEqual([]);
    }
  });

  it("shows every title exactly as written: escaped once, never evaluated as a template", () => {
    for (const r of reports) {
      const tree = fromHtml(pages.get(`/reports/${r.slug}/`)!);
      expect(toString(select("h1", tree)!), r.file).toBe(r.meta.title);
      expect(toString(select("title", tree)!).startsWith(r.meta.title), r.file).toBe(true);
      const og = select('meta[property="og:title"]', tree);
      if (og) expect(String((og as Element).properties.content), r.file).toBe(r.meta.title);
      if (r.meta.source) expect(toString(select("article .meta span[dir=auto]", tree)!), r.file).toBe(r.meta.source);
    }
    const template = reports.find((r) => r.slug === "template-syntax")!;
    const html = pages.get("/reports/template-syntax/")!;
    expect(toString(select("h1", fromHtml(html))!)).toContain("{{ 7 * 7 }}");
    expect(html).not.toMatch(/Budget 49|billion yes/);
    expect(template.meta.summary).toMatch(/\{% include/);
  });

  it("exports the hostile values verbatim as data in digest.json and the JSON feed", async () => {
    const digest = JSON.parse(await readFile(path.join(site, "digest.json"), "utf8")) as { reports: Array<{ slug: string; title: string; summary: string }> };
    for (const r of reports) {
      const d = digest.reports.find((x) => x.slug === r.slug)!;
      expect(d.title).toBe(r.meta.title);
      if (r.meta.summary) expect(d.summary).toBe(r.meta.summary);
    }
    const feedPath = path.join(site, "feed.json");
    const feed = JSON.parse(await readFile(feedPath, "utf8").catch(() => '{"items":[]}')) as { items: Array<{ title: string }> };
    for (const item of feed.items) expect(reports.map((r) => r.meta.title)).toContain(item.title);
  });

  it("puts the Content-Security-Policy first in the head of every page", () => {
    for (const [url, html] of pages) {
      const head = html.slice(0, html.indexOf("</head>"));
      expect(head, url).toMatch(/^<!doctype html>\s*<html[^>]*>\s*<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self' 'wasm-unsafe-eval';[^"]*object-src 'none';[^"]*base-uri 'none'/i);
      expect(head, url).not.toMatch(/unsafe-inline/);
    }
  });

  describe("in Chromium", () => {
    let browser: Browser;
    let server: { url: string; close: () => Promise<void> };
    beforeAll(async () => {
      server = await serveStatic(site);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Loads a page with every detector armed, pokes every element, and reports what ran. */
    async function probe(url: string): Promise<{ pwned: unknown; violations: string[]; handlers: string[]; frames: number; base: string; dialogs: string[] }> {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.addInitScript(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
      });
      // readPages names 404.html "/404"; a static host serves it by its file name.
      await page.goto(`${server.url}${url}${url.endsWith("/") ? "" : ".html"}`, { waitUntil: "load" });
      const state = await page.evaluate(async () => {
        for (const el of Array.from(document.querySelectorAll("body *"))) {
          for (const type of ["mouseover", "mouseenter", "focus", "focusin", "toggle", "animationstart", "load", "error"]) el.dispatchEvent(new Event(type, { bubbles: true }));
        }
        await new Promise((r) => setTimeout(r, 200));
        const w = window as unknown as { __pwned?: unknown; __violations: string[] };
        const handlers = Array.from(document.querySelectorAll("*")).flatMap((el) =>
          Array.from(el.attributes)
            .filter((a) => /^on/i.test(a.name))
            .map((a) => `${el.tagName} ${a.name}`),
        );
        return { pwned: w.__pwned ?? null, violations: w.__violations, handlers, frames: window.frames.length, base: document.baseURI };
      });
      await page.close();
      return { ...state, dialogs };
    }

    it("runs none of the injected code on any page, even when every element is hovered, focused and toggled", async () => {
      let probed = 0;
      for (const url of [...pages.keys()].sort()) {
        const state = await probe(url);
        expect({ url, ...state }).toEqual({ url, pwned: null, violations: [], handlers: [], frames: 0, base: `${server.url}${url}${url.endsWith("/") ? "" : ".html"}`, dialogs: [] });
        probed++;
      }
      expect(probed).toBe(pages.size);
    }, 300_000);

    it("(control) would notice injected code: inline script, handler attribute, dialog, and a CSP block", async () => {
      const csp = /<meta http-equiv="Content-Security-Policy"[^>]*>/.exec(pages.get("/")!)![0];
      await mkdir(path.join(site, "control-open"), { recursive: true });
      await writeFile(path.join(site, "control-open", "index.html"), `<!doctype html><title>c</title><script>window.__pwned = "ran"; alert("hi")</script><img src="x" alt="" onerror="1">`);
      const open = await probe("/control-open/");
      expect(open.pwned).toBe("ran");
      expect(open.dialogs).toEqual(["hi"]);
      expect(open.handlers).toEqual(["IMG onerror"]);
      await mkdir(path.join(site, "control-csp"), { recursive: true });
      await writeFile(path.join(site, "control-csp", "index.html"), `<!doctype html><head>${csp}<title>c</title></head><script>window.__pwned = "ran"</script>`);
      const blocked = await probe("/control-csp/");
      expect(blocked.pwned).toBeNull();
      expect(blocked.violations.length).toBe(1);
      expect(blocked.violations[0]).toMatch(/^script-src/);
    });

    it("serves feeds and the sitemap as well-formed XML with the titles intact", async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}/`);
      const files = (await readdir(site)).filter((f) => f.endsWith(".xml"));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const xml = await readFile(path.join(site, f), "utf8");
        const parsed = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, "application/xml");
          const error = doc.getElementsByTagName("parsererror")[0];
          return { error: error ? error.textContent : null, titles: Array.from(doc.getElementsByTagName("entry")).map((e) => e.getElementsByTagName("title")[0]?.textContent ?? "") };
        }, xml);
        expect(parsed.error, f).toBeNull();
        for (const title of parsed.titles) expect(reports.map((r) => r.meta.title), f).toContain(title);
      }
      await page.close();
    });
  });
});
