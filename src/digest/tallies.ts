import { slugify as slugifyText } from "../content/slug.ts";
import type { MeasureConfig, StoryConfig } from "../content/story.ts";
import type { Timex } from "../time/types.ts";
import { findQuantities, tokenize, type Quantity, type Token } from "./numbers.ts";
import { timexIndex } from "./timex-index.ts";
import { sameLemma, wordForms } from "./lemma.ts";
import { perObject } from "./stage-memo.ts";
import type { Precision, Report, SourceRef, Tally, TallyQualifier } from "./types.ts";

/**
 * Tallies: quantitative claims in report text ("attacked 66 times since October 17", "at least
 * 60 people injured", "2.5 thousand troops"), normalized and grouped across reports.
 *
 * Extraction rules, per sentence of each paragraph:
 * - A number (src/digest/numbers.ts) that lies inside a time expression, or looks like a day or
 *   a year ("October 17", "2023"), is not a figure.
 * - Its head is found, in order: (1) "N times" counts the nearest attack or strike word before it
 *   in the clause, within eight words ("attacked 66 times" → attack); (2) the first measure term among the next three words, skipping only
 *   modifiers ("2.5 thousand American troops", "three facilities"); a people- or troops-word
 *   there takes a casualty participle that follows ("60 people [were] injured", "three US
 *   soldiers were killed" → killed), and a bare people-word with none is no figure;
 *   (3) a verb just before the number ("killing 12"); (4) a counting phrase earlier in the
 *   clause ("the number of attacks … has reached 66"). A people- or troops-word after a casualty
 *   verb counts casualties ("wounding three US troops" → injured). The modifier run stops at
 *   verb forms ("34 struck sites" is not 34 sites). (5) A bare counting noun before the figure
 *   ("By early January its count had passed 100") continues the running count of the
 *   paragraph's previous figure: same measure, and its since-date unless the sentence gives one.
 *   No head, no tally.
 * - Measure: the first story measure (content/story.yaml `measures`) whose terms share a lemma
 *   or a default measure with the head and whose context phrase, if any, occurs in the sentence
 *   (else in its paragraph, the report's title, the whole report); else the head's
 *   default measure (DEFAULT_MEASURES). The same measure from different reports groups together.
 * - since: a date written right after "since" in the sentence ("since October 17" → 2023-10-17;
 *   a month-only date gives its first day; a date without a year takes the latest year not after
 *   the as-of date). Applies to every figure of the sentence.
 * - asOf: the statement's own date when the sentence gives one: a calendar date or anchored
 *   expression in it that is not a "since"/"until" bound, not after the report's date, and
 *   either the nearest before the figure or right after a reporting verb ("On December 26,
 *   Austin said…", "A month earlier, Singh said…", "By late November, Singh had tallied…",
 *   "…has reached 66, the Pentagon said on November 21"); else the report's date. The
 *   contract wants YYYY-MM-DD, so a month-only as-of ("a month earlier" → 2023-11) is
 *   rendered as the last day of that month and a year-only one as December 31, both capped at
 *   the report's date: the latest day by which the figure had certainly been stated. The
 *   precision the text gave is kept in `asOfPrecision`.
 */

export interface TallyMention {
  /** "<report>-<paragraph>-t<n>", unique within a digest. */
  id: string;
  measure: string;
  /** The head word the figure counts, as written ("troops", "attacked", "injured"). */
  head: string;
  value: number;
  qualifier: TallyQualifier;
  since: string | null;
  asOf: string;
  asOfPrecision: Precision;
  /** Whether asOf came from a date in the statement or from the report's date. */
  asOfFrom: "statement" | "report";
  /** The sentence that states the figure. */
  text: string;
  /** The figure as written, qualifier included: "at least 60". */
  quote: string;
  source: SourceRef;
  /** Report date, for ordering sources. */
  reportDate: string;
}

export interface DefaultMeasure {
  name: string;
  terms: string[];
}

/** Head words and the measure they count when no story measure applies. */
export const DEFAULT_MEASURES: DefaultMeasure[] = [
  { name: "attacks", terms: ["attack", "assault", "raid"] },
  { name: "strikes", terms: ["strike", "airstrike", "air strike", "bombing"] },
  { name: "killed", terms: ["killed", "kill", "dead", "death", "fatality"] },
  { name: "injured", terms: ["injured", "injure", "wounded", "wound", "injury", "hurt"] },
  { name: "troops", terms: ["troop", "soldier", "military personnel", "service member", "servicemember"] },
  { name: "facilities", terms: ["facility", "site", "target", "base", "depot", "warehouse"] },
];

