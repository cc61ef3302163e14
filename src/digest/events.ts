/**
 * Event mentions: what one report says happened, and when.
 *
 * `extractEvents(report)` reads each paragraph sentence by sentence and turns every sentence that
 * dates a happening into an `EventMention`. The output is plain JSON (no class instances, no
 * functions) so it can cross worker threads and be cached per report; `mergeEvents` (merge.ts)
 * then folds mentions of one real event told by several reports into one timeline entry.
 *
 * Rules for the event's time (documented here, tested in tests/digest/events.test.ts):
 *
 * 1. Candidate times are the paragraph's timexes inside the sentence whose value — or, for
 *    relative expressions and durations, whose `anchored` value ("A month earlier" → "2023-11")
 *    — is a calendar date: "YYYY", "YYYY-MM", "YYYY-MM-DD" (a time of day counts as its day; ISO
 *    weeks, seasons, quarters as in events-date.ts). Not candidates: "PRESENT_REF"/"now"/
 *    "currently" and other reference words, durations without an anchor, "XXXX-…" values,
 *    sets ("every Monday").
 * 2. Future: a candidate later than the report's date, or one in the report's own day/month/year
 *    whose clause (up to the nearest comma, quote, "that", "said") speaks of the future ("will",
 *    "plans to", "is expected to", "scheduled"), is dropped: the timeline tells what happened.
 * 3. Role of each candidate, read from the words just before it:
 *    - bound — "since October 17", "until", "by", "before", "after", "from", "between", "as of":
 *      the edge of a span, not the time of the happening; never the event's time. Not when the
 *      date names a happening itself: "since the Oct. 23 slaying", "after Thursday's ruling".
 *    - report — "reported (this) on January 9", "reported Friday", "published it on", a wire
 *      dateline ("HAVANA, August 7 (Xinhua) --"): the date of the
 *      reporting, not of the happening; never the event's time ("Choose the event's time, not the
 *      report's").
 *    - document — "a document dated January 6", "a cable issued on": the date of the document;
 *      used only when the sentence has no plain (main) time, and then the event is what the
 *      document records.
 *    - main — any other ("on January 5", "In October", "A month earlier", "Tuesday"): the time
 *      of the verb it attaches to.
 * 4. One sentence, one event — unless it holds main times for different dates and splits into
 *    clauses (sentences.ts) that each hold one of them: then each such clause is an event.
 *    Otherwise the first main time (the fronted "On X," or the one nearest the main verb, which in
 *    news prose comes first) is the event's time — made more precise by a later main time inside
 *    it ("Two weeks ago, on November 7, …" → November 7).
 * 5. Text: the clause with its attribution kept ("Lloyd Austin said the US attacked …"), with
 *    connective openers ("Earlier,", "Prior to this,", "In turn,") and a fronted date adverbial
 *    ("On December 26, 2023,") trimmed, the first letter capitalized. A sentence that opens by
 *    pointing back ("This was stated on January 5 by …") gets the previous sentence prefixed, since
 *    "this" is what happened. Over 200 characters, trailing relative and participial clauses
 *    (", which …", ", during which …", ", with …") are cut, then the text is cut at a word and
 *    ends with "…".
 *
 * Topics: the report's `topics` (or, when it has none, its `tags`), plus whatever the optional
 * `classify(text)` returns for the sentence (the story configuration, threads.ts).
 */
import { calendarDate, compatibleDates, isAfter, type CalendarDate } from "./events-date.ts";
import { matchFeatures, type MatchFeatures } from "./events-features.ts";
import { splitClauses, splitSentences, type TextSpan } from "./sentences.ts";
import { timexIndex } from "./timex-index.ts";
import type { Timex } from "../time/types.ts";
import type { PartialDate, Precision, Report, ReportParagraph, SourceRef } from "./types.ts";

export interface EventMention extends MatchFeatures {
  date: PartialDate;
  precision: Precision;
  /** The clause telling the event, with attribution, ≤ ~200 characters. */
  text: string;
  topics: string[];
  source: SourceRef;
  /** Publication date of the source report ("YYYY-MM-DD"), for ordering sources. */
  reportDate: string;
  /** Offset of the clause in its paragraph, for a stable order within a report. */
  offset: number;
  /** 1-based position of the paragraph in its report. */
  paragraphIndex: number;
}

export interface ExtractOptions {
  /** Topics of a sentence (story configuration); their union with the report's topics is kept. */
  classify?: (text: string) => string[];
}

export type TimeRole = "main" | "document" | "report" | "bound";

/** Longest event text before it is shortened. */
export const MAX_TEXT = 200;

