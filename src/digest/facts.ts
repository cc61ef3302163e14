/**
 * Fact fingerprints of paragraphs, for passages that a later report retells in its own words.
 *
 * Editors rewrite background wholesale ("Earlier, on December 26, US aircraft hit three
 * facilities…" / "Prior to that, on Dec. 26, the United States bombed three … sites…"): word
 * shingles share nothing, yet the paragraph tells the same facts. Its fingerprint is the set of
 *   d:<date>   calendar dates from the paragraph's time expressions (day or month precision,
 *              normalized by the tagger, so "Dec. 26" and "December 26" are one fact),
 *   n:<number> figures (digits, or number words up to ninety-nine), outside time expressions,
 *   e:<name>   names outside time expressions: runs of capitalized words, each known by its
 *              last word, lower-cased, possessive dropped, less a stop list of words that are
 *              capitalized only for starting a sentence; "United States" is "US", and
 *              "Iran-backed" is "Iran".
 * Names are compared by their last word, so "Lloyd Austin" and "Austin" share "austin".
 *
 * Hand-written rather than using the entity stage (src/digest/entities.ts): this must run on
 * bare Report objects inside the cross-link stage, in microseconds per paragraph, and a
 * word-level fingerprint is what the overlap rule below needs.
 *
 * Two paragraphs tell the same facts when (see docs/crosslinks.md):
 *   they share at least 4 facts, at least one a date or a figure and one a name,
 *   the shared facts are ≥ 60 % of the smaller fingerprint and ≥ 35 % of the union, and
 *   they do not conflict: if both give figures, one figure agrees; likewise dates
 *   ("more than 100 attacks since October 17" updates "66 attacks since October 17").
 */
import type { ReportParagraph } from "./types.ts";
import { fnv1a32 } from "./shingles.ts";

export const FACTS_MIN_SHARED = 4;
export const FACTS_MIN_CONTAINMENT = 0.6;
export const FACTS_MIN_JACCARD = 0.35;

const UNITS = new Map(
  "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
    .split(" ")
    .map((w, i) => [w, i + 1] as const),
);
const TENS = new Map("twenty thirty forty fifty sixty seventy eighty ninety".split(" ").map((w, i) => [w, 20 + 10 * i] as const));

/** "three" → "3", "sixty-six" → "66", up to ninety-nine; else undefined. */
export function numberWord(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (!lower.includes("-")) {
    const n = UNITS.get(lower) ?? TENS.get(lower);
    return n === undefined ? undefined : String(n);
  }
  const [head, tail, ...rest] = lower.split("-");
  if (rest.length > 0 || head === undefined) return undefined;
  if (tail === undefined) {
    const n = UNITS.get(head) ?? TENS.get(head);
    return n === undefined ? undefined : String(n);
  }
  const tens = TENS.get(head);
  const unit = UNITS.get(tail);
  return tens !== undefined && unit !== undefined && unit < 10 ? String(tens + unit) : undefined;
}

/** Words capitalized only because they start a sentence or a heading, or that name no one. */
const STOP = new Set(
  (
    "a an the and or but nor so yet if as at by for from in into of off on onto out over to up with within without " +
    "after before earlier later prior since during until while when where which who whom whose what why how " +
    "he she it its they them their theirs his her hers we our i you your this that these those there here " +
    "also already again still now then meanwhile however moreover nevertheless instead indeed thus " +
    "according about around some many most more much several few all any both each every other another such " +
    "no not nor one none last next first second third new old " +
    "mr mrs ms dr " +
    "january february march april may june july august september october november december " +
    "jan feb mar apr jun jul aug sep sept oct nov dec " +
    "monday tuesday wednesday thursday friday saturday sunday"
  ).split(" "),
);

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}.,'’-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

function insideAny(start: number, end: number, spans: readonly { start: number; end: number }[]): boolean {
  for (const s of spans) if (start < s.end && end > s.start) return true;
  return false;
}

/**
 * Ends a run of name words: its name joins the facts. Returns the new run (none). A module-level
 * function, not a closure: tsx names every closure it creates, which cost more than the loop.
 */
function closeRun(facts: Set<string>, run: string | null): null {
  if (run) facts.add(`e:${run}`);
  return null;
}

