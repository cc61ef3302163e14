import { describe, expect, it } from "vitest";
import { extractEvents } from "../../src/digest/events.ts";
import { mergeEvents } from "../../src/digest/merge.ts";
import {
  dateLabel,
  groupTimeline,
  planTimeline,
  reportTimeline,
  timelineSite,
  topicTimelines,
  type TimelinePage,
} from "../../src/digest/timeline.ts";
import { timelineJSDate, toTimelineJS } from "../../src/digest/timelinejs.ts";
import type { TimelineEvent } from "../../src/digest/types.ts";
import { bridgeReports } from "../fixtures/timeline/bridge.ts";
import { iraqReports } from "../fixtures/timeline/iraq.ts";

const reports = [...iraqReports, ...bridgeReports];
const events = mergeEvents(reports.flatMap((r) => extractEvents(r)));

function eventsOn(page: TimelinePage): TimelineEvent[] {
  return page.years.flatMap((y) => [...y.events, ...y.months.flatMap((m) => [...m.events, ...m.days.flatMap((d) => d.events)])]);
}

/** Synthetic events: days 1…n of each month (`perDay` events each), plus one month-only event each. */
function synthetic(months: string[], n: number, perDay = 1): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const m of months) {
    out.push({ id: `e-${m}-summary`, date: m, precision: "month", text: `Month ${m}`, topics: [], sources: [] });
    for (let d = 1; d <= n; d++) {
      const date = `${m}-${String(d).padStart(2, "0")}`;
      for (let k = 1; k <= perDay; k++) {
        out.push({ id: `e-${date}-${k}`, date, precision: "day", text: `Day ${date} #${k}`, topics: ["t"], sources: [] });
      }
    }
  }
  return out;
}

describe("dateLabel", () => {
  it("labels at the precision given, in UTC", () => {
    expect(dateLabel("2024-01-05")).toBe("5 January 2024");
    expect(dateLabel("2023-11")).toBe("November 2023");
    expect(dateLabel("2023")).toBe("2023");
    expect(dateLabel("2024-12-31")).toBe("31 December 2024");
  });
});

