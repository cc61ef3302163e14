import type { Context, Resolution } from "./context.ts";
import {
  cap, durationValue, isPlural, monthNumber, MONTH_RE, NUMBER_RE, numberValue, ordinalValue, partOfDay,
  seasonCode, UNIT_RE, unitOf, weekdayNumber, WEEKDAY_RE, type Unit,
} from "./lexicon.ts";
import {
  dayForWeekday, fromDct, fromRef, seasonYear, weekendValue, yearForMonth, yearForMonthDay, yearForQuarter,
} from "./resolve.ts";
import { clockTime } from "./clock.ts";
import { addDays, calendarValue, coarsen, daysIn, fmtDay, format, GRAN_RANK, parse, type ShiftUnit } from "./values.ts";

/**
 * The extraction rules: one regular expression per class of expression, compiled once, and a
 * resolver that turns a match into a TIMEX3 type and value. Spans follow the TimeBank
 * conventions: modifiers such as "early", "late", "the past", "about" belong to the expression,
 * prepositions ("on", "in", "since") do not.
 */
export interface Rule {
  name: string;
  /** Cheap test a document must pass for the rule to run at all (keeps long texts fast). */
  gate?: RegExp;
  re: RegExp;
  /** Match-time filter (context the regex cannot see); resolvers may also return null. */
  accept?: (m: RegExpExecArray, text: string) => boolean;
  resolve: (m: RegExpExecArray, ctx: Context, start: number, end: number) => Resolution | null;
}

const g = (src: string) => new RegExp(src, "g");
const M = MONTH_RE;
const WD = WEEKDAY_RE;
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?(?!\\d|:\\d)";
const YEAR = "((?:1[0-9]|20)\\d\\d)(?![\\d%]|,\\d|\\.\\d)";
/** Modifiers TimeML puts inside the span (as the `mod` attribute). */
const MOD = cap(
  "(?:(?:the )?(?:very )?(?:middle|end|beginning|start|close|turn|rest|remainder|first half|second half)(?: of)?|(?:the )?(?:first|last|final|second|third|fourth) (?:week|days?|weeks) of|(?:earlier|later) (?:in|this|that)?|(?:very )?(?:early|late|mid)|end|beginning|start)",
);
const MODP = `(?:${MOD}\\s*-?\\s*)`;
const NUM = cap(NUMBER_RE);
const UNIT = UNIT_RE;
const APPROX = cap(
  "(?:about|around|roughly|nearly|almost|approximately|some|more than|less than|fewer than|over|under|at least|at most|up to|only|just|barely|close to|well over|a full|another|an additional|an extra|the last|the past|the next|the first|the final|the remaining|the previous|the following|the coming|past|last|next|first|final|coming|previous|following|the better part of|the entire|the whole|an entire|a whole)",
);

const lower = (s: string | undefined) => (s ?? "").toLowerCase();
/** Words between a count and its unit in a duration: "three straight days", "five trading days". */
const DURATION_ADJ = "(?:more|additional|further|straight|consecutive|trading|business|working|calendar|full)";

/**
 * What comes before "a year" / "a day" when it is a rate, not a length of time: a count of times
 * ("twice a week"), money or a percentage, or an amount of things ("900 beds a week", "$4 million
 * a year", "dozens of patients a day"). TimeML annotates such a phrase as a SET.
 */
const AMOUNT = `(?:\\d[\\d,.]*|${cap("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds|thousands|millions|billions|dozens")})(?:\\s+(?:hundred|thousand|million|billion))?`;
const RATE_BEFORE = `(?:${cap("times|once|twice|cents|dollars|percent")}|%|\\b${AMOUNT}(?:\\s+of)?(?:\\s+(?:[A-Za-z-]+s|people|children|men|women|staff))?)\\s+`;
const RATE_BEFORE_RE = new RegExp(`${RATE_BEFORE}$`);
/** Nouns of events and states whose age ("the 8-month-old truce") is a duration. */
const OLD_EVENT_NOUNS =
  "truce|cease-?fire|war|conflict|dispute|feud|embargo|ban|strike|standoff|stand-off|siege|crisis|insurgency|rebellion|" +
  "uprising|blockade|moratorium|boycott|slump|recession|downturn|campaign|investigation|probe|deal|agreement|accord|" +
  "policy|program|programme|government|coalition|regime|occupation|peace|alliance|partnership|marriage|record|tradition";
/** A count in digits or words before a hyphenated unit: "8-month-old", "two-year-old". */
const NUMBER_RE_DIGITS_WORDS = `\\d+|${cap("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty")}`;
/** A modal before "one day" makes it "some day": "could one day carry freight". */
const ONE_DAY_MODAL = /\b(?:will|would|could|may|might|can|should|shall)\s+(?:(?:not|also|still|even)\s+)?$/i;
/** The day after a clock time's parenthesized GMT equivalent: "(0640 GMT) Monday". */
/** Nouns after "today's" that make it the generic present: "today's youth", "today's personal computers". */
const GENERIC_TODAYS = /^'s\s+(?:[a-z-]+\s+)?(?:world|society|youth|young|children|kids|teenagers|generation|families|parents|students|workers|consumers|voters|women|men|people|economy|culture|technology|standards|cars|computers|personal computers|athletes|politics|politicians|leaders|companies|businesses|media|music|schools)\b/;
const AFTER_GMT = new RegExp(`^\\s*\\(\\s*\\d{1,2}:?\\d{2}\\s*(?:GMT|UTC)\\s*\\)\\s*,?\\s*(?:on\\s+)?(${WEEKDAY_RE}|today|yesterday|tomorrow)\\b`);

/** Words after which a bare month name is read as a month ("in May", not "May rise"). */
const MONTH_PREP = /\b(in|since|until|till|by|from|to|through|of|during|before|after|early|late|mid|last|next|this|and|or|between|on|each|every|for|last|that|until|throughout|around|about|end|beginning|start|-)\s*$/i;
const AMBIGUOUS_MONTH = /^(May|March|Mar|April|June|August|Jan)$/;

function monthDay(ctx: Context, mo: number, day: number, year: string | undefined, start: number, end: number): Resolution | null {
  if (year !== undefined) {
    const y = +year;
    if (day < 1 || day > daysIn(y, mo)) return null;
    return { type: "DATE", value: fmtDay(y, mo, day) };
  }
  if (day < 1 || day > 31) return null;
  // "the quarter ended Oct. 31": a period that has ended closed on or before the publication date
  const ended = /\bended\s+$/i.test(ctx.text.slice(Math.max(0, start - 7), start));
  const y = ended ? latestOnOrBefore(ctx, mo, day) : yearForMonthDay(ctx, mo, day, ctx.tense(start, end));
  if (day > daysIn(y, mo)) return null;
  return { type: "DATE", value: fmtDay(y, mo, day) };
}

/** A year said in words: "nineteen ninety-six", "nineteen hundred", "two thousand (and) one". */
const SPOKEN_YEAR = cap(
  "(?:nineteen|eighteen|twenty)[\\s-]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?)|two thousand(?:(?:\\s+and)?[\\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten))?",
);

function spokenYear(words: string): number | undefined {
  const w = words.toLowerCase().split(/[\s-]+/).filter((x) => x !== "and");
  if (w[0] === "two" && w[1] === "thousand") {
    const n = w.length > 2 ? numberValue(w[2]!) : 0;
    return n === "X" ? undefined : 2000 + n;
  }
  const hundreds = { nineteen: 19, eighteen: 18, twenty: 20 }[w[0]!];
  if (hundreds === undefined) return undefined;
  const n = w[1] === "hundred" ? 0 : numberValue(w.slice(1).join("-"));
  return n === "X" ? undefined : hundreds * 100 + n;
}

/** The year of the last month-and-day on or before the publication date. */
function latestOnOrBefore(ctx: Context, mo: number, day: number): number {
  const y = ctx.dctYear;
  return mo < ctx.dctMonth || (mo === ctx.dctMonth && day <= ctx.dctDay) ? y : y - 1;
}

/** "ended July 31" after "the quarter": the month that closes the quarter. */
const QUARTER_ENDED = new RegExp(`^\\s+(?:ended|ending)\\s+(${M})`);

/** "ended Oct. 31" or "ended Oct. 31, 2023" after a quarter: the day that closed it. */
const QUARTER_ENDED_DAY = new RegExp(`^\\s+ended\\s+(${M})\\s*(\\d{1,2})\\b(?:,?\\s*(\\d{4})\\b)?`);

const shiftUnit = (u: Unit): ShiftUnit | undefined =>
  u === "Y" || u === "M" || u === "W" || u === "D" || u === "Q" ? u : undefined;