/** Words that stand for counted people and need a participle to name the measure. */
const PEOPLE = ["people", "person", "civilian", "individual", "man", "woman", "child", "personnel", "staff"];
/** Auxiliaries allowed between a people-word and its participle: "60 people were injured". */
const AUX = new Set(["were", "was", "had", "have", "has", "been", "are", "being", "got", "reportedly"]);
/** Words that end the modifier run between a number and its head. */
const STOP = new Set([
  "of", "the", "a", "an", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but",
  "was", "were", "had", "have", "has", "is", "are", "been", "be", "that", "which", "who", "since",
  "until", "than", "as", "per", "after", "before", "during", "times",
]);
const MONTHS =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i;

const CALENDAR = /^(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?/;

interface Sentence {
  start: number;
  end: number;
  text: string;
}

const ABBREVIATION = /\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Rep|Sen|Gov|Prof|St|No|U\.S|U\.N)\.\s*$/;

const SEGMENTER = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Where a long text may be cut before segmenting: a period, "!" or "?", one space and a capital,
 * where the segmenter's sentence rules always break (after the space).
 */
const SAFE_CUT = /[.!?] (?=\p{Lu})/gu;
const CHUNK = 2000;

/**
 * The text in pieces of about CHUNK characters cut at SAFE_CUT points, each with its offset.
 * V8's Intl.Segmenter takes time quadratic in the length of the string it walks (a 0.4 MB
 * paragraph took seconds), so long paragraphs are segmented piece by piece (issue 8).
 */
function pieces(text: string): { offset: number; text: string }[] {
  if (text.length <= 2 * CHUNK) return [{ offset: 0, text }];
  const out: { offset: number; text: string }[] = [];
  let from = 0;
  while (text.length - from > 2 * CHUNK) {
    SAFE_CUT.lastIndex = from + CHUNK;
    const m = SAFE_CUT.exec(text);
    if (!m) break;
    const cut = m.index + 2;
    out.push({ offset: from, text: text.slice(from, cut) });
    from = cut;
  }
  out.push({ offset: from, text: text.slice(from) });
  return out;
}

/** Sentences of a paragraph (Intl.Segmenter, re-joined after titles such as "Mr."). */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const piece of pieces(text)) {
    for (const seg of SEGMENTER.segment(piece.text)) {
      const start = piece.offset + seg.index;
      const end = start + seg.segment.length;
      const prev = out[out.length - 1];
      if (prev && ABBREVIATION.test(prev.text)) {
        prev.end = end;
        prev.text = text.slice(prev.start, prev.end);
      } else out.push({ start, end, text: seg.segment });
    }
  }
  return out;
}

function termMatchesAt(tokens: Token[], i: number, term: string): number {
  const words = term.split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const token = tokens[i + k];
    if (!token) return 0;
    const last = k === words.length - 1;
    if (last ? !sameLemma(token.lower, words[k]!) : token.lower !== words[k]!.toLowerCase()) return 0;
  }
  return words.length;
}

interface TermSet {
  /** Every form (src/digest/lemma.ts) of the one-word terms. */
  single: Set<string>;
  multi: string[];
}
/** Term lists compiled once (they are module constants or parts of the story configuration). */
const termSet = perObject((terms: readonly string[]): TermSet => {
  const set: TermSet = { single: new Set(), multi: [] };
  for (const t of terms) {
    if (/\s/.test(t.trim())) set.multi.push(t);
    else for (const f of wordForms(t)) set.single.add(f);
  }
  return set;
});

/** Words the longest term matching at token `i` spans; 0 when none does. */
function longestTermAt(tokens: Token[], i: number, terms: readonly string[]): number {
  const token = tokens[i];
  if (!token) return 0;
  const set = termSet(terms);
  let best = 0;
  for (const t of set.multi) best = Math.max(best, termMatchesAt(tokens, i, t));
  if (best === 0 && wordForms(token.lower).some((f) => set.single.has(f))) best = 1;
  return best;
}

function anyTermAt(tokens: Token[], i: number, terms: readonly string[]): boolean {
  return longestTermAt(tokens, i, terms) > 0;
}

