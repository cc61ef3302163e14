/**
 * Related reports: for each report, a short ranked list of other reports with the reasons.
 *
 * No all-pairs comparison over reports. Candidate pairs come from shared passages (already
 * pairs, a bounded number per paragraph) and from inverted indexes — timeline events, entities —
 * where each posting list (the reports under one key, in report order) only pairs a report
 * with its `window` nearest neighbours in it, so the work is O(window × postings) even when
 * one event or one name is in thousands of reports. Publication dates never create a pair on their own; closeness in time only adds to
 * the score and gives a reason for pairs that already share something.
 *
 * Score = 3 per shared passage + 2 per shared event + Σ over shared entities of
 * 1 / log2(1 + reports naming it) (a name in two reports weighs 0.63, one in every report
 * little) + up to 1 for publication within a week. A pair is related when it shares a passage
 * or an event, or at least two entities. Ranked by score, ties by slug; scores are rounded to
 * three decimals so the output bytes do not depend on float noise.
 */
import type { RelatedReport, Report, TimelineEvent } from "./types.ts";
import type { SharedPassage } from "./passages.ts";
import { compareReports, dayIndex } from "./report-order.ts";

export interface RelatedLink extends RelatedReport {
  url: string;
  title: string;
  date: string;
}

export interface RelateOptions {
  /** Timeline events whose `sources` name reports (by `SourceRef.report` = slug). */
  events?: readonly TimelineEvent[];
  /** People, groups and places named in each report, by slug. */
  entities?: ReadonlyMap<string, readonly string[]>;
  /** Related reports kept per report. */
  limit?: number;
  /** Neighbours paired per report within one posting list. */
  window?: number;
}

export const DEFAULT_RELATED_LIMIT = 5;
export const DEFAULT_POSTING_WINDOW = 8;
const CLOSE_DAYS = 7;

/**
 * What a pair of reports shares. Most pairs share one kind of thing only, so each part is made
 * when first needed (issue 8: four empty collections for each of 137,000 candidate pairs at
 * 4,000 reports were a third of this stage's garbage).
 */
interface Evidence {
  /** The pair: earlier position × number of reports + later position. */
  key: number;
  /** Shared paragraphs of the earlier and of the later report of the pair. */
  earlier: Set<string> | null;
  later: Set<string> | null;
  events: TimelineEvent[] | null;
  entities: string[] | null;
}

/** Stand-ins for a pair's missing parts; never altered (only lists of two or more are sorted). */
const NO_EVENTS: readonly TimelineEvent[] = [];
const NO_ENTITIES: string[] = [];