// No article: in "since the January 1998 bombing" the date belongs to the bombing, not the bound.
const BOUND_CUE = /\b(?:since|until|till|through|by|before|after|from|between|as of|starting|ahead of)\s+(?:early\s+|late\s+|mid-?)?$/i;
// "reported (this) on X", "reported X", "wrote on X"; "published/broadcast" only with the story as
// object ("published it on X"): "a letter published Wednesday" dates the letter, a happening.
// "reported (this) on X", "reported X", "wrote on X"; "published/broadcast" only with the story as
// object ("published it on X"): "a letter published Wednesday" dates the letter, a happening. Only
// "on" after an object: in "reported a decline in third-quarter earnings" the date is the object's.
const REPORT_CUE =
  /\b(?:report(?:ed|s)?|wr(?:ote|ites))\b(?:\s+(?!that\b)[\w’'-]+){1,3}?\s+on\s+$|\b(?:report(?:ed|s)?|wr(?:ote|ites))\s+(?:on\s+|in\s+|at\s+)?$|\b(?:published|broadcast|aired|ran)\s+(?:this|it|the\s+(?:news|story|report|information|article))\s+(?:on\s+|in\s+)?$/i;
/** A wire dateline before the date: "HAVANA, " in "HAVANA, August 7 (Xinhua) --" dates the report. */
const DATELINE = /^\s*[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][\w.]*\.?)*,\s*$/;
const DOCUMENT_CUE = /\b(?:dated|issued|signed|drafted|written)\s+(?:on\s+|in\s+)?$/i;
const FUTURE_CUE = /\b(?:will|shall|plans? to|planning to|(?:is|are) (?:expected|due|set|scheduled) to|scheduled|to be held|upcoming|next)\b/i;
const CONNECTIVE =
  /^(?:earlier|later|meanwhile|previously|prior to (?:this|that)|before (?:this|that)|after (?:this|that)|following (?:this|that)|since then|in turn|however|also|then|subsequently|afterwards|at the same time|in addition|additionally|moreover|furthermore|besides|as noted|as a result|thus|still|in particular|notably|and|but|while|whereas)\s*,?\s+/i;
const ANAPHORA = /^(?:this|that|it)\s+(?:was|has been|had been|is)\s+(?:\w+ly\s+)?(?:stated|said|announced|reported|confirmed|declared|disclosed|revealed|made known)\b/i;
const TRAILING_CLAUSE = /,\s+(?:which|who|during which|in which|after which|with|including|according to|as|while|amid)\b/gi;

/** The role a time expression plays, from the words before it in its sentence (rule 3). */
export function timeRole(before: string, after = ""): TimeRole {
  // "Thursday's ruling", "the December 26 strikes": the date of a happening named by a noun.
  if (/^['’]s\b/.test(after)) return "main";
  const tail = before.slice(-60);
  if (REPORT_CUE.test(tail) || DATELINE.test(before)) return "report";
  if (DOCUMENT_CUE.test(tail)) return "document";
  if (BOUND_CUE.test(tail)) return "bound";
  return "main";
}

const CLAUSE_EDGE = /[,;:"“”()]|\s--\s|\b(?:that|said|says|when|whether|before|after)\b/;

/** The words of the clause around a time expression, up to the nearest comma, quote or "that". */
function clauseAround(before: string, after: string): string {
  return `${before.split(CLAUSE_EDGE).at(-1) ?? ""} ${after.split(CLAUSE_EDGE)[0] ?? ""}`;
}

interface Candidate extends CalendarDate {
  timex: Timex;
  role: TimeRole;
}

function candidateDate(t: Timex): CalendarDate | null {
  if (t.anchored) {
    const a = calendarDate(t.anchored);
    if (a) return a;
  }
  // A duration's own value is "P3W" (no calendar date) unless an annotator gave it one ("1989-Q4").
  if (t.type === "SET") return null;
  return calendarDate(t.value);
}

function candidatesIn(p: ReportParagraph, s: TextSpan, reportDate: string): Candidate[] {
  const out: Candidate[] = [];
  for (const t of p.timexes) {
    if (t.start < s.start || t.end > s.end) continue;
    const cal = candidateDate(t);
    if (!cal) continue;
    if (isAfter(cal.date, reportDate)) continue;
    const before = p.text.slice(s.start, t.start);
    const after = p.text.slice(t.end, s.end);
    if (!isAfter(reportDate.slice(0, cal.date.length), cal.date) && FUTURE_CUE.test(clauseAround(before, after))) continue;
    out.push({ ...cal, timex: t, role: timeRole(before, after) });
  }
  return out;
}

/** Cuts `text` to at most `max` characters (rule 5). */
export function shorten(text: string, max = MAX_TEXT): string {
  let t = text.trim();
  while (t.length > max) {
    const cuts = [...t.matchAll(TRAILING_CLAUSE)].map((m) => m.index ?? 0).filter((i) => i >= 40);
    const last = cuts.at(-1);
    if (last === undefined) break;
    t = t.slice(0, last).replace(/[\s,;:]+$/, "") + ".";
  }
  if (t.length <= max) return t;
  const room = t.slice(0, max - 1);
  const at = room.lastIndexOf(" ");
  return (at > max / 2 ? room.slice(0, at) : room).replace(/[\s,;:.]+$/, "") + "…";
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The event text of a clause (rule 5): `clause` is a span of the paragraph, `timexes` the
 * paragraph's time expressions, `previous` the sentence before (for "This was stated …").
 */
export function eventText(paragraph: string, clause: TextSpan, timexes: Timex[], previous?: TextSpan): string {
  return buildText(paragraph, clause, timexes, previous).text;
}

function buildText(
  paragraph: string,
  clause: TextSpan,
  timexes: Timex[],
  previous?: TextSpan,
): { text: string; pointsBack: boolean } {
  let start = clause.start;
  for (let guard = 0; guard < 6; guard++) {
    const rest = paragraph.slice(start, clause.end);
    const conn = CONNECTIVE.exec(rest);
    if (conn) {
      start += conn[0].length;
      continue;
    }
    // A fronted date adverbial: "On December 26, 2023, …", "A month earlier, …", "In October, …".
    // The timex may or may not include the preposition and article ("In October" / "the same day").
    const prep = /^(?:on|in|at|during|around|about|early|late)\s+/i.exec(rest)?.[0] ?? "";
    const article = /^the\s+/i.exec(rest.slice(prep.length))?.[0] ?? "";
    const heads = [start, start + prep.length, start + prep.length + article.length];
    const fronted = timexes.find((t) => heads.includes(t.start) && t.end < clause.end);
    if (fronted) {
      // "On March 27, the council …" and, after a preposition, "On March 27 the council …".
      const after = /^\s*,\s*/.exec(paragraph.slice(fronted.end, clause.end)) ??
        (prep || /^(?:on|in)\s/i.test(fronted.text) ? /^\s+(?=[A-Z]|(?:the|a|an)\s)/.exec(paragraph.slice(fronted.end, clause.end)) : null);
      if (after) {
        start = fronted.end + after[0].length;
        continue;
      }
    }
    break;
  }
  const text = capitalize(paragraph.slice(start, clause.end).trim());
  if (previous && ANAPHORA.test(text)) return { text: shorten(`${previous.text} ${text}`), pointsBack: true };
  return { text: shorten(text), pointsBack: false };
}

function topicsFor(report: Report, text: string, classify?: (text: string) => string[]): string[] {
  const base = report.topics.length > 0 ? report.topics : report.tags;
  return [...new Set([...base, ...(classify ? classify(text) : [])])].sort();
}

function mention(
  report: Report,
  p: ReportParagraph,
  clause: TextSpan,
  cand: Candidate,
  previous: TextSpan | undefined,
  options: ExtractOptions,
): EventMention {
  const { text, pointsBack } = buildText(p.text, clause, p.timexes, previous);
  // Matching looks at the whole clause (and the sentence it points back to), minus its dates.
  const from = pointsBack && previous ? previous.start : clause.start;
  const mask = p.timexes
    .filter((t) => t.start >= from && t.end <= clause.end)
    .map((t) => ({ start: t.start - from, end: t.end - from }));
  const features = matchFeatures(p.text.slice(from, clause.end), mask);
  return {
    date: cand.date,
    precision: cand.precision,
    text,
    topics: topicsFor(report, text, options.classify),
    source: { report: report.slug, paragraph: p.id, url: `/reports/${report.slug}/#${p.id}` },
    reportDate: report.date,
    offset: clause.start,
    paragraphIndex: p.index,
    ...features,
  };
}

/** Picks the event time of a span among its candidates (rules 3–4). */
function chooseTime(cands: Candidate[]): Candidate | undefined {
  const first = cands.find((c) => c.role === "main");
  if (!first) return cands.find((c) => c.role === "document");
  // "Two weeks ago, on November 7": times that nest tell one time; the most precise wins.
  let best = first;
  for (const c of cands) {
    if (c.role === "main" && compatibleDates(c.date, first.date) && c.date.length > best.date.length) best = c;
  }
  return best;
}

/** The event mentions of one report, in paragraph and sentence order. Pure and deterministic. */
export function extractEvents(report: Report, options: ExtractOptions = {}): EventMention[] {
  const out: EventMention[] = [];
  for (const para of report.paragraphs) {
    if (!para.timexes.some((t) => candidateDate(t))) continue;
    const sentences = splitSentences(para.text);
    const timexesIn = timexIndex(para.timexes);
    sentences.forEach((s, i) => {
      const previous = i > 0 ? sentences[i - 1] : undefined;
      // Only the expressions of this sentence and the one before (which a pointing-back
      // sentence takes in): scanning all of the paragraph's per sentence was quadratic (issue 8).
      const p = { ...para, timexes: timexesIn(previous?.start ?? s.start, s.end) };
      const cands = candidatesIn(p, s, report.date);
      const chosen = chooseTime(cands);
      if (!chosen) return;
      const mains = cands.filter((c) => c.role === "main");
      if (mains.some((a) => mains.some((b) => !compatibleDates(a.date, b.date)))) {
        const clauses = splitClauses(p.text, s);
        const parts = clauses
          .map((c) => ({ clause: c, cand: chooseTime(cands.filter((k) => k.timex.start >= c.start && k.timex.end <= c.end)) }))
          .filter((x): x is { clause: TextSpan; cand: Candidate } => x.cand !== undefined);
        if (parts.length > 1) {
          parts.forEach(({ clause, cand }, j) =>
            out.push(mention(report, p, clause, cand, j === 0 ? previous : undefined, options)),
          );
          return;
        }
      }
      out.push(mention(report, p, s, chosen, previous, options));
    });
  }
  return out;
}
