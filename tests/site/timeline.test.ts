import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import type { Element, Root } from "hast";
import { buildDigest } from "../../src/digest/build.ts";
import { pageSize } from "../../src/site/timeline-data.ts";
import { runCli } from "../helpers/cli.ts";
import { brokenLinks, readPages } from "../helpers/site.ts";
import { seedFiles } from "../helpers/seeds.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Event {
  id: string;
  date: string;
  text: string;
  topics: string[];
  sources: Array<{ report: string; paragraph: string; url: string }>;
}

function ids(nodes: Element[]): string[] {
  return nodes.map((n) => String(n.properties.id));
}

/** The entries listed directly under a group heading's own list (not under its days). */
function entriesUnder(tree: Root, headingId: string): string[] {
  const heading = select(`#${headingId}`, tree) as Element | undefined;
  if (!heading) return [];
  const section = select(`section[aria-labelledby="${headingId}"]`, tree) as Element | undefined;
  if (!section) return [];
  const own = section.children.filter((c): c is Element => c.type === "element" && c.tagName === "ol");
  return own
    .filter((ol) => String((ol.properties.className as string[] | undefined) ?? "").includes("timeline-undated"))
    .flatMap((ol) => ids(selectAll("li.timeline-entry", ol) as Element[]));
}

async function build(site: string): Promise<void> {
  const result = await runCli(["build", "--content", path.join(ROOT, "content"), "--output", site, "--quiet"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
}

describe("pageSize", () => {
  it("reads a positive whole number, else the default", () => {
    expect(pageSize("25")).toBe(25);
    expect(pageSize(undefined)).toBe(pageSize("not a number"));
    expect(pageSize("0")).toBe(pageSize(undefined));
    expect(pageSize("2.5")).toBe(pageSize(undefined));
  });
});

describe("the timeline of the default site", () => {
  let site: string;
  let pages: Map<string, string>;
  let events: Event[];
  let timeline: Root;
  beforeAll(async () => {
    site = path.join(await tempDir(), "site");
    await build(site);
    pages = await readPages(site);
    events = (JSON.parse(await readFile(path.join(site, "digest.json"), "utf8")) as { events: Event[] }).events;
    timeline = fromHtml(pages.get("/timeline/")!);
  });

  it("lists every event once, with its anchor, its <time datetime> and a link to every source paragraph", () => {
    expect(events.length).toBeGreaterThan(5);
    const entries = selectAll("li.timeline-entry", timeline) as Element[];
    expect(ids(entries)).toEqual(expect.arrayContaining(events.map((e) => e.id)));
    expect(entries).toHaveLength(events.length);
    for (const e of events) {
      const li = select(`li[id="${e.id}"]`, timeline) as Element;
      expect(select(`time[datetime="${e.date}"]`, li), e.id).toBeTruthy();
      const hrefs = (selectAll(".sources a", li) as Element[]).map((a) => String(a.properties.href));
      expect(hrefs).toEqual(e.sources.map((s) => s.url));
      expect(select(`a[href="#${e.id}"]`, li), "a link to the entry itself").toBeTruthy();
    }
  });

  it("groups by year, month and day, an event known to the month under its month only", () => {
    for (const e of events) {
      const y = e.date.slice(0, 4);
      expect(select(`#y-${y}`, timeline), `year heading for ${e.id}`).toBeTruthy();
      if (e.date.length === 4) expect(entriesUnder(timeline, `y-${y}`)).toContain(e.id);
      if (e.date.length === 7) expect(entriesUnder(timeline, `m-${e.date}`)).toContain(e.id);
      if (e.date.length === 10) expect(select(`#d-${e.date}`, timeline), `day heading for ${e.id}`).toBeTruthy();
    }
    // No day heading that no event of that exact day asked for (nothing is put on a made-up 1st).
    const days = new Set(events.filter((e) => e.date.length === 10).map((e) => e.date));
    for (const h of selectAll("h4.timeline-day", timeline) as Element[]) {
      expect(days.has(String(h.properties.id).slice(2))).toBe(true);
    }
    const order = ids(selectAll("li.timeline-entry", timeline) as Element[]);
    const dates = order.map((id) => events.find((e) => e.id === id)!.date);
    expect(dates).toEqual([...dates].sort());
  });

  it("has a plain timeline page per topic, with only that topic's events, linked from the badges", () => {
    const topics = [...new Set(events.flatMap((e) => e.topics))].sort();
    expect(topics.length).toBeGreaterThan(0);
    for (const topic of topics) {
      const url = `/timeline/topics/${topic}/`;
      const html = pages.get(url);
      expect(html, url).toBeDefined();
      const listed = ids(selectAll("li.timeline-entry", fromHtml(html!)) as Element[]).sort();
      expect(listed).toEqual(events.filter((e) => e.topics.includes(topic)).map((e) => e.id).sort());
      expect(select(`.topic-badge[href="${url}"]`, timeline)).toBeTruthy();
    }
  });

  it("says on each report page which events it told, linking to their anchors and its paragraphs", () => {
    for (const [url, html] of pages) {
      if (!/^\/reports\/[^/]+\/$/.test(url)) continue;
      const slug = url.split("/")[2]!;
      const told = events.filter((e) => e.sources.some((s) => s.report === slug));
      const tree = fromHtml(html);
      const section = select("section.on-timeline", tree) as Element | undefined;
      if (told.length === 0) {
        expect(section).toBeUndefined();
        continue;
      }
      expect(section, url).toBeTruthy();
      const hrefs = (selectAll("li > a", section!) as Element[]).map((a) => String(a.properties.href));
      expect(hrefs).toEqual(told.map((e) => `/timeline/#${e.id}`));
      for (const e of told) {
        for (const s of e.sources.filter((x) => x.report === slug)) {
          expect(select(`.paragraph-links a[href="#${s.paragraph}"]`, section!)).toBeTruthy();
          expect(select(`[id="${s.paragraph}"]`, tree), `${url}#${s.paragraph}`).toBeTruthy();
        }
      }
    }
  });

  it("resolves every link and anchor of the timeline pages and report pages", async () => {
    const broken = (await brokenLinks(site)).filter((b) => b.startsWith("/timeline/") || b.startsWith("/reports/"));
    expect(broken).toEqual([]);
  });

  it("exports TimelineJS3 data with dates at the events' precision", async () => {
    const data = JSON.parse(await readFile(path.join(site, "timeline.timelinejs.json"), "utf8")) as {
      title: { text: { headline: string } };
      events: Array<{ unique_id: string; start_date: Record<string, number>; text: { headline: string; text: string } }>;
    };
    expect(data.title.text.headline.length).toBeGreaterThan(0);
    expect(data.events.map((s) => s.unique_id)).toEqual(events.map((e) => e.id));
    data.events.forEach((slide, i) => {
      const [y, m, d] = events[i]!.date.split("-").map(Number);
      expect(slide.start_date).toEqual({ year: y, ...(m ? { month: m } : {}), ...(d ? { day: d } : {}) });
      for (const s of events[i]!.sources) expect(slide.text.text).toContain(`href="${s.url}"`);
    });
  });
});

describe("a timeline too long for one page", () => {
  let site: string;
  let pages: Map<string, string>;
  let events: Event[];
  const saved = process.env.DATELINE_TIMELINE_PAGE_SIZE;
  beforeAll(async () => {
    process.env.DATELINE_TIMELINE_PAGE_SIZE = "4";
    site = path.join(await tempDir(), "site");
    await build(site);
    pages = await readPages(site);
    events = (JSON.parse(await readFile(path.join(site, "digest.json"), "utf8")) as { events: Event[] }).events;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DATELINE_TIMELINE_PAGE_SIZE;
    else process.env.DATELINE_TIMELINE_PAGE_SIZE = saved;
  });

  it("splits by year, then by month, each event on exactly one page, chained by prev/next", () => {
    const timelinePages = [...pages.keys()].filter((u) => /^\/timeline\/\d{4}\/(\d{2}\/)?$/.test(u)).sort();
    expect(timelinePages.length).toBeGreaterThan(2);
    const seen = new Map<string, string>();
    for (const url of timelinePages) {
      for (const id of ids(selectAll("li.timeline-entry", fromHtml(pages.get(url)!)) as Element[])) {
        expect(seen.has(id), `${id} on ${url} and ${seen.get(id)}`).toBe(false);
        seen.set(id, url);
      }
    }
    expect([...seen.keys()].sort()).toEqual(events.map((e) => e.id).sort());
    for (const e of events) {
      const page = seen.get(e.id)!;
      expect(page.startsWith(`/timeline/${e.date.slice(0, 4)}/`)).toBe(true);
      if (page.length > "/timeline/YYYY/".length) expect(page).toBe(`/timeline/${e.date.slice(0, 4)}/${e.date.slice(5, 7)}/`);
    }
    // Following "Later" from the first page with entries visits every such page in order.
    const withEntries = timelinePages.filter((u) => pages.get(u)!.includes('class="timeline-entry"'));
    let at: string | undefined = withEntries[0];
    const visited: string[] = [];
    while (at) {
      visited.push(at);
      const next = select('a[rel="next"]', fromHtml(pages.get(at)!)) as Element | undefined;
      at = next ? String(next.properties.href) : undefined;
    }
    expect(visited).toEqual(withEntries);
  });

  it("makes /timeline/ an index of the year and month pages", () => {
    const index = fromHtml(pages.get("/timeline/")!);
    expect(selectAll("li.timeline-entry", index)).toHaveLength(0);
    const links = (selectAll(".timeline-index a", index) as Element[]).map((a) => String(a.properties.href));
    for (const url of [...pages.keys()].filter((u) => /^\/timeline\/\d{4}\//.test(u))) expect(links).toContain(url);
  });

  it("pages each topic's timeline the same way, under the topic's URL, every entry of the topic once", () => {
    const topics = [...new Set(events.flatMap((e) => e.topics))].sort();
    expect(topics.length).toBeGreaterThan(0);
    let paged = 0;
    for (const topic of topics) {
      const base = `/timeline/topics/${topic}/`;
      const urls = [...pages.keys()].filter((u) => u.startsWith(base));
      const seen: string[] = [];
      for (const url of urls) {
        const entries = ids(selectAll("li.timeline-entry", fromHtml(pages.get(url)!)) as Element[]);
        expect(entries.length, url).toBeLessThanOrEqual(4);
        seen.push(...entries);
      }
      expect(seen.sort()).toEqual(events.filter((e) => e.topics.includes(topic)).map((e) => e.id).sort());
      if (urls.length > 1) {
        paged++;
        const links = (selectAll(".timeline-index a", fromHtml(pages.get(base)!)) as Element[]).map((a) => String(a.properties.href));
        for (const url of urls.filter((u) => /\/\d{4}\/$/.test(u))) expect(links).toContain(url);
      }
    }
    expect(paged).toBeGreaterThan(0);
  });

  it("points report pages and TimelineJS at the page that holds each entry", async () => {
    const broken = (await brokenLinks(site)).filter((b) => b.startsWith("/timeline/") || b.startsWith("/reports/"));
    expect(broken).toEqual([]);
    const data = await readFile(path.join(site, "timeline.timelinejs.json"), "utf8");
    for (const e of events) expect(data).toMatch(new RegExp(`href=\\\\"/timeline/\\d{4}/(\\d{2}/)?#${e.id}\\\\"`));
  });
});

describe("the timeline of the two seed reports", () => {
  it("dates the happenings, merges what both tell and keeps the rest apart", async () => {
    const content = path.join(await tempDir(), "content");
    const seeds = await seedFiles();
    expect((await runCli(["import", ...seeds, "--out", content])).code).toBe(0);
    const { digest } = await buildDigest(content);
    const slugOf = (date: string) => digest.reports.find((r) => r.date === date)!.slug;
    const later = slugOf("2024-01-10");
    const earlier = slugOf("2024-01-06");
    const on = (date: string) => digest.events.filter((e) => e.date === date);
    const reportsOf = (date: string) => on(date).map((e) => [...new Set(e.sources.map((s) => s.report))].sort());
    const both = [earlier, later].sort();
    // Told by both reports in different words: one entry each, citing both.
    expect(reportsOf("2023-12-26")).toEqual([both]);
    expect(reportsOf("2024-01-05")).toEqual([both]);
    // "A month earlier" (before December 26): November, at month precision, told by both.
    expect(reportsOf("2023-11")).toEqual([both]);
    // Another statement of that November, on a known day: its own entry.
    expect(reportsOf("2023-11-07")).toEqual([[earlier]]);
    // "a document dated January 6" dates the document; "reported this on January 9" dates nothing.
    expect(reportsOf("2024-01-06")).toEqual([[later]]);
    expect(on("2024-01-09")).toEqual([]);
    const dates = digest.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
  });
});