/** Counts of the work done, for the scale test and the bench. */
export interface RelateStats {
  candidatePairs: number;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first words of a text, cut at a word boundary, for quoting in a reason. */
export function excerpt(text: string, maxWords = 8): string {
  const words = text.trim().replace(/[.;:,]+$/, "").split(/\s+/).filter(Boolean);
  if (words.length <= maxWords) return words.join(" ");
  return `${words.slice(0, maxWords).join(" ")}…`;
}

function eventReason(events: readonly TimelineEvent[]): string {
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const first = sorted[0]!;
  const head = `both report the ${first.date} event “${excerpt(first.text)}”`;
  if (sorted.length === 1) return head;
  const dates = [...new Set(sorted.slice(1).map((e) => e.date))];
  const shown = dates.slice(0, 3).join(", ");
  const more = dates.length > 3 ? ` and ${dates.length - 3} more dates` : "";
  return `${head} and ${plural(sorted.length - 1, "other event", "other events")} (${shown}${more})`;
}

function dateReason(days: number): string | null {
  if (days === 0) return "published the same day";
  if (days <= CLOSE_DAYS) return `published ${plural(days, "day", "days")} apart`;
  return null;
}

/**
 * Related reports for every report, by slug (every report has an entry, possibly empty).
 * Pure and deterministic; the result does not depend on the order of `reports`.
 */
export function relateReportsWithStats(
  reports: readonly Report[],
  passages: readonly SharedPassage[],
  options: RelateOptions = {},
): { related: Map<string, RelatedLink[]>; stats: RelateStats } {
  const limit = options.limit ?? DEFAULT_RELATED_LIMIT;
  const window = options.window ?? DEFAULT_POSTING_WINDOW;
  const ordered = [...reports].sort(compareReports);
  const position = new Map(ordered.map((r, i) => [r.slug, i]));
  // Days since the epoch, once per report (parsing dates per pair would dominate at scale).
  const dayNumber = ordered.map((r) => dayIndex(r.date));
  const evidence = new Map<number, Evidence>();
  const n = ordered.length;

  const evidenceFor = (a: number, b: number): Evidence => {
    const key = Math.min(a, b) * n + Math.max(a, b);
    let e = evidence.get(key);
    if (!e) {
      e = { key, earlier: null, later: null, events: null, entities: null };
      evidence.set(key, e);
    }
    return e;
  };

  /** Pairs each report of a posting list with its `window` successors (list in report order). */
  const pairWithin = (posting: number[], add: (e: Evidence) => void): void => {
    for (let i = 0; i < posting.length; i++) {
      for (let j = i + 1; j < posting.length && j <= i + window; j++) add(evidenceFor(posting[i]!, posting[j]!));
    }
  };

  const postingOf = (slugs: Iterable<string>): number[] => {
    const ids = new Set<number>();
    for (const slug of slugs) {
      const at = position.get(slug);
      if (at !== undefined) ids.add(at);
    }
    return [...ids].sort((a, b) => a - b);
  };

  // Shared passages are pairs already (each lists a bounded number of other occurrences).
  for (const passage of passages) {
    const a = position.get(passage.at.report);
    if (a === undefined) continue;
    for (const other of passage.alsoIn) {
      const b = position.get(other.report);
      if (b === undefined || b === a) continue;
      const e = evidenceFor(a, b);
      const earlier = (e.earlier ??= new Set());
      const later = (e.later ??= new Set());
      (a < b ? earlier : later).add(passage.at.paragraph);
      (a < b ? later : earlier).add(other.paragraph);
    }
  }

  for (const event of options.events ?? []) {
    pairWithin(postingOf(event.sources.map((s) => s.report)), (e) => (e.events ??= []).push(event));
  }

  const entityWeight = new Map<string, number>();
  if (options.entities) {
    const byEntity = new Map<string, Set<string>>();
    for (const report of ordered) {
      for (const name of options.entities.get(report.slug) ?? []) {
        let set = byEntity.get(name);
        if (!set) byEntity.set(name, (set = new Set()));
        set.add(report.slug);
      }
    }
    const names = [...byEntity.keys()].sort();
    for (const name of names) {
      const posting = postingOf(byEntity.get(name)!);
      if (posting.length < 2) continue;
      entityWeight.set(name, 1 / Math.log2(1 + posting.length));
      pairWithin(posting, (e) => (e.entities ??= []).push(name));
    }
  }

  // Scores first; the reasons (strings) only for the links kept, at most `limit` a report
  // (issue 8: building them for every candidate pair was half of this stage). Pairs are kept in
  // typed arrays by their rank in key order, and each report's candidates as a slice of one
  // array of ranks, rather than as an object per pair and two per candidate link (issue 8: half
  // a million short-lived objects at 4,000 reports).
  const pairs = byKey(evidence);
  const score = new Float64Array(pairs.length);
  const sharedOf = new Int32Array(pairs.length);
  const daysOf = new Int32Array(pairs.length);
  const isRelated = new Uint8Array(pairs.length);
  const counts = new Int32Array(n + 1);
  pairs.forEach((e, i) => {
    const events = e.events ?? NO_EVENTS;
    const entities = e.entities ?? NO_ENTITIES;
    const a = Math.floor(e.key / n);
    const b = e.key % n;
    // Passages shared: counted on the side with more distinct paragraphs (one long paragraph
    // may contain two short ones of the other report).
    const shared = Math.max(e.earlier?.size ?? 0, e.later?.size ?? 0);
    if (shared === 0 && events.length === 0 && entities.length < 2) return;
    const days = Math.abs(dayNumber[a]! - dayNumber[b]!);
    let sum = 3 * shared + 2 * events.length;
    if (entities.length > 1) entities.sort((x, y) => entityWeight.get(y)! - entityWeight.get(x)! || (x < y ? -1 : x > y ? 1 : 0));
    for (const name of entities) sum += entityWeight.get(name)!;
    if (days <= CLOSE_DAYS) sum += (CLOSE_DAYS + 1 - days) / (CLOSE_DAYS + 1);
    score[i] = Math.round(sum * 1000) / 1000;
    sharedOf[i] = shared;
    daysOf[i] = days;
    isRelated[i] = 1;
    counts[a + 1]!++;
    counts[b + 1]!++;
  });
  // Report r's candidate pairs are candidates[start[r] .. start[r + 1]).
  const start = counts;
  for (let r = 0; r < n; r++) start[r + 1]! += start[r]!;
  const candidates = new Int32Array(start[n]!);
  const filled = start.slice(0, n);
  pairs.forEach((e, i) => {
    if (!isRelated[i]) return;
    candidates[filled[Math.floor(e.key / n)]!++] = i;
    candidates[filled[e.key % n]!++] = i;
  });

  const otherOf = (i: number, r: number): number => {
    const a = Math.floor(pairs[i]!.key / n);
    return a === r ? pairs[i]!.key % n : a;
  };
  const reasonsOf: (string[] | undefined)[] = [];
  const related = new Map<string, RelatedLink[]>();
  const bySlug = [...ordered].sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  for (const report of bySlug) {
    const r = position.get(report.slug)!;
    // Higher score first, ties by slug: a strict total order (a report is in another's list once).
    const before = (i: number, j: number): boolean =>
      score[i] !== score[j] ? score[i]! > score[j]! : ordered[otherOf(i, r)]!.slug < ordered[otherOf(j, r)]!.slug;
    const kept: RelatedLink[] = [];
    for (const i of best(candidates.subarray(start[r]!, start[r + 1]!), limit, before)) {
      const o = ordered[otherOf(i, r)]!;
      const reasons = (reasonsOf[i] ??= pairReasons(pairs[i]!, sharedOf[i]!, daysOf[i]!));
      kept.push({ slug: o.slug, url: o.url, title: o.title, date: o.date, score: score[i]!, reasons: [...reasons] });
    }
    related.set(report.slug, kept);
  }
  return { related, stats: { candidatePairs: evidence.size } };
}

/**
 * The pairs in key order. Numeric keys, each with its entry's rank in insertion order, sorted
 * as one typed array (no comparator call per step), then read back by rank: no second map
 * lookup per pair (issue 8). Keys are below n², so key · 2^k + rank is exact while n² · 2^k
 * stays under 2^53 (n ≤ ~10^6 for any count of pairs here); beyond that, a comparator sort.
 */
function byKey(evidence: ReadonlyMap<number, Evidence>): Evidence[] {
  const list = [...evidence.values()];
  const shift = 2 ** Math.ceil(Math.log2(list.length + 1));
  const largest = list.reduce((max, e) => Math.max(max, e.key), 0);
  if ((largest + 1) * shift > Number.MAX_SAFE_INTEGER) return list.sort((x, y) => x.key - y.key);
  const codes = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) codes[i] = list[i]!.key * shift + i;
  codes.sort();
  return Array.from(codes, (code) => list[code % shift]!);
}

