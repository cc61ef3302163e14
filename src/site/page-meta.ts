import type { Report } from "../digest/types.ts";
import { newsArticle, scriptSafeJson } from "./json-ld.ts";
import { availableSections, breadcrumbs, navItems, reportNeighbours, type Link, type NavItem, type Neighbours } from "./navigation.ts";
import { searchFacets, type DigestWithThreads, type SearchFacets } from "./search-facets.ts";
import { absoluteUrl, type SiteConfig } from "./site-config.ts";

/** Everything the base layout prints about a page, computed here so templates only present. */
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
  /** Previous/next report, on report pages. */
  neighbours: Neighbours | null;
  /** The schema.org JSON-LD of a report page, safe to print inside `<script>`. */
  jsonLd: string | null;
  /** Search filters of a report page (year, threads). */
  search: SearchFacets | null;
  /** A report's threads, linked to their pages when the site has thread pages. */
  threads: Array<{ label: string; url: string | null }>;
}

/** The data Eleventy hands a page (the fields read here). */
export interface PageData {
  page?: { url?: string | false };
  title?: unknown;
  description?: unknown;
  site: SiteConfig;
  digest: DigestWithThreads & { entities?: readonly unknown[] };
  report?: Report;
  /** Eleventy's collections: `all` holds the first page of every template, so every section index. */
  collections?: { all?: ReadonlyArray<{ url?: string | false }> };
}

const titleCounts = new WeakMap<readonly Report[], Map<string, number>>();

function duplicateTitle(reports: readonly Report[], title: string): boolean {
  let counts = titleCounts.get(reports);
  if (!counts) {
    counts = new Map();
    for (const r of reports) counts.set(r.title, (counts.get(r.title) ?? 0) + 1);
    titleCounts.set(reports, counts);
  }
  return (counts.get(title) ?? 0) > 1;
}

const urlSets = new WeakMap<object, Set<string | false | undefined>>();

/** The URLs of the built templates, computed once per collection (not once per page). */
function builtUrls(all: ReadonlyArray<{ url?: string | false }>): Set<string | false | undefined> {
  let urls = urlSets.get(all);
  if (!urls) {
    urls = new Set(all.map((p) => p.url));
    urlSets.set(all, urls);
  }
  return urls;
}

function oneLine(value: unknown): string {
  return typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "";
}

export function pageMeta(data: PageData): PageMeta {
  const { site, digest } = data;
  const url = typeof data.page?.url === "string" ? data.page.url : "/";
  const report = data.report && data.report.url === url ? data.report : null;
  const title = oneLine(data.title) || site.title;
  const built = builtUrls(data.collections?.all ?? []);
  const sections = availableSections({
    threads: built.has("/threads/"),
    entities: built.has("/entities/"),
    tallies: built.has("/tallies/"),
  });

  let headTitle: string;
  if (url === "/") headTitle = `${site.title}: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
  else if (report && duplicateTitle(digest.reports, report.title)) headTitle = `${title} (${report.date}) · ${site.title}`;
  else headTitle = title === site.title ? title : `${title} · ${site.title}`;

  return {
    title,
    headTitle,
    description: oneLine(data.description) || (url === "/" ? site.description : `${title}: ${site.description}`),
    canonical: absoluteUrl(site, url),
    ogType: report ? "article" : "website",
    published: report ? report.datetime : null,
    nav: navItems(url, sections),
    breadcrumbs: breadcrumbs(url, report ? report.title : title, sections),
    neighbours: report ? (reportNeighbours(digest.reports).get(report.slug) ?? null) : null,
    jsonLd: report ? scriptSafeJson(newsArticle(report, site)) : null,
    search: report ? searchFacets(report.topics, report.date, digest) : null,
    threads: report
      ? (digest.story?.threads ?? [])
          .filter((t) => report.topics.includes(t.slug))
          .map((t) => ({ label: t.title, url: built.has("/threads/") ? `/threads/${t.slug}/` : null }))
      : [],
  };
}
