import { threadPages, threadUrl, type KeyFigure, type ThreadPage } from "../digest/story-pages.ts";
import { entryLocation } from "../digest/timeline.ts";
import { readableDate } from "./filters-plugin.ts";
import { searchFacets, type DigestWithThreads } from "./search-facets.ts";
import type { SearchRecord } from "./search-split.ts";
import { timelineData } from "./timeline-data.ts";

/**
 * The search records of a site, made from the digest alone (no built HTML is read), so the
 * index can be built while Eleventy renders the pages.
 *
 * Reports and thread pages are given to Pagefind as small HTML documents: the indexed part of
 * the page as the templates mark it (`data-pagefind-body`), without the navigation, footer,
 * cross-links and timeline lists the page also prints. As HTML they keep what Pagefind reads
 * from markup: the title from the `<h1>`, the extra weight of words in headings, and
 * sub-results for headings with ids. Timeline entries are plain records, as before.
 */
export type { SearchRecord } from "./search-split.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escapeHtml = (text: string): string => (/[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : text);

/** `data-pagefind-filter` values are `name:value`; a value may hold any text once escaped. */
const filterTags = (name: string, values: readonly string[]): string =>
  values.map((v) => `<span data-pagefind-filter="${escapeHtml(name)}:${escapeHtml(v)}"></span>`).join("");

const page = (language: string, body: string): string =>
  `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"></head><body>${body}</body></html>`;

/** Where a timeline entry sits on the (possibly paged) timeline, as the timeline pages place it. */
function entryUrls(digest: DigestWithThreads): (id: string) => string {
  const { locations } = timelineData(digest).site;
  return (id) => entryLocation(locations, id);
}

/**
 * The URLs of the records `searchRecords` makes, in the same order, without making them (the
 * search page's bundle list needs only these).
 */
export function searchRecordUrls(digest: DigestWithThreads): string[] {
  const entryUrl = entryUrls(digest);
  return [...digest.reports.map((r) => r.url), ...(digest.story?.threads ?? []).map((t) => threadUrl(t.slug)), ...digest.events.map((e) => entryUrl(e.id))];
}

/** The records of a site, made one at a time, on demand. */
export interface SearchRecordSource {
  /** Every record's URL, in record order (`searchRecordUrls`). */
  readonly urls: readonly string[];
  /** Pages (reports and thread pages) and timeline entries. */
  readonly pages: number;
  readonly entries: number;
  /** Makes record `i` (of `urls`): the same record `searchRecords` puts at position `i`. */
  record(i: number): SearchRecord;
}

/**
 * The records of `searchRecords`, one at a time: a shard's records can be made when they are
 * needed and let go once used, so the records of a large site never sit in memory together.
 */
export function searchRecordSource(digest: DigestWithThreads, language: string): SearchRecordSource {
  const entryUrl = entryUrls(digest);
  const reports = digest.reports.length;
  const threads = digest.story?.threads.length ?? 0;
  let pagesOfThreads: ThreadPage[] | undefined;
  return {
    urls: searchRecordUrls(digest),
    pages: reports + threads,
    entries: digest.events.length,
    record(i) {
      if (i < reports) return reportRecord(digest, digest.reports[i]!, language);
      if (i < reports + threads) {
        // Thread pages as thread.njk marks them: type Thread, the thread's own title as its
        // filter; the lede, key figures, timeline and report list, under the page's headings
        // and ids. Their models are made together (cheap), once.
        const thread = (pagesOfThreads ??= threadPages(digest))[i - reports]!;
        return { kind: "html", url: thread.url, html: page(language, threadBody(thread)) };
      }
      return entryRecord(digest, digest.events[i - reports - threads]!, entryUrl);
    },
  };
}

/**
 * Every record, in a fixed order: reports (digest order), thread pages (story order), then
 * timeline entries (date order). The same digest always gives the same records.
 */
export function searchRecords(digest: DigestWithThreads, language: string): SearchRecord[] {
  const source = searchRecordSource(digest, language);
  return source.urls.map((_, i) => source.record(i));
}

/**
 * A report as report.njk marks it: type Report, its year, its threads; the title and the date,
 * source and thread line of the header, then the body (sanitized HTML of the digest).
 */
function reportRecord(digest: DigestWithThreads, report: DigestWithThreads["reports"][number], language: string): SearchRecord {
  const facets = searchFacets(report.topics, report.date, digest);
  const meta = [readableDate(report.date), report.source].filter(Boolean).map((s) => escapeHtml(s!)).join(" · ");
  const threads = facets.threads.length > 0 ? `<p>Thread${facets.threads.length > 1 ? "s" : ""}: ${facets.threads.map(escapeHtml).join(", ")}</p>` : "";
  const body =
    `<article data-pagefind-body>${filterTags("type", ["Report"])}${filterTags("year", [facets.year])}${filterTags("thread", facets.threads)}` +
    `<h1>${escapeHtml(report.title)}</h1><p>${meta}</p>${threads}<div>${report.html}</div></article>`;
  return { kind: "html", url: report.url, html: page(language, body) };
}

/** A timeline entry, landing on its place on the (possibly paged) timeline. */
function entryRecord(digest: DigestWithThreads, event: DigestWithThreads["events"][number], entryUrl: (id: string) => string): SearchRecord {
  const facets = searchFacets(event.topics, event.date, digest);
  return {
    kind: "record",
    url: entryUrl(event.id),
    title: `Timeline: ${readableDate(event.date)}`,
    content: event.text,
    filters: { type: ["Timeline entry"], year: [facets.year], ...(facets.threads.length > 0 ? { thread: facets.threads } : {}) },
  };
}

/** The indexed part of a thread page (thread.njk), with the page's section headings and ids. */
function threadBody(thread: ThreadPage): string {
  const figure = (f: KeyFigure): string => {
    const since = f.tally.since ? `, counted since ${escapeHtml(readableDate(f.tally.since))}` : "";
    const disputed = f.disputed ? " Sources disagree." : "";
    return `<p>${escapeHtml(f.heading)}: ${escapeHtml(f.label)} as of ${escapeHtml(readableDate(f.tally.asOf))}${since}.${disputed}</p>`;
  };
  const figures = thread.figures.length > 0 ? `<section><h2 id="key-figures">Key figures</h2>${thread.figures.map(figure).join("")}</section>` : "";
  const events =
    thread.events.length > 0
      ? thread.events.map((e) => `<div id="${escapeHtml(e.id)}"><p>${escapeHtml(readableDate(e.date))}</p><p>${escapeHtml(e.text)}</p></div>`).join("")
      : "<p>No dated event of this thread yet.</p>";
  const reports = thread.reports.map((r) => `<h3>${escapeHtml(r.title)}</h3><p>${escapeHtml(readableDate(r.date))}</p><p>${escapeHtml(r.summary)}</p>`).join("");
  return (
    `<article data-pagefind-body>${filterTags("type", ["Thread"])}${filterTags("thread", [thread.title])}` +
    `<h1>${escapeHtml(thread.title)}</h1><p>${escapeHtml(thread.description)}</p>${figures}` +
    `<section><h2 id="thread-timeline">Timeline</h2>${events}</section>` +
    `<section><h2 id="thread-reports">Reports</h2>${reports}</section></article>`
  );
}
