/**
 * One timeline entry per real event: folds the event mentions of all reports together.
 *
 * The rule (tested in tests/digest/merge.test.ts, both merges and non-merges):
 *
 * - Dates must be compatible: the same day, or one inside the other ("2024-01" with "2024-01-05",
 *   "2023" with "2023-12-26"). Two different days never merge, however alike the words.
 * - And the texts must be alike: a weighted Dice coefficient over the mentions' features
 *   (events-features.ts), `2·w(A∩B) / (w(A) + w(B))`, where a stated number weighs 3 and a name
 *   or content word 1. Figures are the most specific evidence that two texts tell one happening;
 *   names are not (the same spokeswoman makes several statements a month). When both texts state
 *   numbers and share none ("66 attacks" / "three facilities") the score is halved.
 * - They merge at `MERGE_THRESHOLD` (0.3) or more; a month- or year-only mention joins an entry of
 *   a more precise date only at `CROSS_PRECISION_THRESHOLD` (0.45). Two sentences of one
 *   paragraph never merge. Measured on the fixtures (tests/fixtures/timeline, merge.test.ts):
 *   retellings of one event in other words score 0.55–0.81 (a month-only retelling of a day's
 *   count with the same figures 0.48); different events of the same day 0.04–0.21; the same
 *   person's other statement in the same month 0.28–0.32.
 * - Clustering is greedy and deterministic: mentions are taken most precise first (days, then
 *   months, then years, so that a month-only mention joins the day it belongs to), in date, report
 *   date, report slug and position order; each joins the best-scoring compatible entry (the score
 *   to an entry is the best score to any of its first 16 mentions) or starts a new one. Entries
 *   are indexed by day, month and year, so a mention is compared only with entries of its own
 *   period: near linear in the number of mentions.
 *
 * A merged entry keeps the most precise date, the most informative text (a complete text over
 * one cut short; then most features; ties to the earliest report), the union of topics, and
 * every source paragraph once, sorted by report date, then slug, then paragraph. Entries sort by date (plain string order: "2023-12" before
 * "2023-12-01", see events-date.ts), then by their earliest source. Ids are
 * `e-<date>-<first four key words of the earliest report's telling>` (so that later reports do
 * not change them), with "-2", "-3", … on collisions in that order.
 */
import { compareDates, compatibleDates } from "./events-date.ts";
import type { EventMention } from "./events.ts";
import type { MatchFeatures } from "./events-features.ts";
import type { Precision, SourceRef, TimelineEvent } from "./types.ts";

export const MERGE_THRESHOLD = 0.3;
/**
 * A mention known only to the month (or year) joins an entry dated to a day only at this score:
 * "some day in November" is weaker evidence than "November 7" that two texts tell one event.
 */
export const CROSS_PRECISION_THRESHOLD = 0.45;

export interface MergeOptions {
  /** Similarity at or above which two mentions with compatible dates are one event. */
  threshold?: number;
}

/**
 * A mention is compared with at most this many mentions of an entry (its first ones, which are the
 * most precise): an event told by hundreds of reports must not make merging quadratic.
 */
const MAX_COMPARED = 16;

const RANK: Record<Precision, number> = { day: 0, month: 1, year: 2 };

/**
 * A mention's weighted features and their total weight, computed once per mention. Features
 * are small integer ids (interned below), ascending, so that comparing two mentions is a merge
 * of two typed arrays (issue 8: merging scores hundreds of thousands of pairs at 4,000 reports,
 * and string-keyed Map lookups were most of it).
 */
interface Weighted {
  ids: Int32Array;
  /** The weight of each id, in the same order. */
  weights: Uint8Array;
  total: number;
}

/** A stated number's weight; keywords and names weigh 1. */
const NUMBER_WEIGHT = 3;

/** Feature ids, one table per kind of feature; ids are unique across the three. */
const keywordIds = new Map<string, number>();
const entityIds = new Map<string, number>();
const numberIds = new Map<string, number>();
let nextId = 0;
/** The weight of each feature id (its kind's), grown as ids are made. */
let weightOfId = new Uint8Array(1024);