const withExtra = perObject((extra: readonly string[]): readonly string[] => [...ALL_TERMS, ...extra]);
function allTerms(extra: readonly string[]): readonly string[] {
  return extra.length === 0 ? ALL_TERMS : withExtra(extra);
}

const ALL_TERMS = DEFAULT_MEASURES.flatMap((m) => m.terms);
/** Things that happen (and so can be counted in "N times"), unlike troops or facilities. */
const EVENT_TERMS = DEFAULT_MEASURES.filter((m) => m.name === "attacks" || m.name === "strikes").flatMap(
  (m) => m.terms,
);
const TROOP_TERMS = DEFAULT_MEASURES.find((m) => m.name === "troops")!.terms;
const CASUALTY_TERMS = DEFAULT_MEASURES.filter((m) => m.name === "killed" || m.name === "injured").flatMap(
  (m) => m.terms,
);

interface Head {
  /** Index of the head's first token. */
  index: number;
  word: string;
}

/** Finds what a quantity counts; see the module comment for the order of the rules. */
function findHead(tokens: Token[], first: number, after: number, q: Quantity, extra: readonly string[]): Head | null {
  const terms = allTerms(extra);
  if (q.times) {
    // The nearest counted verb or noun before "N times" in the clause: "attacked US forces in
    // Iraq and Syria 66 times", "came under attack 66 times".
    for (let i = first - 1; i >= Math.max(0, first - 8); i--) {
      if (/^[;:]$/.test(tokens[i]!.text)) break;
      if (anyTermAt(tokens, i, EVENT_TERMS)) return { index: i, word: tokens[i]!.text };
    }
    return null;
  }
  const before = tokens[first - 1];
  const casualtyBefore = before !== undefined && anyTermAt(tokens, first - 1, CASUALTY_TERMS);
  for (let i = after; i < Math.min(tokens.length, after + 3); i++) {
    const token = tokens[i]!;
    if (!/^[\p{L}]/u.test(token.text) || STOP.has(token.lower) || isVerbForm(token)) break;
    const n = longestTermAt(tokens, i, terms);
    const people = PEOPLE.some((p) => sameLemma(token.lower, p));
    if (people || anyTermAt(tokens, i, TROOP_TERMS)) {
      // "wounding three US troops": the casualty verb before names what they count.
      if (casualtyBefore) return { index: first - 1, word: before.text };
      // "60 people [were] injured", "three US soldiers were killed": the participle names it.
      for (let j = i + Math.max(n, 1); j < Math.min(tokens.length, i + Math.max(n, 1) + 3); j++) {
        const next = tokens[j]!;
        if (anyTermAt(tokens, j, CASUALTY_TERMS)) return { index: j, word: next.text };
        if (!AUX.has(next.lower)) break;
      }
    }
    if (n > 0) return { index: i, word: tokens.slice(i, i + n).map((t) => t.text).join(" ") };
    if (people) break;
  }
  if (before && /^[\p{L}]/u.test(before.text) && anyTermAt(tokens, first - 1, terms)) {
    return { index: first - 1, word: before.text };
  }
  // "the number of attacks on American forces … has reached 66", "put the number of attacks … at
  // sixty-six": a counting noun phrase earlier in the clause.
  for (let i = first - 2; i >= Math.max(0, first - 16); i--) {
    const token = tokens[i]!;
    if (/^[;:.]$/.test(token.text)) break;
    if (!COUNT_NOUNS.has(token.lower) || tokens[i + 1]?.lower !== "of") continue;
    const at = tokens[i + 2]?.lower === "the" ? i + 3 : i + 2;
    if (anyTermAt(tokens, at, terms)) return { index: at, word: tokens[at]!.text };
  }
  return null;
}

/** Nouns that introduce what a later figure counts: "the number of attacks … reached 66". */
const COUNT_NOUNS = new Set(["number", "count", "tally", "total"]);

/** A bare counting noun earlier in the clause ("its count had passed 100"), with no "of". */
function countsBack(tokens: Token[], first: number): boolean {
  for (let i = first - 1; i >= Math.max(0, first - 6); i--) {
    const token = tokens[i]!;
    if (/^[;:.,]$/.test(token.text)) return false;
    if (COUNT_NOUNS.has(token.lower) && tokens[i + 1]?.lower !== "of") return true;
  }
  return false;
}
/** Casualty participles may follow a number ("60 injured"); other verb forms end the noun phrase. */
const VERB_FORMS = new Set(["struck", "hit", "hits", "made", "took", "left", "came", "remain", "remained", "are", "stand", "stood"]);
function isVerbForm(token: Token): boolean {
  if (VERB_FORMS.has(token.lower)) return true;
  return /ed$/.test(token.lower) && !CASUALTY_TERMS.some((t) => sameLemma(token.lower, t));
}

