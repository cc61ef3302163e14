import { describe, expect, it } from "vitest";
import type { Digest, Report } from "../../src/digest/types.ts";
import { reportArchive } from "../../src/site/archive.ts";
import { buildFeeds, rfc3339 } from "../../src/site/feeds.ts";
import { newsArticle, scriptSafeJson } from "../../src/site/json-ld.ts";
import { availableSections, breadcrumbs, navItems, reportNeighbours, SECTIONS } from "../../src/site/navigation.ts";
import { pageMeta, type PageData } from "../../src/site/page-meta.ts";
import { searchFacets, type DigestWithThreads } from "../../src/site/search-facets.ts";
import { absoluteUrl, normalizePathPrefix, siteConfig } from "../../src/site/site-config.ts";
import { sitemapXml } from "../../src/site/sitemap.ts";

function report(slug: string, datetime: string, extra: Partial<Report> = {}): Report {
  const text = `The ministry in the capital answered questions about ${slug.replace(/-/g, " ")}.`;
  return {
    slug,
    url: `/reports/${slug}/`,
    title: extra.title ?? `Report on ${slug}`,
    date: datetime.slice(0, 10),
    datetime,
    summary: `What happened in ${slug}.`,
    source: null,
    tags: [],
    topics: [],
    paragraphs: [{ id: "p1", index: 1, text, html: text, timexes: [] }],
    html: `<p id="p1">${text}</p>`,
    file: `${slug}.md`,
    related: [],
    ...extra,
  };
}

const site = siteConfig({ DATELINE_URL: "https://news.example.com/", DATELINE_PATH_PREFIX: "story" }, {
  title: "River crossing talks",
  description: "Talks  over the\nnew bridge.",
});

function digestOf(reports: Report[]): Digest {
  return { reports, events: [], tallies: [] } as unknown as Digest;
}

describe("site configuration", () => {
  it("normalises the path prefix and builds absolute URLs under it", () => {
    expect(normalizePathPrefix("")).toBe("/");
    expect(normalizePathPrefix("/")).toBe("/");
    expect(normalizePathPrefix("news")).toBe("/news/");
    expect(normalizePathPrefix("//a/b//")).toBe("/a/b/");
    expect(site.url).toBe("https://news.example.com");
    expect(site.pathPrefix).toBe("/story/");
    expect(absoluteUrl(site, "/reports/x/#p2")).toBe("https://news.example.com/story/reports/x/#p2");
    expect(absoluteUrl(site, "/")).toBe("https://news.example.com/story/");
  });

  it("takes the title and description from the story, else from the environment", () => {
    expect(site.title).toBe("River crossing talks");
    expect(site.description).toBe("Talks over the new bridge.");
    expect(siteConfig({ DATELINE_TITLE: "Desk" }).title).toBe("Desk");
    expect(siteConfig({}).title).toBe("Dateline");
  });
});

