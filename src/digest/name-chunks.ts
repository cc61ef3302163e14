import { nlp } from "./nlp.ts";
import type { EntityKind } from "../content/story.ts";

/**
 * Name chunks: the capitalized word sequences of a text that name a person, an organization or
 * a place, with the kind read from cues — without running an NLP tagger.
 *
 * Why hand-written: entity extraction used to run compromise's full tagger over every paragraph
 * (and every event sentence, for thread classification): ≈ 88 ms per report steady state on the
 * eight default reports, ≈ 36 ms on generated wire copy, against a budget of about 1 ms for the
 * whole per-report stage (issue 8). News copy marks names by capitals, so a chunker over
 * capitalized runs finds the same spans in one linear pass (≈ 0.05 ms per report). The kind comes
 * from cues, first match wins:
 *  1. a person's title just before the name ("President", "Envoy", "Mr.") → person;
 *  2. compromise's own lexicon (read once at module load, no tagging) for the whole name:
 *     countries, cities, regions → place; organizations → organization; people → person;
 *  3. the last word is one of compromise's organization words ("Agency", "Ministry", "Radio")
 *     → organization, or one of its place words ("Ridge", "Lake", "Hills") → place;
 *  4. a known first name opening a name of two or more words, or a known surname closing it
 *     → person; an all-capitals acronym → organization;
 *  5. a preposition of place before it ("in Harrow", "outside Dovar") → place.
 * A chunk that no cue decides is left out, as compromise left out the names it could not class.
 * Leading titles and trailing generic nouns are trimmed as before ("Defense Secretary Lloyd
 * Austin" → "Lloyd Austin"); a capitalized common word that opens a sentence ("Earlier", "They")
 * is not a name.
 */

export interface NameChunk {
  start: number;
  end: number;
  kind: EntityKind;
}

const model = nlp.model() as unknown as {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> };
};
const LEXICON = model.one.lexicon;
const ORG_WORDS = new Set(Object.keys(model.two.orgWords));
const PLACE_WORDS = new Set([
  ...Object.keys(model.two.placeWords),
  "pass", "strip", "province", "district", "region", "governorate", "county", "port", "border", "crossing",
]);
for (const w of ["office", "state", "memorial", "museum"]) ORG_WORDS.delete(w);
for (const w of ["forces", "brigades", "brigade", "front", "guard", "guards", "battalion", "battalions", "units", "wire", "ledger", "agency"]) ORG_WORDS.add(w);
/** Armed groups news copy names often that compromise's lexicon lacks (a small gazetteer). */
const KNOWN_ORGS = new Set(["islamic state", "hamas", "hezbollah", "hizbollah", "taliban", "houthis", "isis", "isil", "al-qaeda", "al-shabab", "wagner"]);

function tagsOf(word: string): readonly string[] {
  const t = LEXICON[word];
  return t === undefined ? [] : typeof t === "string" ? [t] : t;
}

const PLACE_TAGS = new Set(["Country", "City", "Region", "Place"]);
const PERSON_TAGS = new Set(["Person", "FirstName", "MaleName", "FemaleName", "LastName"]);
const FIRST_NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName"]);
const PROPER_TAGS = new Set([...PLACE_TAGS, ...PERSON_TAGS, "Organization", "ProperNoun", "SportsTeam", "Acronym", "Honorific"]);

