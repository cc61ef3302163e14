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
import { sameData } from "./stage-memo.ts";

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
  /** What a long-lived build process keeps of this stage between builds (PassageMemory). Same result either way. */
  memory?: PassageMemory;
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

function passageRef(at: SourceRef, match: PassageRef["match"]): PassageRef {
  return { report: at.report, paragraph: at.paragraph, url: at.url, match };
}

/**
 * What a long-lived build process (`dateline serve`'s) keeps of this stage from one build to
 * the next (issue 8). Same result either way.
 *
 * - The passage references: handed out again for the same occurrence (report, paragraph, URL,
 *   how matched), so that the next build's cross-links are made of the very same reference
 *   objects where an edit changed nothing, and comparing them with the last build's
 *   (StageMemo.keepEqual) meets the same object at once instead of comparing 175,000
 *   references field by field at 4,000 reports. A build from scratch forgets what it does not use.
 * - The last build's paragraphs, LSH buckets, matches and shared passages: a rebuild after an
 *   edit that left every paragraph where it was, with the same facts, and only reworded
 *   paragraphs found nowhere else (a correction, an added sentence) updates them instead of
 *   redoing them — it walks only the buckets the reworded paragraphs left or joined, and lists
 *   again only the occurrences whose matches changed. Any other edit does it all again.
 */
export class PassageMemory {
  private kept = new Map<string, PassageRef>();
  /** The last build's state, when it had every report's features (see PassageSnapshot). */
  last: PassageSnapshot | undefined;
  /** Builds done from scratch and builds that updated the last one. */
  readonly counts = { full: 0, updated: 0 };

  /**
   * The references of one build: last build's where equal, new ones otherwise. `keep`: an
   * update, which lists few occurrences again: what the last build made stays in the table.
   */
  forBuild(keep: boolean): (at: SourceRef, match: PassageRef["match"]) => PassageRef {
    const last = this.kept;
    const now = keep ? last : new Map<string, PassageRef>();
    this.kept = now;
    return (at, match) => {
      const key = `${match}\n${at.report}\n${at.paragraph}\n${at.url}`;
      let ref = now.get(key);
      if (ref === undefined) now.set(key, (ref = last.get(key) ?? passageRef(at, match)));
      return ref;
    };
  }
}

/** One build's state, for the next to update (PassageMemory). Nothing in it is altered once made. */
interface PassageSnapshot {
  /** Reports in report order, and their features. */
  reports: readonly Report[];
  features: readonly PassageFeatures[];
  occurrences: readonly Occurrence[];
  nodes: readonly Node[];
  /** The text LSH's bucket chains over the nodes, and what each node found walking them. */
  chains: Int32Array;
  text: LshOutcome;
  /** Matched fact pairs as occurrence orders, two by two, and the fact LSH's work. */
  factPairs: Int32Array;
  factWork: LshWork;
  /** Each node's neighbours, ascending. */
  neighbours: NeighbourLists;
  /** By occurrence order: its shared passage, if it has one. */
  sharedAt: readonly (SharedPassage | undefined)[];
}