export const RULES: Rule[] = [
  {
    // "Friday, Dec. 26, 2023", "December 26", "last Oct. 23", "early December 5"
    name: "month-day",
    re: g(`\\b(?:${WD},?\\s+)?(?:(?:the\\s+)?(?:early|late|mid|middle)\\s*-?\\s*|(?:last|this|next)\\s+)?(${M})\\s*${DAY}(?:(?:,\\s*|\\s+)${YEAR})?`),
    accept: (m, text) => !/^\s*(?:%|(?:percent|cents?|points?|billion|million)\b)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 10)),
    resolve: (m, ctx, s, e) => monthDay(ctx, monthNumber(m[1]!)!, +m[2]!, m[3], s, e),
  },
  {
    // the second day of a pair told with one month: "May 14 and 15", "on March 3 or 4"
    name: "month-day-pair",
    gate: /\d\s+(?:and|or|to|through)\s+\d/,
    re: g(`(?<=\\b(${M})\\s*\\d{1,2}(?:st|nd|rd|th)?\\s+(?:and|or|to|through)\\s+)${DAY}(?![\\w%]|[.,]\\d|\\s*(?:,\\s*)?(?:${M}|percent|cents|points|billion|million))(?:,?\\s+${YEAR})?`),
    // "on March 3 and 4 others": a count, not a day; a day ends the phrase or leads to a place or time
    accept: (m, text) => /^(?:\s*[,.;:)!?]|\s*$|\s+(?:in|at|on|and|or|when|with|for|from|before|after|respectively)\b)/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 14)),
    resolve: (m, ctx, s, e) => monthDay(ctx, monthNumber(m[1]!)!, +m[2]!, m[3], s, e),
  },
  {
    // "the week of May 8": the ISO week holding that day
    name: "week-of",
    gate: /week of/i,
    re: g(`\\b${cap("the")}\\s+week\\s+of\\s+(${M})\\s*${DAY}(?:,?\\s+${YEAR})?`),
    resolve: (m, ctx, s, e) => {
      const day = monthDay(ctx, monthNumber(m[1]!)!, +m[2]!, m[3], s, e);
      const p = day && parse(day.value);
      return p ? { type: "DATE", value: format(coarsen(p, "W")) } : null;
    },
  },
  {
    name: "day-month",
    re: g(`\\b(?:${WD},?\\s+)?(?:the\\s+)?${DAY}\\s+(?:of\\s+)?(${M})(?:,?\\s+${YEAR})?`),
    resolve: (m, ctx, s, e) => monthDay(ctx, monthNumber(m[2]!)!, +m[1]!, m[3], s, e),
  },
  {
    name: "month-year",
    re: g(`\\b${MODP}?(${M}),?\\s+(?:of\\s+)?(?:${YEAR}|(this|last|next) year\\b)`),
    resolve: (m, ctx) => {
      const mo = monthNumber(m[1]!)!;
      const y = m[2] !== undefined ? +m[2] : ctx.dct.y + ({ this: 0, last: -1, next: 1 }[m[3]!.toLowerCase()] ?? 0);
      return { type: "DATE", value: format({ gran: "M", y, m: mo }) };
    },
  },
  {
    name: "month",
    re: g(`\\b(?:(${cap("last|next|this|this past|this coming|the coming|the past")})\\s+|${MODP})?(${M})(?![\\w-])`),
    accept: (m, text) => {
      // an abbreviation alone and without its period is a name ("Jan Kavan"), not a month
      if (/^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$/.test(m[2]!)) return false;
      if (m[1] !== undefined || m[0].length > m[2]!.length) return true;
      const word = m[2]!.replace(/\.$/, "");
      if (!AMBIGUOUS_MONTH.test(word)) return !/^\s+[A-Z][a-z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3));
      if (MONTH_PREP.test(text.slice(Math.max(0, m.index - 12), m.index))) return true;
      // "the March referendum", "a June deadline": a month naming when a noun's event falls
      return word !== "May" && /\b(?:the|a|an)\s+$/i.test(text.slice(Math.max(0, m.index - 4), m.index)) &&
        /^\s+(?:accord|accession|agreement|deal|deadline|elections?|vote|meeting|summit|talks|attack|attacks|offensive|ceasefire|truce|strike|strikes|visit|trip|report|referendum|hearing|trial|session|launch|merger|offer|announcement|decision|ruling|auction|sale|payment|meeting)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16));
    },
    resolve: (m, ctx, s, e) => {
      const mo = monthNumber(m[2]!)!;
      const mod = lower(m[1]);
      let y: number;
      // "last February" written in March is not the month just gone (that is "last month" or "in
      // February"): "last" with the month right before the DCT's reaches back a year
      if (mod === "last") y = mo < ctx.dct.m - 1 ? ctx.dct.y : ctx.dct.y - 1;
      else if (mod === "this past" || mod === "the past") y = mo < ctx.dct.m ? ctx.dct.y : ctx.dct.y - 1;
      else if (mod === "next" || mod === "this coming" || mod === "the coming") y = mo > ctx.dct.m ? ctx.dct.y : ctx.dct.y + 1;
      else if (mod === "this") y = ctx.dct.y;
      else y = yearForMonth(ctx, mo, ctx.tense(s, e), ctx.pastVerbBefore(s), ctx.futureVerbBefore(s));
      return { type: "DATE", value: format({ gran: "M", y, m: mo }) };
    },
  },
  {
    name: "iso-date",
    gate: /\d{4}-\d\d-\d\d/,
    re: /\b(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?\b/g,
    resolve: (m) => {
      const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
      if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
      if (m[4] !== undefined) {
        if (+m[4] > 23 || +m[5]! > 59) return null;
        return { type: "TIME", value: `${fmtDay(y, mo, d)}T${m[4]}:${m[5]}${m[6] !== undefined ? `:${m[6]}` : ""}` };
      }
      return { type: "DATE", value: fmtDay(y, mo, d) };
    },
  },
  {
    // US numeric dates: 12/26/2023, 12/26/23
    name: "numeric-date",
    gate: /\d\/\d/,
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b(?!\/)/g,
    resolve: (m) => {
      let y = +m[3]!;
      if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
      const [mo, d] = [+m[1]!, +m[2]!];
      if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
      return { type: "DATE", value: fmtDay(y, mo, d) };
    },
  },
  {
    // "1990", "fiscal 1989", "early 1995", "the end of 1990", "the year 2000", "mid-1998"
    name: "year",
    gate: /\d{4}/,
    re: g(`(?:(${cap("fiscal|calendar|fiscal year|calendar year|the year|model year")})\\s+|${MODP})?\\b${YEAR}\\b(?!-\\d)`),
    accept: (m, text) => {
      const before = text.slice(Math.max(0, m.index - 3), m.index);
      if (/[$#£€]\s*$|\d[.,]$|No\.\s*$/.test(before)) return false;
      // "about 2000 people": an approximate amount, not a year
      if (/\b(?:about|some|nearly|almost|approximately|around|roughly|over|than|least|estimated)\s+$/i.test(text.slice(Math.max(0, m.index - 14), m.index)) && /^\s+[a-z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3)) && !/^\s+(?:and|or|to|when|after|before|in|as)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) return false;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      if (/^\s*(?:shares|people|cars|jobs|troops|times|employees|feet|miles|meters|votes|units|points|tons|members)\b/i.test(after)) return false;
      // "a venture called Orion 1980", "a plan dubbed Vision 2030": a year that ends a name being
      // introduced is part of the name ("the Reagan 1984 campaign" keeps its year)
      if (m[0] === m[2] && /\b(?:called|named|dubbed|known\s+as|titled|entitled|christened)\s+(?:[A-Z][\w'&-]*\s+){1,3}$/.test(text.slice(Math.max(0, m.index - 60), m.index))) return false;
      const y = +m[2]!;
      return y >= 1600 && y <= 2099;
    },
    resolve: (m) => ({ type: "DATE", value: m[2]!, setsRef: true }),
  },
  {
    // "the 1990s", "the mid-1980s", "the '90s"
    name: "decade",
    gate: /\d0'?s/,
    re: g(`(?:${cap("the")}\\s+)?(?:(?:${cap("early|mid|late")})\\s*-?\\s*)?(?:\\b(1[0-9]\\d|20\\d)0'?s|'(\\d)0s)\\b`),
    resolve: (m, ctx) => {
      if (m[1] !== undefined) return { type: "DATE", value: m[1] };
      const d = +m[2]!;
      const cent = Math.floor(ctx.dct.y / 100);
      const c = d * 10 > ctx.dct.y % 100 ? cent - 1 : cent;
      return { type: "DATE", value: `${c}${d}` };
    },
  },
  {
    name: "century",
    gate: /century/i,
    re: g(`(?:${cap("the")}\\s+)?(?:(?:${cap("early|mid|late")})\\s*-?\\s*)?\\b(\\d{1,2}(?:st|nd|rd|th)|${cap("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first")})[\\s-]+century\\b`),
    resolve: (m) => {
      const n = ordinalValue(m[1]!);
      if (n === undefined || n < 1) return null;
      return { type: "DATE", value: String(n - 1).padStart(2, "0") };
    },
  },
  {
    // spoken-style years in broadcast transcripts: "nineteen ninety-six", "two thousand"
    name: "spelled-year",
    gate: /nineteen|eighteen|twenty|two thousand/i,
    re: g(`(?:${cap("the year")}\\s+)?\\b(${cap("nineteen|eighteen|twenty")})[\\s-]+(${cap("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?")})\\b|(?:${cap("the year")}\\s+)?\\b${cap("two thousand")}(?:(?:\\s+and)?[\\s-]+(${cap("one|two|three|four|five|six|seven|eight|nine|ten")}))?\\b`),
    accept: (m, text) => {
      if (m[1] !== undefined) return true;
      // "two thousand" alone is a year only as "the year two thousand" or before a date cue
      return /^the year/i.test(m[0]) || /\b(in|since|until|by|of|year)\s*$/i.test(text.slice(Math.max(0, m.index - 8), m.index));
    },
    resolve: (m) => {
      if (m[1] !== undefined) {
        const hundreds = { nineteen: 19, eighteen: 18, twenty: 20 }[m[1].toLowerCase()]!;
        const rest = m[2]!.toLowerCase();
        const n = rest === "hundred" ? 0 : numberValue(rest.replace(/\s+/, "-"));
        if (n === "X") return null;
        return { type: "DATE", value: String(hundreds * 100 + n) };
      }
      const n = m[3] !== undefined ? numberValue(m[3]) : 0;
      if (n === "X") return null;
      return { type: "DATE", value: String(2000 + n) };
    },
  },
  {
    // a month or season before a spoken year: "March nineteen eighty-two", "the spring of
    // nineteen eighty-five", "June two thousand"
    name: "spelled-month-year",
    gate: /nineteen|eighteen|twenty|two thousand/i,
    re: g(`\\b(?:(${M})|(?:${cap("the")}\\s+)?(?:(?:${cap("early|late|mid")})\\s*-?\\s*)?(${cap("spring|summer|fall|autumn|winter")})\\s+of)\\s+(${SPOKEN_YEAR})\\b`),
    resolve: (m) => {
      const y = spokenYear(m[3]!);
      if (y === undefined) return null;
      if (m[1] !== undefined) return { type: "DATE", value: format({ gran: "M", y, m: monthNumber(m[1])! }) };
      return { type: "DATE", value: `${y}-${seasonCode(m[2]!)}` };
    },
  },
  {
    // "the third quarter", "third-quarter", "the fiscal first quarter", "the fourth quarter of 1990",
    // "this year's third quarter", "next year's first quarter", "the year-earlier third quarter"
    name: "quarter",
    gate: /quarter|period/i,
    re: g(`(?:(${cap("this year's|last year's|next year's|the year-ago|the year-earlier|the comparable year-ago|the comparable year-earlier|the prior-year|the")})\\s+)?(?:(?:${cap("fiscal|calendar|comparable|same")})\\s+)?\\b(${cap("first|second|third|fourth|1st|2nd|3rd|4th")})[\\s-]+(?:${cap("fiscal")}\\s+)?(?:${cap("quarter|period")})(?![\\w-])(?:\\s+of\\s+(?:${cap("fiscal")}\\s+)?(?:${YEAR}|(this|last|next) year\\b))?`),
    resolve: (m, ctx, s, e) => {
      const q = ordinalValue(m[2]!)!;
      if (q < 1 || q > 4) return null;
      const pre = lower(m[1]);
      let y: number;
      if (m[3] !== undefined) y = +m[3];
      else if (m[4] !== undefined) y = ctx.dct.y + ({ this: 0, last: -1, next: 1 }[m[4].toLowerCase()] ?? 0);
      else if (pre.startsWith("this year")) y = ctx.dct.y;
      else if (pre.startsWith("last year")) y = ctx.dct.y - 1;
      else if (pre.startsWith("next year")) y = ctx.dct.y + 1;
      else {
        // "the second quarter ended Oct. 31": the quarter is in the year of the day that closed it
        const ended = QUARTER_ENDED_DAY.exec(ctx.text.slice(e, e + 28));
        y = ended ? (ended[3] !== undefined ? +ended[3] : latestOnOrBefore(ctx, monthNumber(ended[1]!)!, +ended[2]!)) : yearForQuarter(ctx, q, ctx.tense(s, e));
      }
      if (/year-|prior-year/.test(pre)) y -= 1;
      return { type: "DATE", value: format({ gran: "Q", y, n: q }) };
    },
  },
  {
    // "the 1988 second quarter", "the 1988 period", "the 1989 quarter"
    name: "year-quarter",
    gate: /quarter|period/i,
    re: g(`\\b${cap("the")}\\s+${YEAR}\\s+(?:(${cap("first|second|third|fourth")})[\\s-]+)?(?:fiscal\\s+)?(quarter|period)\\b`),
    resolve: (m, ctx) => {
      const y = +m[1]!;
      const q = m[2] !== undefined ? ordinalValue(m[2]) : ctx.quarter?.n;
      if (q === undefined) return { type: "DATE", value: String(y) };
      return { type: "DATE", value: format({ gran: "Q", y, n: q }), setsRef: m[2] !== undefined };
    },
  },
  {
    // earnings copy: "the corresponding period last year", "last year's quarter"
    name: "comparison-period",
    gate: /quarter|period/i,
    re: g(`\\b(?:${cap("the")}\\s+(?:same|corresponding|comparable|year-ago)\\s+(?:quarter|period)\\s+(?:of\\s+)?last\\s+year|${cap("last")}\\s+year's\\s+(?:(?:first|second|third|fourth|fiscal)\\s+)?(?:quarter|period))\\b`),
    resolve: (m, ctx) => {
      const q = /\b(first|second|third|fourth)\b/i.exec(m[0]);
      if (q) return { type: "DATE", value: format({ gran: "Q", y: ctx.dct.y - 1, n: ordinalValue(q[1]!)! }), setsRef: false };
      const named = ctx.quarter ?? { y: ctx.dct.y, n: ctx.dctQuarter === 1 ? 4 : ctx.dctQuarter - 1 };
      return { type: "DATE", value: format({ gran: "Q", y: named.y - 1, n: named.n! }), setsRef: false };
    },
  },
  {
    // "the quarter", "the latest quarter", "the year-ago quarter", "the year-earlier period",
    // "the quarter a year ago", "last quarter", "the current quarter"
    name: "relative-quarter",
    gate: /quarter|period/i,
    re: g(`(?:(${cap("the|this|last|next|that")})\\s+)?(?:(${cap("latest|current|past|previous|preceding|prior|coming|recent|most recent|just-ended|just-completed|fiscal|year-ago|year-earlier|comparable year-ago|comparable year-earlier|comparable|same|year-ago fiscal|year-earlier fiscal|prior-year")})\\s+)?(quarter|period)\\b(\\s+a\\s+year\\s+(?:ago|earlier))?`),
    accept: (m, text) => {
      // "the quarter-to-quarter comparison", "quarter-over-quarter": a compound adjective, not a quarter
      if (/^-(?:to|over|on)-/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))) return false;
      // "period" on its own is not a time expression; "the latest period" is
      if (m[3] === "period") return m[2] !== undefined && !/^(fiscal|past|coming|current)$/i.test(m[2]);
      return m[1] !== undefined || m[2] !== undefined;
    },
    resolve: (m, ctx) => {
      const det = lower(m[1]);
      const adj = lower(m[2]);
      const yearAgo = /year-|prior-year/.test(adj) || m[4] !== undefined;
      let q: { y: number; n: number };
      const dq = { y: ctx.dct.y, n: ctx.dctQuarter };
      const prev = dq.n === 1 ? { y: dq.y - 1, n: 4 } : { y: dq.y, n: dq.n - 1 };
      // "Results for that quarter": the quarter named last, whichever it was
      if (det === "that" && adj === "" && ctx.lastQuarter) q = { y: ctx.lastQuarter.y, n: ctx.lastQuarter.n ?? 1 };
      else if (det === "next" || adj === "coming") q = dq.n === 4 ? { y: dq.y + 1, n: 1 } : { y: dq.y, n: dq.n + 1 };
      else if (adj === "current" || det === "this") q = dq;
      else {
        const named = ctx.quarter ? { y: ctx.quarter.y, n: ctx.quarter.n ?? 1 } : undefined;
        if (det === "last") q = prev;
        else if (adj === "previous" || adj === "preceding" || adj === "prior" || adj === "past") {
          q = named ? (named.n === 1 ? { y: named.y - 1, n: 4 } : { y: named.y, n: named.n - 1 }) : prev;
        } else if (adj === "latest" || adj === "most recent" || adj === "just-ended" || adj === "just-completed") q = named ?? prev;
        else q = named ?? prev;
        // "the quarter ended July 31", with no quarter named before: the three months up to July
        const ended = named ? null : QUARTER_ENDED.exec(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24));
        if (ended && !yearAgo) {
          const mo = monthNumber(ended[1]!)!;
          const y = mo > ctx.dctMonth ? ctx.dct.y - 1 : ctx.dct.y;
          q = mo === 1 ? { y: y - 1, n: 4 } : { y, n: Math.ceil((mo - 1) / 3) };
        }
      }
      // earnings copy: "This quarter's results" are the quarter reported, when one was named
      if (det === "this" && ctx.quarter && /^['’]s\b/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 3))) {
        q = { y: ctx.quarter.y, n: ctx.quarter.n ?? 1 };
      }
      if (yearAgo) q = { y: q.y - 1, n: q.n };
      return { type: "DATE", value: format({ gran: "Q", y: q.y, n: q.n }), setsRef: !yearAgo };
    },
  },
  {
    // "the first two quarters of 2025" is that year's first half
    name: "two-quarters-of-year",
    gate: /two quarters/i,
    re: g(`(?:${cap("the")}\\s+)?\\b(${cap("first|last|final|second")})\\s+two\\s+quarters\\s+of\\s+(?:${cap("fiscal")}\\s+)?${YEAR}`),
    resolve: (m) => ({ type: "DATE", value: `${m[2]}-H${m[1]!.toLowerCase() === "first" ? 1 : 2}` }),
  },
  {
    // "the latter half of the '70s", "the first half of the 1990s": a part of a decade
    name: "half-of-decade",
    gate: /half of/i,
    re: g(`(?:${cap("the")}\\s+)?\\b(?:${cap("first|second|last|latter")})[\\s-]+half\\s+of\\s+(?:${cap("the")}\\s+)?(?:\\b(1[0-9]\\d|20\\d)0'?s|'(\\d)0s)\\b`),
    resolve: (m, ctx) => {
      if (m[1] !== undefined) return { type: "DATE", value: m[1] };
      const d = +m[2]!;
      const cent = Math.floor(ctx.dct.y / 100);
      return { type: "DATE", value: `${d * 10 > ctx.dct.y % 100 ? cent - 1 : cent}${d}` };
    },
  },
  {
    name: "half",
    gate: /half/i,
    re: g(`(?:${cap("the")}\\s+)?(?:${cap("fiscal")}\\s+)?\\b(${cap("first|second|last|latter")})[\\s-]+half\\b(?:\\s+of\\s+(?:${YEAR}|(this|last|next) year\\b))?`),
    resolve: (m, ctx) => {
      const h = m[1]!.toLowerCase() === "first" ? 1 : 2;
      let y = ctx.dct.y;
      if (m[2] !== undefined) y = +m[2];
      else if (m[3] !== undefined) y += { this: 0, last: -1, next: 1 }[m[3].toLowerCase()] ?? 0;
      else if (h === 2 && ctx.dct.m <= 6 && ctx.tense(m.index, m.index + m[0].length) === "past") y -= 1;
      return { type: "DATE", value: `${y}-H${h}` };
    },
  },
  {
    // "year-ago", "year-earlier" as adjectives: the comparison period a year back
    name: "year-ago",
    gate: /year-|prior-year/i,
    // "the year-earlier nine months" is the nine-month period, a duration (taken by the duration rule)
    re: g(`\\b(?:${cap("year-ago|year-earlier|year-before|prior-year")})\\b(?!-)(?!\\s+(?:\\d+|three|six|nine|twelve)\\s+months\\b)`),
    resolve: (m, ctx) => ({ type: "DATE", value: comparisonPeriod(ctx, m.index) ?? String(ctx.dct.y - 1), setsRef: false }),
  },
  {
    // today, yesterday, tomorrow, tonight, "late yesterday", "yesterday morning", "last night",
    // "this morning", "the day before yesterday"
    name: "deictic-day",
    re: g(`(?:(${cap("early|late|earlier|later")})\\s+)?(?:(${cap("the day before yesterday|the day after tomorrow|today|yesterday|tomorrow|tonight|this|last")}))(?:\\s+(morning|afternoon|evening|night))?\\b`),
    accept: (m, text) => {
      const w = m[2]!.toLowerCase();
      if (w === "this" || w === "last") return m[3] !== undefined && (w === "this" || m[3] === "night");
      // "the cars of tomorrow", "the leaders of today": the generic present or future, not a day
      if ((w === "today" || w === "tomorrow") && m[1] === undefined && m[3] === undefined &&
        /\bthe\s+[a-z]+\s+of\s+$/i.test(text.slice(Math.max(0, m.index - 30), m.index))) return false;
      // "today's youth", "in today's world", "many of today's cars": the generic present (nowadays),
      // which TimeBank leaves unmarked, not the day of the report ("today's session" stays a day)
      if (w === "today" && m[1] === undefined && m[3] === undefined && GENERIC_TODAYS.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) return false;
      // "USA Today", "VOA Today": a capitalized Today after a name is a title, not the day
      if (/^T/.test(m[2]!) && m[1] === undefined && /\b[A-Z][A-Za-z.]*\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index)) &&
        !/[.!?:"“'`]\s*\S*\s+$/.test(text.slice(Math.max(0, m.index - 14), m.index))) return false;
      return true;
    },
    resolve: (m, ctx) => {
      const w = m[2]!.toLowerCase();
      const offset = { "the day before yesterday": -2, "the day after tomorrow": 2, yesterday: -1, tomorrow: 1, last: -1 }[w] ?? 0;
      const d = format(fromDctDay(ctx, offset));
      if (w === "tonight") return { type: "TIME", value: `${d}TNI` };
      if (m[3] !== undefined) return { type: "TIME", value: `${d}T${partOfDay(m[3])}` };
      return { type: "DATE", value: d };
    },
  },
  {
    // "Friday", "last Friday", "next Tuesday", "Wednesday night", "the previous Friday"
    name: "weekday",
    gate: /day\b/i,
    re: g(`(?:(${cap("last|next|this|this past|this coming|the previous|the following|the preceding|the next|early|late|earlier|later")})\\s+)?\\b(${WD})(?:\\s+(${cap("morning|afternoon|evening|night")}))?\\b`),
    resolve: (m, ctx, s, e) => {
      const wd = weekdayNumber(m[2]!)!;
      const mod = lower(m[1]).replace(/^the /, "");
      const anaphoric = /^(previous|preceding|following)$/.test(mod) || (mod === "next" && m[1]!.toLowerCase().startsWith("the"));
      if (!ctx.known && !anaphoric) return { type: "DATE", value: `XXXX-WXX-${wd}` };
      let day;
      if (mod === "previous" || mod === "preceding" || mod === "following" || mod === "next" && m[1]!.toLowerCase().startsWith("the")) {
        day = dayForWeekday(ctx, wd, mod === "next" ? "following" : mod, "past", ctx.ref.gran === "D" ? ctx.ref : ctx.dct);
      } else {
        // "Wednesday's ruling", "Friday's close": news names an occasion by its weekday once it has
        // happened (or is happening), whatever the verb around it; "ahead of Tuesday's vote" looks on
        const possessive = /^['’]s\b/.test(ctx.text.slice(e, e + 3)) && !/\b(?:ahead of|before|until|for)\s+$/i.test(ctx.text.slice(Math.max(0, s - 10), s));
        day = dayForWeekday(ctx, wd, mod, possessive ? "past" : ctx.tense(s, e));
      }
      // TimeBank keeps the part of day of "Thursday evening" but mostly dates "Wednesday night" and
      // "Friday morning" to the day alone (and often spans the weekday only)
      const part = m[3] !== undefined && /^(evening|afternoon)$/i.test(m[3]) ? `T${partOfDay(m[3])}` : "";
      return { type: "DATE", value: format(day) + part };
    },
  },
  {
    // "the day before last Tuesday", "the day after Friday": a day next to a weekday
    name: "day-before-weekday",
    gate: /day (?:before|after)/i,
    re: g(`\\b(?:${cap("the")}\\s+)?${cap("day")}\\s+(${cap("before|after")})\\s+(?:(${cap("last|next|this")})\\s+)?(${WD})\\b`),
    resolve: (m, ctx, s, e) => {
      const wd = weekdayNumber(m[3]!)!;
      const day = dayForWeekday(ctx, wd, lower(m[2]), ctx.tense(s, e));
      const [y, mo, d] = addDays(day.y, day.m!, day.d!, lower(m[1]) === "before" ? -1 : 1);
      return { type: "DATE", value: fmtDay(y, mo, d) };
    },
  },
  {
    // "this year", "last month", "next week", "earlier this month", "late last year",
    // "the current year", "the end of the year", "earlier in the year"
    name: "deictic-unit",
    re: g(`(?:(${cap("earlier|later|early|late|mid|the end of|the beginning of|the start of|the middle of|the rest of|the remainder of|the close of|the turn of")})\\s*-?\\s*(?:(?:in|of)\\s+)?)?\\b(${cap("this|last|next|the current|the coming|this past|the|current|past|coming")})\\s+(?:fiscal\\s+|(?=(?:early|late|mid)[\\s-]+(?:spring|summer|fall|autumn|winter))(?:early|late|mid)[\\s-]+)?(year|month|week|weekend|quarter|decade|century|spring|summer|fall|autumn|winter)\\b(?!-)`),
    accept: (m, text) => {
      const det = m[2]!.toLowerCase();
      // "the fall of the Wall", "the fall in prices", "the spring water": not seasons
      if (det === "the" && /^(spring|fall)$/i.test(m[3]!) && /^\s+(?:of|in|from|to|water|break)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) return false;
      // "the year" / "the past year" are durations or anaphora unless a modifier anchors them
      if (det === "the") return m[1] !== undefined || /weekend|spring|summer|fall|autumn|winter/.test(m[3]!);
      if (det === "past" || det === "coming") return false;
      return true;
    },
    resolve: (m, ctx, s, e) => {
      const det = m[2]!.toLowerCase().replace(/^the /, "");
      const unit = m[3]!.toLowerCase();
      const n = det === "last" || det === "this past" ? -1 : det === "next" || det === "coming" ? 1 : 0;
      switch (unit) {
        case "year": {
          // earnings copy: "compared with $33 million last year" means the same quarter last year
          if (n === -1 && m[1] === undefined && /\b(?:compared with|compared to|from|versus|vs\.|against)\b[^.;]*$/i.test(ctx.text.slice(Math.max(0, s - 120), s))) {
            const period = comparisonPeriod(ctx, s);
            if (period !== undefined) return { type: "DATE", value: period, setsRef: false };
          }
          return { type: "DATE", value: fromDct(ctx, "Y", n, "Y") };
        }
        case "month":
          return { type: "DATE", value: fromDct(ctx, "M", n, "M") };
        case "week":
          return { type: "DATE", value: fromDct(ctx, "W", n, "W") };
        case "quarter":
          return { type: "DATE", value: fromDct(ctx, "Q", n, "Q") };
        case "weekend":
          return { type: "DATE", value: weekendValue(ctx, det === "this past" ? "last" : det === "the" ? "" : det, ctx.tense(s, e)) };
        case "decade":
          return { type: "DATE", value: format({ gran: "DE", y: Math.floor(ctx.dct.y / 10) + n }) };
        case "century":
          return { type: "DATE", value: String(Math.floor(ctx.dct.y / 100) + n).padStart(2, "0") };
        default: {
          const code = seasonCode(unit);
          const mod = det === "the" ? "" : det;
          return { type: "DATE", value: `${seasonYear(ctx, code, mod, ctx.tense(s, e))}-${code}` };
        }
      }
    },
  },
  {
    // "the summer of 1998", "spring 2003", "last fall" (handled above), "in the fall"
    name: "season-year",
    gate: /spring|summer|fall|autumn|winter/i,
    re: g(`(?:${cap("the")}\\s+)?(?:(?:${cap("early|late|mid")})\\s*-?\\s*)?\\b(${cap("spring|summer|fall|autumn|winter")})\\s+(?:of\\s+)?${YEAR}`),
    resolve: (m) => ({ type: "DATE", value: `${m[2]}-${seasonCode(m[1]!)}` }),
  },
  {
    // relative to the narrative: "the next day", "the following year", "that day", "the same day",
    // "later that year", "the day before", "the previous week"
    name: "anaphoric",
    gate: /\b(?:next|following|previous|preceding|prior|that|same|before|after)\b/i,
    re: g(`(?:(${cap("earlier|later|early|late")})\\s+)?\\b(${cap("the next|the following|the previous|the preceding|the prior|that same|that|the same|the day before|the day after|the night before")})(?:\\s+(day|morning|afternoon|evening|night|week|weekend|month|year))?\\b`),
    accept: (m, text) => {
      const head = m[2]!.toLowerCase();
      if (head === "the day before" || head === "the day after" || head === "the night before") {
        // only when nothing follows that it would be relative to ("the day before the vote")
        return m[3] === undefined && /^\s*[,.;:)!?]|^\s*$/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3));
      }
      if (m[3] === undefined) return false;
      if (head === "that" || head === "the same" || head === "that same") {
        // "that day" needs to be a time, not "that week's meeting" in a noun phrase
        return !/^'s/.test(text.slice(m.index + m[0].length));
      }
      return true;
    },
    resolve: (m, ctx) => {
      const head = m[2]!.toLowerCase();
      let unit = lower(m[3]);
      let n = 0;
      if (head === "the day before" || head === "the night before") [unit, n] = ["day", -1];
      else if (head === "the day after") [unit, n] = ["day", 1];
      else if (/next|following/.test(head)) n = 1;
      else if (/previous|preceding|prior/.test(head)) n = -1;
      const part = /morning|afternoon|evening|night/.test(unit) ? partOfDay(unit) : undefined;
      const su: ShiftUnit = unit === "year" ? "Y" : unit === "month" ? "M" : unit === "week" || unit === "weekend" ? "W" : "D";
      const v = fromRef(ctx, su, n, su);
      if (unit === "weekend" && /^\d{4}-W\d\d$/.test(v)) return { type: "DATE", value: `${v}-WE` };
      if (part !== undefined && /^\d{4}-\d\d-\d\d$/.test(v)) return { type: "TIME", value: `${v}T${part}` };
      // "that same day" when the narrative knows only the month: a day of that month, as TIMEX3
      // writes it (2021-03-XX); the timeline keeps the month
      if (su === "D" && /^\d{4}-\d\d$/.test(v)) return { type: "DATE", value: `${v}-XX`, anchored: v, setsRef: false };
      return { type: "DATE", value: v };
    },
  },
  {
    // "It's the third day of the strike", "today is the tenth day of the fast": the
    // present tense puts that day on the publication date
    name: "nth-day-today",
    gate: /\b(?:it's|it is|today is|this is)\s+the\s+\S+\s+day of\b/i,
    re: g(`(?<=\\b(?:${cap("it's|it is|today is|this is")})\\s+)${cap("the")}\\s+(?:\\d{1,2}(?:st|nd|rd|th)|${cap("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth")})\\s+day(?=\\s+of\\b)`),
    resolve: (m, ctx) => ({ type: "DATE", value: format(ctx.dct) }),
  },
  {
    // "a historic day for the alliance", "a sad day for the town": the day being told (the
    // narrative's day, else the publication date), spanned as the head noun as TimeBank does
    name: "epithet-day",
    gate: /\bday\s+for\b/i,
    re: /(?<=\b(?:[Aa]n?|[Tt]he)\s+(?:historic|historical|great|proud|sad|tragic|momentous|black|dark|big|landmark|memorable|special|glorious|happy|good|bad|terrible)\s+)day(?=\s+for\b)/g,
    // "Today is a sad day for…": the day is already named
    accept: (m, text) => !/\b(?:today|yesterday|tomorrow|[a-z]+day)\s+(?:is|was|will be)\s+(?:an?|the)\s+[a-z]+\s+$/i.test(text.slice(Math.max(0, m.index - 40), m.index)),
    resolve: (m, ctx) => {
      const v = fromRef(ctx, "D", 0, "D");
      return /^\d{4}-\d\d-\d\d$/.test(v) ? { type: "DATE", value: v, setsRef: false } : null;
    },
  },
  {
    // "saying at the time he was willing…": the past moment the narrative told, which TimeBank
    // writes PAST_REF ("at the time of its founding" is a time named by what follows, not tagged)
    name: "at-the-time",
    gate: /\bat (?:the|that) time\b/i,
    re: /(?<=\b[Aa]t\s+)(?:the|that)\s+time\b(?!\s+(?:of|when|that|to|for|in which)\b)/g,
    // a sentence that opens "At the time Howes was captured" without a comma has the clause as its
    // time ("at the time when…"), which is not a reference of its own
    accept: (m, text) => !(/(?:^|[^A-Za-z])At\s+$/.test(text.slice(Math.max(0, m.index - 5), m.index)) && text[m.index + m[0].length] !== ","),
    resolve: () => ({ type: "DATE", value: "PAST_REF", setsRef: false }),
  },
  {
    // "the latest fiscal year": the last one completed, a year before the DCT's; "throughout the
    // fiscal year": the length of one
    name: "fiscal-year-phrase",
    gate: /fiscal year/i,
    re: /(?:(?<=\b[Tt]hroughout\s+)[Tt]he\s+fiscal\s+year|\b[Tt]he\s+(?:latest|most\s+recent)\s+fiscal\s+year)\b(?!\s+(?:ended|ending|to)\b)/g,
    resolve: (m, ctx) => /latest|recent/i.test(m[0])
      ? { type: "DATE", value: fromDct(ctx, "Y", -1, "Y"), setsRef: false }
      : { type: "DURATION", value: "P1Y" },
  },
  {
    // "Until then", "by then": the time the narrative last named (a deadline, usually); TimeBank
    // annotates the "then" of a bound and leaves "since then" alone
    name: "bound-then",
    gate: /\b(?:until|till|by) then\b/i,
    re: /(?<=\b(?:[Uu]ntil|[Tt]ill|[Bb]y)\s+)then\b/g,
    resolve: (m, ctx) => (ctx.refIsDct ? null : { type: "DATE", value: ctx.refValue(), setsRef: false }),
  },
  {
    // "two years ago", "a month earlier", "three days later", "about a decade ago", "a year from now"
    name: "offset",
    gate: /\b(?:ago|earlier|later|before|after|afterwards?|from now|hence|previously|since)\b/i,
    re: g(`(?:${APPROX}\\s+)?\\b(${NUM})[\\s-]+(${UNIT})(?:\\s+(?:or so|and a half))?\\s+(ago|earlier|later|before|after|afterwards?|from now|hence|previously|since)\\b(?:\\s+(?:that|then)(?=\\s*[,.;:!?]))?`),
    accept: (m, text) => {
      const dir = m[3]!.toLowerCase();
      if (dir === "before" || dir === "after" || dir === "since") {
        // "a month before." / "a month before that": counted from the narrative's reference time;
        // "a month before the vote" is counted from an event the tagger cannot date
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
        return /^\s*[,.;:)!?]|^\s*$/.test(after) || (dir !== "since" && /^\s+(?:that|then)\b/i.test(after));
      }
      return true;
    },
    resolve: (m, ctx) => {
      const count = numberValue(m[1]!);
      // "a minute and a half later": the half belongs to the amount
      const n = typeof count === "number" && /\band a half\s/i.test(m[0]) ? count + 0.5 : count;
      const unit = unitOf(m[2]!);
      const dir = m[3]!.toLowerCase();
      const sign = /ago|earlier|before|previously|since/.test(dir) ? -1 : 1;
      const fromNow = dir === "ago" || dir === "from now" || dir === "hence";
      if (n === "X") {
        // "a few days later" counts from the narrative, not from now: only its length is known
        if (!fromNow) {
          // a timeline still gets the coarser period it falls in: "a few days later" after
          // December 26 is some day of that December (or early the next)
          const gran = unit === "D" || unit === "W" ? "M" : unit === "M" || unit === "Q" ? "Y" : undefined;
          const ref = ctx.ref;
          const anchored = gran !== undefined && GRAN_RANK[ref.gran] >= GRAN_RANK[gran] ? calendarValue(fromRef(ctx, "D", 0, gran)) : undefined;
          return { type: "DURATION", value: durationValue("X", unit), ...(anchored !== undefined ? { anchored } : {}), setsRef: false };
        }
        return { type: "DATE", value: sign < 0 ? "PAST_REF" : "FUTURE_REF" };
      }
      // the length counted, exposed beside the calendar point: "a month earlier" → P1M
      const period = durationValue(n, unit);
      let su = shiftUnit(unit);
      let k = n;
      if (unit === "DE") [su, k] = ["Y", n * 10];
      if (unit === "CE") [su, k] = ["Y", n * 100];
      if (su === undefined) {
        // hours and minutes: a length of time whose day is the narrative's (or the DCT's)
        const day = fromNow ? ctx.dct : ctx.ref.gran === "D" ? ctx.ref : ctx.dct;
        return { type: "DURATION", value: durationValue(n, unit), anchored: format(day), setsRef: false };
      }
      if (!Number.isInteger(k)) {
        if (su === "Y") [su, k] = ["M", Math.round(k * 12)];
        else {
          // "a week and a half later": the length, with the day it lands on for a timeline
          const days = Math.round(k * (su === "W" ? 7 : su === "M" ? 30 : su === "Q" ? 91 : 1));
          const at = fromNow ? fromDct(ctx, "D", sign * days, "D") : fromRef(ctx, "D", sign * days, "D");
          return { type: "DURATION", value: durationValue(n, unit), anchored: calendarValue(at), setsRef: false };
        }
      }
      // "a week later" after a day told in the text is a day, and so is "a week ago" or "two weeks
      // ago" (the same weekday back); "six weeks ago" names a week
      const gran = su === "W" && ((!fromNow && ctx.ref.gran === "D") || (dir === "ago" && k <= 2)) ? "D" : su;
      const yearComparison = su === "Y" && k === 1;
      // financial reports compare with the same quarter a year back
      if (yearComparison) {
        const compared = comparisonPeriod(ctx, m.index);
        if (compared !== undefined) return { type: "DATE", value: compared, period, setsRef: false };
      }
      if (fromNow) return { type: "DATE", value: fromDct(ctx, su, sign * k, gran), period, setsRef: false };
      const at = fromRef(ctx, su, sign * k, gran);
      // days counted from a month-precision reference land on some day of a month: 2023-11-XX
      if (gran === "D" && /^\d{4}-\d\d$/.test(at)) return { type: "DATE", value: `${at}-XX`, anchored: at, period, setsRef: false };
      return { type: "DATE", value: at, period, setsRef: !yearComparison };
    },
  },
  {
    // "will one day be", "could one day replace": some unspecified time ahead, not a day-long span
    name: "one-day-future",
    gate: /\bone day\b/i,
    re: g(`\\b${cap("one")}\\s+day\\b`),
    accept: (m, text) => ONE_DAY_MODAL.test(text.slice(Math.max(0, m.index - 20), m.index)),
    resolve: () => ({ type: "DATE", value: "FUTURE_REF" }),
  },
  {
    // durations: "three years", "the past two months", "a month", "two-year", "the next few days",
    // "about 16 hours", "a minute and a half"
    name: "duration",
    gate: /year|month|week|day|hour|minute|second|decade|centur|quarter|night|morning|fortnight/i,
    // a range ("two to six days") is two expressions, as TimeML annotates it: "two" (range-start,
    // below) and "six days"
    re: g(`(?:${APPROX}\\s+)?\\b(${NUM})(?:\\s+and\\s+a\\s+half)?[\\s-]+(?:${DURATION_ADJ}\\s+)?(${UNIT})(?:\\s+and\\s+a\\s+half)?(?:\\s+or\\s+(?:so|more|less))?\\b(?!-old|-year-old)`),
    accept: (m, text) => {
      const num = m[1]!.toLowerCase();
      if (/^\d{4}$/.test(num) && !/^(hours?|minutes?|seconds?|days?)$/i.test(m[2]!)) return false;
      // "a second suspect", "a quarter of the shares", "three-quarters": not durations
      if (/^(an?|one)$/.test(num) && /^(second|quarter)$/i.test(m[2]!)) return false;
      if (/-quarters?$/i.test(m[0])) return false;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
      if (/^-old|^\s+old\b/.test(after)) return false;
      // "a day" in "once a day" or "$5 a year" is a frequency, handled by the set rule
      if ((num === "a" || num === "an") && RATE_BEFORE_RE.test(text.slice(Math.max(0, m.index - 40), m.index))) return false;
      // "some days" / "many years" read as vague durations only when plural
      if (numberValue(num) === "X" && !isPlural(m[2]!)) return false;
      return true;
    },
    resolve: (m) => {
      const unit = unitOf(m[2]!);
      let k = numberValue(m[1]!);
      // "two and a half years", "two years and a half" ("one and a half" is a number of its own)
      if (typeof k === "number" && !/half/i.test(m[1]!) && /and a half/i.test(m[0])) k += 0.5;
      if (/weekends?/i.test(m[2]!)) return { type: "DURATION", value: typeof k === "number" ? `P${k * 2}D` : "PXD" };
      return { type: "DURATION", value: durationValue(k, unit) };
    },
  },
  {
    // the first number of a range takes the unit after the second: "two to six days" → "two" P2D,
    // "between three and five years" → "three" P3Y
    name: "range-start",
    gate: /\b(?:to|or|and)\b/,
    re: g(`(?:${APPROX}\\s+)?\\b(${NUM})(?=[\\s-]+(to|or|and)[\\s-]+(${NUM})[\\s-]+(?:${DURATION_ADJ}\\s+)?(${UNIT})\\b(?!-old|-year-old))`),
    accept: (m, text) => {
      const [first, second] = [numberValue(m[1]!), numberValue(m[3]!)];
      if (typeof first !== "number" || typeof second !== "number" || second <= first || /^\d{4}$/.test(m[1]!)) return false;
      // "two and a half years" is one amount; "and" joins a range only after "between"
      if (m[2] === "and") return /\bbetween\s+(?:\S+\s+)?$/i.test(text.slice(Math.max(0, m.index - 20), m.index));
      return true;
    },
    resolve: (m) => ({ type: "DURATION", value: durationValue(numberValue(m[1]!), unitOf(m[4]!)) }),
  },
  {
    // "a day-long strike", "a decades-long feud": the unit alone, as TimeBank spans it
    name: "long-adjective",
    gate: /-long\b/i,
    re: g(`\\b(day|week|month|year|hour|decade|century|days|weeks|months|years|hours|decades|centuries)-long\\b`),
    resolve: (m) => {
      const plural = isPlural(m[1]!);
      return { type: "DURATION", value: durationValue(plural ? "X" : 1, unitOf(m[1]!)) };
    },
  },
  {
    // the age of an event is a duration: "the 8-month-old truce", "a years-old slump"; the age of a
    // person ("a 6-year-old boy") is not a time expression
    name: "old-event",
    gate: /-old\b/i,
    re: g(`\\b(?:(${NUMBER_RE_DIGITS_WORDS})-)?(day|week|month|year|decade|days|weeks|months|years|decades)-old(?=\\s+(?:${OLD_EVENT_NOUNS})\\b)`),
    resolve: (m) => {
      const n = m[1] !== undefined ? numberValue(m[1]) : isPlural(m[2]!) ? "X" : 1;
      return { type: "DURATION", value: durationValue(n, unitOf(m[2]!)) };
    },
  },
  {
    // "the past year", "the next month", "the last week", "the first day": one unit, no number
    name: "single-unit-duration",
    gate: /\b(?:past|last|next|coming|previous|first|final|entire|whole|full)\s/i,
    re: g(`\\b${cap("the")}\\s+(?:(${cap("past|last|next|coming|previous|first|final|entire|whole|full")})\\s+)(year|month|week|day|decade|century|hour|minute|weekend)\\b(?![\\w-])(?!\\s+(?:of|or|and|before|after)\\b)`),
    resolve: (m, ctx) => {
      const mod = m[1]!.toLowerCase();
      const u = m[2]!.toLowerCase();
      if (u === "weekend") return { type: "DURATION", value: "P2D" };
      // TimeBank dates "the past year" to the year before the DCT and "the full year" to its year
      const su = u === "year" ? "Y" : u === "month" ? "M" : u === "week" ? "W" : undefined;
      if (su !== undefined && /^(past|last|previous)$/.test(mod)) return { type: "DATE", value: fromDct(ctx, su, -1, su) };
      if (su === "Y" && mod === "full") return { type: "DATE", value: fromDct(ctx, "Y", 0, "Y") };
      if (u === "decade" && /^(past|last)$/.test(mod)) return { type: "DATE", value: format({ gran: "DE", y: Math.floor(ctx.dct.y / 10) - 1 }) };
      return { type: "DURATION", value: durationValue(1, unitOf(u)) };
    },
  },
  {
    // financial reports: "the year ended March 31" is a year-long period; "for the year," the DCT's year
    name: "the-year",
    gate: /year/i,
    re: g(`\\b${cap("the")}\\s+(?:(fiscal)\\s+)?year(?:(?=\\s+(?:ended|ending|through|to)\\b)|(?=[,.;])|(?=\\s+of\\s+[$£€]))`),
    accept: (m, text) => {
      if (/^\s+(?:ended|ending|through|to)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 10))) return true;
      return /\b(?:for|of)\s+$/i.test(text.slice(Math.max(0, m.index - 5), m.index));
    },
    resolve: (m, ctx) => {
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 10);
      if (/^\s+(?:ended|ending|through|to)\b/.test(after)) return { type: "DURATION", value: "P1Y" };
      return { type: "DATE", value: String(ctx.dct.y) };
    },
  },
  {
    // "the nineties", "the eighties"
    name: "decade-words",
    gate: /ties\b/i,
    re: g(`\\b${cap("the")}\\s+(?:(${cap("early|mid|late")})[\\s-]+)?(${cap("twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties")})\\b`),
    resolve: (m, ctx) => {
      const d = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].indexOf(m[2]!.toLowerCase()) + 2;
      const cent = Math.floor(ctx.dct.y / 100);
      const c = d * 10 > ctx.dct.y % 100 ? cent - 1 : cent;
      return { type: "DATE", value: `${c}${d}` };
    },
  },
  {
    // vague plural durations: "for years", "over decades", "in recent months"
    name: "vague-duration",
    gate: /years|months|weeks|days|decades|centuries|hours|minutes/i,
    // the preposition or verb before is checked in accept, not by a leading lookbehind, which would
    // run at every position of the text
    re: g(`\\b(?:(${cap("recent|coming|past|many|several")})\\s+)?(years|months|weeks|days|decades|centuries|hours|minutes)\\b`),
    accept: (m, text) => /\b(?:for|over|in|within|take|took|takes|lasted|last)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index)),
    resolve: (m) => {
      if (m[1] !== undefined && m[1].toLowerCase() === "recent" && m[2] === "years") return { type: "DATE", value: "PAST_REF" };
      return { type: "DURATION", value: durationValue("X", unitOf(m[2]!)) };
    },
  },
  {
    // vague spans of time with an article: "the coming years", "the weeks ahead", "over the years",
    // "in the years that followed"; bare "the years" is anaphoric and left alone
    name: "vague-duration-the",
    gate: /\b(?:years|months|weeks|days|decades)\b/i,
    re: g(`\\b${cap("the")}\\s+(?:(${cap("coming|next")})\\s+)?(years|months|weeks|days|decades)(?:\\s+(ahead|to come))?\\b`),
    accept: (m, text) =>
      m[1] !== undefined ||
      m[3] !== undefined ||
      /\bover\s+$/i.test(text.slice(Math.max(0, m.index - 6), m.index)) ||
      /^\s+(?:that followed|since)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 14)),
    resolve: (m) => ({ type: "DURATION", value: durationValue("X", unitOf(m[2]!)) }),
  },
  {
    // "for a while", "after a short while": an unspecified length of time
    name: "a-while",
    gate: /\bwhile\b/,
    re: g(`\\b${cap("a")}\\s+(?:(?:little|short|long|good)\\s+)?while\\b`),
    accept: (m, text) => /\b(?:for|in|after)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index)),
    resolve: () => ({ type: "DURATION", value: "PXX" }),
  },
  {
    // frequencies: "every week", "each year", "daily", "twice a month", "$5 a year"
    name: "set",
    gate: /every|each|per\b|daily|weekly|monthly|yearly|hourly|nightly|times|once|twice|\ban? (?:year|month|week|day|hour|minute|quarter)\b/i,
    re: g(`\\b(?:(${cap("every|each|per")})\\s+(?:(other|${NUM})\\s+)?(year|month|week|day|night|morning|afternoon|evening|hour|minute|quarter|decade|${WD}|weekend|spring|summer|fall|autumn|winter|${M})s?|(${cap("daily|weekly|monthly|yearly|hourly|nightly|biweekly")})|(?:(${cap("once|twice|three times|four times|several times|many times|\\d+ times")})\\s+)?(?:a|an|per)(?<=${RATE_BEFORE}(?:a|an|per))\\s+(year|month|week|day|hour|minute|quarter))\\b`),
    accept: (m, text) => {
      if (m[4] === undefined) return true;
      // "the average daily volume", "the party daily Granma": an adjective of amounts or a newspaper
      if (/\b(average|party|communist)\s+$/i.test(text.slice(Math.max(0, m.index - 12), m.index))) return false;
      // "quarterly report" is a frequency; "Quarterly" as a title word is not
      return !/^[A-Z]/.test(m[4]) || !/^\s+[A-Z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2));
    },
    resolve: (m) => {
      if (m[4] !== undefined) {
        const v = { daily: "P1D", nightly: "P1D", weekly: "P1W", biweekly: "P2W", monthly: "P1M", annually: "P1Y", yearly: "P1Y", hourly: "PT1H", quarterly: "P3M" }[m[4].toLowerCase()]!;
        return { type: "SET", value: v };
      }
      const unitWord = (m[3] ?? m[6])!;
      const wd = weekdayNumber(unitWord);
      if (wd !== undefined) return { type: "SET", value: `XXXX-WXX-${wd}` };
      const month = monthNumber(unitWord);
      if (month !== undefined) return { type: "SET", value: `XXXX-${String(month).padStart(2, "0")}` };
      if (/^(spring|summer|fall|autumn|winter)$/i.test(unitWord)) return { type: "SET", value: `XXXX-${seasonCode(unitWord)}` };
      if (/weekend/i.test(unitWord)) return { type: "SET", value: "XXXX-WXX-WE" };
      // "every morning", "each night": the part of every day, as "every Monday" is XXXX-WXX-1
      if (/^(morning|afternoon|evening|night)$/i.test(unitWord)) {
        if (m[2] === undefined) return { type: "SET", value: `XXXX-XX-XXT${partOfDay(unitWord)}` };
        const k = m[2].toLowerCase() === "other" ? 2 : numberValue(m[2]);
        return { type: "SET", value: durationValue(k, "D") };
      }
      let k: number | "X" = 1;
      if (m[2] !== undefined) k = m[2].toLowerCase() === "other" ? 2 : numberValue(m[2]);
      const u = unitOf(unitWord);
      return { type: "SET", value: durationValue(k, u) };
    },
  },
  {
    // plural quarters recur every year: "in the fourth quarters", and the first of a pair, "the
    // second and fourth quarters" → XXXX-Q2, XXXX-Q4
    name: "quarters-set",
    gate: /quarters\b/i,
    re: g(`\\b(${cap("first|second|third|fourth")})(?:[\\s-]+quarters\\b|(?=\\s+(?:and|or)\\s+(?:${cap("first|second|third|fourth")})[\\s-]+quarters\\b))`),
    resolve: (m) => ({ type: "SET", value: `XXXX-Q${ordinalValue(m[1]!)!}` }),
  },
  {
    // a plural weekday recurs every week: "on Mondays", "Sunday nights", "Friday mornings"
    name: "weekday-set",
    gate: /days\b|day (?:morning|afternoon|evening|night)s\b|weekends\b/,
    re: g(`\\b(?:(${WD})(?:s|\\s+(${cap("morning|afternoon|evening|night")})s)|${cap("weekends")}(?<=\\b(?:${cap("on|at")})\\s+${cap("weekends")}))\\b`),
    resolve: (m) => {
      // "on weekends"
      if (m[1] === undefined) return { type: "SET", value: "XXXX-WXX-WE" };
      const part = m[2] !== undefined ? `T${partOfDay(m[2])}` : "";
      return { type: "SET", value: `XXXX-WXX-${weekdayNumber(m[1]!)!}${part}` };
    },
  },
  {
    // vague references: now, currently, recently, the past, the future
    name: "vague",
    re: g(`\\b(?:(${cap("right now|just now|now|currently|at present|at the moment|presently|nowadays|these days|current|recently|lately|the past|the future|in future|future|the present|the near future|the near term|recent times|soon|earlier|formerly|once|previously|immediately")}))\\b(?!-)`),
    accept: (m, text) => {
      const w = m[1]!.toLowerCase();
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      switch (w) {
        case "current":
          // "the current account", "electric current": only "current" before a noun that is not
          // a period word (those are taken by longer rules) and not "account"
          return !/^\s+(account|accounts|affairs|events|generation|flows?|liabilities|assets|law|rules)\b/i.test(after) && /^\s+[a-z]/.test(after) && !/\b(electric|direct|alternating)\s+$/i.test(before);
        case "the past":
          // "the past two years", "the past four winters": a longer expression, or a count of events
          return !/^\s*(?:\d|[a-z]+\s+(?:years?|months?|weeks?|days?|decades?)|(?:two|three|four|five|six|seven|eight|nine|ten|several|few|many|couple)\b)/i.test(after);
        case "now":
          // the discourse marker that opens a sentence or turns a broadcast to its next item ("Now,
          // where does that leave us?", "Now for the weather"), not a reference to the present
          if (/^Now$/.test(m[1]!) && /^(?:,|\s+for\b)/.test(after) && /(?:^|[.!?"”'`]\s*|\n\s*)$/.test(text.slice(Math.max(0, m.index - 3), m.index))) return false;
          return true;
        case "the future":
          // "the future of the alliance": its fate or prospects, not a time
          return !/^\s+of\b/i.test(after);
        case "recently":
          // "most recently last October", "most recently in 2021": the date that follows is the time
          return !(/\bmost\s+$/i.test(before) && /^\s*,?\s*(?:(?:in|on|at|last|this|early|late)\s+)?(?:[A-Z][a-z]|\d)/.test(after));
        case "future":
          return false;
        case "in future":
          return true;
        case "soon":
        case "once":
        case "formerly":
        case "previously":
        case "immediately":
          return false;
        case "earlier":
          return false;
        default:
          return true;
      }
    },
    resolve: (m, ctx) => {
      const w = m[1]!.toLowerCase();
      if (/^(the past|recently|lately|formerly|once|previously|earlier|recent times)$/.test(w)) return { type: "DATE", value: "PAST_REF" };
      // "the then-current chairman": current as of a past time
      if (w === "current" && /\bthen[\s-]$/i.test(ctx.text.slice(Math.max(0, m.index - 6), m.index))) return { type: "DATE", value: "PAST_REF" };
      if (/future|soon|near term/.test(w)) return { type: "DATE", value: "FUTURE_REF" };
      return { type: "DATE", value: "PRESENT_REF" };
    },
  },
  {
    // clock times: "8:45 pm ET", "10 a.m.", "noon", "midnight", "14:30 GMT", optionally with the
    // day: "3 p.m. Friday", "Friday at noon", "noon today"
    name: "clock",
    gate: /\d\s*(?:a\.m|p\.m|am\b|pm\b|AM\b|PM\b|o'clock)|noon|midnight|midday|\d:\d\d/i,
    re: g(`(?:\\b(${WD}|${cap("today|yesterday|tomorrow")})(?:,?\\s+(?:at\\s+)?)?)?\\b(\\d{1,2}(?::\\d{2})?\\s*(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b|AM\\b|PM\\b|o'clock)|\\d{1,2}:\\d{2}(?=\\s*(?:GMT|UTC|ET|EST|EDT|local time|hours?)\\b)|${cap("noon|midnight|midday")})(?:\\s+(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|local time))?(?:(?:\\s+on)?\\s+(${WD}|${cap("today|yesterday|tomorrow")}))?(?:,?\\s+(?:on\\s+)?(${M})\\s*${DAY}(?:,?\\s+${YEAR})?)?`),
    // "high noon" is an idiom (and a film), not a clock time
    accept: (m, text) => !(m[1] !== undefined && m[3] !== undefined) && !/\bhigh\s+$/i.test(text.slice(Math.max(0, m.index - 6), m.index)),
    resolve: (m, ctx, s, e) => {
      const clock = clockTime(m[2]!);
      if (clock === undefined) return null;
      // wire copy gives the GMT equivalent in parentheses before the day: "9:40 a.m. (0640 GMT) Monday"
      const dayWord = m[1] ?? m[3] ?? (m[4] === undefined ? AFTER_GMT.exec(ctx.text.slice(e, e + 40))?.[1] : undefined);
      // a clock time without a day falls on the day the narrative is at, if it was just told
      let day = ctx.ref.gran === "D" && s - ctx.refPos < 300 ? ctx.ref : ctx.dct as ReturnType<typeof parse>;
      if (m[4] !== undefined) {
        const date = monthDay(ctx, monthNumber(m[4])!, +m[5]!, m[6], s, e);
        if (date !== null) day = parse(date.value);
      } else if (dayWord !== undefined) {
        const wd = weekdayNumber(dayWord);
        if (wd !== undefined) day = dayForWeekday(ctx, wd, "", ctx.tense(s, e));
        else day = fromDctDay(ctx, { yesterday: -1, tomorrow: 1 }[dayWord.toLowerCase()] ?? 0);
      }
      return { type: "TIME", value: `${format(day!)}T${clock}`, setsRef: dayWord !== undefined || m[4] !== undefined };
    },
  },
  {
    // "yesterday afternoon" is taken above; this is "mid-afternoon yesterday", "late Friday night"
    name: "part-of-day",
    gate: /morning|afternoon|evening|night/i,
    re: g(`\\b(?:(?:${cap("early|late|mid")})[\\s-]*)?(morning|afternoon|evening|night)\\s+(?:on\\s+)?(${WD}|${cap("today|yesterday|tomorrow")})\\b`),
    resolve: (m, ctx, s, e) => {
      const wd = weekdayNumber(m[2]!);
      const day = wd !== undefined ? dayForWeekday(ctx, wd, "", ctx.tense(s, e)) : fromDctDay(ctx, { yesterday: -1, tomorrow: 1 }[m[2]!.toLowerCase()] ?? 0);
      return { type: "TIME", value: `${format(day)}T${partOfDay(m[1]!)}`, setsRef: true };
    },
  },
  {
    // a part of the day without a day: "by mid-afternoon", "late evening", "in the morning",
    // "4 in the morning"; it falls on the day the narrative is at, as a bare clock time does
    name: "part-of-day-alone",
    gate: /morning|afternoon|evening/i,
    re: g(`\\b(?:(?:(\\d{1,2}|${cap("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve")})(?:\\s+o'clock)?\\s+in\\s+${cap("the")}\\s+)|(?:${cap("early|late|mid")})[\\s-]*|${cap("the")}\\s+)(morning|afternoon|evening)\\b(?!\\s+(?:of|news|papers?|editions?|sessions?|shows?|star|prayers?|rush|commute|service)\\b)`),
    accept: (m, text) => {
      if (m[1] !== undefined) return true;
      const before = text.slice(Math.max(0, m.index - 8), m.index);
      // "the morning" only as a time adverbial: "in the morning", "during the afternoon"
      if (/^the\s/i.test(m[0])) return /\b(?:in|during)\s+$/i.test(before);
      return /\b(?:by|at|in|until|till|from|since|before|after|around|about|into)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.index - 12), m.index));
    },
    resolve: (m, ctx, s) => {
      const day = ctx.ref.gran === "D" && s - ctx.refPos < 300 ? ctx.ref : ctx.dct;
      const part = m[2]!.toLowerCase();
      if (m[1] !== undefined) {
        const n = /^\d+$/.test(m[1]) ? +m[1] : numberValue(m[1]);
        if (n === "X" || n < 1 || n > 12) return null;
        const h = part === "morning" ? n % 12 : n === 12 ? 12 : n + 12;
        return { type: "TIME", value: `${format(day)}T${String(h).padStart(2, "0")}:00` };
      }
      return { type: "TIME", value: `${format(day)}T${partOfDay(part)}` };
    },
  },
  {
    // "Easter week", "Christmas week", "Thanksgiving week": the ISO week holding the holiday
    name: "holiday-week",
    gate: /(?:Easter|Christmas|Thanksgiving) week/,
    re: /\b(Easter|Christmas|Thanksgiving) week\b/g,
    resolve: (m, ctx, s, e) => {
      const name = m[1]!;
      const tense = ctx.tense(s, e);
      let day: string;
      if (name === "Christmas") day = fmtDay(yearForMonthDay(ctx, 12, 25, tense), 12, 25);
      else if (name === "Easter") {
        const y = yearForMonthDay(ctx, 4, 1, tense);
        const [em, ed] = easterSunday(y);
        day = fmtDay(y, em, ed);
      } else day = nthWeekday(yearForMonthDay(ctx, 11, 25, tense), 11, 4, 4);
      return { type: "DATE", value: format(coarsen(parse(day)!, "W")) };
    },
  },
  {
    name: "holiday",
    gate: /Christmas|New Year|Thanksgiving|Independence|Fourth|Halloween|Labor Day|Memorial Day|Valentine|Boxing|Easter|Good Friday|May Day|Veterans Day|Election Day|Mother's Day|Father's Day|Martin Luther King/,
    re: g(`\\b(Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)|Thanksgiving(?: Day)?|Independence Day|the Fourth of July|July Fourth|Halloween|Labor Day|Memorial Day|Valentine's Day|Boxing Day|Easter(?: Sunday| Monday)?|Good Friday|May Day|Veterans Day|Election Day|Mother's Day|Father's Day|Martin Luther King(?: Jr\\.)? Day)\\b(?!\\s+(?:week|weekend|holiday|season|break|rally|rallies|parade|party|speech|sale)s?\\b)(?:,?\\s+${YEAR})?`),
    resolve: (m, ctx, s, e) => {
      const name = m[1]!.toLowerCase().replace(/ jr\.?/, "");
      const tense = ctx.tense(s, e);
      const fixed = FIXED_HOLIDAYS[name];
      if (fixed) {
        const y = m[2] !== undefined ? +m[2] : yearForMonthDay(ctx, fixed[0], fixed[1], tense);
        return { type: "DATE", value: fmtDay(y, fixed[0], fixed[1]) };
      }
      if (name.startsWith("easter") || name === "good friday") {
        const y = m[2] !== undefined ? +m[2] : yearForMonthDay(ctx, 4, 1, tense);
        const [em, ed] = easterSunday(y);
        const offset = name === "good friday" ? -2 : name === "easter monday" ? 1 : 0;
        const day = new Date(0);
        day.setUTCFullYear(y, em - 1, ed + offset);
        return { type: "DATE", value: fmtDay(y, day.getUTCMonth() + 1, day.getUTCDate()) };
      }
      const rule = MOVABLE_HOLIDAYS[name];
      if (!rule) return null;
      const y = m[2] !== undefined ? +m[2] : yearForMonthDay(ctx, rule[0], 15, tense);
      if (name === "election day") {
        // the Tuesday after the first Monday of November
        const monday = +nthWeekday(y, 11, 1, 1).slice(8);
        return { type: "DATE", value: fmtDay(y, 11, monday + 1) };
      }
      return { type: "DATE", value: nthWeekday(y, rule[0], rule[1], rule[2]) };
    },
  },
];

