/**
 * The timeline as templates print it: plain data, no logic left for Nunjucks.
 *
 * - `groupTimeline(events)`: year → month → day. An event known only to the month sits in its
 *   month group (`month.events`), one known only to the year in its year group (`year.events`):
 *   never placed on a made-up 1st.
 * - `topicTimelines(events)`: the same per topic, at `/timeline/topics/<slug>/`, paged like the
 *   whole timeline (a topic of a long story holds thousands of events: one page of them was
 *   megabytes of HTML for readers, and the peak of a large build's memory, issue 8).
 * - `planTimeline(events)`: the pages. Up to `maxPerPage` events → one page, `/timeline/`. More →
 *   `/timeline/` becomes an index and each year gets `/timeline/YYYY/`; a year that alone holds
 *   more than `maxPerPage` events is split by month, `/timeline/YYYY/MM/`, its year-only events
 *   staying on `/timeline/YYYY/` (which then also lists its month pages). Every content page
 *   links to the previous and next one in date order.
 * - Each event's anchor is its id, so `locations[id]` = page url + "#" + id can be shared.
 *
 * Labels are formatted in UTC with date-fns ("26 December 2023", "December 2023").
 */
import { slugify } from "../content/slug.ts";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { compareDates } from "./events-date.ts";
import type { TimelineEvent } from "./types.ts";

export interface DayGroup {
  key: string;
  anchor: string;
  label: string;
  events: TimelineEvent[];
}

export interface MonthGroup {
  key: string;
  anchor: string;
  label: string;
  /** Events known only to this month. */
  events: TimelineEvent[];
  days: DayGroup[];
  count: number;
}

export interface YearGroup {
  key: string;
  anchor: string;
  label: string;
  /** Events known only to this year. */
  events: TimelineEvent[];
  months: MonthGroup[];
  count: number;
}

function utc(date: string): TZDate {
  const [y, m = "01", d = "01"] = date.split("-");
  return new TZDate(Number(y), Number(m) - 1, Number(d), "UTC");
}

/** "26 December 2023", "December 2023" or "2023", by the precision of `date` (the site's style). */
export function dateLabel(date: string): string {
  // Memoized: a timeline labels the same few hundred days thousands of times, and date-fns
  // `format` on a TZDate cost ~0.4 s of a 1,000-report build (issue 8).
  let label = labels.get(date);
  if (label === undefined) {
    if (labels.size > 50_000) labels.clear();
    label = formatLabel(date);
    labels.set(date, label);
  }
  return label;
}

const labels = new Map<string, string>();

function formatLabel(date: string): string {
  if (date.length >= 10) return format(utc(date), "d MMMM yyyy");
  if (date.length >= 7) return format(utc(date), "MMMM yyyy");
  return date.slice(0, 4);
}

function sorted(events: TimelineEvent[]): TimelineEvent[] {
  // Array.prototype.sort is stable: same-date events keep the order mergeEvents gave them.
  return [...events].sort((a, b) => compareDates(a.date, b.date));
}

/** Groups events by year, month and day (see the module header). */
export function groupTimeline(events: TimelineEvent[]): YearGroup[] {
  const years: YearGroup[] = [];
  for (const e of sorted(events)) {
    const y = e.date.slice(0, 4);
    let year = years.at(-1);
    if (!year || year.key !== y) {
      year = { key: y, anchor: `y-${y}`, label: y, events: [], months: [], count: 0 };
      years.push(year);
    }
    year.count++;
    if (e.date.length < 7) {
      year.events.push(e);
      continue;
    }
    const mk = e.date.slice(0, 7);
    let month = year.months.at(-1);
    if (!month || month.key !== mk) {
      month = { key: mk, anchor: `m-${mk}`, label: dateLabel(mk), events: [], days: [], count: 0 };
      year.months.push(month);
    }
    month.count++;
    if (e.date.length < 10) {
      month.events.push(e);
      continue;
    }
    const dk = e.date.slice(0, 10);
    let day = month.days.at(-1);
    if (!day || day.key !== dk) {
      day = { key: dk, anchor: `d-${dk}`, label: dateLabel(dk), events: [] };
      month.days.push(day);
    }
    day.events.push(e);
  }
  return years;
}