/** The default measure a word or phrase belongs to ("hurt" → injured), if any. */
function defaultMeasure(phrase: string): DefaultMeasure | undefined {
  const tokens = tokenize(phrase);
  return DEFAULT_MEASURES.find((m) => anyTermAt(tokens, 0, m.terms));
}

/**
 * A story measure applies when the head shares a lemma with one of its terms, or when the head
 * and a term belong to the same default measure ("hurt" and "injured" both count the injured).
 */
function measureFor(head: string, scopes: readonly string[], measures: readonly MeasureConfig[]): string | null {
  const headTokens = tokenize(head);
  const headDefault = defaultMeasure(head);
  const candidates = measures.filter(
    (m) => anyTermAt(headTokens, 0, m.terms) || (headDefault && m.terms.some((t) => defaultMeasure(t) === headDefault)),
  );
  // Context is looked for in the sentence first, then its paragraph, the report's title, the report.
  for (const scope of scopes) {
    const long = scope.length >= LONG_SCOPE ? longScope(scope) : null;
    const lower = long ? long.lower : scope.toLowerCase();
    const contains = (c: string) => (long ? longScopeContains(long, c) : containsPhrase(lower, c.toLowerCase()));
    for (const m of candidates) {
      if (m.context.length === 0 || m.context.some(contains)) return m.name;
    }
  }
  for (const m of DEFAULT_MEASURES) if (anyTermAt(headTokens, 0, m.terms)) return m.name;
  return null;
}

const phrasePatterns = new Map<string, RegExp>();

/**
 * Whether a scope mentions a context phrase, case-insensitively. The whole-report scope is the
 * same long string for every figure of a report: lower-casing and searching it per figure was
 * quadratic in the report's length (issue 8), so long scopes keep their answers (a few at a time).
 */
const LONG_SCOPE = 4096;
interface LongScope {
  lower: string;
  answers: Map<string, boolean>;
}
const longScopes = new Map<string, LongScope>();
function longScope(scope: string): LongScope {
  let entry = longScopes.get(scope);
  if (!entry) {
    if (longScopes.size >= 4) longScopes.clear();
    entry = { lower: scope.toLowerCase(), answers: new Map() };
    longScopes.set(scope, entry);
  }
  return entry;
}
function longScopeContains(scope: LongScope, phrase: string): boolean {
  let answer = scope.answers.get(phrase);
  if (answer === undefined) {
    answer = containsPhrase(scope.lower, phrase.toLowerCase());
    scope.answers.set(phrase, answer);
  }
  return answer;
}

function containsPhrase(haystack: string, phrase: string): boolean {
  let pattern = phrasePatterns.get(phrase);
  if (!pattern) {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    pattern = new RegExp(`(?<![\\p{L}\\d])${escaped}(?![\\p{L}\\d])`, "u");
    phrasePatterns.set(phrase, pattern);
  }
  return pattern.test(haystack);
}

/** "2023-11" → { date parts, precision }; null for values that are not calendar dates. */
function calendar(value: string): { y: string; m?: string; d?: string; precision: Precision } | null {
  const match = CALENDAR.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  if (m === undefined) return y === "XXXX" ? null : { y: y!, precision: "year" };
  if (d === undefined) return { y: y!, m, precision: "month" };
  return { y: y!, m, d, precision: "day" };
}

function timexCalendar(t: Timex) {
  return calendar(t.anchored ?? t.value);
}


/** Fills a missing year with the latest year that keeps the date on or before `notAfter`. */
function withYear(c: { y: string; m?: string; d?: string }, notAfter: string): string {
  const mm = c.m ?? "01";
  const dd = c.d ?? "01";
  if (c.y !== "XXXX") return `${c.y}-${mm}-${dd}`;
  const year = Number(notAfter.slice(0, 4));
  const candidate = `${year}-${mm}-${dd}`;
  return candidate <= notAfter ? candidate : `${year - 1}-${mm}-${dd}`;
}

