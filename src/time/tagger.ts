/**
 * The temporal tagger: finds time expressions in English news text and normalizes them as
 * ISO-TimeML TIMEX3 values, resolved against the publication date (DCT) and the narrative's
 * own reference time.
 *
 * Why hand-written rules and not chrono-node alone: chrono finds absolute and casual dates
 * well but knows nothing of TIMEX3 — it has no durations ("three years" → P3Y), sets
 * ("every week"), vague references ("now" → PRESENT_REF), quarters, weeks, decades or
 * seasons, always resolves to a full instant instead of the precision the text gives
 * ("in October" → 2023-10, not a day), and anchors everything on the DCT rather than on the
 * date the narrative last told. Off the shelf it scores 0.33 value F1 on TempEval-3. So, like
 * HeidelTime, the tagger is a compact set of regular expressions over word lists
 * (lexicon.ts → rules.ts) with a resolver per rule (resolve.ts), a clause-tense heuristic
 * (tense.ts) and a reference-time register (context.ts). chrono-node serves as a helper where
 * it is strong and TIMEX3 has nothing to add: reading clock times (clock.ts).
 *
 * Pipeline: every rule scans the whole text (regexes compiled once at module load); the
 * candidates are reduced to non-overlapping spans, longest first; then the spans are resolved
 * in text order so that each relative expression sees the reference time left by the ones
 * before it.
 */
import { Context, type Resolution } from "./context.ts";
import { RULES } from "./rules.ts";
import type { TagOptions, Timex } from "./types.ts";
import { calendarValue } from "./values.ts";

export type { TagOptions, Timex } from "./types.ts";

interface Candidate {
  start: number;
  end: number;
  rule: number;
  match: RegExpExecArray;
}

/**
 * Words that make a date the bound of a period or the date of a document, not the time of an
 * event the narrative moves to: "66 attacks since October 17", "until Friday", "a memo dated
 * January 6". Such a date does not become the reference time, so "two days earlier" that follows
 * still counts from the last event told.
 */
const BOUND_BEFORE = /\b(?:since|until|till|through|dated|as of|by)\s+$/i;

/** Trailing characters a span must not end on (a regex may swallow a space before a lookahead). */
const TRAILING = /[\s,]+$/;

function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (let r = 0; r < RULES.length; r++) {
    const rule = RULES[r]!;
    if (rule.gate && !rule.gate.test(text)) continue;
    const re = rule.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (rule.accept && !rule.accept(m, text)) {
        // let a shorter match starting later in the same span have its chance
        re.lastIndex = m.index + 1;
        continue;
      }
      const trimmed = m[0].replace(TRAILING, "");
      if (trimmed.length === 0) continue;
      out.push({ start: m.index, end: m.index + trimmed.length, rule: r, match: m });
    }
  }
  return out;
}

/** Longest spans win; among equals, the earlier one, then the earlier rule. Sorted by start. */
function select(all: Candidate[], length: number): Candidate[] {
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.rule - b.rule);
  // spans are short, so marking the characters they cover keeps this linear in their length
  const covered = new Uint8Array(length);
  const taken: Candidate[] = [];
  for (const c of all) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (covered[i] === 1) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    covered.fill(1, c.start, c.end);
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

/**
 * Without a publication date, the parts of a value that came from the stand-in DCT are
 * written as X's, as TIMEX3 does for what the text leaves open: "December 26" → XXXX-12-26,
 * "yesterday" → XXXX-XX-XX.
 */
function maskUnknownDct(r: Resolution, ctx: Context): void {
  if (ctx.usedDct) r.value = r.value.replace(/^[^T]*/, (date) => date.replace(/\d/g, "X"));
  else if (ctx.usedDctYear) r.value = r.value.replace(/^\d{4}/, "XXXX");
  else return;
  r.setsRef = false;
  delete r.anchored;
}

/**
 * Finds and normalizes the time expressions of `text`, resolved against `options.dct`.
 * Sorted by start offset, non-overlapping, `text.slice(start, end) === t.text`.
 */
export function tagTimes(text: string, options: TagOptions): Timex[] {
  const ctx = new Context(text, options.dct);
  const out: Timex[] = [];
  for (const c of select(candidates(text), text.length)) {
    const rule = RULES[c.rule]!;
    ctx.usedDct = ctx.usedDctYear = false;
    const r = rule.resolve(c.match, ctx, c.start, c.end);
    if (r === null) continue;
    if (!ctx.known) maskUnknownDct(r, ctx);
    const timex: Timex = { start: c.start, end: c.end, text: text.slice(c.start, c.end), type: r.type, value: r.value };
    const anchored = r.anchored ?? (r.value === "PRESENT_REF" ? undefined : calendarValue(r.value));
    if (anchored !== undefined && anchored !== r.value) timex.anchored = anchored;
    if (r.period !== undefined && r.period !== r.value) timex.period = r.period;
    out.push(timex);
    // a clock time names the narrative's day only when it names a day ("10 p.m. Wednesday")
    const movesRef = r.type === "DATE" ? r.setsRef !== false : r.type === "TIME" && r.setsRef === true;
    if (movesRef && !BOUND_BEFORE.test(text.slice(Math.max(0, c.start - 12), c.start))) {
      ctx.note(r.value, c.start);
    }
  }
  return out;
}

/** Tags `text` and reports throughput, for benchmarks: megabytes of UTF-16 text per second. */
export function measureThroughput(text: string, dct: string, repeat = 1): { timexes: number; mbPerSecond: number } {
  let n = 0;
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) n = tagTimes(text, { dct }).length;
  const seconds = (performance.now() - t0) / 1000;
  return { timexes: n, mbPerSecond: (text.length * repeat) / 1e6 / seconds };
}
