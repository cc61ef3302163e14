/**
 * What the shared-passage stage (passages.ts) needs of one report, computed on its own in the
 * per-report stage so that the analysis cache keeps it: on a warm rebuild the cross-report
 * stage then only meets LSH buckets and verifies candidates, instead of re-tokenizing,
 * re-hashing and re-fingerprinting every paragraph of every report (issue 8: shingles, MinHash
 * signatures and fact fingerprints were over a second at 4,000 reports).
 *
 * Packed into a few flat typed arrays rather than one object per paragraph: the cache holds
 * this for every report, and a handful of arrays per report deserializes and collects far
 * faster than tens of small objects.
 */
import { factSet, FACTS_MIN_SHARED, paragraphFacts } from "./facts.ts";
import { DEFAULT_MINHASH, MinHasher } from "./minhash.ts";
import { shingles } from "./shingles.ts";
import type { ReportParagraph } from "./types.ts";

/** Paragraphs of under this many words take no part in shared passages ("More follows."). */
export const MIN_WORDS = 8;

export interface PassageFeatures {
  /** Position (0-based) in `report.paragraphs` of each paragraph that takes part. */
  paragraphs: number[];
  /** Their shingle sets (shingles.ts), one after another; set i ends at `setEnds[i]`. */
  sets: Uint32Array;
  setEnds: Uint32Array;
  /** Their LSH band keys under DEFAULT_MINHASH: `bands` keys per paragraph. */
  keys: Uint32Array;
  /** Their fact fingerprints (facts.ts). */
  facts: string[][];
  /**
   * Band keys of the fact fingerprints that have at least FACTS_MIN_SHARED facts, in paragraph
   * order (paragraphs with fewer facts have none here).
   */
  factKeys: Uint32Array;
}

const hasher = new MinHasher(DEFAULT_MINHASH);

/** Whether a paragraph is long enough to take part. */
export function isPassage(text: string): boolean {
  return (text.match(/\S+/g)?.length ?? 0) >= MIN_WORDS;
}

/** Band keys of a sorted hash set under DEFAULT_MINHASH. */
export function bandKeys(set: Uint32Array): Uint32Array {
  return hasher.bandKeys(hasher.signature(set));
}

/**
 * The features of a report's paragraphs. `withKeys: false` leaves `keys` and `factKeys` empty,
 * for callers that compute band keys themselves (passages.ts without cached features: once per
 * distinct shingle set rather than once per paragraph).
 */
export function passageFeatures(paragraphs: readonly Pick<ReportParagraph, "text" | "timexes">[], withKeys = true): PassageFeatures {
  const positions: number[] = [];
  const sets: Uint32Array[] = [];
  const facts: string[][] = [];
  const factual: Uint32Array[] = [];
  paragraphs.forEach((p, i) => {
    if (!isPassage(p.text)) return;
    positions.push(i);
    sets.push(shingles(p.text));
    const f = paragraphFacts(p);
    facts.push(f);
    if (withKeys && f.length >= FACTS_MIN_SHARED) factual.push(bandKeys(factSet(f)));
  });
  const bands = DEFAULT_MINHASH.bands;
  const setEnds = new Uint32Array(sets.length);
  const flat = new Uint32Array(sets.reduce((n, s) => n + s.length, 0));
  const keys = new Uint32Array(withKeys ? sets.length * bands : 0);
  let end = 0;
  sets.forEach((set, i) => {
    flat.set(set, end);
    end += set.length;
    setEnds[i] = end;
    if (withKeys) keys.set(bandKeys(set), i * bands);
  });
  const factKeys = new Uint32Array(factual.length * bands);
  factual.forEach((k, i) => factKeys.set(k, i * bands));
  return { paragraphs: positions, sets: flat, setEnds, keys, facts, factKeys };
}