function featureId(table: Map<string, number>, feature: string, weight: number): number {
  let id = table.get(feature);
  if (id === undefined) {
    table.set(feature, (id = nextId++));
    if (id >= weightOfId.length) {
      const grown = new Uint8Array(weightOfId.length * 2);
      grown.set(weightOfId);
      weightOfId = grown;
    }
    weightOfId[id] = weight;
  }
  return id;
}

/** A mention's weighted features (computed once per mention by mergeEvents). */
function weighted(f: MatchFeatures): Weighted {
  // The ids into a typed array sorted natively, then deduplicated in place (issue 8: a Map per
  // mention and typed arrays made from iterators and with a mapping function were 0.2 s at
  // 4,000 reports). A feature's weight is its kind's: keyword, name and number ids never coincide.
  const all = new Int32Array(f.keywords.length + f.entities.length + f.numbers.length);
  let n = 0;
  for (const k of f.keywords) all[n++] = featureId(keywordIds, k, 1);
  for (const e of f.entities) all[n++] = featureId(entityIds, e, 1);
  for (const x of f.numbers) all[n++] = featureId(numberIds, x, NUMBER_WEIGHT);
  all.sort();
  let unique = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i]!;
  const ids = unique === n ? all : all.slice(0, unique);
  const weights = new Uint8Array(unique);
  let total = 0;
  for (let i = 0; i < unique; i++) total += weights[i] = weightOfId[ids[i]!]!;
  return { ids, weights, total };
}

/** Text similarity of two mentions in [0, 1] (the rule in the module header). */
export function similarity(a: MatchFeatures, b: MatchFeatures): number {
  return weightedSimilarity(a, weighted(a), b, weighted(b));
}

/** `similarity` with both mentions' weighted features at hand (no WeakMap lookups). */
function weightedSimilarity(a: MatchFeatures, wa: Weighted, b: MatchFeatures, wb: Weighted): number {
  const denom = wa.total + wb.total;
  if (denom === 0) return 0;
  // Weights are small integers, so the sum is exact in any order.
  const x = wa.ids;
  const y = wb.ids;
  let shared = 0;
  let sharedNumber = false;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      shared += wa.weights[i]!;
      // Only numbers weigh NUMBER_WEIGHT: a shared one is a number both state.
      if (wa.weights[i] === NUMBER_WEIGHT) sharedNumber = true;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  let score = (2 * shared) / denom;
  if (a.numbers.length > 0 && b.numbers.length > 0 && !sharedNumber) score /= 2;
  return score;
}

function byPosition(a: EventMention, b: EventMention): number {
  return (
    compareDates(a.reportDate, b.reportDate) ||
    (a.source.report < b.source.report ? -1 : a.source.report > b.source.report ? 1 : 0) ||
    a.paragraphIndex - b.paragraphIndex ||
    a.offset - b.offset
  );
}

/** The order mentions are folded in: most precise first, then by date, then by where they are told. */
export function byMergeOrder(a: EventMention, b: EventMention): number {
  return RANK[a.precision] - RANK[b.precision] || compareDates(a.date, b.date) || byPosition(a, b);
}

interface Cluster {
  /** Its rank in creation order. */
  index: number;
  date: string;
  members: EventMention[];
  /** The weighted features of its first MAX_COMPARED members (the ones compared). */
  compared: Weighted[];
  /** The paragraph of every member (numbered by paragraphNumbers), for the one-paragraph rule. */
  paragraphs: Set<number>;
}

/**
 * A number per distinct source paragraph of the mentions, in their order: sets of numbers
 * instead of "report#paragraph" strings, one built per mention (issue 8).
 */
function paragraphNumbers(mentions: readonly EventMention[]): Int32Array {
  const byReport = new Map<string, Map<string, number>>();
  let next = 0;
  return Int32Array.from(mentions, (m) => {
    let paragraphs = byReport.get(m.source.report);
    if (!paragraphs) byReport.set(m.source.report, (paragraphs = new Map()));
    let n = paragraphs.get(m.source.paragraph);
    if (n === undefined) paragraphs.set(m.source.paragraph, (n = next++));
    return n;
  });
}