describe("navigation", () => {
  it("marks the current section page and the section a page sits in", () => {
    const items = navItems("/reports/a/", SECTIONS);
    expect(items.find((i) => i.url === "/reports/")?.current).toBe("location");
    expect(items.find((i) => i.url === "/")?.current).toBeNull();
    expect(navItems("/", SECTIONS).find((i) => i.url === "/")?.current).toBe("page");
    expect(navItems("/timeline/", SECTIONS).filter((i) => i.current).map((i) => i.url)).toEqual(["/timeline/"]);
  });

  it("offers thread and entity sections only when their pages exist", () => {
    expect(availableSections({ threads: false, entities: false }).map((s) => s.url)).toEqual(["/", "/timeline/", "/reports/", "/search/"]);
    const all = availableSections({ threads: true, entities: true }).map((s) => s.url);
    expect(all).toEqual(expect.arrayContaining(["/threads/", "/entities/"]));
    expect(all.indexOf("/threads/")).toBeLessThan(all.indexOf("/reports/"));
  });

  it("gives breadcrumbs below a section only", () => {
    expect(breadcrumbs("/", "Home", SECTIONS)).toEqual([]);
    expect(breadcrumbs("/timeline/", "Timeline", SECTIONS)).toEqual([]);
    expect(breadcrumbs("/threads/talks/", "Talks", SECTIONS)).toEqual([
      { label: "Home", url: "/" },
      { label: "Threads", url: "/threads/" },
      { label: "Talks", url: "/threads/talks/" },
    ]);
    // Without a threads section, the trail skips it rather than linking to a missing page.
    const noThreads = availableSections({ threads: false, entities: false });
    expect(breadcrumbs("/threads/talks/", "Talks", noThreads).map((c) => c.url)).toEqual(["/", "/threads/talks/"]);
  });

  it("links each report to the one published before and after it", () => {
    const reports = [report("c", "2024-01-03"), report("b2", "2024-01-02"), report("b1", "2024-01-02"), report("a", "2024-01-01")];
    const around = reportNeighbours(reports);
    expect(around.get("a")).toEqual({ previous: null, next: { label: "Report on b1", url: "/reports/b1/", date: "2024-01-02" } });
    expect(around.get("b1")?.next?.url).toBe("/reports/b2/");
    expect(around.get("b2")?.previous?.url).toBe("/reports/b1/");
    expect(around.get("c")?.next).toBeNull();
    expect(around.get("c")?.previous?.url).toBe("/reports/b2/");
  });
});

describe("JSON-LD", () => {
  it("cannot be broken out of by a title that closes the script element", () => {
    const hostile = report("x", "2024-02-01T09:30:00Z", { title: `Talks end </script><script>alert(1)</script> <!-- & "quotes"` });
    const json = scriptSafeJson(newsArticle(hostile, site));
    expect(json).not.toMatch(/[<>]/);
    expect(json).not.toContain("&");
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(parsed.headline).toBe(hostile.title);
    expect(parsed["@type"]).toBe("NewsArticle");
    expect(parsed.datePublished).toBe("2024-02-01T09:30:00Z");
    expect(parsed.url).toBe("https://news.example.com/story/reports/x/");
  });

  it("escapes the line separators JavaScript once treated as line ends", () => {
    expect(scriptSafeJson({ t: "a\u2028b\u2029c" })).toBe('{"t":"a\\u2028b\\u2029c"}');
  });

  it("shortens headlines past 110 characters at a word", () => {
    const long = report("y", "2024-01-01", { title: `${"Negotiators met again ".repeat(8)}today` });
    const headline = newsArticle(long, site).headline as string;
    expect(headline.length).toBeLessThanOrEqual(110);
    expect(headline.endsWith("…")).toBe(true);
    expect(long.title.startsWith(headline.slice(0, -1))).toBe(true);
  });
});

