import { nlp } from "./nlp.ts";

/**
 * Word lemmas through compromise ("attacked" → "attack", "facilities" → "facility"), plus the
 * plain plural-stripped forms compromise leaves alone ("troops"), so that two words match when
 * any of their forms agree. Cached: the same words recur across every report.
 */

const cache = new Map<string, readonly string[]>();

// compromise's morphology without its tagger: the word's lexicon tags pick the inflection to
// undo, and its transform functions undo it. Running nlp(word) per new word cost ≈ 0.25–10 ms
// (the whole tokenizer and tagger), which made a cold build of a few thousand reports pay seconds
// for vocabulary alone; this is ≈ 5–20 µs a word and gives the same lemma for all but 4 of the
// 1,362 words of content/ and a generated corpus ("leaves" → "leaf", "militias" → "militia",
// "rebuilt" kept), and for 99.4% of the 7,533 words of TempEval-3 TimeBank (issue 8).
const model = nlp.model() as unknown as { one: { lexicon: Record<string, string | string[]> } };
const transform = (nlp.methods() as unknown as {
  two: {
    transform: {
      noun: { toSingular: (word: string, model: unknown) => string };
      verb: { toInfinitive: (word: string, model: unknown, tense?: string) => string };
    };
  };
}).two.transform;
const VERB_FORMS = ["PastTense", "Participle", "Gerund", "PresentTense"];
const KEEP = new Set([
  "Singular", "Uncountable", "ProperNoun", "Place", "Country", "City", "Organization", "Person", "Acronym", "FirstName",
  "MaleName", "FemaleName", "LastName", "Infinitive", "Adjective", "Possessive", "Pronoun", "Preposition", "Adverb",
]);

function compromiseLemma(word: string): string {
  const t = model.one.lexicon[word];
  const tags = t === undefined ? [] : typeof t === "string" ? [t] : t;
  if (tags.includes("Plural")) return transform.noun.toSingular(word, model);
  const tense = VERB_FORMS.find((x) => tags.includes(x));
  if (tense) return transform.verb.toInfinitive(word, model, tense);
  if (tags.includes("Verb")) return transform.verb.toInfinitive(word, model);
  if (tags.some((x) => KEEP.has(x))) return word;
  if (word.length > 3 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return transform.noun.toSingular(word, model);
  if (tags.length > 0) return word;
  if (word.endsWith("ed")) return transform.verb.toInfinitive(word, model, "PastTense");
  if (word.endsWith("ing")) return transform.verb.toInfinitive(word, model, "Gerund");
  return word;
}

/** The lower-cased word, its lemma and its de-pluralized form, without duplicates. */
export function wordForms(word: string): readonly string[] {
  const lower = word.toLowerCase();
  const hit = cache.get(lower);
  if (hit) return hit;
  const forms = new Set<string>([lower]);
  if (/^[a-z][a-z-]*$/.test(lower)) {
    forms.add(compromiseLemma(lower));
    if (lower.endsWith("ies") && lower.length > 4) forms.add(`${lower.slice(0, -3)}y`);
    else if (lower.endsWith("s") && !lower.endsWith("ss") && lower.length > 3) forms.add(lower.slice(0, -1));
  }
  const out = [...forms];
  cache.set(lower, out);
  return out;
}

/** True when the two words share a form: "attacked" ~ "attacks", "troops" ~ "troop". */
export function sameLemma(a: string, b: string): boolean {
  const fa = wordForms(a);
  return wordForms(b).some((f) => fa.includes(f));
}