/** Words before a name that make it a person's. */
const PERSON_TITLES = new Set([
  ...Object.entries(LEXICON).filter(([, t]) => (typeof t === "string" ? [t] : t).includes("Honorific")).map(([w]) => w),
  "mr", "mrs", "ms", "dr", "sir", "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
  "ambassador", "senator", "governor", "king", "queen", "prince", "princess", "sheikh", "ayatollah", "pope", "leader",
  "commander", "general", "colonel", "major", "captain", "sergeant", "admiral", "envoy", "mayor", "chancellor",
  "judge", "director", "chairman", "chairwoman", "chair", "cleric", "lieutenant", "premier", "emir", "sultan",
  "dr", "prof", "professor", "rev", "reverend", "imam", "chief", "deputy", "vice", "press", "field", "speaker",
  "representative", "congressman", "congresswoman", "lawmaker", "officer", "negotiator", "mediator", "official",
  "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep", "gov", "cpl", "brig", "st",
]);
/** Words dropped from the head of a name (titles, offices, demonyms: "Iraqi Prime Minister …"). */
const LEADING = new Set([
  ...PERSON_TITLES,
  "the", "of", "defense", "defence", "foreign", "state", "interior", "finance", "head", "militia", "warlord",
  "influential", "iraqi", "american", "us", "u.s.", "office", "department", "ministry", "gen", "lt", "col", "maj",
  "capt", "sgt", "adm", "sen", "rep", "gov",
]);
/** Generic trailing nouns of organization spans: "Kataib Hezbollah group". */
const GENERIC_TAIL = new Set(["group", "groups", "militia", "movement", "organization", "organisation", "office"]);
const MONTH_DAY = new Set([
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
  "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
]);
/** Closed-class words never part of a name even when capitalized ("I", "The" in a headline). */
const NEVER = new Set(["Pronoun", "Determiner", "Preposition", "Conjunction", "Modal", "Copula", "QuestionWord", "Possessive"]);
const PLACE_PREPOSITION = /\b(?:in|at|near|outside|inside|from|across|into|around|towards?|to|throughout)\s+(?:the\s+)?$/i;
/** A source, not a place: "according to Harbour Radio". */
const ATTRIBUTION = /\baccording\s+to\s+(?:the\s+)?$/i;
/** Name particles written in lower case: "al-Sudani", "bin Salman", "van der Berg". */
const PARTICLE = /^(?:al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu)-\p{Lu}/u;
const PARTICLE_WORD = new Set(["bin", "ibn", "de", "van", "von", "der", "den", "di", "da", "du", "la", "le"]);

/**
 * Initials and dotted acronyms ("J.", "U.S."); else words with inner apostrophes and hyphens, a
 * plural possessive kept inside a name ("Harbour Workers' Federation"), and a capitalized word
 * cut before a lower-case compound tail ("Iran-aligned" → "Iran").
 */
const WORD = /\p{Lu}\.(?:\p{L}\.)*|\p{Lu}[\p{L}\p{N}]*(?=-\p{Ll}{3,})(?<!\b(?:al|el|ad|as|an|ar|at|az|bin|ibn|abu)-?)|[\p{L}\p{N}](?:[\p{L}\p{N}&]|['’-](?=[\p{L}\p{N}]))*(?:(?<=s)['’](?=\s+\p{Lu}))?/gu;

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Possessive "'s" right after the word. */
  possessive: boolean;
  sentenceStart: boolean;
}

function isCapitalized(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return /^\p{Lu}/u.test(w);
}

const SENTENCE_OPENER = /[.!?:;"“”(\n\r]/;

function isPersonName(lower: string): boolean {
  return tagsOf(lower).some((t) => PERSON_TAGS.has(t));
}

/** The kind a name's own words suggest (cues 2–4 of the module comment); null when none does. */
export function guessKind(name: string): EntityKind | null {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const lower = name.toLowerCase().replace(/[’]/g, "'");
  const whole = tagsOf(lower);
  if (KNOWN_ORGS.has(lower)) return "organization";
  if (whole.some((t) => PLACE_TAGS.has(t))) return "place";
  if (whole.includes("Organization")) return "organization";
  if (whole.some((t) => PERSON_TAGS.has(t))) return "person";
  const last = words[words.length - 1]!.toLowerCase();
  if (words.length > 1 && ORG_WORDS.has(last)) return "organization";
  if (words.length > 1 && PLACE_WORDS.has(last)) return "place";
  const first = words[0]!.toLowerCase();
  if (words.length > 1 && tagsOf(first).some((t) => FIRST_NAME_TAGS.has(t))) return "person";
  if (words.length > 1 && tagsOf(last).includes("LastName")) return "person";
  if (words.length === 1 && /^\p{Lu}{2,6}$/u.test(words[0]!)) return "organization";
  if (words.length === 1 && isPersonName(first)) return "person";
  return null;
}

/** Lower-case words that may sit inside a name: particles and "of" ("Ministry of Defense"). */
const CONNECTOR = /^(?:of|bin|ibn|de|van|von|der|den|di|da|du|la|le)$/;

/**
 * The words that can be part of a name (capitalized words, particles, "of"), with offsets.
 * Other words are skipped without building anything: a run of name words needs them to be
 * separated by a single space, so a skipped word between two of them ends the run anyway.
 */
function words(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let t = m[0];
    // Particles and connectors are at most three letters or have a hyphen at index 2 or 3.
    if (!isCapitalized(t) && (t.length > 3 && t[2] !== "-" && t[3] !== "-" || (!PARTICLE.test(t) && !CONNECTOR.test(t)))) continue;
    let possessive = false;
    if (t.length > 2 && (t.endsWith("'s") || t.endsWith("’s") || t.endsWith("'S"))) {
      t = t.slice(0, -2);
      possessive = true;
    }
    const start = m.index;
    out.push({ text: t, lower: t.toLowerCase(), start, end: start + t.length, possessive, sentenceStart: opensSentence(text, start) });
  }
  return out;
}