/** URL-safe slug of a topic name. */
export function topicSlug(topic: string): string {
  return slugify(topic, Number.POSITIVE_INFINITY) || "topic";
}

export interface TopicTimeline {
  topic: string;
  slug: string;
  /** Its first page: all its events, or the index of its year and month pages. */
  url: string;
  title: string;
  count: number;
  /** Its pages, first page first (see `planTimeline`), each at a URL under `url`. */
  pages: TopicTimelinePage[];
}

export interface TopicTimelinePage extends TimelineSitePage {
  topic: string;
}

/**
 * One timeline per topic, sorted by topic slug; each at `${base}topics/<slug>/`, paged as
 * `planTimeline` pages the whole timeline (`maxPerPage`).
 */
export function topicTimelines(
  events: TimelineEvent[],
  base = "/timeline/",
  labels: Record<string, string> = {},
  maxPerPage: number = MAX_EVENTS_PER_PAGE,
): TopicTimeline[] {
  const byTopic = new Map<string, TimelineEvent[]>();
  for (const e of events) {
    for (const t of e.topics) {
      const list = byTopic.get(t);
      if (list) list.push(e);
      else byTopic.set(t, [e]);
    }
  }
  const slugs = new Map([...byTopic.keys()].map((t) => [t, topicSlug(t)] as const));
  const used = new Set<string>();
  return [...byTopic.keys()]
    .sort((a, b) => {
      const sa = slugs.get(a)!;
      const sb = slugs.get(b)!;
      return sa < sb ? -1 : sa > sb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    })
    .map((topic) => {
      let slug = slugs.get(topic)!;
      for (let n = 2; used.has(slug); n++) slug = `${slugs.get(topic)!}-${n}`;
      used.add(slug);
      const list = byTopic.get(topic)!;
      const label = labels[topic] ?? topic;
      const title = `Timeline: ${label}`;
      const url = `${base}topics/${slug}/`;
      const plan = planTimeline(list, { maxPerPage, base: url });
      const pages = sitePages(
        plan,
        (period) => (period ? `${title}, ${period}` : title),
        (period) => (period ? `about ${label} in ${period}` : `about ${label}`),
      ).map((p) => ({ ...p, topic }));
      return { topic, slug, url, title, count: list.length, pages };
    });
}

export interface PageLink {
  url: string;
  title: string;
}

export interface TimelinePage {
  url: string;
  /** "" for the single page, "YYYY" or "YYYY-MM". */
  key: string;
  title: string;
  count: number;
  years: YearGroup[];
  /** For a split year's page: its month pages. */
  months: Array<PageLink & { key: string; count: number }>;
  prev: PageLink | null;
  next: PageLink | null;
}

export interface TimelineIndexEntry extends PageLink {
  key: string;
  count: number;
  months: Array<PageLink & { key: string; count: number }>;
}

export interface TimelinePlan {
  /** "single": everything on `/timeline/`; "paged": `/timeline/` is an index of year/month pages. */
  mode: "single" | "paged";
  url: string;
  count: number;
  pages: TimelinePage[];
  /** The year entries of the index page (empty in single mode). */
  index: TimelineIndexEntry[];
  /** Event id → page url + "#" + id. */
  locations: Record<string, string>;
}

export interface PlanOptions {
  /** Most events on one page before the timeline splits by year, then by month. */
  maxPerPage?: number;
  base?: string;
}

export const MAX_EVENTS_PER_PAGE = 400;

