/**
 * The cross-link stage: shared passages, related reports, what is new, backlinks — one pure
 * function over the built reports, returning plain JSON-serializable data (issue 5).
 *
 *   const links = crossLink(reports, { events, entities });
 *   links.reports[slug].passages   // [{ paragraph: "p3", alsoIn: [{ report, paragraph, url }] }]
 *   links.reports[slug].related    // ranked, with reasons
 *   links.reports[slug].newInReport
 */
import type { Report, TimelineEvent } from "./types.ts";
import { findSharedPassagesWithStats, type PassageGroup, type PassageOptions, type PassageRef, type PassageMemory, type PassageStats } from "./passages.ts";
import { relateReportsWithStats, type RelatedLink, type RelatedMemory } from "./related.ts";
import { computeNovelty, type Novelty, type NoveltyMemory } from "./novelty.ts";
import { compareReports } from "./report-order.ts";
import { passagesByReport } from "./passage-delta.ts";

export interface SharedParagraph {
  /** Paragraph id in this report. */
  paragraph: string;
  /** The same passage in other reports, in report order (at most ALSO_IN_LIMIT, the nearest). */
  alsoIn: PassageRef[];
}

/** A report's cross-links: what is new in it (novelty.ts), plus its shared passages and related reports. */
export interface ReportCrossLinks extends Novelty {
  passages: SharedParagraph[];
  related: RelatedLink[];
}

export interface CrossLinks {
  /** Clusters of matching paragraphs, for overviews and counts (see PassageGroup). */
  groups: PassageGroup[];
  /** By slug, keys in report order (date, then slug). */
  reports: Record<string, ReportCrossLinks>;
  stats: PassageStats & { relatedCandidatePairs: number };
}

export interface CrossLinkOptions {
  events?: readonly TimelineEvent[];
  entities?: ReadonlyMap<string, readonly string[]>;
  /** Related reports kept per report (default 5). */
  relatedLimit?: number;
  /** Backlinks kept per report (default 10). */
  backlinkLimit?: number;
  /** Passage features of the reports by slug, from the per-report stage (passages.ts). */
  features?: PassageOptions["features"];
  /** What a long-lived build process keeps of the shared-passage stage (passages.ts PassageMemory); same result either way. */
  passageMemory?: PassageMemory;
  /** Likewise for the related reports (related.ts RelatedMemory) and what is new (novelty.ts NoveltyMemory). */
  relatedMemory?: RelatedMemory;
  noveltyMemory?: NoveltyMemory;
}

/** Runs every cross-report stage. Pure, deterministic, independent of the order of `reports`. */
export function crossLink(reports: readonly Report[], options: CrossLinkOptions = {}): CrossLinks {
  const { shared: passages, groups, stats } = findSharedPassagesWithStats(reports, {
    ...(options.features ? { features: options.features } : {}),
    ...(options.passageMemory ? { memory: options.passageMemory } : {}),
  });
  const { related, stats: relatedStats } = relateReportsWithStats(
    reports,
    passages,
    {
      ...(options.events ? { events: options.events } : {}),
      ...(options.entities ? { entities: options.entities } : {}),
      ...(options.relatedLimit !== undefined ? { limit: options.relatedLimit } : {}),
    },
    options.relatedMemory,
  );
  const novelty = computeNovelty(
    reports,
    passages,
    {
      related,
      ...(options.events ? { events: options.events } : {}),
      ...(options.backlinkLimit !== undefined ? { limit: options.backlinkLimit } : {}),
    },
    options.noveltyMemory,
  );

  const byReport = passagesByReport(passages);

  const out: Record<string, ReportCrossLinks> = {};
  for (const report of [...reports].sort(compareReports)) {
    const nov = novelty.get(report.slug)!;
    out[report.slug] = {
      passages: (byReport.get(report.slug) ?? []).map((passage) => ({ paragraph: passage.at.paragraph, alsoIn: passage.alsoIn })),
      related: related.get(report.slug) ?? [],
      newParagraphs: nov.newParagraphs,
      repeatedParagraphs: nov.repeatedParagraphs,
      newEvents: nov.newEvents,
      repeatedEvents: nov.repeatedEvents,
      newInReport: nov.newInReport,
      backlinks: nov.backlinks,
    };
  }
  return { groups, reports: out, stats: { ...stats, relatedCandidatePairs: relatedStats.candidatePairs } };
}