describe("groupTimeline", () => {
  const years = groupTimeline(events);

  it("groups by year, month and day in date order", () => {
    expect(years.map((y) => y.key)).toEqual(["2023", "2024", "2025"]);
    const y2023 = years[0]!;
    expect(y2023.months.map((m) => m.key)).toEqual(["2023-10", "2023-11", "2023-12"]);
    expect(y2023.count).toBe(events.filter((e) => e.date.startsWith("2023")).length);
    const dec = y2023.months[2]!;
    expect(dec.days.map((d) => [d.key, d.anchor, d.label])).toEqual([["2023-12-26", "d-2023-12-26", "26 December 2023"]]);
  });

  it("keeps month-only events in their month and year-only in their year, never on a made-up 1st", () => {
    const nov = years[0]!.months[1]!;
    expect(nov.events.map((e) => e.date)).toEqual(["2023-11"]);
    expect(nov.days.map((d) => d.key)).toEqual(["2023-11-07"]);
    const y2023 = years[0]!;
    expect(y2023.events.map((e) => e.text)).toEqual([expect.stringMatching(/corrosion/)]);
    const allDays = years.flatMap((y) => y.months.flatMap((m) => m.days.map((d) => d.key)));
    expect(allDays.some((d) => d.endsWith("-01"))).toBe(false);
  });

  it("holds every event exactly once", () => {
    const flat = years.flatMap((y) => [...y.events, ...y.months.flatMap((m) => [...m.events, ...m.days.flatMap((d) => d.events)])]);
    expect(flat.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
  });
});

describe("topicTimelines", () => {
  it("makes one grouped page per topic with its events only", () => {
    const topics = topicTimelines(events);
    expect(topics.map((t) => [t.topic, t.url])).toEqual([
      ["bridge", "/timeline/topics/bridge/"],
      ["rescue", "/timeline/topics/rescue/"],
    ]);
    const rescue = topics[1]!;
    expect(rescue.count).toBe(events.filter((e) => e.topics.includes("rescue")).length);
    expect(rescue.pages.map((p) => [p.kind, p.url, p.title])).toEqual([["all", "/timeline/topics/rescue/", "Timeline: rescue"]]);
    const flat = eventsOn(rescue.pages[0]!);
    expect(flat.map((e) => e.id).sort()).toEqual(events.filter((e) => e.topics.includes("rescue")).map((e) => e.id).sort());
  });

  it("pages a topic with more events than a page holds as the whole timeline is paged, under its own URL", () => {
    const many = synthetic(["2023-01", "2023-02", "2024-03"], 5);
    const [topic] = topicTimelines(many, "/timeline/", { t: "Talks" }, 8);
    expect(topic!.url).toBe("/timeline/topics/t/");
    expect(topic!.pages.map((p) => [p.kind, p.url, p.title])).toEqual([
      ["index", "/timeline/topics/t/", "Timeline: Talks"],
      ["year", "/timeline/topics/t/2023/", "Timeline: Talks, 2023"],
      ["month", "/timeline/topics/t/2023/01/", "Timeline: Talks, January 2023"],
      ["month", "/timeline/topics/t/2023/02/", "Timeline: Talks, February 2023"],
      ["year", "/timeline/topics/t/2024/", "Timeline: Talks, 2024"],
    ]);
    // Every event of the topic on exactly one page, each page within the limit.
    const onPages = topic!.pages.flatMap(eventsOn);
    expect(onPages.map((e) => e.id).sort()).toEqual(many.filter((e) => e.topics.includes("t")).map((e) => e.id).sort());
    for (const p of topic!.pages) expect(eventsOn(p).length).toBeLessThanOrEqual(8);
    expect(topic!.pages[0]!.index.map((y) => y.url)).toEqual(["/timeline/topics/t/2023/", "/timeline/topics/t/2024/"]);
    expect(new Set(topic!.pages.map((p) => p.description)).size).toBe(topic!.pages.length);
    for (const p of topic!.pages) expect(p.description).toContain("about Talks");
    expect([topic!.pages[3]!.prev?.url, topic!.pages[3]!.next?.url]).toEqual(["/timeline/topics/t/2023/01/", "/timeline/topics/t/2024/"]);
  });

  it("gives distinct slugs to topics that slug alike", () => {
    const ev: TimelineEvent = { id: "e-2020", date: "2020", precision: "year", text: "x", topics: ["Oil & Gas", "oil-gas"], sources: [] };
    expect(topicTimelines([ev]).map((t) => t.slug)).toEqual(["oil-gas", "oil-gas-2"]);
  });
});

describe("planTimeline", () => {
  it("puts a small timeline on one page and every event's anchor on it", () => {
    const plan = planTimeline(events);
    expect(plan.mode).toBe("single");
    expect(plan.pages.map((p) => p.url)).toEqual(["/timeline/"]);
    for (const e of events) expect(plan.locations[e.id]).toBe(`/timeline/#${e.id}`);
  });

  it("splits by year, then splits a large year by month, with prev/next navigation", () => {
    const many = [
      ...synthetic(["2022-05"], 3),
      ...synthetic(["2023-01", "2023-02", "2023-03"], 4),
      { id: "e-2023-y", date: "2023", precision: "year" as const, text: "Year only", topics: [], sources: [] },
      ...synthetic(["2024-07"], 2),
    ];
    const plan = planTimeline(many, { maxPerPage: 6 });
    expect(plan.mode).toBe("paged");
    expect(plan.pages.map((p) => [p.url, p.count])).toEqual([
      ["/timeline/2022/", 4],
      ["/timeline/2023/", 1],
      ["/timeline/2023/01/", 5],
      ["/timeline/2023/02/", 5],
      ["/timeline/2023/03/", 5],
      ["/timeline/2024/", 3],
    ]);
    expect(plan.index.map((y) => [y.url, y.count, y.months.map((m) => m.url)])).toEqual([
      ["/timeline/2022/", 4, []],
      ["/timeline/2023/", 16, ["/timeline/2023/01/", "/timeline/2023/02/", "/timeline/2023/03/"]],
      ["/timeline/2024/", 3, []],
    ]);
    const urls = plan.pages.map((p) => p.url);
    plan.pages.forEach((p, i) => {
      expect(p.prev?.url ?? null).toBe(urls[i - 1] ?? null);
      expect(p.next?.url ?? null).toBe(urls[i + 1] ?? null);
    });
    // Every event sits on exactly one page, and its location points there.
    const seen = new Map<string, string>();
    for (const p of plan.pages) for (const e of eventsOn(p)) {
      expect(seen.has(e.id)).toBe(false);
      seen.set(e.id, p.url);
    }
    expect(seen.size).toBe(many.length);
    for (const e of many) expect(plan.locations[e.id]).toBe(`${seen.get(e.id)}#${e.id}`);
    expect(plan.locations["e-2023-y"]).toBe("/timeline/2023/#e-2023-y");
  });

  it("leaves a split year without year-only events out of the prev/next chain", () => {
    const plan = planTimeline([...synthetic(["2023-01", "2023-02"], 3)], { maxPerPage: 5 });
    const yearPage = plan.pages.find((p) => p.url === "/timeline/2023/")!;
    expect(yearPage.count).toBe(0);
    expect(yearPage.months.map((m) => m.url)).toEqual(["/timeline/2023/01/", "/timeline/2023/02/"]);
    const jan = plan.pages.find((p) => p.url === "/timeline/2023/01/")!;
    expect(jan.prev).toBeNull();
    expect(jan.next?.url).toBe("/timeline/2023/02/");
  });

  it("scales to tens of thousands of events", () => {
    const months = Array.from({ length: 120 }, (_, i) => `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
    const many = synthetic(months, 28, 3);
    expect(many.length).toBeGreaterThan(10_000);
    const t0 = performance.now();
    const plan = planTimeline(many);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(plan.pages.length).toBe(10 + 120);
    expect(Object.keys(plan.locations)).toHaveLength(many.length);
  });
});

describe("links and anchors", () => {
  it("every source link points at an existing report paragraph", () => {
    const paragraphs = new Set(reports.flatMap((r) => r.paragraphs.map((p) => `/reports/${r.slug}/#${p.id}`)));
    for (const e of events) for (const s of e.sources) {
      expect(paragraphs.has(s.url)).toBe(true);
      expect(s.url).toBe(`/reports/${s.report}/#${s.paragraph}`);
    }
  });

  it("'On the timeline' lists a report's events and links to their anchors", () => {
    const plan = planTimeline(events);
    const entries = reportTimeline("iraq-coalition-exit", events, plan.locations);
    expect(entries.map((e) => e.date)).toEqual(["2023-10", "2023-11", "2023-11-07", "2023-12-26", "2024-01-05"]);
    const anchors = new Set(plan.pages.flatMap((p) => eventsOn(p).map((e) => `${p.url}#${e.id}`)));
    for (const e of entries) expect(anchors.has(e.url)).toBe(true);
    expect(entries.find((e) => e.date === "2023-11")!.paragraphs).toEqual(["p4"]);
    expect(reportTimeline("no-such-report", events, plan.locations)).toEqual([]);
  });
});

describe("toTimelineJS", () => {
  it("gives dates only at the event's precision and links every source", () => {
    expect(timelineJSDate("2023-11")).toEqual({ year: 2023, month: 11 });
    expect(timelineJSDate("2023")).toEqual({ year: 2023 });
    const data = toTimelineJS(events, { title: "Iraq & Larkport", eventUrl: (e) => `/timeline/#${e.id}` });
    expect(data.title.text.headline).toBe("Iraq &amp; Larkport");
    expect(data.events).toHaveLength(events.length);
    const strike = events.find((e) => e.date === "2023-12-26")!;
    const slide = data.events.find((s) => s.unique_id === strike.id)!;
    expect(slide.start_date).toEqual({ year: 2023, month: 12, day: 26 });
    expect(slide.display_date).toBe("26 December 2023");
    for (const s of strike.sources) expect(slide.text.text).toContain(`href="${s.url}"`);
    expect(slide.text.text).toContain(`href="/timeline/#${strike.id}"`);
    expect(slide.text.headline.length).toBeLessThanOrEqual(90);
    const bridge = data.events.find((s) => s.text.text.includes("corrosion"))!;
    expect(bridge.group).toBe("bridge");
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});

describe("timelineSite", () => {
  it("gives the templates one page, topic pages with labels and each report's entries", () => {
    const site = timelineSite(events, { labels: { bridge: "Harbor bridge" } });
    expect(site.pages.map((p) => [p.kind, p.url, p.title])).toEqual([["all", "/timeline/", "Timeline"]]);
    expect(site.topicLabels).toEqual({ bridge: "Harbor bridge", rescue: "rescue" });
    expect(site.topics[0]!.title).toBe("Timeline: Harbor bridge");
    expect(site.topicUrls.bridge).toBe("/timeline/topics/bridge/");
    expect(Object.keys(site.reports).sort()).toEqual(reports.map((r) => r.slug).sort());
    for (const entries of Object.values(site.reports)) for (const e of entries) expect(e.url).toBe(site.locations[e.id]);
  });

  it("puts an index page first when the timeline is paged, with unique titles and descriptions", () => {
    const many = synthetic(["2023-01", "2023-02", "2024-03"], 5);
    const site = timelineSite(many, { maxPerPage: 8 });
    expect(site.pages.map((p) => [p.kind, p.url])).toEqual([
      ["index", "/timeline/"],
      ["year", "/timeline/2023/"],
      ["month", "/timeline/2023/01/"],
      ["month", "/timeline/2023/02/"],
      ["year", "/timeline/2024/"],
    ]);
    expect(site.pages[0]!.index.map((y) => y.url)).toEqual(["/timeline/2023/", "/timeline/2024/"]);
    const titles = site.pages.map((p) => p.title);
    expect(new Set(titles).size).toBe(titles.length);
    const descriptions = site.pages.map((p) => p.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });
});