/** The fact fingerprint of a paragraph, sorted, as strings ("d:2023-12-26", "n:66", "e:austin"). */
export function paragraphFacts(p: Pick<ReportParagraph, "text" | "timexes">): string[] {
  const facts = new Set<string>();
  for (const t of p.timexes) {
    const value = t.anchored ?? t.value;
    if (/^\d{4}-\d{2}(?:-\d{2})?$/.test(value)) facts.add(`d:${value}`);
  }
  // "United States" and "US" are one name; same length, so time-expression offsets still hold.
  const text = p.text.replace(/\bUnited (States|Nations|Kingdom)\b/g, (_, w: string) => `U${w[0]}${" ".repeat(w.length + 6)}`);
  // A run of adjacent name words ("Defense Secretary Lloyd Austin", "Kataib Hezbollah") is one
  // name, known by its last word: the surname or head ("austin", "hezbollah"), so "Lloyd
  // Austin" and "Austin" agree and a four-word agency name counts once, not four times.
  let run: string | null = null;
  let runEnd = -1;
  // The per-token tests below avoid regular expressions where a character test decides (this
  // loop was a quarter of the cross-link stage, issue 8). A token ends in a letter or digit
  // (TOKEN), so a comma or full stop after a name is never part of it: the gap test ends the run.
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    const raw = m[0];
    if (run && !/^\s+$/.test(text.slice(runEnd, start))) run = closeRun(facts, run);
    if (insideAny(start, start + raw.length, p.timexes)) {
      run = closeRun(facts, run);
      continue;
    }
    const first = raw.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      run = closeRun(facts, run);
      const figure = raw.replace(/,(?=\d{3}\b)/g, "");
      if (/^\d+(?:\.\d+)?$/.test(figure)) facts.add(`n:${figure}`);
      continue;
    }
    const word = numberWord(raw.toLowerCase());
    if (word) {
      run = closeRun(facts, run);
      facts.add(`n:${word}`);
      continue;
    }
    const hyphen = raw.indexOf("-");
    // A name word: starts with a capital, or has one after a hyphen ("al-Sudani").
    const isName = first >= 65 && first <= 90 ? true : first >= 97 && first <= 122 && hyphen === -1 ? false : /^\p{Lu}|-\p{Lu}/u.test(raw);
    if (!isName) {
      run = closeRun(facts, run);
      continue;
    }
    // "Iran-backed", "US-led": the name is the capitalized head.
    const head = hyphen !== -1 && /^\p{Lu}[^-]*-\p{Ll}/u.test(raw) ? raw.slice(0, hyphen) : raw;
    const name = head.toLowerCase().replace(/['’]s$/, "").replace(/\./g, "");
    if (name.length < 2 || STOP.has(name)) {
      run = closeRun(facts, run);
      continue;
    }
    run = name;
    runEnd = start + raw.length;
    // A possessive or a hyphenated head ends the name.
    if (head !== raw || /['’]s$/.test(raw)) run = closeRun(facts, run);
  }
  run = closeRun(facts, run);
  return [...facts].sort();
}

/** The fingerprint as a sorted set of 32-bit hashes, like a shingle set. */
export function factSet(facts: readonly string[]): Uint32Array {
  const out = Uint32Array.from(new Set(facts.map(fnv1a32)));
  out.sort();
  return out;
}

export interface FactOverlap {
  shared: number;
  /** Weighted: Σ weight of shared facts / Σ weight of the smaller fingerprint. */
  containment: number;
  /** Weighted: Σ weight of shared facts / Σ weight of the union. */
  jaccard: number;
  /** Whether the shared facts include a date or figure, and a name. */
  anchored: boolean;
  /** Both give figures (or both give dates) and none of them agree: an update, not a repeat. */
  conflicting: boolean;
}

/**
 * Overlap of two fingerprints. `weight` gives each fact its weight (default 1): the cross-link
 * stage passes an inverse document frequency, so that the speaker named in every other
 * paragraph ("Pentagon", a minister) counts for less than a figure or a rare place.
 */
export function factOverlap(
  a: readonly string[],
  b: readonly string[],
  weight: (fact: string) => number = () => 1,
): FactOverlap {
  const other = new Set(b);
  let shared = 0;
  let sharedWeight = 0;
  let weightA = 0;
  let weightB = 0;
  let dated = false;
  let named = false;
  const kinds = { d: [0, 0, 0], n: [0, 0, 0] }; // [in a, in b, shared]
  for (const f of b) {
    weightB += weight(f);
    if (f[0] === "d" || f[0] === "n") kinds[f[0]][1]!++;
  }
  for (const f of a) {
    const w = weight(f);
    weightA += w;
    const kind = f[0] === "d" || f[0] === "n" ? kinds[f[0]] : null;
    if (kind) kind[0]!++;
    if (!other.has(f)) continue;
    shared++;
    sharedWeight += w;
    if (kind) kind[2]!++;
    if (f.startsWith("e:")) named = true;
    else dated = true;
  }
  const smaller = Math.min(weightA, weightB);
  const union = weightA + weightB - sharedWeight;
  return {
    shared,
    containment: smaller === 0 ? 0 : sharedWeight / smaller,
    jaccard: union === 0 ? 0 : sharedWeight / union,
    anchored: dated && named,
    conflicting: disagree(kinds.d) || disagree(kinds.n),
  };
}

/** Both sides give facts of a kind and share none of them ([in a, in b, shared] counts). */
function disagree([inA, inB, both]: number[]): boolean {
  return inA! > 0 && inB! > 0 && both === 0;
}

/** Inverse document frequency weights of facts over a list of fingerprints: ln(1 + N / df). */
export function factWeights(fingerprints: readonly (readonly string[])[]): (fact: string) => number {
  const df = new Map<string, number>();
  for (const facts of fingerprints) for (const f of facts) df.set(f, (df.get(f) ?? 0) + 1);
  const n = fingerprints.length;
  // Each weight is computed once: the fact LSH asks for the same facts over and over.
  const weights = new Map<string, number>();
  return (fact) => {
    let w = weights.get(fact);
    if (w === undefined) {
      w = Math.log(1 + n / (df.get(fact) ?? 1));
      weights.set(fact, w);
    }
    return w;
  };
}

/** True when two fingerprints tell the same facts (the rule in the module comment). */
export function isSameFacts(o: FactOverlap): boolean {
  return o.anchored && !o.conflicting && o.shared >= FACTS_MIN_SHARED && o.containment >= FACTS_MIN_CONTAINMENT && o.jaccard >= FACTS_MIN_JACCARD;
}

/** A fingerprint prepared for many comparisons (FactComparer): facts as ids, with weights and kinds. */
export interface PreparedFacts {
  ids: Int32Array;
  /** The weight of each fact, in fingerprint order. */
  weights: Float64Array;
  /** Σ weights, summed in fingerprint order (as factOverlap sums them). */
  total: number;
  /** Per fact: DATE_FACT / NUMBER_FACT by its first letter, NAME_FACT when it starts with "e:". */
  flags: Uint8Array;
  dates: number;
  numbers: number;
}

const DATE_FACT = 1;
const NUMBER_FACT = 2;
const NAME_FACT = 4;

/**
 * factOverlap for fingerprints compared many times over (the shared-passage stage verifies a
 * hundred thousand pairs at 4,000 reports): each fingerprint's weights and kinds are looked up
 * once, and a comparison marks one side's ids in a reused array instead of building a set and
 * looking up every weight again (issue 8). Gives exactly what factOverlap gives with the same
 * weights: every sum is taken in the same order.
 */
export class FactComparer {
  private readonly idOf = new Map<string, number>();
  private mark = new Int32Array(1024);
  private tick = 0;

  constructor(private readonly weight: (fact: string) => number) {}

  prepare(facts: readonly string[]): PreparedFacts {
    const ids = new Int32Array(facts.length);
    const weights = new Float64Array(facts.length);
    const flags = new Uint8Array(facts.length);
    let total = 0;
    let dates = 0;
    let numbers = 0;
    facts.forEach((f, i) => {
      let id = this.idOf.get(f);
      if (id === undefined) this.idOf.set(f, (id = this.idOf.size));
      ids[i] = id;
      total += weights[i] = this.weight(f);
      flags[i] = (f[0] === "d" ? DATE_FACT : f[0] === "n" ? NUMBER_FACT : 0) | (f.startsWith("e:") ? NAME_FACT : 0);
      if (f[0] === "d") dates++;
      else if (f[0] === "n") numbers++;
    });
    return { ids, weights, total, flags, dates, numbers };
  }

  /** factOverlap(a's facts, b's facts, weight). */
  overlap(a: PreparedFacts, b: PreparedFacts): FactOverlap {
    if (this.mark.length < this.idOf.size) {
      const grown = new Int32Array(Math.max(this.idOf.size, this.mark.length * 2));
      grown.set(this.mark);
      this.mark = grown;
    }
    const tick = ++this.tick;
    for (let i = 0; i < b.ids.length; i++) this.mark[b.ids[i]!] = tick;
    let shared = 0;
    let sharedWeight = 0;
    let sharedDates = 0;
    let sharedNumbers = 0;
    let dated = false;
    let named = false;
    for (let i = 0; i < a.ids.length; i++) {
      if (this.mark[a.ids[i]!] !== tick) continue;
      shared++;
      sharedWeight += a.weights[i]!;
      const flag = a.flags[i]!;
      if (flag & DATE_FACT) sharedDates++;
      if (flag & NUMBER_FACT) sharedNumbers++;
      if (flag & NAME_FACT) named = true;
      else dated = true;
    }
    const smaller = Math.min(a.total, b.total);
    const union = a.total + b.total - sharedWeight;
    return {
      shared,
      containment: smaller === 0 ? 0 : sharedWeight / smaller,
      jaccard: union === 0 ? 0 : sharedWeight / union,
      anchored: dated && named,
      conflicting: disagree([a.dates, b.dates, sharedDates]) || disagree([a.numbers, b.numbers, sharedNumbers]),
    };
  }
}
