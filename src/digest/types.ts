import type { Timex } from "../time/types.ts";
import type { StoryConfig } from "../content/story.ts";
import type { CrossLinks } from "./crosslinks.ts";
import type { Entity } from "./entities.ts";
import type { TallyGroups } from "./tallies.ts";

/**
 * The digest model: what the typed pipeline produces and Eleventy renders.
 * `digest.json` is a projection of it (see src/digest/export.ts); keep both in step.
 */

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD": exactly the precision the text gives. */
export type PartialDate = string;
export type Precision = "year" | "month" | "day";

/** A link to one paragraph of one report. */
export interface SourceRef {
  report: string;
  paragraph: string;
  url: string;
}

export interface ReportParagraph {
  /** "p1", "p2", … stable within the report. */
  id: string;
  /** 1-based position in the report. */
  index: number;
  /** Plain text of the paragraph. */
  text: string;
  /** Sanitized HTML of the paragraph's content (without the <p> wrapper). */
  html: string;
  /**
   * Time expressions of the paragraph, offsets into `text`. The tagger runs over the whole
   * report so that "A month earlier" in p4 is anchored to the date told in p3.
   */
  timexes: Timex[];
}

export interface RelatedReport {
  slug: string;
  score: number;
  reasons: string[];
}

export interface Report {
  slug: string;
  url: string;
  title: string;
  /** Publication date, "YYYY-MM-DD" (UTC). */
  date: string;
  /** Full ISO date-time when the front matter gave one, else the date. */
  datetime: string;
  summary: string;
  source: string | null;
  tags: string[];
  topics: string[];
  paragraphs: ReportParagraph[];
  /** Sanitized HTML of the whole body, paragraphs carrying their ids. */
  html: string;
  /** Path of the source file, relative to the content folder. */
  file: string;
  related: RelatedReport[];
}

export interface TimelineEvent {
  id: string;
  date: PartialDate;
  precision: Precision;
  text: string;
  topics: string[];
  sources: SourceRef[];
}

export type TallyQualifier = "exactly" | "at least" | "about" | "more than";

export interface Tally {
  id: string;
  measure: string;
  value: number;
  qualifier: TallyQualifier;
  since: string | null;
  asOf: string;
  text: string;
  sources: SourceRef[];
}

export interface Digest {
  /** The story configuration (content/story.yaml), when the content folder has one. */
  story: StoryConfig | null;
  /** Newest first. */
  reports: Report[];
  /** One entry per real-world event, date ascending. */
  events: TimelineEvent[];
  /** The contract's tallies (digest.json). */
  tallies: Tally[];
  /** Tallies grouped by measure, with conflicts, for the tallies page and charts. */
  tallyGroups: TallyGroups;
  /** People, organizations and places, by name. */
  entities: Entity[];
  /** Shared passages, related reports, what is new, backlinks — by report slug. */
  crossLinks: CrossLinks;
}

/**
 * A digest before its cross-link stage: the reports (their `related` still empty), events,
 * tallies and entities. What the search index reads (src/site/search-records.ts), so a build can
 * start it while the cross-links are computed (build.ts `onContent`).
 */
export type DigestContent = Omit<Digest, "crossLinks">;