/** A complete text beats a cut one ("…"); then the text with the most features wins. */
function informativeness(m: EventMention): number {
  return (m.text.endsWith("…") ? 0 : 1000) + m.keywords.length + m.entities.length + m.numbers.length;
}

const SLUG_STOP = new Set(["the", "a", "an", "of", "in", "on", "at", "to", "and", "that", "said", "says", "was", "were", "had", "has", "have", "for", "by", "with", "from", "this", "it", "is", "be", "its"]);

/** Printable ASCII only: decomposing it (NFKD) and dropping combining marks change nothing. */
const ASCII = /^[\x20-\x7e]*$/;

function slugWords(text: string): string {
  // The Unicode normalization only where it can matter (issue 8: it was most of this function).
  const words = (ASCII.test(text) ? text : text.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""))
    .toLowerCase()
    .replace(/(\d),(?=\d{3})/g, "$1")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !SLUG_STOP.has(w));
  return words.slice(0, 4).join("-");
}

function toEvent(c: Cluster): TimelineEvent & { first: EventMention } {
  const members = [...c.members].sort(byPosition);
  const first = members[0]!;
  let best = first;
  for (const m of members) if (informativeness(m) > informativeness(best)) best = m;
  const seen = new Set<string>();
  const sources: SourceRef[] = [];
  for (const m of members) {
    const key = `${m.source.report}#${m.source.paragraph}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push({ ...m.source });
  }
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
  const precision = c.date.length >= 10 ? "day" : c.date.length >= 7 ? "month" : "year";
  // The id comes from the first telling, not the chosen text: a later report that tells the event
  // better changes the text but must not break links shared to the entry.
  const words = slugWords(first.text);
  return { id: `e-${c.date}${words ? `-${words}` : ""}`, date: c.date, precision, text: best.text, topics, sources, first };
}

/**
 * The features a mention looks up in the postings: all but its most common ones, as many of
 * those as weigh less in total than half the threshold times its total weight (a prefix filter,
 * issue 8: common words' postings hold most entries of a day, and walking them grew faster than
 * the corpus). Exact: an entry can reach the threshold only through a member that shares weight
 * 2·shared ≥ threshold·(w(mention) + w(member)) ≥ threshold·w(mention), more than the left-out
 * features weigh, so it shares a looked-up feature. Ties in frequency: the larger id left out.
 *
 * Written into one reused Probe (issue 8: five arrays and a set a mention were a large share of
 * merging's garbage); `ids`/`weights` hold `count` looked-up features, ascending by id.
 */
class Probe {
  ids = new Int32Array(64);
  weights = new Uint8Array(64);
  count = 0;
  /** The weight of the features left out. */
  left = 0;
  private readonly byFrequency: number[] = [];
  private skip = new Uint8Array(64);

  fill(w: Weighted, frequency: Int32Array, threshold: number): void {
    const n = w.ids.length;
    if (n > this.ids.length) {
      this.ids = new Int32Array(n);
      this.weights = new Uint8Array(n);
      this.skip = new Uint8Array(n);
    }
    const order = this.byFrequency;
    order.length = 0;
    for (let i = 0; i < n; i++) order.push(i);
    order.sort((x, y) => frequency[w.ids[y]!]! - frequency[w.ids[x]!]! || w.ids[y]! - w.ids[x]!);
    // Strictly below the bound, with a margin for the float product: leaving out less is safe.
    const bound = threshold * w.total - 1e-9;
    this.skip.fill(0, 0, n);
    let left = 0;
    for (const i of order) {
      if (2 * (left + w.weights[i]!) >= bound) break;
      left += w.weights[i]!;
      this.skip[i] = 1;
    }
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (this.skip[i]) continue;
      this.ids[count] = w.ids[i]!;
      this.weights[count++] = w.weights[i]!;
    }
    this.count = count;
    this.left = left;
  }
}

/** Folds mentions of the same event into one entry each (rule in the module header). */
export function mergeEvents(mentions: EventMention[], options: MergeOptions = {}): TimelineEvent[] {
  const threshold = options.threshold ?? MERGE_THRESHOLD;
  const ordered = [...mentions].sort(byMergeOrder);
  // How many mentions have each feature, for choosing which features a mention looks up (below).
  // In an array by position rather than a WeakMap by mention (issue 8: its lookups, several
  // per mention, were a tenth of merging).
  const weights = ordered.map(weighted);
  const frequency = new Int32Array(nextId);
  for (const w of weights) for (const id of w.ids) frequency[id]!++;
  const clusters: Cluster[] = [];
  /** Entries by every period they fall in: "2023", "2023-12", "2023-12-26". */
  const within = new Map<string, Cluster[]>();
  /** Entries by their own date exactly. */
  const exact = new Map<string, Cluster[]>();

  /**
   * Feature postings: the entries one of whose compared (first MAX_COMPARED) mentions has a
   * feature. A mention that shares no feature with an entry scores 0 there, which never merges
   * when the threshold is above 0: the postings find the entries worth scoring without scoring
   * every entry of the period (a year-only mention met every entry of its year: quadratic,
   * issue 8). Kept per period at the grain a mention looks for (issue 8: one list per year
   * made a day's mention walk the whole year's entries with a common word, ten million steps
   * at 4,000 reports, to keep the few of its day):
   *   exactly: an entry's own date → feature → entries of exactly that date;
   *   within:  a year or month → feature → entries dated inside it (itself included).
   */
  const exactly = new Map<string, Map<number, Cluster[]>>();
  const inPeriod = new Map<string, Map<number, Cluster[]>>();
  const post = (index: Map<string, Map<number, Cluster[]>>, period: string, c: Cluster, w: Weighted): void => {
    let postings = index.get(period);
    if (!postings) index.set(period, (postings = new Map()));
    for (const k of w.ids) {
      const list = postings.get(k);
      if (!list) postings.set(k, [c]);
      else if (list[list.length - 1] !== c) list.push(c);
    }
  };
  const indexFeatures = (c: Cluster, w: Weighted): void => {
    post(exactly, c.date, c, w);
    post(inPeriod, c.date.slice(0, 4), c, w);
    if (c.date.length >= 7) post(inPeriod, c.date.slice(0, 7), c, w);
  };

  // Which mention last touched each entry (entries are never more than mentions).
  const stamp = new Int32Array(ordered.length).fill(-1);
  /**
   * Per entry met by the current mention: the weight of the looked-up features that its compared
   * members have (`counted`: the feature last counted, by `tick`). With `left`, the weight of the
   * features not looked up, it bounds what any member shares with the mention.
   */
  const reach = new Int32Array(ordered.length);
  const counted = new Int32Array(ordered.length).fill(-1);
  let tick = -1;
  let left = 0;

  const paragraphOf = paragraphNumbers(ordered);
  const probe = new Probe();
  /**
   * The entries met by the current mention, each as `rank · 2^26 + index` so that a native
   * numeric sort puts them in the order a full scan of the period meets them (rank, then creation
   * order) without a comparator or a tuple per entry (issue 8). Entries are fewer than 2^26.
   */
  let met = new Float64Array(1024);
  let metCount = 0;
  const RANK_SHIFT = 2 ** 26;
  /** Meets the entries of `postings` under the probed features (see the loop below). */
  const gather = (at: number, postings: Map<number, Cluster[]> | undefined, rank: number): void => {
    if (!postings) return;
    for (let f = 0; f < probe.count; f++) {
      const list = postings.get(probe.ids[f]!);
      if (!list) continue;
      const weight = probe.weights[f]!;
      tick++;
      for (const c of list) {
        if (stamp[c.index] !== at) {
          stamp[c.index] = at;
          reach[c.index] = 0;
          if (metCount === met.length) {
            const grown = new Float64Array(met.length * 2);
            grown.set(met);
            met = grown;
          }
          met[metCount++] = rank * RANK_SHIFT + c.index;
        }
        // An entry may be listed more than once under one feature; its weight counts once.
        if (counted[c.index] !== tick) {
          counted[c.index] = tick;
          reach[c.index]! += weight;
        }
      }
    }
  };

  for (let at = 0; at < ordered.length; at++) {
    const m = ordered[at]!;
    const paragraph = paragraphOf[at]!;
    const mw = weights[at]!;
    let candidates: Iterable<Cluster>;
    if (threshold > 0) {
      // The entries that share a feature, in the order a full scan of the period meets them:
      // entries within the mention's date (rank 0), then those dated to its year (1), then to
      // its month (2); each group in creation order. The three groups are disjoint.
      probe.fill(mw, frequency, threshold);
      left = probe.left;
      metCount = 0;
      gather(at, m.date.length >= 10 ? exactly.get(m.date) : inPeriod.get(m.date), 0);
      if (m.date.length > 4) gather(at, exactly.get(m.date.slice(0, 4)), 1);
      if (m.date.length > 7) gather(at, exactly.get(m.date.slice(0, 7)), 2);
      const sorted = met.subarray(0, metCount).sort();
      const list: Cluster[] = new Array(metCount);
      for (let i = 0; i < metCount; i++) list[i] = clusters[sorted[i]! % RANK_SHIFT]!;
      candidates = list;
    } else {
      const all = new Set<Cluster>(within.get(m.date) ?? []);
      for (const len of [4, 7]) if (m.date.length > len) for (const c of exact.get(m.date.slice(0, len)) ?? []) all.add(c);
      candidates = all;
    }
    let best: Cluster | undefined;
    let bestScore = -1;
    for (const c of candidates) {
      if (!compatibleDates(c.date, m.date)) continue;
      // Two sentences of one paragraph tell two things, not one thing twice.
      if (c.paragraphs.has(paragraph)) continue;
      const needed = c.date.length === m.date.length ? threshold : Math.max(threshold, CROSS_PRECISION_THRESHOLD);
      if (threshold > 0) {
        // A member sharing weight x scores at most 2x / (w(mention) + x) (it weighs at least x),
        // and x ≤ reach + left: an entry that cannot reach `needed` is not scored (issue 8:
        // most entries met through one or two words). Exact; the margin only scores more.
        const x = reach[c.index]! + left;
        if ((2 * x) / (mw.total + x) < needed - 1e-9) continue;
      }
      let score = 0;
      const compared = Math.min(c.members.length, MAX_COMPARED);
      for (let i = 0; i < compared; i++) score = Math.max(score, weightedSimilarity(m, mw, c.members[i]!, c.compared[i]!));
      if (score >= needed && score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best) {
      best.members.push(m);
      if (best.compared.length < MAX_COMPARED) best.compared.push(mw);
      best.paragraphs.add(paragraph);
      if (best.members.length <= MAX_COMPARED) indexFeatures(best, mw);
      continue;
    }
    const cluster: Cluster = { index: clusters.length, date: m.date, members: [m], compared: [mw], paragraphs: new Set([paragraph]) };
    clusters.push(cluster);
    indexFeatures(cluster, mw);
    for (const len of [4, 7, 10]) {
      if (m.date.length < len) break;
      const key = m.date.slice(0, len);
      if (!within.has(key)) within.set(key, []);
      within.get(key)!.push(cluster);
    }
    if (!exact.has(m.date)) exact.set(m.date, []);
    exact.get(m.date)!.push(cluster);
  }

  const events = clusters.map(toEvent).sort((a, b) => compareDates(a.date, b.date) || byPosition(a.first, b.first));
  const used = new Map<string, number>();
  return events.map(({ first: _first, ...e }) => {
    const n = (used.get(e.id) ?? 0) + 1;
    used.set(e.id, n);
    return n === 1 ? e : { ...e, id: `${e.id}-${n}` };
  });
}
