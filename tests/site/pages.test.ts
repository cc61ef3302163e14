import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { listFiles, treeDifferences } from "../helpers/files.ts";
import { readPages } from "../helpers/site.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(ROOT, "tests/fixtures/site");

/** Builds with the given environment (site URL, path prefix), restoring it afterwards. */
async function build(content: string, output: string, env: Record<string, string> = {}): Promise<void> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const result = await runCli(["build", "--content", content, "--output", output]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}


const attr = (el: Element | undefined, name: string): string | undefined => {
  const value = el?.properties[name];
  return value === undefined ? undefined : Array.isArray(value) ? value.join(" ") : String(value);
};

interface Head {
  title: string;
  description: string | undefined;
  canonical: string | undefined;
  og: Record<string, string | undefined>;
  twitterCard: string | undefined;
  robots: string | undefined;
}

function head(html: string): Head {
  const tree = fromHtml(html);
  const meta = (selector: string) => attr(select(selector, tree) as Element | undefined, "content");
  return {
    title: toString(select("title", tree)!),
    description: meta('meta[name="description"]'),
    canonical: attr(select('link[rel="canonical"]', tree) as Element | undefined, "href"),
    og: Object.fromEntries(["og:title", "og:description", "og:url", "og:type"].map((p) => [p, meta(`meta[property="${p}"]`)])),
    twitterCard: meta('meta[name="twitter:card"]'),
    robots: meta('meta[name="robots"]'),
  };
}

function htmlPages(pages: Map<string, string>): Array<[string, string]> {
  return [...pages].filter(([url]) => !url.startsWith("/pagefind/"));
}

/** The file a page URL is written to (readPages drops "index.html" and ".html"). */
function fileOf(url: string): string {
  return url.endsWith("/") ? `${url}index.html` : `${url}.html`;
}

