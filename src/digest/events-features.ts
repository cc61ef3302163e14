/**
 * What two event mentions are compared on when merging: content words, names and numbers.
 *
 * Speed matters here (every dated clause of thousands of reports), and running compromise's full
 * tagger over each clause costs ~8 ms per paragraph. So the clause is tokenized by the project's
 * word scanner (numbers.ts, which also reads "three", "2.5 thousand", "66"), words are lemmatized
 * one by one through compromise with a cache (lemma.ts: "struck" → "strike", "facilities" →
 * "facility"), and names are told by capitals — a capitalized word that does not open a sentence,
 * or an all-capitals acronym, or an opening word that is not a common word. On top of the lemmas
 * a few derivational suffixes are stripped by hand ("withdrawal" / "withdrawing"), because
 * reports tell one event with different word forms and compromise only undoes inflection.
 */
import { wordForms } from "./lemma.ts";
import { findNumbers, tokenize } from "./numbers.ts";

export interface MatchFeatures {
  /** Stemmed content words (not names, not numbers), sorted, unique. */
  keywords: string[];
  /** Name tokens (people, places, organizations, acronyms), lower case, aliases folded. */
  entities: string[];
  /** Numbers the text states, as decimal strings ("3", "2500"). */
  numbers: string[];
}

export interface Range {
  start: number;
  end: number;
}

/** Function words and words that carry no event content (attribution verbs, light verbs). */
const STOP = new Set(
  (
    "a an the this that these those such other another same which who whom whose what whether " +
    "and or but nor so yet if then than as because while whereas although though since until " +
    "of in on at by for from to with into onto over under about after before during between among " +
    "against through across toward towards upon within without near amid per via out up down off " +
    "i me my we us our you your he him his she her it its they them their there here " +
    "is are was were be been being am have has had having do does did done will would shall should " +
    "can could may might must not no nor very more most much many some any all each both few " +
    "several certain least also only just even still already again ever never now then " +
    "say said says saying state stated note noted tell told add added report reported claim " +
    "clarify clarified stress stressed accord according cite cited quote quoted suggest suggested " +
    "earlier later previously meanwhile however thus turn " +
    "get got make made take took go went come came become became seem seemed appear appeared " +
    "one first time times day days week weeks month months year years today yesterday tomorrow " +
    "mr mrs ms dr chief head official officials spokesman spokeswoman spokesperson al el " +
    "january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday"
  ).split(" "),
);

/** Name aliases folded to one token so "U.S.", "US", "United States" and "American" match. */
const ALIASES: Record<string, string> = {
  usa: "us",
  america: "us",
  american: "us",
  americans: "us",
  washington: "us",
  britain: "uk",
  british: "uk",
  iraqi: "iraq",
  iraqis: "iraq",
  iranian: "iran",
  israeli: "israel",
  syrian: "syria",
  russian: "russia",
  ukrainian: "ukraine",
  chinese: "china",
};

/** Light derivational stemmer (see module header); keeps at least four letters of the word. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, "");
  for (const suffix of ["ations", "ation", "ments", "ment", "ings", "ing", "als", "al", "ies", "ed", "es", "s"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4 && !(suffix === "s" && /(ss|us|is)$/.test(w))) {
      w = w.slice(0, -suffix.length);
      if (suffix === "ies") w += "y";
      // "beginning" → "beginn" → "begin", "planned" → "plann" → "plan".
      else if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ss|ll)$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  return w;
}

function lemma(word: string): string {
  const forms = wordForms(word);
  // wordForms gives [word, compromise's lemma, de-pluralized]; the lemma is the normal form.
  return forms[1] ?? forms[0] ?? word;
}

function alias(name: string): string {
  return ALIASES[name] ?? name;
}

type WordFeature = { name: boolean; value: string } | null;
/**
 * What one word contributes, by word and whether it opens a sentence. Memoized: the same words
 * recur in every clause, and lemma + stem + the capital tests were most of matchFeatures' time
 * (issue 8). Bounded so a huge vocabulary cannot grow it without limit.
 */
const featureCache = new Map<string, WordFeature>();

function wordFeature(part: string, first: boolean): WordFeature {
  const key = first ? `^${part}` : part;
  const hit = featureCache.get(key);
  if (hit !== undefined) return hit;
  if (featureCache.size > 200_000) featureCache.clear();
  const feature = computeWordFeature(part, first);
  featureCache.set(key, feature);
  return feature;
}

function computeWordFeature(part: string, first: boolean): WordFeature {
  const word = part.replace(/['’]s$/, "");
  const lower = word.toLowerCase();
  const acronym = /^\p{Lu}{2,}$/u.test(word);
  if (lower.length < 2 || (STOP.has(lower) && !acronym)) return null;
  const capital = /^\p{Lu}/u.test(word);
  const folded = alias(lower);
  const name = folded !== lower || acronym || (capital && (!first || !STOP.has(lemma(lower))));
  if (name) return { name: true, value: folded };
  const l = lemma(lower);
  if (STOP.has(l) || l.length < 3) return null;
  const s = stem(l);
  return STOP.has(s) ? null : { name: false, value: s };
}

/**
 * Features of `text` for matching, ignoring the characters in `mask` (the time expressions:
 * dates are compared separately, and "October 17" must not count as the number 17).
 */
export function matchFeatures(text: string, mask: Range[] = []): MatchFeatures {
  let masked = text;
  for (const r of mask) {
    if (r.start < 0 || r.end > masked.length || r.end <= r.start) continue;
    masked = masked.slice(0, r.start) + " ".repeat(r.end - r.start) + masked.slice(r.end);
  }
  masked = masked
    .replace(/\bair\s+strikes?\b/gi, (m) => (/s$/i.test(m) ? "airstrikes" : "airstrike"))
    .replace(/\bU\.S\.(?=\W|$)|\bUnited States\b/g, "US")
    .replace(/\bU\.K\.(?=\W|$)|\bUnited Kingdom\b/g, "UK")
    .replace(/\bU\.N\.(?=\W|$)|\bUnited Nations\b/g, "UN");

  // One tokenization for the numbers and the words.
  const tokens = tokenize(masked);
  const numbers = new Set<string>();
  const numberSpans: Range[] = [];
  for (const n of findNumbers(masked, tokens)) {
    if (Number.isFinite(n.value)) numbers.add(String(n.value));
    numberSpans.push(n);
  }
  const inNumber = (at: number) => numberSpans.some((n) => at >= n.start && at < n.end);

  const keywords = new Set<string>();
  const entities = new Set<string>();
  let opensSentence = true;
  for (const tok of tokens) {
    if (/^[.!?]$/.test(tok.text)) {
      opensSentence = true;
      continue;
    }
    if (!/^\p{L}/u.test(tok.text)) continue;
    const first = opensSentence;
    opensSentence = false;
    if (inNumber(tok.start)) continue;
    for (const part of tok.text.split(/[-–—]/)) {
      const feature = wordFeature(part, first);
      if (feature === null) continue;
      if (feature.name) entities.add(feature.value);
      else keywords.add(feature.value);
    }
  }
  for (const e of entities) keywords.delete(e);
  return {
    keywords: [...keywords].sort(),
    entities: [...entities].sort(),
    numbers: [...numbers].sort(),
  };
}
