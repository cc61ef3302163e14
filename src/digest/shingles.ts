/**
 * Text normalization and word shingles for near-duplicate paragraph detection.
 *
 * A paragraph becomes the set of its overlapping word 3-grams ("shingles"), each hashed to a
 * 32-bit integer. Two paragraphs are then compared as sets (see passages.ts for the measure
 * and threshold, and docs/crosslinks.md for why k = 3).
 *
 * Normalization keeps what distinguishes wording and drops what does not: Unicode
 * compatibility forms are folded (NFKC), case is dropped, curly apostrophes become straight
 * ones, and punctuation is not a token. Numbers stay tokens, so a changed date or figure
 * costs only the k shingles that cover it.
 */

/** Words per shingle. */
export const SHINGLE_SIZE = 3;

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Lower-cased word tokens of a text, punctuation dropped. Deterministic. */
export function tokenize(text: string): string[] {
  // NFKC only when needed: most copy is ASCII, and normalizing is the costliest step here.
  const folded = (/[^\x00-\x7f]/.test(text) ? text.normalize("NFKC") : text)
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'");
  return folded.match(WORD) ?? [];
}

/**
 * 32-bit FNV-1a over the UTF-16 code units of a string. Hand-written because it is four
 * lines and must give the same value on every platform; a collision only merges two
 * shingles, which shifts a similarity by at most one shingle.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The set of hashed word k-shingles of a text, sorted ascending (sorted arrays make set
 * intersection a linear merge). A text shorter than k words yields one shingle of all its
 * words; an empty text yields none.
 */
export function shingles(text: string, size: number = SHINGLE_SIZE): Uint32Array {
  const words = tokenize(text);
  if (words.length === 0) return new Uint32Array(0);
  // Hash each word once; a shingle's hash combines its words' hashes in order.
  const hashes = words.map(fnv1a32);
  const seen = new Set<number>();
  const span = Math.min(size, words.length);
  for (let i = 0; i + span <= words.length; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < span; k++) h = Math.imul(h ^ hashes[i + k]!, 0x01000193) ^ (h >>> 15);
    seen.add(h >>> 0);
  }
  const out = Uint32Array.from(seen);
  out.sort();
  return out;
}

/** Size of the intersection of two sorted shingle sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** Set similarities of two shingle sets. */
export interface Overlap {
  /** |A ∩ B| / |A ∪ B|. */
  jaccard: number;
  /** |A ∩ B| / min(|A|, |B|): how much of the shorter text the longer one contains. */
  containment: number;
  /** min(|A|, |B|). */
  smaller: number;
}

export function overlap(a: Uint32Array, b: Uint32Array): Overlap {
  const shared = intersectionSize(a, b);
  const union = a.length + b.length - shared;
  const smaller = Math.min(a.length, b.length);
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containment: smaller === 0 ? 0 : shared / smaller,
    smaller,
  };
}
