import { newsArticle, scriptSafeJson } from "./json-ld.ts";
import { availableSections, breadcrumbs, navItems, reportNeighbours, type Link, type NavItem, type Neighbours, type SectionAvailability } from "./navigation.ts";
import { searchFacets, type DigestWithThreads, type SearchFacets } from "./search-facets.ts";
import { absoluteUrl, type SiteConfig } from "./site-config.ts";
import { perObjectWith } from "../digest/stage-memo.ts";
import type { Report } from "../digest/types.ts";

/**
 * What pages print about themselves, computed in two steps so that a build stays linear in
 * its pages: `buildSiteIndex` runs once per build over all reports (neighbours, JSON-LD,
 * unique titles, threads), and `pageMeta` — which the base layout calls once per page with
 * the page's URL, title and description — only looks things up and joins strings.
 */

/** What a report page prints beyond its own fields, keyed by the report's URL. */
export interface ReportView {
  /** The `<title>`: the site's name after the report's; the date added when headlines repeat. */
  headTitle: string;
  /** ISO date(-time) of publication. */
  published: string;
  neighbours: Neighbours;
  /** schema.org NewsArticle, safe to print inside `<script>`. */
  jsonLd: string;
  /** Search filters: year and thread titles. */
  search: SearchFacets;
  /** The report's threads, linked to their pages when the site has thread pages. */
  threads: Array<{ label: string; url: string | null }>;
}

export interface SiteIndex {
  site: SiteConfig;
  /** The site's sections, in navigation order: thread, entity and tallies pages only when it has them. */
  sections: Link[];
  /** By report URL ("/reports/<slug>/"). */
  reports: Record<string, ReportView>;
}

/**
 * A report's view, by report, made again only when something it prints changed: the site
 * settings and the story's threads (as JSON: both are made anew for each build), whether its
 * headline repeats, its neighbours (the same object while they are the same reports). A
 * long-lived build process, whose rebuilds hand over the very same report objects for what an
 * edit left unchanged, then makes and fingerprints only the views that changed (issue 8).
 */
const reportView = perObjectWith<Report, ReportView>();

/**
 * One pass over the reports. `has`: which story pages the site has (`threads`: a page per
 * thread at /threads/<slug>/, which report pages link to).
 */
export function buildSiteIndex(digest: DigestWithThreads, site: SiteConfig, has: SectionAvailability): SiteIndex {
  const threadPages = has.threads;
  const titleCounts = new Map<string, number>();
  for (const r of digest.reports) titleCounts.set(r.title, (titleCounts.get(r.title) ?? 0) + 1);
  const neighbours = reportNeighbours(digest.reports);
  const threads = digest.story?.threads ?? [];
  const siteKey = JSON.stringify(site);
  const threadsKey = JSON.stringify(threads);
  const reports: Record<string, ReportView> = {};
  for (const report of digest.reports) {
    const repeated = (titleCounts.get(report.title) ?? 0) > 1;
    const around = neighbours.get(report.slug)!;
    reports[report.url] = reportView(report, [siteKey, threadsKey, threadPages, repeated, around], () => ({
      headTitle: repeated ? `${report.title} (${report.date}) · ${site.title}` : `${report.title} · ${site.title}`,
      published: report.datetime,
      neighbours: around,
      jsonLd: scriptSafeJson(newsArticle(report, site)),
      search: searchFacets(report.topics, report.date, digest),
      threads: threads
        .filter((t) => report.topics.includes(t.slug))
        .map((t) => ({ label: t.title, url: threadPages ? `/threads/${t.slug}/` : null })),
    }));
  }
  return { site, sections: availableSections(has), reports };
}

/** Everything the base layout prints about a page. */
export interface PageMeta {
  /** The page's own title (the `<h1>`), as the template gave it. */
  title: string;
  /** The `<title>`: unique per page, the site's name after the page's. */
  headTitle: string;
  description: string;
  /** Absolute URL with the origin and path prefix. */
  canonical: string;
  ogType: "article" | "website";
  /** ISO date(-time) of a report page's publication. */
  published: string | null;
  nav: NavItem[];
  breadcrumbs: Link[];
  /** The schema.org JSON-LD of a report page, safe to print inside `<script>`. */
  jsonLd: string | null;
}

function oneLine(value: unknown): string {
  return typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "";
}

/**
 * The meta of one page from its URL, title and description. Navigation links only to the
 * sections the site has (`index.sections`), whichever pages a build renders.
 */
export function pageMeta(pageUrl: unknown, pageTitle: unknown, pageDescription: unknown, index: SiteIndex): PageMeta {
  const { site, sections } = index;
  const url = typeof pageUrl === "string" ? pageUrl : "/";
  const report = index.reports[url] ?? null;
  const title = oneLine(pageTitle) || site.title;

  let headTitle: string;
  if (report) headTitle = report.headTitle;
  else if (url === "/") headTitle = `${site.title}: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
  else headTitle = title === site.title ? title : `${title} · ${site.title}`;

  return {
    title,
    headTitle,
    description: oneLine(pageDescription) || (url === "/" ? site.description : `${title}: ${site.description}`),
    canonical: absoluteUrl(site, url),
    ogType: report ? "article" : "website",
    published: report ? report.published : null,
    nav: navItems(url, sections),
    breadcrumbs: breadcrumbs(url, title, sections),
    jsonLd: report ? report.jsonLd : null,
  };
}
