/**
 * Shared passages: paragraphs that appear in several reports verbatim or nearly so.
 *
 * Method (near-linear in the number of paragraphs, no all-pairs comparison):
 *  1. each paragraph → set of hashed word 3-shingles (shingles.ts); paragraphs with identical
 *     sets (verbatim copies) collapse into one node, so a line repeated by a thousand reports
 *     costs one signature and no comparisons;
 *  2. node → 100-value MinHash signature → 50 LSH band keys of 2 rows (minhash.ts);
 *  3. nodes that share at least two band keys are candidate pairs (within a bucket each node
 *     meets at most BUCKET_COMPARE_CAP nodes before it); the VERIFY_CAP with the most shared
 *     bands are verified exactly on the shingle sets;
 *  4. a second channel does the same over fact fingerprints (facts.ts), for passages retold
 *     in other words;
 *  5. a paragraph's matches are the other occurrences of its node, of the nodes it was
 *     verified similar to, and of the paragraphs that retell its facts — direct matches only.
 *     Matches are not chained transitively: two different one-sentence paragraphs that are
 *     each inside one longer paragraph are not the same passage as each other.
 *
 * Measure: two paragraphs are the same passage when
 *   Jaccard(A, B) ≥ 0.5, or
 *   containment |A ∩ B| / min(|A|, |B|) ≥ 0.8 and the shorter has ≥ 10 shingles.
 * Jaccard catches reworded openings and changed dates (a 40-word paragraph with its first
 * four words rewritten keeps J ≈ 0.7); containment catches a paragraph that a later report
 * trimmed or extended by a clause or a sentence (J can fall to 0.35 while the shorter one is
 * wholly inside the longer). Paragraphs of under 8 words take no part: "More follows." is not
 * a passage. Thresholds were chosen on the near and far pairs of tests/digest/passages.test.ts
 * and are argued in docs/crosslinks.md.
 */
import type { Report, SourceRef } from "./types.ts";
import { shingles, overlap, type Overlap } from "./shingles.ts";
import { FactComparer, factSet, factWeights, isSameFacts, FACTS_MIN_SHARED } from "./facts.ts";
import { DEFAULT_MINHASH, MinHasher, bucketChains, type MinHashParams } from "./minhash.ts";
import { bandKeys, passageFeatures, type PassageFeatures } from "./passage-features.ts";
import { compareReports, paragraphUrl } from "./report-order.ts";

export { MIN_WORDS } from "./passage-features.ts";
export const JACCARD_THRESHOLD = 0.5;
export const CONTAINMENT_THRESHOLD = 0.8;
export const CONTAINMENT_MIN_SHINGLES = 10;
/**
 * Within one LSH bucket, a node meets at most this many nodes before it (the most recent). Buckets
 * hold a handful of nodes for real text; the cap keeps template-like copy (hundreds of
 * paragraphs differing in a name or a figure) linear.
 */
export const BUCKET_COMPARE_CAP = 8;
/**
 * A paragraph lists at most this many other occurrences, the nearest in report order: a
 * passage repeated by hundreds of reports would otherwise make the output quadratic.
 */
export const ALSO_IN_LIMIT = 12;
/**
 * A pair is verified when its signatures agree on at least this many bands. Two bands instead
 * of one cuts chance candidates (J ≈ 0.1: 91 % → 9 %) while a pair at J = 0.35, the lowest a
 * containment match has in practice, still passes 99 % of the time (docs/crosslinks.md).
 */
export const MIN_BAND_HITS = 2;
/**
 * At most this many candidates are verified per paragraph, those with the most band hits.
 * Template-like copy (the same sentence with other names and figures, hundreds of times) makes
 * every paragraph meet many look-alikes at J ≈ 0.3; the cap bounds the work per paragraph, so
 * the total stays linear. A paragraph lists at most ALSO_IN_LIMIT matches anyway.
 */
export const VERIFY_CAP = 12;

/**
 * One other occurrence of a passage. `match` says how it was found: "text" — the wording is the
 * same or nearly (shingles); "facts" — the paragraph retells the same facts in other words.
 */
export interface PassageRef extends SourceRef {
  match: "text" | "facts";
}

/** A paragraph that appears, verbatim, nearly, or retold, in other reports. */
export interface SharedPassage {
  /** The paragraph. */
  at: SourceRef;
  /** The same passage in other reports, in report order (date, then slug), then paragraph order. */
  alsoIn: PassageRef[];
}