/** Splits the timeline into pages (see the module header). */
export function planTimeline(events: TimelineEvent[], options: PlanOptions = {}): TimelinePlan {
  const max = options.maxPerPage ?? MAX_EVENTS_PER_PAGE;
  const base = options.base ?? "/timeline/";
  const years = groupTimeline(events);
  const count = events.length;
  const pages: TimelinePage[] = [];
  const index: TimelineIndexEntry[] = [];

  if (count <= max) {
    pages.push({ url: base, key: "", title: "Timeline", count, years, months: [], prev: null, next: null });
  } else {
    for (const y of years) {
      const yearUrl = `${base}${y.key}/`;
      if (y.count <= max) {
        pages.push({ url: yearUrl, key: y.key, title: `Timeline: ${y.label}`, count: y.count, years: [y], months: [], prev: null, next: null });
        index.push({ url: yearUrl, title: y.label, key: y.key, count: y.count, months: [] });
        continue;
      }
      const months = y.months.map((m) => ({ url: `${base}${m.key.replace("-", "/")}/`, title: m.label, key: m.key, count: m.count }));
      index.push({ url: yearUrl, title: y.label, key: y.key, count: y.count, months });
      pages.push({
        url: yearUrl,
        key: y.key,
        title: `Timeline: ${y.label}`,
        count: y.events.length,
        years: [{ ...y, months: [], count: y.events.length }],
        months,
        prev: null,
        next: null,
      });
      y.months.forEach((m, i) => {
        pages.push({
          url: months[i]!.url,
          key: m.key,
          title: `Timeline: ${m.label}`,
          count: m.count,
          years: [{ ...y, events: [], months: [m], count: m.count }],
          months: [],
          prev: null,
          next: null,
        });
      });
    }
    // Previous/next run through the pages that hold events, in date order.
    const content = pages.filter((p) => p.count > 0);
    content.forEach((p, i) => {
      const before = content[i - 1];
      const after = content[i + 1];
      p.prev = before ? { url: before.url, title: before.title } : null;
      p.next = after ? { url: after.url, title: after.title } : null;
    });
  }

  const locations: Record<string, string> = {};
  for (const p of pages) {
    for (const y of p.years) {
      for (const e of y.events) locations[e.id] = `${p.url}#${e.id}`;
      for (const m of y.months) {
        for (const e of m.events) locations[e.id] = `${p.url}#${e.id}`;
        for (const d of m.days) for (const e of d.events) locations[e.id] = `${p.url}#${e.id}`;
      }
    }
  }
  return { mode: count <= max ? "single" : "paged", url: base, count, pages, index, locations };
}

export interface ReportTimelineEntry {
  id: string;
  date: string;
  label: string;
  text: string;
  /** Where the event sits on the timeline. */
  url: string;
  /** This report's paragraphs that tell it ("p3"). */
  paragraphs: string[];
}

/** The events a report contributed, for its "On the timeline" section, in date order. */
export function reportTimeline(slug: string, events: TimelineEvent[], locations: Record<string, string>): ReportTimelineEntry[] {
  return sorted(events)
    .filter((e) => e.sources.some((s) => s.report === slug))
    .map((e) => timelineEntry(e, slug, locations));
}

/** Where an entry sits on the (possibly paged) timeline; the timeline's first page when unplaced. */
export function entryLocation(locations: Readonly<Record<string, string>>, id: string): string {
  return locations[id] ?? `/timeline/#${id}`;
}

function timelineEntry(e: TimelineEvent, slug: string, locations: Record<string, string>): ReportTimelineEntry {
  return {
    id: e.id,
    date: e.date,
    label: dateLabel(e.date),
    text: e.text,
    url: entryLocation(locations, e.id),
    paragraphs: e.sources.filter((s) => s.report === slug).map((s) => s.paragraph),
  };
}

/**
 * `reportTimeline` of every report that tells an event, keyed in slug order: one sort and one
 * pass over the events instead of a sort and a scan per report (quadratic, issue 8).
 */
