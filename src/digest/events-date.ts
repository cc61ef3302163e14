/**
 * Partial calendar dates ("YYYY", "YYYY-MM", "YYYY-MM-DD") as the timeline uses them:
 * reading them off TIMEX3 values, comparing, and testing whether two can be the same day.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { setISODay } from "date-fns/setISODay";
import { setISOWeek } from "date-fns/setISOWeek";
import type { PartialDate, Precision } from "./types.ts";

export interface CalendarDate {
  date: PartialDate;
  precision: Precision;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;
const WEEK = /^(\d{4})-W(\d{2})(?:-WE)?$/;
/** Seasons, quarters, halves: only the year is certain on a timeline. */
const PART_OF_YEAR = /^(\d{4})-(?:SP|SU|FA|AU|WI|Q[1-4]|H[12])$/;

/**
 * The calendar date a TIMEX3 value denotes, at the precision it gives, or null when it is not
 * a calendar date (durations, "PRESENT_REF", "XXXX-12-26", decades, …).
 * A time of day is reduced to its day; an ISO week to the month of its Thursday (the month
 * that holds most of the week, as ISO-8601 does for years); seasons and quarters to the year.
 */
export function calendarDate(value: string): CalendarDate | null {
  // Memoized: a report's time values repeat, and the ISO-week branch's date-fns/TZDate
  // arithmetic showed up in the per-report profile (issue 8). A copy keeps callers free to mutate.
  let hit = calendarCache.get(value);
  if (hit === undefined) {
    if (calendarCache.size > 50_000) calendarCache.clear();
    hit = readCalendarDate(value);
    calendarCache.set(value, hit);
  }
  return hit && { ...hit };
}

const calendarCache = new Map<string, CalendarDate | null>();

function readCalendarDate(value: string): CalendarDate | null {
  let m = DAY.exec(value);
  if (m) {
    const [, y, mo, d] = m;
    if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
    return { date: `${y}-${mo}-${d}`, precision: "day" };
  }
  m = MONTH.exec(value);
  if (m) {
    if (Number(m[2]) < 1 || Number(m[2]) > 12) return null;
    return { date: value, precision: "month" };
  }
  m = YEAR.exec(value);
  if (m) return { date: value, precision: "year" };
  m = WEEK.exec(value);
  if (m) {
    const week = Number(m[2]);
    if (week < 1 || week > 53) return null;
    const thursday = setISODay(setISOWeek(new TZDate(Number(m[1]), 0, 4, "UTC"), week), 4);
    return { date: format(thursday, "yyyy-MM"), precision: "month" };
  }
  m = PART_OF_YEAR.exec(value);
  if (m) return { date: m[1] ?? value, precision: "year" };
  return null;
}

/**
 * Order of partial dates. Plain string order already does what the timeline wants: a less
 * precise date sorts before the more precise dates inside it ("2023" < "2023-12" < "2023-12-01"),
 * so an event known only to the month is listed at the head of its month.
 */
export function compareDates(a: PartialDate, b: PartialDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * True when the two dates can denote the same day: equal, or one lies inside the other
 * ("2023-12" and "2023-12-26"; "2023" and "2023-12-26"). Two different days never can.
 */
export function compatibleDates(a: PartialDate, b: PartialDate): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** True when `date` is later than the day `dct` ("YYYY-MM-DD…"), compared at `date`'s precision. */
export function isAfter(date: PartialDate, dct: string): boolean {
  return date > dct.slice(0, date.length);
}