/**
 * A cluster of paragraphs joined by passage matches, directly or through each other (connected
 * components of the match graph), spanning two or more reports. For overviews and counts: a
 * cluster can chain (A ~ B ~ C with A and C unlike); the links shown to readers are the direct
 * matches of SharedPassage.
 */
export interface PassageGroup {
  /** "s1", "s2", … in order of first appearance. */
  id: string;
  /** Every occurrence, in report order then paragraph order. */
  members: SourceRef[];
}

export interface PassageStats {
  paragraphs: number;
  /** Paragraphs long enough to take part. */
  indexed: number;
  /** Distinct shingle sets among them (verbatim copies collapsed). */
  distinct: number;
  /** Pairs that met in at least one LSH bucket (within the per-bucket cap). */
  collisions: number;
  /** Candidate pairs verified exactly (met in ≥ MIN_BAND_HITS bands). */
  candidatePairs: number;
  /** Candidate pairs that passed the threshold. */
  matchedPairs: number;
  /** The same three counts for the fact fingerprints (retold passages). */
  factCollisions: number;
  factCandidatePairs: number;
  factMatchedPairs: number;
}

export interface PassageResult {
  /** Every paragraph with a match in another report, in report order then paragraph order. */
  shared: SharedPassage[];
  groups: PassageGroup[];
  stats: PassageStats;
}

export interface PassageOptions {
  minhash?: MinHashParams;
  /**
   * Each report's passage features by slug, as the per-report stage computed them
   * (passage-features.ts); reports without are computed here. Same result either way.
   */
  features?: ReadonlyMap<string, PassageFeatures>;
  /** A long-lived build process's passage references (PassageRefs). Same result either way. */
  refs?: PassageRefs;
}

/** True when an overlap means "the same passage" (the measure documented above). */
export function isSamePassage(o: Overlap): boolean {
  if (o.jaccard >= JACCARD_THRESHOLD) return true;
  return o.smaller >= CONTAINMENT_MIN_SHINGLES && o.containment >= CONTAINMENT_THRESHOLD;
}

/** Compares two paragraph texts with the passage measure. */
export function comparePassages(a: string, b: string): Overlap & { same: boolean } {
  const o = overlap(shingles(a), shingles(b));
  return { ...o, same: isSamePassage(o) };
}

/** One paragraph occurrence; `order` is its rank in report order then paragraph order. */
interface Occurrence {
  order: number;
  report: number;
  /** Its text node. */
  node: number;
  ref: SourceRef;
  facts: string[];
  /** Band keys of its fact fingerprint, when known beforehand (and it has enough facts). */
  factKeys: Uint32Array | null;
  /** Occurrences that retell the same facts (ascending by order). */
  retold: Occurrence[];
  /**
   * It as another paragraph's match, made once and shared by every list it is in (issue 8:
   * 175,000 of these at 4,000 reports, mostly the same few thousand paragraphs over and over).
   */
  asText?: PassageRef;
  asFacts?: PassageRef;
}

function passageRef(o: Occurrence, match: PassageRef["match"]): PassageRef {
  return { report: o.ref.report, paragraph: o.ref.paragraph, url: o.ref.url, match };
}

/**
 * The passage references of a long-lived build process's last build, handed out again for the
 * same occurrence (report, paragraph, URL, how matched): its next build's cross-links are then
 * made of the very same reference objects where an edit changed nothing, and comparing them
 * with the last build's (StageMemo.keepEqual) meets the same object at once instead of
 * comparing 175,000 references field by field at 4,000 reports (issue 8). What a build does
 * not use is forgotten.
 */
export class PassageRefs {
  private kept = new Map<string, PassageRef>();

  /** The references of one build: last build's where equal, new ones otherwise. */
  forBuild(): (at: SourceRef, match: PassageRef["match"]) => PassageRef {
    const last = this.kept;
    const now = new Map<string, PassageRef>();
    this.kept = now;
    return (at, match) => {
      const key = `${match}\n${at.report}\n${at.paragraph}\n${at.url}`;
      let ref = now.get(key);
      if (ref === undefined) now.set(key, (ref = last.get(key) ?? { report: at.report, paragraph: at.paragraph, url: at.url, match }));
      return ref;
    };
  }
}

/** A distinct shingle set and where it occurs (occurrences ascending by `order`). */
interface Node {
  set: Uint32Array;
  /** Its band keys under DEFAULT_MINHASH, when known beforehand. */
  keys: Uint32Array | null;
  occurrences: Occurrence[];
  neighbours: number[];
}