/** The last day of a month- or year-precision date, capped at `cap`. */
function lastDay(c: { y: string; m?: string }, cap: string): string {
  // Day 0 of the next month in UTC is the month's last day; plain Date.UTC arithmetic (no local
  // time involved) is all this needs, and it is in the per-report hot path.
  const end =
    c.m === undefined ? `${c.y}-12-31` : `${c.y}-${c.m}-${String(new Date(Date.UTC(Number(c.y), Number(c.m), 0)).getUTCDate()).padStart(2, "0")}`;
  return end < cap ? end : cap;
}

function boundBefore(sentence: string, offset: number): "since" | "until" | null {
  const before = sentence.slice(Math.max(0, offset - 12), offset).toLowerCase();
  if (/\b(?:since|from)\s+(?:the\s+)?$/.test(before)) return "since";
  // "By late November, X had counted 66": "by" dates the count, so it is not a bound here.
  if (/\b(?:until|till|through)\s+(?:the\s+)?$/.test(before)) return "until";
  return null;
}

interface SentenceDates {
  since: string | null;
  asOf: string;
  asOfPrecision: Precision;
  asOfFrom: "statement" | "report";
}

/** A reporting verb just before a date: "the Pentagon said on November 21". */
const REPORTED_ON = /\b(?:said|says|say|told|tells|announced|reported|stated|added|confirmed|estimated|counted|tallied|wrote)\s+(?:\S+\s+){0,2}$/i;

/**
 * The since and as-of dates of the figure at `figureStart` (offset in the sentence). A statement
 * date must come before the figure (the nearest such date wins) ("On Dec. 26, Austin said … three sites"), or after it only
 * right behind a reporting verb ("… has reached 66, the Pentagon said on November 21"): a date
 * later in the sentence usually dates something else ("… asked the coalition in 2014 to help").
 */
function sentenceDates(s: Sentence, timexes: readonly Timex[], report: Report, figureStart: number): SentenceDates {
  const inside = timexes.filter((t) => t.start >= s.start && t.end <= s.end);
  let asOf: SentenceDates | null = null;
  let sinceTimex: { y: string; m?: string; d?: string } | null = null;
  for (const t of inside) {
    const c = timexCalendar(t);
    if (!c) continue;
    const bound = boundBefore(s.text, t.start - s.start);
    if (bound === "since") {
      sinceTimex ??= c;
      continue;
    }
    if (bound === "until") continue;
    if (c.y === "XXXX" && c.precision !== "day") continue;
    const at = t.start - s.start;
    const after = at > figureStart;
    // Before the figure, the nearest date wins ("late last month: on December 26, it hit three");
    // after it, the first one behind a reporting verb.
    if (after && asOf) continue;
    if (after && !REPORTED_ON.test(s.text.slice(Math.max(0, at - 40), at).replace(/\s*\b(?:on|in)\s*$/i, " "))) continue;
    let cal = c;
    // A statement cannot postdate its report. When the text gave no year ("late November") and
    // the resolved date lies after the report, the year before is meant.
    if (withYear(cal, report.date) > report.date && c.y !== "XXXX" && !/\b\d{4}\b/.test(t.text)) {
      cal = { ...c, y: String(Number(c.y) - 1) };
    }
    const start = withYear(cal, report.date);
    if (start > report.date) continue;
    const value = cal.precision === "day" ? start : lastDay(cal, report.date);
    asOf = { since: null, asOf: value, asOfPrecision: cal.precision, asOfFrom: "statement" };
  }
  const result = asOf ?? { since: null, asOf: report.date, asOfPrecision: "day", asOfFrom: "report" };
  if (sinceTimex) result.since = withYear(sinceTimex, result.asOf);
  return result;
}

/** A cheap pre-check: paragraphs without a digit or a number word hold no figure. */
const MAY_HOLD_NUMBER =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)\b/i;

/** True when a number is part of a date: inside a time expression, or next to a month name. */
function isDatePart(q: Quantity, tokens: Token[], index: number, timexes: readonly Timex[], offset: number): boolean {
  const start = q.start + offset;
  const end = q.end + offset;
  if (timexes.some((t) => t.start < end && start < t.end)) return true;
  if (q.times) return false;
  const prev = tokens[index - 1];
  const next = tokens[index + 1];
  if ((prev && MONTHS.test(prev.text)) || (next && MONTHS.test(next.text))) return true;
  return /^(?:1[89]|20)\d\d$/.test(q.text);
}

/**
 * The figures one report states, in text order. Plain JSON: safe to cache per report and to
 * compute in worker threads.
 */
