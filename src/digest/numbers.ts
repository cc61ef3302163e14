import { SMALL as UNITS, TENS } from "../time/lexicon.ts";
import type { TallyQualifier } from "./types.ts";

/**
 * Numbers written in digits and in words, as news text writes them: "66", "2,500", "2.5 thousand",
 * "1.2 million", "sixty-six", "two hundred and five", "a dozen", "66 times".
 *
 * Hand-written: the NLP library we use (compromise) parses number words, but it does not give
 * character offsets into our paragraph text reliably for multi-word numbers, nor the qualifier
 * ("at least", "more than"); a small scanner over word tokens does both and is deterministic.
 */

const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

/** Qualifier phrases, longest first so "no fewer than" wins over "than". */
const QUALIFIERS: [string[], TallyQualifier][] = [
  [["no", "fewer", "than"], "at least"],
  [["no", "less", "than"], "at least"],
  [["a", "minimum", "of"], "at least"],
  [["at", "least"], "at least"],
  [["more", "than"], "more than"],
  [["upwards", "of"], "more than"],
  [["in", "excess", "of"], "more than"],
  [["over"], "more than"],
  [["passed"], "more than"],
  [["exceeded"], "more than"],
  [["topped"], "more than"],
  [["surpassed"], "more than"],
  [["an", "estimated"], "about"],
  [["close", "to"], "about"],
  [["about"], "about"],
  [["around"], "about"],
  [["roughly"], "about"],
  [["approximately"], "about"],
  [["nearly"], "about"],
  [["almost"], "about"],
  [["some"], "about"],
];

export interface Token {
  text: string;
  /** Lower-cased text. */
  lower: string;
  start: number;
  end: number;
}

const TOKEN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|[\p{L}][\p{L}'’]*(?:-[\p{L}][\p{L}'’]*)*|\S/gu;

/** Word, number and punctuation tokens with their offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    out.push({ text: m[0], lower: m[0].toLowerCase(), start, end: start + m[0].length });
  }
  return out;
}

/** "2,500" → 2500, "2.5" → 2.5; null for malformed digit groups such as "1,50". */
function digitValue(token: string): number | null {
  const commas = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(token);
  if (token.includes(",") && !commas) return null;
  const value = Number(token.replace(/,/g, ""));
  return Number.isFinite(value) ? value : null;
}

/** Removes binary floating-point noise from scaled decimals (1.1 × 1e6 → 1100000). */
function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Value of one number word ("sixty-six" included); null when the word is not one. */
function wordValue(word: string): number | null {
  // Called for every word of every scanned text: most words are no number, and none of the
  // number words is shorter than three letters or starts outside "efnostz" (issue 8).
  if (word.length < 3 || !NUMBER_INITIAL.has(word.charCodeAt(0))) return null;
  if (word in UNITS) return UNITS[word]!;
  if (word in TENS) return TENS[word]!;
  if (!word.includes("-")) return null;
  const hyphen = /^([a-z]+)-([a-z]+)$/.exec(word);
  if (hyphen && hyphen[1]! in TENS && hyphen[2]! in UNITS && UNITS[hyphen[2]!]! < 10 && UNITS[hyphen[2]!]! > 0) {
    return TENS[hyphen[1]!]! + UNITS[hyphen[2]!]!;
  }
  return null;
}

export interface NumberMention {
  start: number;
  end: number;
  text: string;
  value: number;
  /** Written as "N times" (a count of occurrences): "attacked 66 times". */
  times: boolean;
}

/**
 * Reads one number starting at token `i`; returns it with the index of the token after it.
 * Scale words multiply ("2.5 thousand"), word numbers compose ("two hundred and five").
 */