/**
 * The first `limit` items in the order `before` gives: what sorting the whole list and slicing
 * gives, by insertion into a list of at most `limit` (issue 8: sorting every report's
 * candidates, dozens each, to keep five was a third of this stage). `before` must be a strict
 * total order.
 */
function best(list: Int32Array, limit: number, before: (x: number, y: number) => boolean): number[] {
  const top: number[] = [];
  if (limit <= 0) return top;
  for (const c of list) {
    if (top.length === limit && !before(c, top[limit - 1]!)) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && before(c, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = c;
  }
  return top;
}

/** The reasons of a related link, in the order readers see them (its entities sorted weightiest first). */
function pairReasons(e: Evidence, shared: number, days: number): string[] {
  const reasons: string[] = [];
  const events = e.events ?? NO_EVENTS;
  const entities = e.entities ?? NO_ENTITIES;
  if (shared > 0) reasons.push(`shares ${plural(shared, "passage", "passages")}`);
  if (events.length > 0) reasons.push(eventReason(events));
  if (entities.length > 0) {
    const more = entities.length > 3 ? ` and ${entities.length - 3} more` : "";
    reasons.push(`same people and groups: ${entities.slice(0, 3).join(", ")}${more}`);
  }
  const when = dateReason(days);
  if (when) reasons.push(when);
  return reasons;
}

/** Related reports for every report, by slug; see relateReportsWithStats. */
export function relateReports(
  reports: readonly Report[],
  passages: readonly SharedPassage[],
  options: RelateOptions = {},
): Map<string, RelatedLink[]> {
  return relateReportsWithStats(reports, passages, options).related;
}
