/**
 * The order of reports for cross-linking ("earlier" means earlier here), and paragraph links.
 */
import type { Report } from "./types.ts";

type Dated = Pick<Report, "slug" | "date" | "datetime">;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Earlier publication first: by date, then by full date-time when given, then by slug, so that
 * two reports of the same day still have a fixed order. Code-unit comparison, not locale.
 */
export function compareReports(a: Dated, b: Dated): number {
  return byCodeUnit(a.date, b.date) || byCodeUnit(a.datetime, b.datetime) || byCodeUnit(a.slug, b.slug);
}

/** `/reports/<slug>/#p3` from the report's page URL and a paragraph id. */
export function paragraphUrl(report: Pick<Report, "url">, paragraph: string): string {
  const page = report.url.split("#")[0]!;
  return `${page}#${paragraph}`;
}

/** Days since 1970-01-01 of a "YYYY-MM-DD…" date, read as UTC (never local time); NaN if invalid. */
export function dayIndex(date: string): number {
  return Math.round(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/** Whole days between two "YYYY-MM-DD" dates (absolute); Infinity when either is invalid. */
export function daysApart(a: string, b: string): number {
  const days = Math.abs(dayIndex(a) - dayIndex(b));
  return Number.isFinite(days) ? days : Number.POSITIVE_INFINITY;
}

/**
 * Whether two builds have the same reports in the same order, as a link to each prints and places
 * it (slug, URL, title, date and time): what the cross-link stages of a long-lived build process
 * check before they update the last build's work (related.ts, novelty.ts). The same object
 * passes at once.
 */
export function sameReportsInOrder(before: readonly Report[], after: readonly Report[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const x = before[i]!;
    const y = after[i]!;
    if (x !== y && (x.slug !== y.slug || x.url !== y.url || x.title !== y.title || x.date !== y.date || x.datetime !== y.datetime)) return false;
  }
  return true;
}