export function extractTallies(report: Report, story?: Pick<StoryConfig, "measures"> | null): TallyMention[] {
  const measures = story?.measures ?? [];
  const extraTerms = measures.flatMap((m) => m.terms);
  const out: TallyMention[] = [];
  const reportText = report.paragraphs.map((p) => p.text).join("\n");
  for (const paragraph of report.paragraphs) {
    if (!MAY_HOLD_NUMBER.test(paragraph.text)) continue;
    let n = 0;
    /** The first figure of the paragraph's latest sentence that had one, for "its count". */
    let runningCount: TallyMention | undefined;
    const timexesIn = timexIndex(paragraph.timexes);
    for (const s of sentences(paragraph.text)) {
      // Most sentences state no number: skip them before tokenizing (issue 8).
      if (!MAY_HOLD_NUMBER.test(s.text)) continue;
      const timexes = timexesIn(s.start, s.end);
      const before = out.length;
      const tokens = tokenize(s.text);
      const quantities = findQuantities(s.text, tokens);
      if (quantities.length === 0) continue;
      const indexOf = new Map(tokens.map((t, i) => [t.start, i]));
      const endIndexOf = new Map(tokens.map((t, i) => [t.end, i]));
      for (const q of quantities) {
        const first = indexOf.get(q.start);
        const last = endIndexOf.get(q.end);
        if (first === undefined || last === undefined) continue;
        if (isDatePart(q, tokens, first, timexes, s.start)) continue;
        const start = indexOf.get(q.qualifierStart) ?? first;
        const head = findHead(tokens, start, last + 1, q, extraTerms);
        // "… put the number of attacks at 66. By early January its count had passed 100.": a
        // bare counting noun continues the running count of the paragraph's previous figure.
        const previous = head ? undefined : runningCount && countsBack(tokens, start) ? runningCount : undefined;
        if (!head && !previous) continue;
        const measure = previous ? previous.measure : measureFor(head!.word, [s.text, paragraph.text, report.title, reportText], measures);
        if (!measure) continue;
        const dates = sentenceDates(s, timexes, report, q.qualifierStart);
        if (previous && dates.since === null) dates.since = previous.since;
        n += 1;
        out.push({
          id: `${report.slug}-${paragraph.id}-t${n}`,
          measure,
          head: head ? head.word : previous!.head,
          value: q.value,
          qualifier: q.qualifier,
          since: dates.since,
          asOf: dates.asOf,
          asOfPrecision: dates.asOfPrecision,
          asOfFrom: dates.asOfFrom,
          text: s.text.trim(),
          quote: s.text.slice(q.qualifierStart, q.end),
          source: { report: report.slug, paragraph: paragraph.id, url: `${report.url}#${paragraph.id}` },
          reportDate: report.date,
        });
      }
      if (out.length > before) runningCount = out[before];
    }
  }
  return out;
}

/** A grouped tally: the contract's fields plus what the tallies page needs. */
export interface GroupedTally extends Tally {
  asOfPrecision: Precision;
  /** The figure as first written: "at least 60". */
  quote: string;
  /** Ids of tallies of the same measure and as-of date that state a different figure. */
  conflicts: string[];
}

export interface TallyConflict {
  measure: string;
  asOf: string;
  /** Ids of the disagreeing tallies, in value order. */
  tallies: string[];
}

export interface TallyGroups {
  tallies: GroupedTally[];
  conflicts: TallyConflict[];
  /** Measures in name order. */
  measures: string[];
}

/** Slugs for measures and tally ids: the project's one slug rule, without a length cap. */
export function slugify(text: string): string {
  return slugifyText(text, Number.POSITIVE_INFINITY);
}

/** Code-point order: locale-independent, so output bytes never depend on the machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Case-insensitive name order, ties broken by code point. */
export function byName(a: string, b: string): number {
  return compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b);
}

const PRECISION_RANK: Record<Precision, number> = { year: 0, month: 1, day: 2 };

function bySource(a: TallyMention, b: TallyMention): number {
  return (
    compare(a.reportDate, b.reportDate) ||
    compare(a.source.report, b.source.report) ||
    a.source.paragraph.length - b.source.paragraph.length ||
    compare(a.id, b.id)
  );
}

