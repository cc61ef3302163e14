/**
 * Shared passages: paragraphs that appear in several reports verbatim or nearly so.
 *
 * Method (near-linear in the number of paragraphs, no all-pairs comparison):
 *  1. each paragraph → set of hashed word 3-shingles (shingles.ts);
 *  2. set → 100-value MinHash signature → 50 LSH band keys of 2 rows (minhash.ts);
 *  3. paragraphs sharing a band key are candidate pairs; each candidate is verified exactly on
 *     the shingle sets; a union-find skips candidates already known to be in the same passage;
 *  4. connected components of verified pairs that span two or more reports are shared passages.
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
import { DEFAULT_MINHASH, LshIndex, MinHasher, type MinHashParams } from "./minhash.ts";
import { compareReports, paragraphUrl } from "./report-order.ts";

export const MIN_WORDS = 8;
export const JACCARD_THRESHOLD = 0.5;
export const CONTAINMENT_THRESHOLD = 0.8;
export const CONTAINMENT_MIN_SHINGLES = 10;
/**
 * Within one LSH bucket, a paragraph is verified against at most this many earlier members of
 * other passages. Buckets are tiny for real text; the cap keeps a pathological bucket (one
 * boilerplate line in thousands of reports mixed with look-alikes) linear.
 */
export const BUCKET_COMPARE_CAP = 16;

/** One passage found in several reports. */
export interface PassageGroup {
  /** "s1", "s2", … in order of first appearance (earliest report, then paragraph). */
  id: string;
  /** Every occurrence, in report order (date, then slug) and paragraph order. */
  members: SourceRef[];
}

export interface PassageStats {
  paragraphs: number;
  /** Paragraphs long enough to take part. */
  indexed: number;
  /** Candidate pairs verified exactly. */
  candidatePairs: number;
  /** Candidate pairs that passed the threshold. */
  matchedPairs: number;
}

export interface PassageResult {
  groups: PassageGroup[];
  stats: PassageStats;
}

export interface PassageOptions {
  minhash?: MinHashParams;
}

/** True when two overlaps mean "the same passage" (the measure documented above). */
export function isSamePassage(o: Overlap): boolean {
  if (o.jaccard >= JACCARD_THRESHOLD) return true;
  return o.smaller >= CONTAINMENT_MIN_SHINGLES && o.containment >= CONTAINMENT_THRESHOLD;
}

/** Compares two paragraph texts with the passage measure. */
export function comparePassages(a: string, b: string): Overlap & { same: boolean } {
  const o = overlap(shingles(a), shingles(b));
  return { ...o, same: isSamePassage(o) };
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[x] !== root) {
      const next = this.parent[x]!;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }
  /** Joins two sets; the smaller id becomes the root, so the result is order-independent. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

interface Item {
  report: number;
  ref: SourceRef;
  set: Uint32Array;
}

/**
 * Finds the passages shared by several reports, with counts of the work done. Pure and
 * deterministic: the result depends on the reports, not on their order in the array.
 */
export function findSharedPassagesWithStats(reports: readonly Report[], options: PassageOptions = {}): PassageResult {
  const ordered = [...reports].sort(compareReports);
  const hasher = new MinHasher(options.minhash ?? DEFAULT_MINHASH);
  const index = new LshIndex(hasher.params.bands);
  const items: Item[] = [];
  let paragraphs = 0;

  ordered.forEach((report, r) => {
    for (const p of report.paragraphs) {
      paragraphs++;
      const words = p.text.match(/\S+/g)?.length ?? 0;
      if (words < MIN_WORDS) continue;
      const set = shingles(p.text);
      const id = items.length;
      items.push({ report: r, ref: { report: report.slug, paragraph: p.id, url: paragraphUrl(report, p.id) }, set });
      index.add(id, hasher.bandKeys(hasher.signature(set)));
    }
  });

  const uf = new UnionFind(items.length);
  const checked = new Set<number>();
  const pairKey = (a: number, b: number) => a * items.length + b; // a < b, exact below 2^53
  let candidatePairs = 0;
  let matchedPairs = 0;

  for (const bucket of index.buckets()) {
    for (let j = 1; j < bucket.length; j++) {
      const b = bucket[j]!;
      let compared = 0;
      const rootsTried = new Set<number>();
      for (let i = j - 1; i >= 0 && compared < BUCKET_COMPARE_CAP; i--) {
        const a = bucket[i]!;
        const ra = uf.find(a);
        if (ra === uf.find(b) || rootsTried.has(ra)) continue;
        const key = pairKey(Math.min(a, b), Math.max(a, b));
        if (checked.has(key)) continue;
        checked.add(key);
        rootsTried.add(ra);
        compared++;
        candidatePairs++;
        if (isSamePassage(overlap(items[a]!.set, items[b]!.set))) {
          matchedPairs++;
          uf.union(a, b);
        }
      }
    }
  }

  const components = new Map<number, number[]>();
  for (let i = 0; i < items.length; i++) {
    const root = uf.find(i);
    const list = components.get(root);
    if (list) list.push(i);
    else components.set(root, [i]);
  }
  const groups: PassageGroup[] = [];
  // Items are numbered in report order then paragraph order, and each root is the smallest
  // member, so iterating roots in ascending order yields groups in order of first appearance.
  const roots = [...components.keys()].sort((x, y) => x - y);
  for (const root of roots) {
    const members = components.get(root)!;
    const reportsIn = new Set(members.map((m) => items[m]!.report));
    if (reportsIn.size < 2) continue;
    groups.push({ id: `s${groups.length + 1}`, members: members.map((m) => items[m]!.ref) });
  }

  return {
    groups,
    stats: { paragraphs, indexed: items.length, candidatePairs, matchedPairs },
  };
}

/** The passages shared by several reports (see the module comment for the measure). */
export function findSharedPassages(reports: readonly Report[], options: PassageOptions = {}): PassageGroup[] {
  return findSharedPassagesWithStats(reports, options).groups;
}