function sameSet(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function setKey(set: Uint32Array): number {
  let h = 0x811c9dc5 ^ set.length;
  for (let i = 0; i < set.length; i++) h = Math.imul(h ^ set[i]!, 0x01000193);
  return h >>> 0;
}

/** Index of the first occurrence with order ≥ `order`. */
function lowerBound(list: readonly Occurrence[], order: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.order < order) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The up-to-`limit` occurrences nearest to `self` in report order, from several sorted lists,
 * leaving out `self`'s own report. Reads at most `limit` entries on each side of each list.
 * `scratch` is reused from one call to the next (issue 8: a map and four arrays a paragraph):
 * its stamps, by occurrence order, mark what is pooled for `self`.
 */
function nearestOthers(self: Occurrence, lists: readonly (readonly Occurrence[])[], limit: number, scratch: NearScratch): Occurrence[] {
  const { stamp, pool } = scratch;
  pool.length = 0;
  const add = (o: Occurrence): void => {
    if (stamp[o.order] === self.order) return;
    stamp[o.order] = self.order;
    pool.push(o);
  };
  for (const list of lists) {
    const at = lowerBound(list, self.order);
    let taken = 0;
    for (let i = at - 1; i >= 0 && taken < limit; i--) {
      const o = list[i]!;
      if (o.report === self.report) continue;
      add(o);
      taken++;
    }
    taken = 0;
    for (let i = at; i < list.length && taken < limit; i++) {
      const o = list[i]!;
      if (o.report === self.report) continue;
      add(o);
      taken++;
    }
  }
  if (pool.length === 0) return [];
  // Insertion sorts: pools hold a few dozen at most, and a comparator call per step was a tenth
  // of this stage (issue 8). Nearest first (ties: the earlier), then the kept ones in order.
  const at = self.order;
  if (pool.length > limit) {
    for (let i = 1; i < pool.length; i++) {
      const o = pool[i]!;
      const d = Math.abs(o.order - at);
      let j = i - 1;
      for (; j >= 0; j--) {
        const p = pool[j]!;
        const e = Math.abs(p.order - at);
        if (e < d || (e === d && p.order < o.order)) break;
        pool[j + 1] = p;
      }
      pool[j + 1] = o;
    }
  }
  const kept = pool.slice(0, limit);
  for (let i = 1; i < kept.length; i++) {
    const o = kept[i]!;
    let j = i - 1;
    for (; j >= 0 && kept[j]!.order > o.order; j--) kept[j + 1] = kept[j]!;
    kept[j + 1] = o;
  }
  return kept;
}

interface NearScratch {
  /** By occurrence order: the order of the occurrence whose pool it was last put in. */
  stamp: Int32Array;
  pool: Occurrence[];
}

/** The `limit` ids nearest to `to` (ties: the smaller id). */
function nearestIds(ids: readonly number[], to: number, limit: number): number[] {
  return [...ids].sort((x, y) => Math.abs(x - to) - Math.abs(y - to) || x - y).slice(0, limit);
}

/** Connected components of the match graph (text and facts) that span two or more reports. */
function clusters(occurrences: readonly Occurrence[], nodes: readonly Node[]): PassageGroup[] {
  const seen = new Uint8Array(occurrences.length);
  const expanded = new Uint8Array(nodes.length);
  const groups: PassageGroup[] = [];
  // Read in place rather than copied into a list per occurrence (issue 8: spreading a background
  // paragraph's hundreds of occurrences was a third of this function).
  const visit = (x: Occurrence, stack: Occurrence[]): void => {
    if (seen[x.order]) return;
    seen[x.order] = 1;
    stack.push(x);
  };
  // Occurrences are visited in order, so components come out in order of first appearance.
  for (const start of occurrences) {
    if (seen[start.order]) continue;
    seen[start.order] = 1;
    const stack = [start];
    const members: Occurrence[] = [];
    while (stack.length > 0) {
      const o = stack.pop()!;
      members.push(o);
      for (const x of o.retold) visit(x, stack);
      if (!expanded[o.node]) {
        // A node's occurrences and its neighbours' are pushed once, not once per occurrence.
        expanded[o.node] = 1;
        const node = nodes[o.node]!;
        for (const x of node.occurrences) visit(x, stack);
        for (const n of node.neighbours) for (const x of nodes[n]!.occurrences) visit(x, stack);
      }
    }
    if (new Set(members.map((m) => m.report)).size < 2) continue;
    members.sort((x, y) => x.order - y.order);
    groups.push({ id: `s${groups.length + 1}`, members: members.map((m) => m.ref) });
  }
  return groups;
}

interface LshWork {
  collisions: number;
  candidatePairs: number;
  matchedPairs: number;
}

/**
 * Streaming LSH over sets: each set, before it is added, meets the sets already in its
 * buckets. Per band only the last BUCKET_COMPARE_CAP are looked at; a set met in at least
 * MIN_BAND_HITS bands is a candidate; the VERIFY_CAP candidates with the most band hits (they
 * estimate similarity: E[hits] = bands × J^rows), then the nearest, are verified by `same`.
 * Stamps instead of a pair set keep the bookkeeping O(1) a pair. Returns verified pairs
 * [earlier, later] in the order found.
 */
function lshMatch(
  bandKeysOf: readonly Uint32Array[],
  bands: number,
  same: (a: number, b: number) => boolean,
  work: LshWork,
): [number, number][] {
  const total = bandKeysOf.length;
  // Every item's bucket chains at once: walking from `b` meets only items before it, so this
  // is what adding `b` to an index and walking it would meet, and faster to build (minhash.ts).
  const chains = bucketChains(bandKeysOf, bands);
  const stamp = new Int32Array(total).fill(-1);
  const hits = new Int32Array(total);
  const pairs: [number, number][] = [];
  const candidates: number[] = [];
  const met: number[] = []; // the items `b` meets, reused from one `b` to the next
  for (let b = 0; b < total; b++) {
    const keys = bandKeysOf[b]!;
    met.length = 0;
    // The walk is inlined: a callback per bucket item was a third of this function's time.
    for (let band = 0; band < keys.length; band++) {
      const row = band * total;
      let seen = 0;
      for (let a = chains[row + b]!; a !== -1 && seen < BUCKET_COMPARE_CAP; a = chains[row + a]!, seen++) {
        if (stamp[a] !== b) {
          stamp[a] = b;
          hits[a] = 0;
          met.push(a);
        }
        hits[a]!++;
      }
    }
    work.collisions += met.length;
    // The candidates, most band hits first, then the latest: an insertion sort into a reused
    // array (they are a dozen on average; filter, sort and slice allocated three arrays a set).
    let count = 0;
    for (const a of met) {
      if (hits[a]! < MIN_BAND_HITS) continue;
      let at = count++;
      while (at > 0 && (hits[candidates[at - 1]!]! < hits[a]! || (hits[candidates[at - 1]!] === hits[a] && candidates[at - 1]! < a))) {
        candidates[at] = candidates[at - 1]!;
        at--;
      }
      candidates[at] = a;
    }
    for (let k = 0; k < Math.min(count, VERIFY_CAP); k++) {
      const a = candidates[k]!;
      work.candidatePairs++;
      if (same(a, b)) {
        work.matchedPairs++;
        pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/**
 * Finds the paragraphs shared by several reports, with counts of the work done. Pure and
 * deterministic: the result depends on the reports, not on their order in the array.
 */
export function findSharedPassagesWithStats(reports: readonly Report[], options: PassageOptions = {}): PassageResult {
  const ordered = [...reports].sort(compareReports);
  const nodes: Node[] = [];
  const occurrences: Occurrence[] = [];
  const byKey = new Map<number, number[]>();
  let paragraphs = 0;

  const params = options.minhash ?? DEFAULT_MINHASH;
  // Band keys computed beforehand are under DEFAULT_MINHASH; other parameters recompute them.
  const stock = params === DEFAULT_MINHASH;
  const bands = params.bands;
  ordered.forEach((report, r) => {
    paragraphs += report.paragraphs.length;
    const cached = stock ? options.features?.get(report.slug) : undefined;
    const f = cached ?? passageFeatures(report.paragraphs, false);
    const keyed = cached !== undefined;
    let factual = 0;
    for (let k = 0; k < f.paragraphs.length; k++) {
      const p = report.paragraphs[f.paragraphs[k]!]!;
      const set = f.sets.subarray(k === 0 ? 0 : f.setEnds[k - 1]!, f.setEnds[k]!);
      const key = setKey(set);
      let node = byKey.get(key)?.find((n) => sameSet(nodes[n]!.set, set));
      if (node === undefined) {
        node = nodes.length;
        const list = byKey.get(key);
        if (list) list.push(node);
        else byKey.set(key, [node]);
        nodes.push({ set, keys: keyed ? f.keys.subarray(k * bands, (k + 1) * bands) : null, occurrences: [], neighbours: [] });
      }
      const facts = f.facts[k]!;
      const hasFactKeys = keyed && facts.length >= FACTS_MIN_SHARED;
      const occurrence: Occurrence = {
        order: occurrences.length,
        report: r,
        node,
        ref: { report: report.slug, paragraph: p.id, url: paragraphUrl(report, p.id) },
        facts,
        factKeys: hasFactKeys ? f.factKeys.subarray(factual * bands, ++factual * bands) : null,
        retold: [],
      };
      occurrences.push(occurrence);
      nodes[node]!.occurrences.push(occurrence);
    }
  });

  const hasher = stock ? null : new MinHasher(params);
  const keysOf = (set: Uint32Array, known: Uint32Array | null): Uint32Array =>
    hasher ? hasher.bandKeys(hasher.signature(set)) : (known ?? bandKeys(set));
  const text: LshWork = { collisions: 0, candidatePairs: 0, matchedPairs: 0 };
  for (const [a, b] of lshMatch(
    nodes.map((n) => keysOf(n.set, n.keys)),
    bands,
    (a, b) => isSamePassage(overlap(nodes[a]!.set, nodes[b]!.set)),
    text,
  )) {
    nodes[a]!.neighbours.push(b);
    nodes[b]!.neighbours.push(a);
  }

  // Retold passages: the same LSH over fact fingerprints of the paragraphs that have enough facts.
  const factual = occurrences.filter((o) => o.facts.length >= FACTS_MIN_SHARED);
  const comparer = new FactComparer(factWeights(occurrences.map((o) => o.facts)));
  const prepared = factual.map((o) => comparer.prepare(o.facts));
  const facts: LshWork = { collisions: 0, candidatePairs: 0, matchedPairs: 0 };
  for (const [a, b] of lshMatch(
    factual.map((o) => (o.factKeys && !hasher ? o.factKeys : keysOf(factSet(o.facts), null))),
    bands,
    (a, b) => factual[a]!.report !== factual[b]!.report && isSameFacts(comparer.overlap(prepared[a]!, prepared[b]!)),
    facts,
  )) {
    // a < b, and factual is in order, so each `retold` list stays ascending… except for the
    // later side, whose earlier partners arrive in verification order: sorted below.
    factual[a]!.retold.push(factual[b]!);
    factual[b]!.retold.push(factual[a]!);
  }
  for (const o of factual) if (o.retold.length > 1) o.retold.sort((x, y) => x.order - y.order);

  const table = options.refs?.forBuild();
  const refOf = table ? (o: Occurrence, match: PassageRef["match"]) => table(o.ref, match) : passageRef;
  const shared: SharedPassage[] = [];
  const nearNodes = new Map<number, Set<number>>(); // per node, computed once
  const scratch: NearScratch = { stamp: new Int32Array(occurrences.length).fill(-1), pool: [] };
  for (const occurrence of occurrences) {
    const node = nodes[occurrence.node]!;
    // The ALSO_IN_LIMIT neighbour nodes nearest in order suffice: at most that many are listed.
    let textNodes = nearNodes.get(occurrence.node);
    if (!textNodes) {
      const near = node.neighbours.length <= ALSO_IN_LIMIT ? node.neighbours : nearestIds(node.neighbours, occurrence.node, ALSO_IN_LIMIT);
      textNodes = new Set([occurrence.node, ...near].sort((x, y) => x - y));
      nearNodes.set(occurrence.node, textNodes);
    }
    const lists = [...textNodes].map((n) => nodes[n]!.occurrences);
    if (occurrence.retold.length > 0) lists.push(occurrence.retold);
    const others = nearestOthers(occurrence, lists, ALSO_IN_LIMIT, scratch);
    if (others.length === 0) continue;
    shared.push({
      at: occurrence.ref,
      // Fields written out rather than spread (the spread was a tenth of this stage); same key order.
      alsoIn: others.map((o) => (textNodes.has(o.node) ? (o.asText ??= refOf(o, "text")) : (o.asFacts ??= refOf(o, "facts")))),
    });
  }

  return {
    shared,
    groups: clusters(occurrences, nodes),
    stats: {
      paragraphs,
      indexed: occurrences.length,
      distinct: nodes.length,
      collisions: text.collisions,
      candidatePairs: text.candidatePairs,
      matchedPairs: text.matchedPairs,
      factCollisions: facts.collisions,
      factCandidatePairs: facts.candidatePairs,
      factMatchedPairs: facts.matchedPairs,
    },
  };
}

/** The paragraphs shared by several reports (see the module comment for the measure). */
export function findSharedPassages(reports: readonly Report[], options: PassageOptions = {}): SharedPassage[] {
  return findSharedPassagesWithStats(reports, options).shared;
}
