import nlp from "compromise";

/**
 * Word lemmas through compromise ("attacked" → "attack", "facilities" → "facility"), plus the
 * plain plural-stripped forms compromise leaves alone ("troops"), so that two words match when
 * any of their forms agree. Cached: the same words recur across every report.
 */

const cache = new Map<string, readonly string[]>();

function compromiseLemma(word: string): string {
  const doc = nlp(word);
  const noun = doc.nouns().toSingular().text("normal");
  if (noun) return noun;
  const verb = doc.verbs().toInfinitive().text("normal");
  if (verb) return verb;
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