describe("page meta", () => {
  const reports = [report("b", "2024-01-02", { title: "Same headline" }), report("a", "2024-01-01", { title: "Same headline" }), report("c", "2023-12-30")];
  const data = (url: string, extra: Partial<PageData> = {}): PageData => ({
    page: { url },
    site,
    digest: digestOf(reports),
    collections: { all: [{ url: "/" }, { url: "/threads/" }] },
    ...extra,
  });

  it("titles the home page after the story and other pages after themselves", () => {
    expect(pageMeta(data("/", { title: "Latest reports" })).headTitle).toBe("River crossing talks: latest reports");
    expect(pageMeta(data("/timeline/", { title: "Timeline" })).headTitle).toBe("Timeline · River crossing talks");
  });

  it("keeps report titles unique when two reports share a headline", () => {
    const a = pageMeta(data("/reports/a/", { title: "Same headline", report: reports[1] }));
    const b = pageMeta(data("/reports/b/", { title: "Same headline", report: reports[0] }));
    expect(a.headTitle).not.toBe(b.headTitle);
    expect(a.headTitle).toContain("2024-01-01");
    expect(pageMeta(data("/reports/c/", { title: "Report on c", report: reports[2] })).headTitle).toBe("Report on c · River crossing talks");
  });

  it("describes report pages as articles, with JSON-LD, breadcrumbs and neighbours", () => {
    const meta = pageMeta(data("/reports/b/", { title: "Same headline", description: "What happened in b.", report: reports[0] }));
    expect(meta.ogType).toBe("article");
    expect(meta.canonical).toBe("https://news.example.com/story/reports/b/");
    expect(meta.description).toBe("What happened in b.");
    expect(meta.published).toBe("2024-01-02");
    expect(JSON.parse(meta.jsonLd!).headline).toBe("Same headline");
    expect(meta.breadcrumbs.map((c) => c.url)).toEqual(["/", "/reports/", "/reports/b/"]);
    expect(meta.neighbours?.previous?.url).toBe("/reports/a/");
    expect(meta.neighbours?.next).toBeNull();
    expect(meta.nav.map((n) => n.url)).toContain("/threads/");
    expect(meta.nav.map((n) => n.url)).not.toContain("/entities/");
  });

  it("gives other pages no article data and a description even when the template has none", () => {
    const meta = pageMeta(data("/search/", { title: "Search" }));
    expect(meta.ogType).toBe("website");
    expect(meta.jsonLd).toBeNull();
    expect(meta.neighbours).toBeNull();
    expect(meta.description).toBe("Search: Talks over the new bridge.");
  });
});

describe("feeds", () => {
  it("writes RFC 3339 UTC date-times", () => {
    expect(rfc3339("2024-01-06")).toBe("2024-01-06T00:00:00Z");
    expect(rfc3339("2024-01-06T14:30:00+02:00")).toBe("2024-01-06T12:30:00Z");
    expect(() => rfc3339("soon")).toThrow(/not a date/);
  });

  it("lists the newest reports first, dated by the newest, as JSON Feed 1.1", () => {
    const reports = [report("old", "2023-05-01"), report("new", "2024-03-02T08:00:00Z", { source: "Desk", tags: ["bridge"] })];
    const feeds = buildFeeds(digestOf(reports), site, 1);
    expect(feeds.updated).toBe("2024-03-02T08:00:00Z");
    expect(feeds.entries.map((e) => e.url)).toEqual(["https://news.example.com/story/reports/new/"]);
    const json = JSON.parse(feeds.json);
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.feed_url).toBe("https://news.example.com/story/feed.json");
    expect(json.items[0]).toMatchObject({ id: feeds.entries[0]!.url, authors: [{ name: "Desk" }], tags: ["bridge"] });
  });
});

describe("sitemap", () => {
  it("sorts pages, escapes URLs and dates report pages", () => {
    const xml = sitemapXml([{ path: "/b/", lastmod: null }, { path: "/a/?x=1&y=2", lastmod: "2024-01-02" }], site);
    expect(xml.indexOf("/a/")).toBeLessThan(xml.indexOf("/b/"));
    expect(xml).toContain("<loc>https://news.example.com/story/a/?x=1&amp;y=2</loc><lastmod>2024-01-02</lastmod>");
  });
});

describe("archive and search filters", () => {
  it("groups reports by month, newest first", () => {
    const months = reportArchive([report("a", "2023-12-30"), report("c", "2024-01-09"), report("b", "2024-01-02")]);
    expect(months.map((m) => [m.key, m.label, m.reports.map((r) => r.slug)])).toEqual([
      ["2024-01", "January 2024", ["c", "b"]],
      ["2023-12", "December 2023", ["a"]],
    ]);
  });

  it("names threads by their story titles and leaves other topics out", () => {
    const story = { threads: [{ slug: "talks", title: "Bridge talks" }, { slug: "floods", title: "Floods" }] };
    const digest = { ...digestOf([]), story } as unknown as DigestWithThreads;
    expect(searchFacets(["floods", "misc", "talks"], "2024-05-01", digest)).toEqual({ year: "2024", threads: ["Bridge talks", "Floods"] });
    expect(searchFacets(["talks"], "2023", digestOf([]))).toEqual({ year: "2023", threads: [] });
  });
});
