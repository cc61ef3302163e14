import type { Context } from "./context.ts";
import type { Tense } from "./tense.ts";
import { addDays, daysIn, format, isoWeek, shift, coarsen, GRAN_RANK, weekday, type Point, type ShiftUnit } from "./values.ts";

/**
 * Resolution of underspecified dates against the DCT and the narrative reference time, after
 * the TIMEX3 guidelines: a date without a year takes the year that puts it nearest the DCT,
 * in the direction the tense points when that is a close call; a bare month or weekday points
 * back in a past-tense clause and forward in a future one.
 */

const dayDistance = (a: Point, b: Point) =>
  Math.round((Date.UTC(2000, a.m! - 1, a.d!) - Date.UTC(2000, b.m! - 1, b.d!)) / 86400000) + (a.y - b.y) * 365.25;

/** The year for a month and day given without one. */
export function yearForMonthDay(ctx: Context, month: number, day: number, tense: Tense): number {
  const dct = { gran: "D" as const, y: ctx.dctYear, m: ctx.dctMonth, d: ctx.dctDay };
  let best = dct.y;
  let bestScore = Infinity;
  for (const y of [dct.y - 1, dct.y, dct.y + 1]) {
    const d = Math.min(day, daysIn(y, month));
    const delta = dayDistance({ gran: "D", y, m: month, d }, dct);
    // a close call goes the tense's way: past-tense clauses lean back, future ones forward
    const lean = (tense === "past" && delta > 0) || (tense === "future" && delta < 0) ? 1.5 : 1;
    const score = Math.abs(delta) * lean;
    if (score < bestScore) {
      bestScore = score;
      best = y;
    }
  }
  return best;
}

/** The year for a month named alone ("in October"). */
export function yearForMonth(ctx: Context, month: number, tense: Tense, pastVerb = false, futureVerb = false): number {
  const dct = { y: ctx.dctYear, m: ctx.dctMonth };
  // the month after the DCT's is the coming one even in a past clause ("bids for delivery in
  // November" in late October), not the one eleven months back, unless a past verb right before it
  // says otherwise ("prices rose in February"); a December review of the year tells "In January,
  // …" of the January gone
  if ((month - dct.m + 12) % 12 === 1 && (tense !== "past" || (month > dct.m && !pastVerb))) return month > dct.m ? dct.y : dct.y + 1;
  if (tense === "past") return month <= dct.m ? dct.y : dct.y - 1;
  // a month just gone is nearer than its return ten months on, whatever the clause's tense
  const back = (dct.m - month + 12) % 12;
  // (but "the country will vote in November", said in January, is the coming November)
  if ((back === 1 || back === 2) && !futureVerb) return month < dct.m ? dct.y : dct.y - 1;
  return month >= dct.m ? dct.y : dct.y + 1;
}

/** The day of a weekday named alone, with an optional "last"/"next"/"this" modifier. */
export function dayForWeekday(ctx: Context, wd: number, modifier: string, tense: Tense, base: Point = ctx.dct): Point {
  const b = base.gran === "D" ? base : ctx.dct;
  const today = weekday(b.y, b.m!, b.d!);
  let delta: number;
  const back = (today - wd + 7) % 7; // 0..6 days back
  const fwd = (wd - today + 7) % 7; // 0..6 days ahead
  switch (modifier) {
    case "last":
    case "this past":
    case "previous":
    case "preceding":
      delta = back === 0 ? -7 : -back;
      break;
    case "next":
    case "this coming":
    case "following":
    case "coming":
      delta = fwd === 0 ? 7 : fwd;
      break;
    default:
      delta = tense === "future" ? fwd : -back;
  }
  const [y, m, d] = addDays(b.y, b.m!, b.d!, delta);
  return { gran: "D", y, m, d };
}

/** The ISO week of the weekend a clause talks about ("the weekend", "last weekend"). */
export function weekendValue(ctx: Context, modifier: string, tense: Tense): string {
  const dct = ctx.dct;
  const wd = weekday(dct.y, dct.m, dct.d);
  let [wy, w] = isoWeek(dct.y, dct.m, dct.d);
  let offset = 0;
  if (modifier === "last" || modifier === "past") offset = -1;
  else if (modifier === "next" || modifier === "coming") offset = wd >= 6 ? 1 : 0;
  else if (modifier === "" && tense === "past") offset = wd >= 6 ? 0 : -1;
  if (offset !== 0) {
    const p = shift({ gran: "W", y: wy, n: w }, "W", offset);
    wy = p.y;
    w = p.n!;
  }
  return `${format({ gran: "W", y: wy, n: w })}-WE`;
}

/** The year of a quarter named without one ("the third quarter"). */
export function yearForQuarter(ctx: Context, q: number, tense: Tense): number {
  if (q > ctx.dctQuarter && tense === "past") return ctx.dctYear - 1;
  return ctx.dctYear;
}

/** DCT shifted by n units at a granularity: "last month" is DCT − 1 month at month precision. */
export function fromDct(ctx: Context, unit: ShiftUnit, n: number, gran: Point["gran"]): string {
  return format(coarsen(shift(ctx.dct, unit, n), gran));
}

/**
 * The reference time shifted by n units, at the coarser of the unit's and the reference's
 * granularity: "A month earlier" after "on December 26" is the November before.
 */
export function fromRef(ctx: Context, unit: ShiftUnit, n: number, gran: Point["gran"]): string {
  if (ctx.refIsDct) ctx.usedDct = true;
  const ref = ctx.ref;
  const target = GRAN_RANK[ref.gran] < GRAN_RANK[gran] ? ref.gran : gran;
  if (ref.gran === "Q" && (unit === "Y" || unit === "Q")) return format(shift(ref, unit, n));
  if (ref.gran === "H" || ref.gran === "S" || ref.gran === "C" || ref.gran === "DE") {
    return format(shift({ gran: "Y", y: ref.y }, unit === "Y" ? "Y" : unit, unit === "Y" ? n : 0));
  }
  return format(coarsen(shift(ref, unit, n), target));
}

/** A season's year by modifier and tense ("last fall" in February 1998 is 1997-FA). */
export function seasonYear(ctx: Context, code: string, modifier: string, tense: Tense): number {
  const start = { SP: 3, SU: 6, FA: 9, WI: 12 }[code] ?? 6;
  const m = ctx.dctMonth;
  const current = m >= start && m < start + 3 || (code === "WI" && m <= 2);
  const y = ctx.dctYear;
  // TimeBank dates "last spring" told in October to the year before, as "last fall" in February
  if (modifier === "last" || modifier === "past") return y - 1;
  // "this past spring": the latest spring already over
  if (modifier === "this past") return current || start > m ? y - 1 : y;
  if (modifier === "next" || modifier === "coming") {
    if (current) return y + 1;
    return start > m ? y : y + 1;
  }
  if (modifier === "this") return code === "WI" && m <= 2 ? y - 1 : y;
  if (current) return code === "WI" && m <= 2 ? y - 1 : y;
  if (tense === "past") return start < m ? y : y - 1;
  return start > m ? y : y + 1;
}