/**
 * The period a year-on-year comparison in earnings copy refers to: the quarter last named,
 * a year back, unless the sentence is about a longer period ("For the nine months, … a year
 * earlier"), which TimeBank dates to the year before.
 */
function comparisonPeriod(ctx: Context, pos: number): string | undefined {
  if (!ctx.quarter || pos - ctx.quarterPos >= 1500) return undefined;
  const sentence = ctx.text.slice(Math.max(0, pos - 200), pos);
  const clause = sentence.slice(sentence.search(/[.!?]\s+[A-Z][^.!?]*$/) + 1);
  if (/\b(?:nine|six) months\b|\bfirst half\b|\b(?:fiscal|the) year\b(?!-)/i.test(clause)) return String(ctx.dct.y - 1);
  return format({ gran: "Q", y: ctx.quarter.y - 1, n: ctx.quarter.n! });
}

/** Holidays on a fixed day: [month, day]. */
const FIXED_HOLIDAYS: Record<string, [number, number]> = {
  christmas: [12, 25], "christmas day": [12, 25], "christmas eve": [12, 24], "new year's day": [1, 1],
  "new year's eve": [12, 31], "independence day": [7, 4], "the fourth of july": [7, 4], "july fourth": [7, 4],
  halloween: [10, 31], "valentine's day": [2, 14], "boxing day": [12, 26], "may day": [5, 1], "veterans day": [11, 11],
};

