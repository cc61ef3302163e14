import type { Digest, Report } from "../digest/types.ts";
import { absoluteUrl, type SiteConfig } from "./site-config.ts";

/** Reports in a feed: the newest ones; readers' feed clients keep the older ones. */
export const FEED_LIMIT = 50;

export interface FeedEntry {
  /** Absolute URL, also the entry's permanent id. */
  url: string;
  title: string;
  summary: string;
  /** RFC 3339 (Atom) / ISO 8601 (JSON Feed) date-time in UTC. */
  published: string;
  /** The report's sanitized HTML; the Atom template makes its links absolute. */
  html: string;
  source: string | null;
  tags: string[];
}

export interface Feeds {
  title: string;
  subtitle: string;
  homeUrl: string;
  atomUrl: string;
  jsonUrl: string;
  /** The newest entry's date (not the build time, so that builds are reproducible). */
  updated: string;
  entries: FeedEntry[];
  /** The JSON Feed 1.1 document. */
  json: string;
}

/** "2024-01-06" → "2024-01-06T00:00:00Z"; a date-time is normalised to UTC without milliseconds. */
export function rfc3339(datetime: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(datetime) ? `${datetime}T00:00:00Z` : datetime);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: "${datetime}"`);
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function entry(report: Report, site: SiteConfig): FeedEntry {
  return {
    url: absoluteUrl(site, report.url),
    title: report.title,
    summary: report.summary,
    published: rfc3339(report.datetime),
    html: report.html,
    source: report.source,
    tags: report.tags,
  };
}

/** The Atom and JSON feeds of the reports, newest first. */
export function buildFeeds(digest: Digest, site: SiteConfig, limit = FEED_LIMIT): Feeds {
  const newestFirst = [...digest.reports].sort((a, b) =>
    a.datetime === b.datetime ? a.slug.localeCompare(b.slug) : a.datetime < b.datetime ? 1 : -1,
  );
  const entries = newestFirst.slice(0, limit).map((r) => entry(r, site));
  const homeUrl = absoluteUrl(site, "/");
  const atomUrl = absoluteUrl(site, "/feed.xml");
  const jsonUrl = absoluteUrl(site, "/feed.json");
  const updated = entries[0]?.published ?? "1970-01-01T00:00:00Z";
  const json = {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    home_page_url: homeUrl,
    feed_url: jsonUrl,
    description: site.description,
    language: site.language,
    items: entries.map((e) => ({
      id: e.url,
      url: e.url,
      title: e.title,
      summary: e.summary,
      content_html: e.html,
      date_published: e.published,
      ...(e.source ? { authors: [{ name: e.source }] } : {}),
      ...(e.tags.length > 0 ? { tags: e.tags } : {}),
    })),
  };
  return {
    title: site.title,
    subtitle: site.description,
    homeUrl,
    atomUrl,
    jsonUrl,
    updated,
    entries,
    json: `${JSON.stringify(json, null, 2)}\n`,
  };
}