/**
 * Groups mentions across reports. Mentions with the same measure, value, qualifier, since and
 * as-of date are one tally with several sources. Tallies of the same measure and as-of date that
 * state different figures (value or qualifier), and whose since-dates do not contradict (equal,
 * or one unknown), conflict: each lists the others in `conflicts`, and `conflicts` lists groups.
 * A figure dated only to a month or a year ("A month earlier, Singh said 66") that another report
 * dates to a day inside that month or year, with the same measure, value, qualifier and since, is
 * the same statement: it takes that day (the earliest, if several).
 * Output order: measure, as-of date, value; fully deterministic.
 */
export function groupTallies(input: readonly TallyMention[]): TallyGroups {
  const mentions = sharpenDates(input);
  const groups = new Map<string, TallyMention[]>();
  for (const m of mentions) {
    const key = [m.measure, m.asOf, m.value, m.qualifier, m.since ?? ""].join("\u0000");
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const tallies: GroupedTally[] = [...groups.values()].map((list) => {
    const sorted = [...list].sort(bySource);
    const first = sorted[0]!;
    const precision = sorted
      .map((m) => m.asOfPrecision)
      .reduce((a, b) => (PRECISION_RANK[b] > PRECISION_RANK[a] ? b : a));
    const id = [
      slugify(first.measure),
      first.asOf,
      String(first.value).replace(".", "_"),
      first.qualifier === "exactly" ? "" : slugify(first.qualifier),
      first.since ? `since-${first.since}` : "",
    ]
      .filter(Boolean)
      .join("-");
    const seen = new Set<string>();
    const sources = sorted
      .map((m) => m.source)
      .filter((s) => (seen.has(s.url) ? false : (seen.add(s.url), true)));
    return {
      id,
      measure: first.measure,
      value: first.value,
      qualifier: first.qualifier,
      since: first.since,
      asOf: first.asOf,
      asOfPrecision: precision,
      text: first.text,
      quote: first.quote,
      sources,
      conflicts: [],
    };
  });
  tallies.sort(
    (a, b) =>
      byName(a.measure, b.measure) ||
      compare(a.asOf, b.asOf) ||
      a.value - b.value ||
      compare(a.qualifier, b.qualifier) ||
      compare(a.since ?? "", b.since ?? ""),
  );
  const conflicts: TallyConflict[] = [];
  const byDate = new Map<string, GroupedTally[]>();
  for (const t of tallies) {
    const key = `${t.measure}\u0000${t.asOf}`;
    const list = byDate.get(key);
    if (list) list.push(t);
    else byDate.set(key, [t]);
  }
  for (const list of byDate.values()) {
    if (list.length < 2) continue;
    const involved = new Set<GroupedTally>();
    for (const a of list) {
      for (const b of list) {
        if (a === b) continue;
        const sinceAgrees = a.since === null || b.since === null || a.since === b.since;
        if (sinceAgrees) {
          a.conflicts.push(b.id);
          involved.add(a);
        }
      }
    }
    if (involved.size > 1) {
      conflicts.push({
        measure: list[0]!.measure,
        asOf: list[0]!.asOf,
        tallies: list.filter((t) => involved.has(t)).map((t) => t.id),
      });
    }
  }
  const measures = [...new Set(tallies.map((t) => t.measure))].sort(byName);
  return { tallies, conflicts, measures };
}

/** Moves month- and year-precision mentions onto the day another report gives the same claim. */
function sharpenDates(mentions: readonly TallyMention[]): TallyMention[] {
  const claim = (m: TallyMention) => [m.measure, m.value, m.qualifier, m.since ?? ""].join("\u0000");
  const days = new Map<string, string[]>();
  for (const m of mentions) {
    if (m.asOfPrecision !== "day") continue;
    const list = days.get(claim(m)) ?? [];
    list.push(m.asOf);
    days.set(claim(m), list);
  }
  for (const list of days.values()) list.sort(compare);
  return mentions.map((m) => {
    if (m.asOfPrecision === "day") return m;
    const prefix = m.asOfPrecision === "month" ? m.asOf.slice(0, 7) : m.asOf.slice(0, 4);
    const day = days.get(claim(m))?.find((d) => d.startsWith(prefix));
    return day ? { ...m, asOf: day, asOfPrecision: "day" as const } : m;
  });
}

/** The contract projection of a tally, for digest.json: exactly the contract's fields. */
export function toContractTally(t: Tally): Tally {
  return {
    id: t.id,
    measure: t.measure,
    value: t.value,
    qualifier: t.qualifier,
    since: t.since,
    asOf: t.asOf,
    text: t.text,
    sources: t.sources,
  };
}