function readNumber(tokens: Token[], i: number): { value: number; next: number } | null {
  const first = tokens[i];
  if (!first) return null;
  // "a dozen", "a hundred", "a thousand", "a million": the article stands for one.
  if (first.lower === "a" || first.lower === "an") {
    const scale = tokens[i + 1]?.lower;
    if (scale === "dozen") return { value: 12, next: i + 2 };
    if (scale === "hundred") return readWords(tokens, i + 1, 1);
    if (scale !== undefined && scale in SCALES) return readWords(tokens, i + 1, 1);
    return null;
  }
  if (/^\d/.test(first.text)) {
    const base = digitValue(first.text);
    if (base === null) return null;
    const scale = tokens[i + 1]?.lower;
    if (scale !== undefined && scale in SCALES) return { value: tidy(base * SCALES[scale]!), next: i + 2 };
    if (scale === "hundred") return { value: base * 100, next: i + 2 };
    if (scale === "dozen") return { value: base * 12, next: i + 2 };
    return { value: base, next: i + 1 };
  }
  if (wordValue(first.lower) === null) return null;
  return readWords(tokens, i, 0);
}

/** Composes number words from token `i`; `seed` is a leading "a" standing for one. */
function readWords(tokens: Token[], i: number, seed: number): { value: number; next: number } | null {
  let total = 0;
  let current = seed;
  let j = i;
  let any = seed > 0;
  let last = i;
  for (; j < tokens.length; j++) {
    const w = tokens[j]!.lower;
    const v = wordValue(w);
    if (v !== null) {
      current += v;
    } else if (w === "hundred") {
      current = (current || 1) * 100;
    } else if (w in SCALES) {
      total += (current || 1) * SCALES[w]!;
      current = 0;
    } else if (w === "dozen" && any) {
      current = (current || 1) * 12;
    } else if (w === "and" && any && j + 1 < tokens.length && wordValue(tokens[j + 1]!.lower) !== null) {
      continue;
    } else break;
    any = true;
    last = j;
  }
  if (!any) return null;
  return { value: total + current, next: last + 1 };
}

const NUMBER_INITIAL = new Set([...Object.keys(UNITS), ...Object.keys(TENS)].map((w) => w.charCodeAt(0)));

/** Every number in the text, left to right, with offsets; `tokens` are `tokenize(text)` when the caller has them. */
export function findNumbers(text: string, tokens: Token[] = tokenize(text)): NumberMention[] {
  const out: NumberMention[] = [];
  for (let i = 0; i < tokens.length; ) {
    const read = readNumber(tokens, i);
    if (!read) {
      i++;
      continue;
    }
    let next = read.next;
    const times = tokens[next]?.lower === "times";
    if (times) next++;
    const start = tokens[i]!.start;
    const end = tokens[next - 1]!.end;
    out.push({ start, end, text: text.slice(start, end), value: read.value, times });
    i = next;
  }
  return out;
}

/** Parses a text that is exactly one number ("2.5 thousand", "sixty-six", "66 times"); else null. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  const found = findNumbers(trimmed);
  if (found.length !== 1) return null;
  const only = found[0]!;
  return only.start === 0 && only.end === trimmed.length ? only.value : null;
}

export interface Quantity extends NumberMention {
  qualifier: TallyQualifier;
  /** Offset where the qualifier starts (equals `start` when there is none). */
  qualifierStart: number;
}

/** Numbers with the qualifier written just before them: "at least 60" → 60, "at least". */
export function findQuantities(text: string, tokens: Token[] = tokenize(text)): Quantity[] {
  const startIndex = new Map(tokens.map((t, i) => [t.start, i]));
  return findNumbers(text, tokens).map((n) => {
    const at = startIndex.get(n.start) ?? 0;
    for (const [words, qualifier] of QUALIFIERS) {
      const from = at - words.length;
      if (from < 0) continue;
      if (words.every((w, k) => tokens[from + k]!.lower === w)) {
        return { ...n, qualifier, qualifierStart: tokens[from]!.start };
      }
    }
    return { ...n, qualifier: "exactly" as const, qualifierStart: n.start };
  });
}
