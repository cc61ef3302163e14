/**
 * What two event mentions are compared on when merging: content words, names and numbers.
 *
 * compromise does the linguistics (part of speech, names, number words: "three" → 3,
 * "2.5 thousand" → 2500, inflection roots: "struck" → "strike"). On top of its roots we strip a
 * few derivational suffixes by hand, because reports tell one event with different word forms
 * ("the withdrawal" / "withdrawing", "attacks" / "attacked") and compromise only undoes inflection.
 */
import nlp from "compromise";

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

/** Words that carry no event content: attribution verbs and light words compromise may miss. */
const STOP = new Set(
  (
    "say said state note tell add report claim clarify stress accord cite quote suggest " +
    "also earlier later previously then however meanwhile turn thus still already now currently " +
    "be have do get make take go come become seem appear " +
    "one first time times day week month year today yesterday " +
    "mr mrs ms dr chief head official officials spokesman spokeswoman spokesperson " +
    "this that these those such other another same which who whom whose what whether " +
    "not no very more most much many some any all each both several certain least its al el"
  ).split(" "),
);

/** Name aliases folded to one token so "U.S.", "US", "United States" and "American" match. */
const ALIASES: Record<string, string> = {
  "u.s": "us",
  "u.s.": "us",
  usa: "us",
  america: "us",
  american: "us",
  americans: "us",
  washington: "us",
  "u.k": "uk",
  "u.k.": "uk",
  britain: "uk",
  british: "uk",
  "u.n": "un",
  "u.n.": "un",
  iraqi: "iraq",
  iranian: "iran",
  israeli: "israel",
  syrian: "syria",
};

const SKIP_TAGS = [
  "Determiner",
  "Preposition",
  "Conjunction",
  "Pronoun",
  "Auxiliary",
  "Copula",
  "QuestionWord",
  "Modal",
  "Negative",
  "Value",
  "Date",
  "Month",
  "WeekDay",
];
const NAME_TAGS = ["ProperNoun", "Person", "Place", "Organization", "Acronym", "Country"];

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

function cleanToken(t: string): string {
  return t
    .toLowerCase()
    .replace(/['’]s$/, "")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, "")
    .replace(/\.$/, (dot, at: number, s: string) => (/^(?:[a-z]\.)+$/.test(s) ? dot : ""));
}

function alias(name: string): string {
  return ALIASES[name] ?? name;
}

interface Term {
  text: string;
  normal?: string;
  root?: string;
  tags?: string[];
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

  const doc = nlp(masked);
  doc.compute("root");
  const keywords = new Set<string>();
  const entities = new Set<string>();
  const numbers = new Set<string>();

  for (const v of doc.numbers().json() as Array<{ number?: { num?: number } }>) {
    const n = v.number?.num;
    if (typeof n === "number" && Number.isFinite(n)) numbers.add(String(n));
  }

  const sentences = doc.json() as Array<{ terms: Term[] }>;
  for (const s of sentences) {
    for (const t of s.terms) {
      const tags = t.tags ?? [];
      if (tags.some((tag) => SKIP_TAGS.includes(tag))) continue;
      const isName = tags.some((tag) => NAME_TAGS.includes(tag));
      // Hyphenated names ("al-Sudani", "US-led") split into their parts for matching.
      for (const raw of (t.normal ?? t.text).split(/[-–—/]/)) {
        const token = cleanToken(raw);
        if (token.length < 2 || /^\d/.test(token)) continue;
        const folded = alias(token);
        if (isName || folded !== token) {
          if (!STOP.has(folded)) entities.add(folded);
          continue;
        }
        const lemma = t.root && !t.normal?.includes("-") ? t.root : token;
        if (STOP.has(lemma) || STOP.has(token) || lemma.length < 3) continue;
        const stemmed = stem(lemma);
        if (!STOP.has(stemmed)) keywords.add(stemmed);
      }
    }
  }
  for (const e of entities) keywords.delete(e);
  return {
    keywords: [...keywords].sort(),
    entities: [...entities].sort(),
    numbers: [...numbers].sort(),
  };
}
