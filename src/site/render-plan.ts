import { createHash } from "node:crypto";
import { perObject, perObjectWith } from "../digest/stage-memo.ts";
import type { ReportCrossLinks } from "../digest/crosslinks.ts";
import type { EntityPage, ThreadPage } from "../digest/story-pages.ts";
import type { ReportTimelineEntry, TimelineSitePage, TopicTimeline, TopicTimelinePage } from "../digest/timeline.ts";
import type { Report } from "../digest/types.ts";
import type { ReportView } from "./page-meta.ts";
import type { SiteData } from "./site-data.ts";

/**
 * The render plan (issue 8): every page a paginated template makes (reports, entities, threads,
 * timeline pages, topic timelines), with its model and a fingerprint of everything that page
 * prints. A rebuild renders only the pages whose fingerprint changed and carries the others
 * over from the previous site (render-manifest.ts).
 *
 * A fingerprint is complete by construction: each page's template reads its own model
 * (`item`) and a few shared values hashed with it, never the whole digest. Pages made of
 * everything (home, archive, feeds, digest.json, tallies) are not planned: they render every
 * time. What every page shares (site settings, navigation, the code of the templates) is in
 * `siteWide`; when it changes, every page renders again.
 */

/** The report fields a report page prints. */
export type PrintedReport = Pick<Report, "slug" | "url" | "title" | "date" | "datetime" | "summary" | "source" | "html">;

/** Everything a report page prints (templates/_includes/pages/report.njk). */
export interface ReportPage {
  report: PrintedReport;
  /** Head title, neighbours, JSON-LD, search facets, threads (page-meta.ts). */
  view: ReportView;
  links: ReportCrossLinks | null;
  onTimeline: ReportTimelineEntry[];
  /** Title and date of each report the cross-link notes name. */
  titles: Array<Pick<Report, "slug" | "title" | "date">>;
}

/** What the timeline pages print besides their own entries. */
export interface TimelineShared {
  count: number;
  reports: number;
  topics: Array<Pick<TopicTimeline, "topic" | "url" | "count">>;
  topicUrls: Record<string, string>;
  topicLabels: Record<string, string>;
}

export interface PlannedItems {
  reports: ReportPage[];
  entities: EntityPage[];
  threads: ThreadPage[];
  timelinePages: TimelineSitePage[];
  /** The pages of every topic's timeline. */
  topics: TopicTimelinePage[];
}

export type PageKind = keyof PlannedItems;

export interface PlannedPage {
  kind: PageKind;
  url: string;
  fingerprint: string;
  /**
   * Characters of the model hashed for the fingerprint: how heavy the page is to render. A topic
   * timeline of thousands of entries weighs as much as hundreds of report pages (render.ts
   * sizes its Eleventy runs by it).
   */
  weight: number;
}

export interface RenderPlan {
  /** Every planned page's model, by kind. */
  items: PlannedItems;
  pages: PlannedPage[];
  /** Shared by the timeline templates. */
  timelineShared: TimelineShared;
  /** What every page prints alike; pages of an earlier build with another value are stale. */
  siteWide: string;
}

/**
 * A fingerprint of values: strings are hashed as they are, anything else as its JSON, each
 * behind its length so that no two lists of parts hash alike. (A change detector, not a
 * security measure: SHA-1 is the fastest hash Node has built in.) The large strings of a page
 * model — a report's HTML, its JSON-LD — are best passed as parts of their own: JSON-escaping
 * their quotes cost more than hashing them (issue 8).
 */
export function hashOf(...parts: unknown[]): string {
  return hashAndSize(parts).hash;
}

/** `hashOf`, and how many characters were hashed. */
function hashAndSize(parts: readonly unknown[]): { hash: string; size: number } {
  const hash = createHash("sha1");
  let size = 0;
  for (const part of parts) {
    const text = typeof part === "string" ? part : (JSON.stringify(part) ?? "undefined");
    hash.update(`${typeof part === "string" ? "s" : "j"}${text.length}:`).update(text);
    size += text.length;
  }
  return { hash: hash.digest("base64url"), size };
}

/**
 * Fingerprints of page-model parts by the object, for a long-lived build process: what a rebuild
 * left unchanged is handed over as the very same objects (the timeline pages when the events are
 * unchanged, timeline-data.ts; a report's cross-links when they are equal to the last build's,
 * src/digest/session.ts), and is not serialized and hashed again. Sound because nothing alters
 * a page model once made (the caches rely on it too); a one-off build hashes each part once.
 */
const partHash = perObject((part: object) => hashAndSize([part]));

/** The report fields a page prints, one object per report (so that its fingerprint is taken once). */
const printedReport = perObject(
  (r: Report): PrintedReport => ({ slug: r.slug, url: r.url, title: r.title, date: r.date, datetime: r.datetime, summary: r.summary, source: r.source, html: r.html }),
);

/** A printed report's fingerprint, its HTML hashed apart from the rest (JSON-escaping it cost more than hashing it). */
const printedHash = perObject((printed: PrintedReport) => {
  const { html, ...rest } = printed;
  return hashAndSize([html, rest]);
});

/**
 * A report page's fingerprint: its printed fields, its cross-links (most of the model) and its
 * JSON-LD each by their own fingerprint or as a part of their own, the rest of the model as JSON.
 * Taken once per page model (`reportPage` hands back the same model while its parts are the same).
 */
