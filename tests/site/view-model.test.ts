import { describe, expect, it } from "vitest";
import type { Digest, Report } from "../../src/digest/types.ts";
import { reportArchive } from "../../src/site/archive.ts";
import { buildFeeds, rfc3339 } from "../../src/site/feeds.ts";
import { newsArticle, scriptSafeJson } from "../../src/site/json-ld.ts";
import { availableSections, breadcrumbs, navItems, reportNeighbours, SECTIONS } from "../../src/site/navigation.ts";
import { buildSiteIndex, pageMeta } from "../../src/site/page-meta.ts";
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
  const reports = [report("b", "2024-01-02", { title: "Same headline", topics: ["talks", "misc"] }), report("a", "2024-01-01", { title: "Same headline" }), report("c", "2023-12-30")];
  const story = { threads: [{ slug: "talks", title: "Bridge talks" }] };
  const digest = { ...digestOf(reports), story } as unknown as DigestWithThreads;
  const index = buildSiteIndex(digest, site, { threads: true, entities: false });
  const meta = (url: string, title: string, description?: string) => pageMeta(url, title, description, index);

  it("titles the home page after the story and other pages after themselves", () => {
    expect(meta("/", "Latest reports").headTitle).toBe("River crossing talks: latest reports");
    expect(meta("/timeline/", "Timeline").headTitle).toBe("Timeline · River crossing talks");
  });

  it("keeps report titles unique when two reports share a headline", () => {
    const a = meta("/reports/a/", "Same headline");
    const b = meta("/reports/b/", "Same headline");
    expect(a.headTitle).not.toBe(b.headTitle);
    expect(a.headTitle).toContain("2024-01-01");
    expect(meta("/reports/c/", "Report on c").headTitle).toBe("Report on c · River crossing talks");
  });

  it("describes report pages as articles, with JSON-LD and breadcrumbs", () => {
    const m = meta("/reports/b/", "Same headline", "What happened in b.");
    expect(m.ogType).toBe("article");
    expect(m.canonical).toBe("https://news.example.com/story/reports/b/");
    expect(m.description).toBe("What happened in b.");
    expect(m.published).toBe("2024-01-02");
    expect(JSON.parse(m.jsonLd!).headline).toBe("Same headline");
    expect(m.breadcrumbs.map((c) => c.url)).toEqual(["/", "/reports/", "/reports/b/"]);
    expect(m.nav.map((n) => n.url)).toContain("/threads/");
    expect(m.nav.map((n) => n.url)).not.toContain("/entities/");
  });

  it("indexes each report's neighbours, search filters and thread links once", () => {
    const b = index.reports["/reports/b/"]!;
    expect(b.neighbours.previous?.url).toBe("/reports/a/");
    expect(b.neighbours.next).toBeNull();
    expect(b.search).toEqual({ year: "2024", threads: ["Bridge talks"] });
    expect(b.threads).toEqual([{ label: "Bridge talks", url: "/threads/talks/" }]);
    expect(buildSiteIndex(digest, site, { threads: false, entities: false }).reports["/reports/b/"]!.threads).toEqual([{ label: "Bridge talks", url: null }]);
    expect(Object.keys(index.reports).sort()).toEqual(["/reports/a/", "/reports/b/", "/reports/c/"]);
  });

  it("gives other pages no article data and a description even when the template has none", () => {
    const m = meta("/search/", "Search");
    expect(m.ogType).toBe("website");
    expect(m.jsonLd).toBeNull();
    expect(m.published).toBeNull();
    expect(m.description).toBe("Search: Talks over the new bridge.");
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