/** Whether the word at `start` opens the text or follows a sentence end, colon or quote. */
function opensSentence(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && (text[k] === " " || text[k] === "\t")) k--;
  return k < 0 || SENTENCE_OPENER.test(text[k]!);
}

/** Whether the word can be part of a name at all. */
function nameWord(w: Word): boolean {
  if (PARTICLE.test(w.text)) return true;
  if (!isCapitalized(w.text)) return false;
  if (MONTH_DAY.has(w.lower.replace(/\.$/, ""))) return false;
  const tags = tagsOf(w.lower);
  if (tags.some((t) => NEVER.has(t)) && !tags.some((t) => PROPER_TAGS.has(t)) && w.text !== w.text.toUpperCase()) return false;
  if (w.text === "I") return false;
  return true;
}

/** A capitalized common word that opens a sentence ("Earlier", "Speaking", "Militia"). */
function commonOpener(w: Word): boolean {
  if (!w.sentenceStart) return false;
  const tags = tagsOf(w.lower);
  if (tags.length === 0) return !PARTICLE.test(w.text) && /^\p{Lu}\p{Ll}+$/u.test(w.text) && /(?:ing|ed|ly)$/.test(w.lower);
  return !tags.some((t) => PROPER_TAGS.has(t)) && !LEADING.has(w.lower);
}

/** One space between two words, or a title's abbreviation dot and a space ("Lt. Col. Park"). */
function spaced(text: string, a: Word, b: Word): boolean {
  const gap = b.start - a.end;
  if (gap === 1) return text[a.end] === " ";
  return gap === 2 && text[a.end] === "." && text[a.end + 1] === " " && PERSON_TITLES.has(a.lower);
}

/** The person, organization and place names of a text, in text order (see the module comment). */
export function nameChunks(text: string): NameChunk[] {
  const ws = words(text);
  const out: NameChunk[] = [];
  let i = 0;
  while (i < ws.length) {
    if (!nameWord(ws[i]!) || PARTICLE_WORD.has(ws[i]!.text)) {
      i++;
      continue;
    }
    // A run of name words separated by single spaces, ending at a possessive.
    let j = i + 1;
    while (j < ws.length && !ws[j - 1]!.possessive && spaced(text, ws[j - 1]!, ws[j]!)) {
      const w = ws[j]!;
      if (nameWord(w) && !PARTICLE_WORD.has(w.text)) j++;
      else if ((PARTICLE_WORD.has(w.text) || w.lower === "of") && j + 1 < ws.length && nameWord(ws[j + 1]!) && ws[j + 1]!.start - w.end === 1) j++;
      else break;
    }
    const run = ws.slice(i, j);
    i = j;
    chunk(text, run, out);
  }
  return out;
}

function chunk(text: string, run: Word[], out: NameChunk[]): void {
  let a = 0;
  let b = run.length;
  if (commonOpener(run[0]!)) a++;
  let titled = false;
  while (b - a > 1 && LEADING.has(run[a]!.lower.replace(/\.$/, ""))) {
    if (PERSON_TITLES.has(run[a]!.lower.replace(/\.$/, ""))) titled = true;
    a++;
  }
  while (b - a > 1 && GENERIC_TAIL.has(run[b - 1]!.lower)) b--;
  while (b - a > 1 && (PARTICLE_WORD.has(run[b - 1]!.text) || run[b - 1]!.lower === "of")) b--;
  if (b <= a) return;
  const first = run[a]!;
  if (b - a === 1 && LEADING.has(first.lower.replace(/\.$/, ""))) return;
  if (!isCapitalized(first.text) && !PARTICLE.test(first.text)) return;
  const start = first.start;
  const end = run[b - 1]!.end;
  const name = text.slice(start, end);
  if (/^\p{Lu}\.$/u.test(name)) return;
  let kind: EntityKind | null = titled && b - a <= 4 && !ORG_WORDS.has(run[b - 1]!.lower) ? "person" : null;
  kind ??= guessKind(name);
  if (!kind && b - a <= 3) {
    const before = text.slice(Math.max(0, start - 24), start);
    if (PLACE_PREPOSITION.test(before) && !ATTRIBUTION.test(before)) kind = "place";
  }
  if (kind) out.push({ start, end, kind });
}