const reportFingerprint = perObject((item: ReportPage): { hash: string; size: number } => {
  const { jsonLd, ...view } = item.view;
  const { links, report, ...rest } = item;
  const linked = links ? partHash(links) : { hash: "none", size: 0 };
  const printed = printedHash(report);
  const own = hashAndSize([printed.hash, jsonLd, linked.hash, { ...rest, view }]);
  return { hash: own.hash, size: own.size + printed.size + linked.size };
});

/** The reports a report's cross-link notes name, by slug, sorted; once per cross-links object. */
const referencedReports = perObject((links: ReportCrossLinks): string[] => {
  const slugs = new Set<string>();
  for (const passage of links.passages) for (const ref of passage.alsoIn) slugs.add(ref.report);
  for (const repeated of links.repeatedParagraphs) slugs.add(repeated.from.report);
  return [...slugs].sort();
});

/**
 * A report's page model, by report: made again only when one of its parts is another object
 * (its cross-links, view, timeline entries, or a report its notes name). A long-lived build
 * process gets the very same models back for the pages an edit left unchanged, and their
 * fingerprints with them (`reportFingerprint`).
 */
const reportPage = perObjectWith<Report, ReportPage>();
/** One empty list for every report with no timeline entry (a new one per report would be another input each build). */
const NOT_ON_TIMELINE: ReportTimelineEntry[] = [];

export function reportPages(data: SiteData): ReportPage[] {
  const { digest, siteIndex, timeline } = data;
  const bySlug = new Map(digest.reports.map((r) => [r.slug, r] as const));
  return digest.reports.map((r) => {
    const links = digest.crossLinks.reports[r.slug] ?? null;
    const named = (links ? referencedReports(links) : []).flatMap((slug) => bySlug.get(slug) ?? []);
    const view = siteIndex.reports[r.url]!;
    const onTimeline = timeline.site.reports[r.slug] ?? NOT_ON_TIMELINE;
    return reportPage(r, [links, view, onTimeline, ...named], () => ({
      report: printedReport(r),
      view,
      links,
      onTimeline,
      titles: named.map((other) => ({ slug: other.slug, title: other.title, date: other.date })),
    }));
  });
}

export interface PageModels {
  items: PlannedItems;
  timelineShared: TimelineShared;
}

/** The models of every planned page, computed once per site data. */
export const pageModels = perObject((data: SiteData): PageModels => {
  const { storyPages, timeline } = data;
  const t = timeline.site;
  return {
    items: { reports: reportPages(data), entities: storyPages.entities, threads: storyPages.threads, timelinePages: t.pages, topics: t.topics.flatMap((topic) => topic.pages) },
    timelineShared: {
      count: t.count,
      reports: data.digest.reports.length,
      topics: t.topics.map(({ topic, url, count }) => ({ topic, url, count })),
      topicUrls: t.topicUrls,
      topicLabels: t.topicLabels,
    },
  };
});

const urlOf = (item: { url?: string; report?: { url: string } }): string => item.report?.url ?? item.url!;

/**
 * Fingerprints every planned page. `codeVersion`: a hash of the templates and of the code that
 * renders them (render-manifest.ts).
 */
export function planRender(data: SiteData, codeVersion: string): RenderPlan {
  const { items, timelineShared } = pageModels(data);
  // Topic badges (labels and links) are in siteWide: they are printed on most planned pages.
  const shared: Record<PageKind, string> = {
    reports: "",
    entities: "",
    threads: "",
    timelinePages: hashOf({ count: timelineShared.count, reports: timelineShared.reports, topics: timelineShared.topics }),
    topics: "",
  };
  const pages: PlannedPage[] = [];
  for (const kind of Object.keys(items) as PageKind[]) {
    for (const item of items[kind] as Array<{ url?: string; report?: { url: string } }>) {
      let fingerprint: string;
      let weight: number;
      if (kind === "reports") ({ hash: fingerprint, size: weight } = reportFingerprint(item as ReportPage));
      else {
        const own = partHash(item);
        fingerprint = hashOf(shared[kind], own.hash);
        weight = own.size;
      }
      pages.push({ kind, url: urlOf(item), fingerprint, weight });
    }
  }
  const sections = data.siteIndex.sections.map((s) => s.url);
  const { topicUrls, topicLabels } = timelineShared;
  return { items, pages, timelineShared, siteWide: hashOf({ codeVersion, site: data.site, sections, topicUrls, topicLabels }) };
}

/** The models of the pages to render: all of them, or those whose URL is in `only`. */
export function itemsToRender(items: PlannedItems, only?: ReadonlySet<string>): PlannedItems {
  if (!only) return items;
  const keep = <T extends { url?: string; report?: { url: string } }>(list: T[]): T[] => list.filter((item) => only.has(urlOf(item)));
  return {
    reports: keep(items.reports),
    entities: keep(items.entities),
    threads: keep(items.threads),
    timelinePages: keep(items.timelinePages),
    topics: keep(items.topics),
  };
}

/**
 * Where Eleventy writes a page of this URL, relative to the output folder; null for a URL
 * that is not a plain path inside it (dot segments, escapes, backslashes): such a page is never
 * reused, and Eleventy's containment check (containment.ts) sees it when it renders.
 */
export function outputPathOf(url: string): string | null {
  const rel = url.replace(/^\/+/, "");
  if (/(^|\/)\.\.?(\/|$)|[%\\]|^[a-z]+:/i.test(rel)) return null;
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}