/** Holidays on the nth weekday of a month (negative n counts from the end): [month, ISO weekday, n]. */
const MOVABLE_HOLIDAYS: Record<string, [number, number, number]> = {
  thanksgiving: [11, 4, 4], "thanksgiving day": [11, 4, 4], "labor day": [9, 1, 1], "memorial day": [5, 1, -1],
  "mother's day": [5, 7, 2], "father's day": [6, 7, 3], "martin luther king day": [1, 1, 3], "election day": [11, 2, 1],
};

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus): [month, day]. */
function easterSunday(y: number): [number, number] {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g2 = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g2 + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

function fromDctDay(ctx: Context, offset: number) {
  return parse(fromDct(ctx, "D", offset, "D"))!;
}

function nthWeekday(y: number, month: number, wd: number, nth: number): string {
  if (nth > 0) {
    const first = new Date(0);
    first.setUTCFullYear(y, month - 1, 1);
    const fw = first.getUTCDay() === 0 ? 7 : first.getUTCDay();
    return fmtDay(y, month, 1 + ((wd - fw + 7) % 7) + (nth - 1) * 7);
  }
  const last = daysIn(y, month);
  const t = new Date(0);
  t.setUTCFullYear(y, month - 1, last);
  const lw = t.getUTCDay() === 0 ? 7 : t.getUTCDay();
  return fmtDay(y, month, last - ((lw - wd + 7) % 7));
}