describe("the built site's pages", () => {
  let siteA: string;
  let siteB: string;
  let prefixed: string;
  const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

  beforeAll(async () => {
    const dir = await tempDir();
    siteA = path.join(dir, "a");
    siteB = path.join(dir, "b");
    prefixed = path.join(dir, "prefixed");
    await build(path.join(ROOT, "content"), siteA);
    await build(path.join(ROOT, "content"), siteB);
    await build(FIXTURE, prefixed, { DATELINE_URL: "https://harbour.example.net/", DATELINE_PATH_PREFIX: "/news/" });
  });

  it("are the same bytes when built twice from the same content, search index and feeds included", async () => {
    const files = await listFiles(siteA);
    expect(await listFiles(siteB)).toEqual(files);
    expect(files).toEqual(expect.arrayContaining(["feed.xml", "feed.json", "sitemap.xml", "robots.txt", "pagefind/pagefind-ui.js"]));
    expect(files.some((f) => f.startsWith("pagefind/index/"))).toBe(true);
    expect(await treeDifferences(siteA, siteB)).toEqual([]);
  });

  it("pass html-validate's standard rules, every page of both sites", async () => {
    const problems: string[] = [];
    for (const site of [siteA, prefixed]) {
      for (const [url, html] of htmlPages(await readPages(site))) {
        const report = await validator.validateString(html, url);
        for (const result of report.results) {
          for (const m of result.messages) problems.push(`${url}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("each have a unique title and description, a canonical URL and OpenGraph and Twitter tags", async () => {
    for (const [site, origin] of [
      [siteA, "https://example.org/"],
      [prefixed, "https://harbour.example.net/news/"],
    ] as const) {
      const titles = new Map<string, string>();
      const descriptions = new Map<string, string>();
      for (const [url, html] of htmlPages(await readPages(site))) {
        const h = head(html);
        expect(h.title.length, url).toBeGreaterThan(5);
        expect(h.description?.length ?? 0, url).toBeGreaterThan(20);
        expect(titles.get(h.title), `${url} has the title of ${titles.get(h.title)}`).toBeUndefined();
        expect(descriptions.get(h.description!), `${url} has the description of ${descriptions.get(h.description!)}`).toBeUndefined();
        titles.set(h.title, url);
        descriptions.set(h.description!, url);
        const canonical = `${origin}${fileOf(url).replace(/index\.html$/, "").slice(1)}`;
        expect(h.canonical, url).toBe(canonical);
        expect(h.og, url).toMatchObject({ "og:url": canonical, "og:description": h.description });
        expect(h.og["og:title"]?.length ?? 0, url).toBeGreaterThan(0);
        expect(h.twitterCard, url).toBe("summary");
      }
      expect(titles.size).toBeGreaterThan(5);
    }
  });

  it("describe each report as a NewsArticle in JSON-LD that a hostile title cannot break out of", async () => {
    const digest = JSON.parse(await readFile(path.join(prefixed, "digest.json"), "utf8")) as { reports: Array<{ url: string; title: string; date: string }> };
    const pages = await readPages(prefixed);
    expect(digest.reports.some((r) => r.title.includes("</script>"))).toBe(true);
    for (const r of digest.reports) {
      const html = pages.get(r.url)!;
      const scripts = selectAll("script", fromHtml(html)) as Element[];
      expect(scripts.map((s) => attr(s, "type"))).toEqual(["application/ld+json"]);
      const data = JSON.parse(toString(scripts[0]!)) as Record<string, unknown>;
      expect(data).toMatchObject({ "@type": "NewsArticle", headline: r.title, url: `https://harbour.example.net/news${r.url}` });
      expect(String(data.datePublished).slice(0, 10)).toBe(r.date);
      expect(toString(select("h1", fromHtml(html))!)).toBe(r.title);
      expect(head(html).og["og:type"]).toBe("article");
    }
  });

  it("mark text that may be right-to-left with dir=auto", async () => {
    const pages = await readPages(prefixed);
    const report = fromHtml(pages.get("/reports/harbour-wall-damaged/")!);
    expect(attr(select("h1", report) as Element, "dir")).toBe("auto");
    expect(attr(select(".report-body", report) as Element, "dir")).toBe("auto");
    const home = fromHtml(pages.get("/")!);
    const link = (selectAll(".report-card a", home) as Element[]).find((a) => toString(a).startsWith("جدار"));
    expect(attr(link, "dir")).toBe("auto");
  });

  it("put every root-relative link under the path prefix, to files that exist", async () => {
    const missing: string[] = [];
    for (const [url, html] of htmlPages(await readPages(prefixed))) {
      for (const el of selectAll("a[href], link[href], script[src]", fromHtml(html)) as Element[]) {
        const ref = attr(el, "href") ?? attr(el, "src")!;
        if (!ref.startsWith("/")) continue;
        expect(ref.startsWith("/news/"), `${url} → ${ref}`).toBe(true);
        const target = new URL(ref, "http://x").pathname.slice("/news".length);
        const file = path.join(prefixed, target.endsWith("/") ? `${target}index.html` : target);
        await readFile(file).catch(() => missing.push(`${url} → ${ref}`));
      }
    }
    expect(missing).toEqual([]);
  });

  it("link each report to the previous and next one in publication order", async () => {
    const digest = JSON.parse(await readFile(path.join(siteA, "digest.json"), "utf8")) as { reports: Array<{ url: string; date: string }> };
    const pages = await readPages(siteA);
    const chronological = [...digest.reports].reverse();
    chronological.forEach((r, i) => {
      const tree = fromHtml(pages.get(r.url)!);
      expect(attr(select('a[rel="prev"]', tree) as Element | undefined, "href") ?? null, r.url).toBe(chronological[i - 1]?.url ?? null);
      expect(attr(select('a[rel="next"]', tree) as Element | undefined, "href") ?? null, r.url).toBe(chronological[i + 1]?.url ?? null);
    });
  });

  it("list every page but the 404 page in sitemap.xml, which robots.txt names", async () => {
    const sitemap = await readFile(path.join(prefixed, "sitemap.xml"), "utf8");
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const pages = htmlPages(await readPages(prefixed)).map(([url]) => url);
    expect(pages).toContain("/404");
    expect(head((await readPages(prefixed)).get("/404")!).robots).toBe("noindex");
    const expected = pages.filter((u) => u !== "/404").map((u) => `https://harbour.example.net/news${u}`).sort();
    expect(locs).toEqual(expected);
    expect(await readFile(path.join(prefixed, "robots.txt"), "utf8")).toContain("Sitemap: https://harbour.example.net/news/sitemap.xml");
  });

  it("publish a JSON Feed of the reports, newest first, with absolute URLs", async () => {
    const feed = JSON.parse(await readFile(path.join(prefixed, "feed.json"), "utf8"));
    const digest = JSON.parse(await readFile(path.join(prefixed, "digest.json"), "utf8")) as { reports: Array<{ url: string; title: string }> };
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.feed_url).toBe("https://harbour.example.net/news/feed.json");
    expect(feed.items.map((i: { url: string }) => i.url)).toEqual(digest.reports.map((r) => `https://harbour.example.net/news${r.url}`));
    expect(feed.items[0].date_published).toBe("2024-02-03T07:45:00Z");
    expect(feed.items.map((i: { title: string }) => i.title)).toEqual(digest.reports.map((r) => r.title));
  });
});
