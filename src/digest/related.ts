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
import { compareReports, dayIndex, sameReportsInOrder } from "./report-order.ts";
import { passagesByReport, reportsWithOtherPassages } from "./passage-delta.ts";
import { sameData } from "./stage-memo.ts";

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

  /** Whether the pair shares anything: a passage, an event or an entity. */
  shares(pair: number): boolean {
    return this.earlier[pair] !== undefined || this.events[pair] !== undefined || this.entities[pair] !== undefined;
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
 * What a long-lived build process (`dateline serve`) keeps of this stage between builds: the
 * last build's candidate pairs, scores and lists. When the reports, their entities and the
 * events are as then and only the shared passages changed (an edit that rewords a paragraph),
 * only the pairs of the reports whose passages changed are scored again and only the reports
 * with a changed pair are ranked again; otherwise the stage runs from scratch. Same result
 * either way (tests/digest/crosslinks-update.test.ts).
 */
export class RelatedMemory {
  last: RelatedState | undefined;
  /** Builds done from scratch and builds that updated the last one. */
  readonly counts = { full: 0, updated: 0 };
}

/** One build's candidate pairs and what was made of them, for the next build to update. */
interface RelatedState {
  ordered: readonly Report[];
  position: Map<string, number>;
  dayNumber: readonly number[];
  slugRank: Int32Array;
  bySlug: readonly Report[];
  limit: number;
  window: number;
  events: readonly TimelineEvent[] | undefined;
  entities: ReadonlyMap<string, readonly string[]> | undefined;
  entityWeight: Map<string, number>;
  pairs: Pairs;
  scores: Scores;
  /** Per report position, the numbers of its related candidate pairs (any order). */
  listOf: Int32Array[];
  reasonsOf: (string[] | undefined)[];
  related: Map<string, RelatedLink[]>;
  /** Pairs that share something: the candidate pairs a build from scratch counts. */
  live: number;
  /** The shared passages the state was made from, by report (kept by the memory only). */
  passages?: ReadonlyMap<string, readonly SharedPassage[]>;
}

/** Per pair: score (rounded), shared passages, days apart, and whether the pair is related. */
class Scores {
  score: Float64Array;
  shared: Int32Array;
  days: Int32Array;
  related: Uint8Array;
  constructor(count: number) {
    this.score = new Float64Array(count);
    this.shared = new Int32Array(count);
    this.days = new Int32Array(count);
    this.related = new Uint8Array(count);
  }
  /** Room for `count` pairs (pairs made by an update are numbered after the others). */
  ensure(count: number): void {
    if (count <= this.score.length) return;
    const size = Math.max(count, Math.ceil(this.score.length * 1.25));
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
    this.score = grow(this.score, new Float64Array(size));
    this.shared = grow(this.shared, new Int32Array(size));
    this.days = grow(this.days, new Int32Array(size));
    this.related = grow(this.related, new Uint8Array(size));
  }
}

/**
 * Related reports for every report, by slug (every report has an entry, possibly empty).
 * Pure and deterministic; the result does not depend on the order of `reports`. `memory`: see
 * RelatedMemory (same result with or without it).
 */
export function relateReportsWithStats(
  reports: readonly Report[],
  passages: readonly SharedPassage[],
  options: RelateOptions = {},
  memory?: RelatedMemory,
): { related: Map<string, RelatedLink[]>; stats: RelateStats } {
  const limit = options.limit ?? DEFAULT_RELATED_LIMIT;
  const window = options.window ?? DEFAULT_POSTING_WINDOW;
  const ordered = [...reports].sort(compareReports);
  const byReport = memory ? passagesByReport(passages) : undefined;
  const last = memory?.last;
  let state = last?.passages && byReport && sameInputs(last, ordered, options, limit, window) ? update(last, last.passages, byReport) : undefined;
  if (state) memory!.counts.updated++;
  else {
    state = fromScratch(ordered, passages, options, limit, window);
    if (memory) memory.counts.full++;
  }
  if (memory) {
    state.passages = byReport;
    memory.last = state;
  }
  return { related: state.related, stats: { candidatePairs: state.live } };
}

/** Whether an update can stand in for a build from scratch: only the shared passages may differ. */
function sameInputs(last: RelatedState, ordered: readonly Report[], options: RelateOptions, limit: number, window: number): boolean {
  if (last.limit !== limit || last.window !== window || last.events !== options.events || !sameReportsInOrder(last.ordered, ordered)) return false;
  if ((last.entities === undefined) !== (options.entities === undefined)) return false;
  if (options.entities) for (const r of ordered) if (!sameData(last.entities!.get(r.slug), options.entities.get(r.slug))) return false;
  return true;
}

function fromScratch(ordered: readonly Report[], passages: readonly SharedPassage[], options: RelateOptions, limit: number, window: number): RelatedState {
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
  // met in does not matter: `before` (rankedLinks) is a total order.
  const count = pairs.size;
  const scores = new Scores(count);
  const counts = new Int32Array(n + 1);
  for (let pair = 0; pair < count; pair++) {
    if (!scorePair(pair, pairs, dayNumber, entityWeight, scores)) continue;
    counts[pairs.earlierOf[pair]! + 1]!++;
    counts[pairs.laterOf[pair]! + 1]!++;
  }
  // Report r's candidates are candidates[start[r] .. start[r + 1]).
  const start = counts;
  for (let r = 0; r < n; r++) start[r + 1]! += start[r]!;
  const candidates = new Int32Array(start[n]!);
  const filled = start.slice(0, n);
  for (let pair = 0; pair < count; pair++) {
    if (!scores.related[pair]) continue;
    candidates[filled[pairs.earlierOf[pair]!]!++] = pair;
    candidates[filled[pairs.laterOf[pair]!]!++] = pair;
  }
  const listOf = ordered.map((_, r) => candidates.subarray(start[r]!, start[r + 1]!));

  const bySlug = [...ordered].sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  // Each report's rank by slug, for ties (numbers compare faster than slugs).
  const slugRank = new Int32Array(n);
  bySlug.forEach((report, rank) => (slugRank[position.get(report.slug)!] = rank));
  const state: RelatedState = {
    ordered,
    position,
    dayNumber,
    slugRank,
    bySlug,
    limit,
    window,
    events: options.events,
    entities: options.entities,
    entityWeight,
    pairs,
    scores,
    listOf,
    reasonsOf: [],
    related: new Map(),
    live: count,
  };
  for (const report of bySlug) state.related.set(report.slug, rankedLinks(state, position.get(report.slug)!));
  return state;
}

/**
 * The last build's state brought up to date with new shared passages (`before` and `after`,
 * by report), the rest of the inputs being as then (sameInputs). The pairs of the reports whose
 * passages changed get their shared paragraphs counted again and are scored again; a report
 * with a pair whose score, count or relatedness changed is ranked again; the other reports keep
 * their lists. The state is altered in place and returned.
 */
function update(state: RelatedState, before: ReadonlyMap<string, readonly SharedPassage[]>, after: ReadonlyMap<string, readonly SharedPassage[]>): RelatedState {
  const { pairs, scores, position, ordered } = state;
  // The pairs a changed report's passages (then or now) tie it into.
  const affected = new Set<number>();
  for (const report of reportsWithOtherPassages(before, after)) {
    const a = position.get(report);
    if (a === undefined) continue;
    for (const list of [before.get(report), after.get(report)]) {
      for (const passage of list ?? []) {
        for (const other of passage.alsoIn) {
          const b = position.get(other.report);
          if (b !== undefined && b !== a) affected.add(pairs.of(a, b));
        }
      }
    }
  }
  scores.ensure(pairs.size);
  const touched = new Map<number, number[]>();
  const touch = (r: number, pair: number): void => {
    const list = touched.get(r);
    if (list) list.push(pair);
    else touched.set(r, [pair]);
  };
  for (const pair of affected) {
    const a = pairs.earlierOf[pair]!;
    const b = pairs.laterOf[pair]!;
    const wasLive = pairs.shares(pair);
    const was = { related: scores.related[pair], score: scores.score[pair], shared: scores.shared[pair] };
    countShared(pair, a, b, state, after);
    state.live += Number(pairs.shares(pair)) - Number(wasLive);
    scores.related[pair] = 0;
    scorePair(pair, pairs, state.dayNumber, state.entityWeight, scores);
    if (was.related === scores.related[pair] && (!was.related || (was.score === scores.score[pair] && was.shared === scores.shared[pair]))) continue;
    state.reasonsOf[pair] = undefined;
    touch(a, pair);
    touch(b, pair);
  }
  for (const [r, changed] of touched) {
    const list = new Set<number>();
    for (const pair of state.listOf[r]!) if (scores.related[pair]) list.add(pair);
    for (const pair of changed) if (scores.related[pair]) list.add(pair);
    state.listOf[r] = Int32Array.from(list);
  }
  const related = new Map<string, RelatedLink[]>();
  for (const report of state.bySlug) {
    const r = position.get(report.slug)!;
    related.set(report.slug, touched.has(r) ? rankedLinks(state, r) : state.related.get(report.slug)!);
  }
  state.related = related;
  state.ordered = ordered;
  return state;
}

/** Counts again the paragraphs the reports of `pair` (positions a < b) share, from their passages. */
function countShared(pair: number, a: number, b: number, state: RelatedState, passages: ReadonlyMap<string, readonly SharedPassage[]>): void {
  let earlier: Set<string> | undefined;
  let later: Set<string> | undefined;
  for (const passage of passages.get(state.ordered[a]!.slug) ?? []) {
    for (const other of passage.alsoIn) {
      if (state.position.get(other.report) !== b) continue;
      (earlier ??= new Set()).add(passage.at.paragraph);
      (later ??= new Set()).add(other.paragraph);
    }
  }
  for (const passage of passages.get(state.ordered[b]!.slug) ?? []) {
    for (const other of passage.alsoIn) {
      if (state.position.get(other.report) !== a) continue;
      (later ??= new Set()).add(passage.at.paragraph);
      (earlier ??= new Set()).add(other.paragraph);
    }
  }
  state.pairs.earlier[pair] = earlier;
  state.pairs.later[pair] = later;
}

/**
 * Scores a candidate pair into `scores`; whether it is related (shares a passage or an event,
 * or at least two entities). Sorts its entities, weightiest first, as its reasons list them.
 */
function scorePair(pair: number, pairs: Pairs, dayNumber: readonly number[], entityWeight: ReadonlyMap<string, number>, scores: Scores): boolean {
  const events = pairs.events[pair] ?? NO_EVENTS;
  const entities = pairs.entities[pair] ?? NO_ENTITIES;
  // Passages shared: counted on the side with more distinct paragraphs (one long paragraph
  // may contain two short ones of the other report).
  const shared = Math.max(pairs.earlier[pair]?.size ?? 0, pairs.later[pair]?.size ?? 0);
  if (shared === 0 && events.length === 0 && entities.length < 2) return false;
  const days = Math.abs(dayNumber[pairs.earlierOf[pair]!]! - dayNumber[pairs.laterOf[pair]!]!);
  let sum = 3 * shared + 2 * events.length;
  if (entities.length > 1) entities.sort((x, y) => entityWeight.get(y)! - entityWeight.get(x)! || (x < y ? -1 : x > y ? 1 : 0));
  for (const name of entities) sum += entityWeight.get(name)!;
  if (days <= CLOSE_DAYS) sum += (CLOSE_DAYS + 1 - days) / (CLOSE_DAYS + 1);
  scores.score[pair] = Math.round(sum * 1000) / 1000;
  scores.shared[pair] = shared;
  scores.days[pair] = days;
  scores.related[pair] = 1;
  return true;
}

/** The related links of report `r`: its best `limit` candidates, higher score first, ties by slug. */
function rankedLinks(state: RelatedState, r: number): RelatedLink[] {
  const { pairs, scores, slugRank, ordered } = state;
  const list = state.listOf[r]!;
  const other = (pair: number): number => (pairs.earlierOf[pair] === r ? pairs.laterOf[pair]! : pairs.earlierOf[pair]!);
  // A strict total order (a report is in another's list once). Candidates are compared by their
  // place k in the list.
  const before = (k: number, l: number): boolean => {
    const x = scores.score[list[k]!]!;
    const y = scores.score[list[l]!]!;
    return x !== y ? x > y : slugRank[other(list[k]!)]! < slugRank[other(list[l]!)]!;
  };
  const kept: RelatedLink[] = [];
  for (const k of best(0, list.length, state.limit, before)) {
    const pair = list[k]!;
    const o = ordered[other(pair)]!;
    const reasons = (state.reasonsOf[pair] ??= pairReasons(pairs.events[pair] ?? NO_EVENTS, pairs.entities[pair] ?? NO_ENTITIES, scores.shared[pair]!, scores.days[pair]!));
    kept.push({ slug: o.slug, url: o.url, title: o.title, date: o.date, score: scores.score[pair]!, reasons: [...reasons] });
  }
  return kept;
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
