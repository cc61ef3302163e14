import type { Report } from "../digest/types.ts";
import { readableDate } from "./filters-plugin.ts";

export interface ArchiveMonth {
  /** "2024-01", also the section's id. */
  key: string;
  /** "January 2024" */
  label: string;
  /** Newest first. */
  reports: Report[];
}

/** All reports by month of publication, newest month and newest report first. */
export function reportArchive(reports: readonly Report[]): ArchiveMonth[] {
  const newestFirst = [...reports].sort((a, b) =>
    a.datetime === b.datetime ? a.slug.localeCompare(b.slug) : a.datetime < b.datetime ? 1 : -1,
  );
  const months: ArchiveMonth[] = [];
  for (const report of newestFirst) {
    const key = report.date.slice(0, 7);
    let month = months.at(-1);
    if (!month || month.key !== key) {
      month = { key, label: readableDate(key), reports: [] };
      months.push(month);
    }
    month.reports.push(report);
  }
  return months;
}