function reportTimelines(events: TimelineEvent[], locations: Record<string, string>): Record<string, ReportTimelineEntry[]> {
  const bySlug = new Map<string, ReportTimelineEntry[]>();
  for (const e of sorted(events)) {
    for (const slug of new Set(e.sources.map((s) => s.report))) {
      const entry = timelineEntry(e, slug, locations);
      const list = bySlug.get(slug);
      if (list) list.push(entry);
      else bySlug.set(slug, [entry]);
    }
  }
  const reports: Record<string, ReportTimelineEntry[]> = {};
  for (const slug of [...bySlug.keys()].sort()) reports[slug] = bySlug.get(slug)!;
  return reports;
}

export interface TimelineSitePage extends TimelinePage {
  /** "all": the whole timeline; "index": the list of year/month pages; "year"/"month": one period. */
  kind: "all" | "index" | "year" | "month";
  description: string;
  /** The year entries (and month pages of split years), on the index page. */
  index: TimelineIndexEntry[];
}

export interface TimelineSite {
  pages: TimelineSitePage[];
  topics: TopicTimeline[];
  /** Topic → its page, for the topic badges. */
  topicUrls: Record<string, string>;
  /** Topic → label to show (thread titles when a story names them). */
  topicLabels: Record<string, string>;
  /** Report slug → its "On the timeline" entries. */
  reports: Record<string, ReportTimelineEntry[]>;
  locations: Record<string, string>;
  count: number;
}

export interface SiteOptions extends PlanOptions {
  /** Labels of topics, e.g. thread slug → thread title. */
  labels?: Record<string, string>;
}

function describe(count: number, what: string): string {
  return `${count} dated event${count === 1 ? "" : "s"} ${what}, in the order they happened, each linked to the report paragraphs that tell it.`;
}

/**
 * The pages of a planned timeline as the templates print them: an index page first when it is
 * paged; each page's kind, title and description (`title(period)` and `what(period)`: of the
 * whole when `period` is null, else of one year or month, "2023" or "May 2023").
 */
function sitePages(plan: TimelinePlan, title: (period: string | null) => string, what: (period: string | null) => string): TimelineSitePage[] {
  const pages: TimelineSitePage[] = [];
  if (plan.mode === "paged") {
    pages.push({
      url: plan.url, key: "index", title: title(null), count: plan.count, years: [], months: [], prev: null, next: null,
      kind: "index", description: describe(plan.count, `${what(null)}, by year and month`), index: plan.index,
    });
  }
  for (const p of plan.pages) {
    const kind = p.key === "" ? "all" : p.key.length === 4 ? "year" : "month";
    const period = kind === "all" ? null : p.title.replace(/^Timeline: /, "");
    // A split year's page lists its months (and the events known only to the year).
    const total = p.months.length > 0 ? (plan.index.find((y) => y.key === p.key)?.count ?? p.count) : p.count;
    const description = describe(total, p.months.length > 0 ? `${what(period)}, month by month` : what(period));
    pages.push({ ...p, title: title(period), kind, description, index: [] });
  }
  return pages;
}

/** Everything the timeline templates print: pages, topic pages, report sections (plain data). */
export function timelineSite(events: TimelineEvent[], options: SiteOptions = {}): TimelineSite {
  const plan = planTimeline(events, options);
  const labels = options.labels ?? {};
  const pages = sitePages(
    plan,
    (period) => (period ? `Timeline: ${period}` : "Timeline"),
    (period) => (period ? `of ${period}` : "from the reports"),
  );
  const topics = topicTimelines(events, options.base ?? "/timeline/", labels, options.maxPerPage);
  const reports = reportTimelines(events, plan.locations);
  return {
    pages,
    topics,
    topicUrls: Object.fromEntries(topics.map((t) => [t.topic, t.url])),
    topicLabels: Object.fromEntries(topics.map((t) => [t.topic, labels[t.topic] ?? t.topic])),
    reports,
    locations: plan.locations,
    count: plan.count,
  };
}
