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
 * The candidate pairs of reports and what each shares, in parallel arrays by pair number (the
 * order pairs were first met). Most pairs share one kind of thing only, so each part is made when
 * first needed (issue 8: four empty collections for each of 137,000 candidate pairs at 4,000
 * reports were a third of this stage's garbage). Pairs are found through an open-addressing
 * table (a typed array of slots) keyed by the two report positions, not a Map of an object per pair
 * (issue 8: the Map's lookups and the objects were a quarter of this stage at 4,000 reports).
 */
class Pairs {
  /** Earlier and later report position of each pair. */
  earlierOf: number[] = [];
  laterOf: number[] = [];
  /** Shared paragraphs of the earlier and of the later report of each pair. */
  earlier: (Set<string> | undefined)[] = [];
  later: (Set<string> | undefined)[] = [];
  events: (TimelineEvent[] | undefined)[] = [];
  entities: (string[] | undefined)[] = [];
  /** Pair number + 1 by slot; 0 for an empty slot. */
  private slots = new Int32Array(1 << 12);

  get size(): number {
    return this.earlierOf.length;
  }

  /** The number of the pair of report positions `x` and `y` (x ≠ y), made when new. */
  of(x: number, y: number): number {
    const a = x < y ? x : y;
    const b = x < y ? y : x;
    const mask = this.slots.length - 1;
    let slot = slotOf(a, b) & mask;
    for (let at = this.slots[slot]!; at !== 0; at = this.slots[slot]!) {
      if (this.earlierOf[at - 1] === a && this.laterOf[at - 1] === b) return at - 1;
      slot = (slot + 1) & mask;
    }
    const pair = this.earlierOf.length;
    this.earlierOf.push(a);
    this.laterOf.push(b);
    this.earlier.push(undefined);
    this.later.push(undefined);
    this.events.push(undefined);
    this.entities.push(undefined);
    this.slots[slot] = pair + 1;
    // At most half full, so that probes stay short.
    if (2 * this.earlierOf.length > this.slots.length) this.grow();
    return pair;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let pair = 0; pair < this.earlierOf.length; pair++) {
      let slot = slotOf(this.earlierOf[pair]!, this.laterOf[pair]!) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = pair + 1;
    }
    this.slots = slots;
  }
}

/** A well-mixed 32-bit hash of a pair of report positions (MurmurHash3's finalizer). */
function slotOf(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
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
  const pairs = new Pairs();
  const n = ordered.length;

  /** Pairs each report of a posting list with its `window` successors (list in report order). */
  const pairWithin = (posting: number[], add: (pair: number) => void): void => {
    for (let i = 0; i < posting.length; i++) {
      for (let j = i + 1; j < posting.length && j <= i + window; j++) add(pairs.of(posting[i]!, posting[j]!));
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
      const pair = pairs.of(a, b);
      const earlier = (pairs.earlier[pair] ??= new Set());
      const later = (pairs.later[pair] ??= new Set());
      (a < b ? earlier : later).add(passage.at.paragraph);
      (a < b ? later : earlier).add(other.paragraph);
    }
  }

  for (const event of options.events ?? []) {
    pairWithin(postingOf(event.sources.map((s) => s.report)), (pair) => (pairs.events[pair] ??= []).push(event));
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
      pairWithin(posting, (pair) => (pairs.entities[pair] ??= []).push(name));
    }
  }

  // Scores first; the reasons (strings) only for the links kept, at most `limit` a report
  // (issue 8: building them for every candidate pair was half of this stage). Each report's
  // candidates are a slice of one array of pair numbers rather than two objects per candidate
  // link (issue 8: half a million short-lived objects at 4,000 reports). The order pairs were
  // met in does not matter: `before` below is a total order.
  const count = pairs.size;
  const score = new Float64Array(count);
  const sharedOf = new Int32Array(count);
  const daysOf = new Int32Array(count);
  const isRelated = new Uint8Array(count);
  const counts = new Int32Array(n + 1);
  for (let pair = 0; pair < count; pair++) {
    const events = pairs.events[pair] ?? NO_EVENTS;
    const entities = pairs.entities[pair] ?? NO_ENTITIES;
    const a = pairs.earlierOf[pair]!;
    const b = pairs.laterOf[pair]!;
    // Passages shared: counted on the side with more distinct paragraphs (one long paragraph
    // may contain two short ones of the other report).
    const shared = Math.max(pairs.earlier[pair]?.size ?? 0, pairs.later[pair]?.size ?? 0);
    if (shared === 0 && events.length === 0 && entities.length < 2) continue;
    const days = Math.abs(dayNumber[a]! - dayNumber[b]!);
    let sum = 3 * shared + 2 * events.length;
    if (entities.length > 1) entities.sort((x, y) => entityWeight.get(y)! - entityWeight.get(x)! || (x < y ? -1 : x > y ? 1 : 0));
    for (const name of entities) sum += entityWeight.get(name)!;
    if (days <= CLOSE_DAYS) sum += (CLOSE_DAYS + 1 - days) / (CLOSE_DAYS + 1);
    score[pair] = Math.round(sum * 1000) / 1000;
    sharedOf[pair] = shared;
    daysOf[pair] = days;
    isRelated[pair] = 1;
    counts[a + 1]!++;
    counts[b + 1]!++;
  }
  // Report r's candidates are candidates[start[r] .. start[r + 1]), each a pair number and the
  // other report's position.
  const start = counts;
  for (let r = 0; r < n; r++) start[r + 1]! += start[r]!;
  const candidates = new Int32Array(start[n]!);
  const others = new Int32Array(start[n]!);
  const filled = start.slice(0, n);
  for (let pair = 0; pair < count; pair++) {
    if (!isRelated[pair]) continue;
    const a = pairs.earlierOf[pair]!;
    const b = pairs.laterOf[pair]!;
    candidates[filled[a]!] = pair;
    others[filled[a]!++] = b;
    candidates[filled[b]!] = pair;
    others[filled[b]!++] = a;
  }

  const bySlug = [...ordered].sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  // Each report's rank by slug, for ties (numbers compare faster than slugs).
  const slugRank = new Int32Array(n);
  bySlug.forEach((report, rank) => (slugRank[position.get(report.slug)!] = rank));
  const reasonsOf: (string[] | undefined)[] = [];
  const related = new Map<string, RelatedLink[]>();
  for (const report of bySlug) {
    const r = position.get(report.slug)!;
    // Higher score first, ties by slug: a strict total order (a report is in another's list once).
    // Candidates are compared by their place k in the slice.
    const before = (k: number, l: number): boolean => {
      const x = score[candidates[k]!]!;
      const y = score[candidates[l]!]!;
      return x !== y ? x > y : slugRank[others[k]!]! < slugRank[others[l]!]!;
    };
    const kept: RelatedLink[] = [];
    for (const k of best(start[r]!, start[r + 1]!, limit, before)) {
      const pair = candidates[k]!;
      const o = ordered[others[k]!]!;
      const reasons = (reasonsOf[pair] ??= pairReasons(pairs.events[pair] ?? NO_EVENTS, pairs.entities[pair] ?? NO_ENTITIES, sharedOf[pair]!, daysOf[pair]!));
      kept.push({ slug: o.slug, url: o.url, title: o.title, date: o.date, score: score[pair]!, reasons: [...reasons] });
    }
    related.set(report.slug, kept);
  }
  return { related, stats: { candidatePairs: count } };
}

/**
 * The first `limit` of the places from…to (exclusive) in the order `before` gives: what sorting
 * them all and slicing gives, by insertion into a list of at most `limit` (issue 8: sorting every
 * report's candidates, dozens each, to keep five was a third of this stage). `before` must be a
 * strict total order.
 */
function best(from: number, to: number, limit: number, before: (x: number, y: number) => boolean): number[] {
  const top: number[] = [];
  if (limit <= 0) return top;
  for (let c = from; c < to; c++) {
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
function pairReasons(events: readonly TimelineEvent[], entities: readonly string[], shared: number, days: number): string[] {
  const reasons: string[] = [];
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
