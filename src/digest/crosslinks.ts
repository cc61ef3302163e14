/**
 * The cross-link stage: shared passages, related reports, what is new, backlinks — one pure
 * function over the built reports, returning plain JSON-serializable data (issue 5).
 *
 *   const links = crossLink(reports, { events, entities });
 *   links.reports[slug].passages   // [{ paragraph: "p3", alsoIn: [{ report, paragraph, url }] }]
 *   links.reports[slug].related    // ranked, with reasons
 *   links.reports[slug].newInReport
 */
import type { Report, SourceRef, TimelineEvent } from "./types.ts";
import { findSharedPassagesWithStats, type PassageGroup, type PassageStats } from "./passages.ts";
import { relateReportsWithStats, type RelatedLink } from "./related.ts";
import { computeNovelty, type Backlink, type RepeatedEvent, type RepeatedParagraph } from "./novelty.ts";
import { compareReports } from "./report-order.ts";

export interface SharedParagraph {
  /** Paragraph id in this report. */
  paragraph: string;
  /** The same passage in other reports, in report order. */
  alsoIn: SourceRef[];
}

export interface ReportCrossLinks {
  passages: SharedParagraph[];
  related: RelatedLink[];
  newParagraphs: string[];
  repeatedParagraphs: RepeatedParagraph[];
  newEvents: string[];
  repeatedEvents: RepeatedEvent[];
  newInReport: string;
  backlinks: Backlink[];
}

export interface CrossLinks {
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
}

/**
 * A paragraph lists at most this many other occurrences (the nearest in report order): a
 * passage repeated by hundreds of reports would otherwise make the output quadratic.
 */
export const ALSO_IN_LIMIT = 12;

function nearest(members: readonly SourceRef[], k: number): SourceRef[] {
  if (members.length <= ALSO_IN_LIMIT + 1) return [...members];
  let from = Math.max(0, k - Math.floor(ALSO_IN_LIMIT / 2));
  const to = Math.min(members.length, from + ALSO_IN_LIMIT + 1);
  from = Math.max(0, to - ALSO_IN_LIMIT - 1);
  return members.slice(from, to);
}

/** Runs every cross-report stage. Pure, deterministic, independent of the order of `reports`. */
export function crossLink(reports: readonly Report[], options: CrossLinkOptions = {}): CrossLinks {
  const { groups, stats } = findSharedPassagesWithStats(reports);
  const { related, stats: relatedStats } = relateReportsWithStats(reports, groups, {
    ...(options.events ? { events: options.events } : {}),
    ...(options.entities ? { entities: options.entities } : {}),
    ...(options.relatedLimit !== undefined ? { limit: options.relatedLimit } : {}),
  });
  const novelty = computeNovelty(reports, groups, {
    related,
    ...(options.events ? { events: options.events } : {}),
    ...(options.backlinkLimit !== undefined ? { limit: options.backlinkLimit } : {}),
  });

  const shared = new Map<string, SharedParagraph[]>();
  for (const group of groups) {
    const members = group.members;
    for (let k = 0; k < members.length; k++) {
      const member = members[k]!;
      const alsoIn = nearest(members, k).filter((m) => m.report !== member.report);
      let list = shared.get(member.report);
      if (!list) shared.set(member.report, (list = []));
      list.push({ paragraph: member.paragraph, alsoIn });
    }
  }

  const out: Record<string, ReportCrossLinks> = {};
  for (const report of [...reports].sort(compareReports)) {
    const index = new Map(report.paragraphs.map((p, i) => [p.id, i]));
    const passages = (shared.get(report.slug) ?? []).sort(
      (a, b) => (index.get(a.paragraph) ?? 0) - (index.get(b.paragraph) ?? 0),
    );
    const nov = novelty.get(report.slug)!;
    out[report.slug] = {
      passages,
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