interface NeighbourLists {
  /** Node n's neighbours are list[start[n] .. start[n + 1]). */
  start: Int32Array;
  list: Int32Array;
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
 * What the LSH walk found, item by item (the items walked, in order): item k's verified earlier
 * partners are `partner[start[k] .. start[k + 1])`, in the order verified, and it met
 * `collisions[k]` items and verified `candidates[k]` of them.
 */
interface LshOutcome {
  start: Int32Array;
  partner: number[];
  collisions: Int32Array;
  candidates: Int32Array;
}

function addWork(work: LshWork, outcome: LshOutcome): void {
  for (let k = 0; k < outcome.collisions.length; k++) {
    work.collisions += outcome.collisions[k]!;
    work.candidatePairs += outcome.candidates[k]!;
  }
  work.matchedPairs += outcome.partner.length;
}

/**
 * Streaming LSH over sets: each set, before it is added, meets the sets already in its
 * buckets. Per band only the last BUCKET_COMPARE_CAP are looked at; a set met in at least
 * MIN_BAND_HITS bands is a candidate; the VERIFY_CAP candidates with the most band hits (they
 * estimate similarity: E[hits] = bands × J^rows), then the nearest, are verified by `same`.
 * Stamps instead of a pair set keep the bookkeeping O(1) a pair. `chains`: the buckets
 * (minhash.ts `bucketChains`: walking from `b` meets only items before it, so this is what
 * adding `b` to an index and walking it would meet). `only`: the items to walk (default all);
 * what an item finds depends only on its keys and on the items before it in its buckets.
 */
function lshMatch(
  bandKeysOf: readonly Uint32Array[],
  chains: Int32Array,
  same: (a: number, b: number) => boolean,
  only?: readonly number[],
): LshOutcome {
  const total = bandKeysOf.length;
  const count = only ? only.length : total;
  const stamp = new Int32Array(total).fill(-1);
  const hits = new Int32Array(total);
  const out: LshOutcome = { start: new Int32Array(count + 1), partner: [], collisions: new Int32Array(count), candidates: new Int32Array(count) };
  const candidates: number[] = [];
  const met: number[] = []; // the items `b` meets, reused from one `b` to the next
  for (let k = 0; k < count; k++) {
    const b = only ? only[k]! : k;
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
    out.collisions[k] = met.length;
    // The candidates, most band hits first, then the latest: an insertion sort into a reused
    // array (they are a dozen on average; filter, sort and slice allocated three arrays a set).
    let found = 0;
    for (const a of met) {
      if (hits[a]! < MIN_BAND_HITS) continue;
      let at = found++;
      while (at > 0 && (hits[candidates[at - 1]!]! < hits[a]! || (hits[candidates[at - 1]!] === hits[a] && candidates[at - 1]! < a))) {
        candidates[at] = candidates[at - 1]!;
        at--;
      }
      candidates[at] = a;
    }
    const verified = Math.min(found, VERIFY_CAP);
    out.candidates[k] = verified;
    for (let c = 0; c < verified; c++) {
      const a = candidates[c]!;
      if (same(a, b)) out.partner.push(a);
    }
    out.start[k + 1] = out.partner.length;
  }
  return out;
}

/**
 * The nodes whose shingle set an edit changed, when that is all it changed; null otherwise.
 * "All" means: the same reports in the same order, each edited report with its paragraphs that
 * take part at the same places, with the same references and the same facts, and every node
 * (distinct shingle set) made of the same occurrences as last time. Then a node's set can only
 * have changed if all its occurrences are in edited reports — a reworded paragraph that is found
 * nowhere else, before or after — and the node keeps its number.
 */
function changedNodes(
  last: PassageSnapshot,
  ordered: readonly Report[],
  features: readonly PassageFeatures[],
  occurrences: readonly Occurrence[],
  nodes: readonly Node[],
): number[] | null {
  if (ordered.length !== last.reports.length || occurrences.length !== last.occurrences.length || nodes.length !== last.nodes.length) return null;
  const edited = new Uint8Array(ordered.length);
  for (let r = 0; r < ordered.length; r++) {
    if (ordered[r] === last.reports[r] && features[r] === last.features[r]) continue;
    if (ordered[r]!.slug !== last.reports[r]!.slug || !sameData(features[r]!.paragraphs, last.features[r]!.paragraphs)) return null;
    edited[r] = 1;
  }
  for (const o of occurrences) {
    if (!edited[o.report]) continue;
    const before = last.occurrences[o.order]!;
    if (before.report !== o.report || before.ref.paragraph !== o.ref.paragraph || before.ref.url !== o.ref.url) return null;
    if (!sameData(before.factKeys, o.factKeys) || !sameData(before.facts, o.facts)) return null;
  }
  const changed: number[] = [];
  for (let n = 0; n < nodes.length; n++) {
    const now = nodes[n]!.occurrences;
    const then = last.nodes[n]!.occurrences;
    if (now.length !== then.length) return null;
    for (let i = 0; i < now.length; i++) if (now[i]!.order !== then[i]!.order) return null;
    if (edited[now[0]!.report] && !sameSet(nodes[n]!.set, last.nodes[n]!.set)) changed.push(n);
  }
  return changed;
}

/**
 * The text LSH after `changed` nodes got new shingle sets (and keys), from the last build's: the
 * buckets those nodes left or joined get their chains again, and only the nodes in them that come
 * after a changed node walk again — what any other node meets is as it was. Same result as
 * walking every node over new chains.
 */
function updateTextPairs(
  last: PassageSnapshot,
  keysOf: readonly Uint32Array[],
  changed: readonly number[],
  same: (a: number, b: number) => boolean,
): { text: LshOutcome; chains: Int32Array } {
  if (changed.length === 0) return { text: last.text, chains: last.chains };
  const n = keysOf.length;
  const bands = keysOf[0]!.length;
  // The buckets touched, by band and key: the first changed node in each, and the members.
  const touched = new Map<number, { from: number; members: number[] }>();
  const maybe = new Uint8Array(1 << 16); // by a key's low 16 bits: whether any touched bucket has it
  for (const c of changed) {
    for (const keys of [last.nodes[c]!.keys!, keysOf[c]!]) {
      for (let band = 0; band < bands; band++) {
        const id = band * 0x100000000 + keys[band]!;
        const bucket = touched.get(id);
        if (bucket) bucket.from = Math.min(bucket.from, c);
        else touched.set(id, { from: c, members: [] });
        maybe[keys[band]! & 0xffff] = 1;
      }
    }
  }
  const walk = new Uint8Array(n);
  for (const c of changed) walk[c] = 1;
  for (let b = 0; b < n; b++) {
    const keys = keysOf[b]!;
    for (let band = 0; band < bands; band++) {
      if (!maybe[keys[band]! & 0xffff]) continue;
      const bucket = touched.get(band * 0x100000000 + keys[band]!);
      if (!bucket) continue;
      bucket.members.push(b);
      if (b > bucket.from) walk[b] = 1;
    }
  }
  const chains = last.chains.slice();
  for (const [id, { members }] of touched) {
    const row = Math.floor(id / 0x100000000) * n;
    for (let i = 0; i < members.length; i++) chains[row + members[i]!] = i === 0 ? -1 : members[i - 1]!;
  }
  const only: number[] = [];
  for (let b = 0; b < n; b++) if (walk[b]) only.push(b);
  const found = lshMatch(keysOf, chains, same, only);
  const before = last.text;
  const text: LshOutcome = { start: new Int32Array(n + 1), partner: [], collisions: before.collisions.slice(), candidates: before.candidates.slice() };
  let k = 0;
  for (let b = 0; b < n; b++) {
    if (k < only.length && only[k] === b) {
      for (let i = found.start[k]!; i < found.start[k + 1]!; i++) text.partner.push(found.partner[i]!);
      text.collisions[b] = found.collisions[k]!;
      text.candidates[b] = found.candidates[k]!;
      k++;
    } else {
      for (let i = before.start[b]!; i < before.start[b + 1]!; i++) text.partner.push(before.partner[i]!);
    }
    text.start[b + 1] = text.partner.length;
  }
  return { text, chains };
}

/** Each node's neighbours, ascending. */
function sortedNeighbours(nodes: readonly Node[]): NeighbourLists {
  const start = new Int32Array(nodes.length + 1);
  for (let n = 0; n < nodes.length; n++) start[n + 1] = start[n]! + nodes[n]!.neighbours.length;
  const list = new Int32Array(start[nodes.length]!);
  for (let n = 0; n < nodes.length; n++) {
    list.set(nodes[n]!.neighbours, start[n]!);
    if (nodes[n]!.neighbours.length > 1) list.subarray(start[n]!, start[n + 1]!).sort();
  }
  return { start, list };
}

/** By node: 1 where its neighbours are not those it had. */
function nodesWithOtherNeighbours(before: NeighbourLists, now: NeighbourLists): Uint8Array {
  const count = now.start.length - 1;
  const other = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const [a, b] = [before.start[n]!, now.start[n]!];
    const length = now.start[n + 1]! - b;
    if (before.start[n + 1]! - a !== length) {
      other[n] = 1;
      continue;
    }
    for (let i = 0; i < length; i++) {
      if (before.list[a + i] !== now.list[b + i]) {
        other[n] = 1;
        break;
      }
    }
  }
  return other;
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
  const featuresOf: PassageFeatures[] = [];
  let keyedAll = stock;
  ordered.forEach((report, r) => {
    paragraphs += report.paragraphs.length;
    const cached = stock ? options.features?.get(report.slug) : undefined;
    const f = cached ?? passageFeatures(report.paragraphs, false);
    featuresOf.push(f);
    const keyed = cached !== undefined;
    if (!keyed) keyedAll = false;
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
  const nodeKeys = nodes.map((n) => keysOf(n.set, n.keys));
  const sameText = (a: number, b: number): boolean => isSamePassage(overlap(nodes[a]!.set, nodes[b]!.set));

  const memory = options.memory;
  const last = memory && keyedAll ? memory.last : undefined;
  // A long-lived process's rebuild: when the edit left every paragraph where it was and only
  // changed the wording of paragraphs found nowhere else, only what those meet is redone.
  const changed = last ? changedNodes(last, ordered, featuresOf, occurrences, nodes) : null;

  let text: LshOutcome;
  let chains: Int32Array;
  let factPairs: Int32Array;
  let facts: LshWork;
  if (last && changed) {
    ({ text, chains } = updateTextPairs(last, nodeKeys, changed, sameText));
    factPairs = last.factPairs;
    facts = last.factWork;
    memory!.counts.updated++;
  } else {
    chains = bucketChains(nodeKeys, bands);
    text = lshMatch(nodeKeys, chains, sameText);
    ({ factPairs, facts } = matchFacts(occurrences, bands, keysOf, hasher !== null));
    if (memory) memory.counts.full++;
  }
  const textWork: LshWork = { collisions: 0, candidatePairs: 0, matchedPairs: 0 };
  addWork(textWork, text);
  // In the order found: b ascending, each b's partners in the order verified.
  for (let b = 0; b < nodes.length; b++) {
    for (let i = text.start[b]!; i < text.start[b + 1]!; i++) {
      const a = text.partner[i]!;
      nodes[a]!.neighbours.push(b);
      nodes[b]!.neighbours.push(a);
    }
  }
  // a < b, and pairs come in order of b, so each `retold` list stays ascending… except for the
  // later side, whose earlier partners arrive in verification order: sorted below.
  for (let i = 0; i < factPairs.length; i += 2) {
    const a = occurrences[factPairs[i]!]!;
    const b = occurrences[factPairs[i + 1]!]!;
    a.retold.push(b);
    b.retold.push(a);
  }
  for (const o of occurrences) if (o.retold.length > 1) o.retold.sort((x, y) => x.order - y.order);
  // Kept for the next build to see which nodes' neighbours an edit changed.
  const neighbours = memory && keyedAll ? sortedNeighbours(nodes) : null;

  const table = memory ? memory.forBuild(changed !== null) : undefined;
  const refOf = (o: Occurrence, match: PassageRef["match"]): PassageRef => (table ? table(o.ref, match) : passageRef(o.ref, match));
  const sharedAt: (SharedPassage | undefined)[] = new Array(occurrences.length);
  const nearNodes = new Map<number, Set<number>>(); // per node, computed once
  const scratch: NearScratch = { stamp: new Int32Array(occurrences.length).fill(-1), pool: [] };
  // On an update, only the occurrences of nodes whose neighbours changed can list other
  // occurrences than last time (the occurrences, their places and what they retell are as then).
  const redo = last && changed && neighbours ? nodesWithOtherNeighbours(last.neighbours, neighbours) : null;
  for (const occurrence of occurrences) {
    if (redo && !redo[occurrence.node]) {
      sharedAt[occurrence.order] = last!.sharedAt[occurrence.order];
      continue;
    }
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
    sharedAt[occurrence.order] = {
      at: occurrence.ref,
      // Fields written out rather than spread (the spread was a tenth of this stage); same key order.
      alsoIn: others.map((o) => (textNodes.has(o.node) ? (o.asText ??= refOf(o, "text")) : (o.asFacts ??= refOf(o, "facts")))),
    };
  }
  const shared = sharedAt.filter((x): x is SharedPassage => x !== undefined);

  if (memory) {
    // Kept for the next build: with the edits this one had, it may be updated rather than redone.
    memory.last = neighbours
      ? { reports: ordered, features: featuresOf, occurrences, nodes, chains, text, factPairs, factWork: facts, neighbours, sharedAt }
      : undefined;
  }

  return {
    shared,
    groups: clusters(occurrences, nodes),
    stats: {
      paragraphs,
      indexed: occurrences.length,
      distinct: nodes.length,
      collisions: textWork.collisions,
      candidatePairs: textWork.candidatePairs,
      matchedPairs: textWork.matchedPairs,
      factCollisions: facts.collisions,
      factCandidatePairs: facts.candidatePairs,
      factMatchedPairs: facts.matchedPairs,
    },
  };
}

/**
 * Retold passages: the same LSH over fact fingerprints of the paragraphs that have enough facts.
 * Returns the matched pairs as occurrence orders, two by two ([earlier, later], in the order
 * found), and the work done.
 */
function matchFacts(
  occurrences: readonly Occurrence[],
  bands: number,
  keysOf: (set: Uint32Array, known: Uint32Array | null) => Uint32Array,
  rehash: boolean,
): { factPairs: Int32Array; facts: LshWork } {
  const factual = occurrences.filter((o) => o.facts.length >= FACTS_MIN_SHARED);
  const comparer = new FactComparer(factWeights(occurrences.map((o) => o.facts)));
  const prepared = factual.map((o) => comparer.prepare(o.facts));
  const keys = factual.map((o) => (o.factKeys && !rehash ? o.factKeys : keysOf(factSet(o.facts), null)));
  const found = lshMatch(keys, bucketChains(keys, bands), (a, b) => factual[a]!.report !== factual[b]!.report && isSameFacts(comparer.overlap(prepared[a]!, prepared[b]!)));
  const facts: LshWork = { collisions: 0, candidatePairs: 0, matchedPairs: 0 };
  addWork(facts, found);
  const factPairs = new Int32Array(found.partner.length * 2);
  let at = 0;
  for (let b = 0; b < factual.length; b++) {
    for (let i = found.start[b]!; i < found.start[b + 1]!; i++) {
      factPairs[at++] = factual[found.partner[i]!]!.order;
      factPairs[at++] = factual[b]!.order;
    }
  }
  return { factPairs, facts };
}

/** The paragraphs shared by several reports (see the module comment for the measure). */
export function findSharedPassages(reports: readonly Report[], options: PassageOptions = {}): SharedPassage[] {
  return findSharedPassagesWithStats(reports, options).shared;
}
