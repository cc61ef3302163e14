import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, format, subDays } from "date-fns";
import type { Rng } from "./prng.ts";

/** First day of every generated corpus; reports spread over the following ~two years. */
export const CORPUS_EPOCH = new TZDate(2023, 0, 2, "UTC");
export const CORPUS_SPAN_DAYS = 730;

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** "three" for 3; digits beyond twelve, as wire style does. */
export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

export function dayOf(offset: number): TZDate {
  return addDays(CORPUS_EPOCH, offset);
}

export function isoDay(date: Date): string {
  return format(date, "yyyy-MM-dd");
}

/** "March 3", with the year added when it differs from the report's own year. */
export function monthDay(date: Date, dct: Date): string {
  return date.getUTCFullYear() === dct.getUTCFullYear() ? format(date, "MMMM d") : format(date, "MMMM d, yyyy");
}

/**
 * Phrasings of a time relative to the report's publication date (dct), one per kind of
 * expression a wire report uses. Each returns the words only; templates add the context.
 */
export function dateExpressions(dct: Date, rng: Rng): Record<string, () => string> {
  return {
    // Absolute day in the recent past: "on March 3".
    recentDay: () => `on ${monthDay(subDays(dct, rng.int(2, 24)), dct)}`,
    // Full date with year: "on December 26, 2023".
    fullDate: () => `on ${format(subDays(dct, rng.int(40, 500)), "MMMM d, yyyy")}`,
    // Weekday of the past week: "on Tuesday".
    weekday: () => `on ${format(subDays(dct, rng.int(2, 6)), "EEEE")}`,
    yesterday: () => rng.pick(["yesterday", "late yesterday", "earlier today", "this morning"]),
    deictic: () => rng.pick(["last week", "last month", "earlier this month", "this week", "last year", "in recent days", "over the weekend"]),
    // "since October 17": a starting point, day precision.
    sinceDay: () => `since ${monthDay(subDays(dct, rng.int(20, 200)), dct)}`,
    sinceYear: () => `since ${dct.getUTCFullYear() - rng.int(2, 9)}`,
    inYear: () => `in ${dct.getUTCFullYear() - rng.int(2, 12)}`,
    inMonth: () => {
      const d = subDays(dct, rng.int(35, 300));
      const part = rng.pick(["", "early ", "mid-", "late "]);
      return d.getUTCFullYear() === dct.getUTCFullYear() ? `in ${part}${format(d, "MMMM")}` : `in ${part}${format(d, "MMMM yyyy")}`;
    },
    season: () => rng.pick(["last summer", "last winter", "in the spring", `in the autumn of ${dct.getUTCFullYear() - 1}`, "this summer"]),
    duration: () => rng.pick([`${numberWord(rng.int(2, 9))} years`, `${numberWord(rng.int(2, 11))} months`, `${numberWord(rng.int(2, 8))} weeks`, "48 hours", "more than a decade", `${numberWord(rng.int(3, 10))} days`]),
    timeOfDay: () => rng.pick(["at about 4 a.m.", "shortly after midnight", "at 9:30 a.m. local time", "before dawn", "late in the evening", "around noon"]),
    recurring: () => rng.pick(["every Friday", "each week", "twice a month", "every morning", "daily", "every few days"]),
    future: () => rng.pick(["next week", "on Monday", `by ${format(addDays(dct, rng.int(10, 90)), "MMMM d")}`, "within days", "later this month", "next year"]),
  };
}

/** "a month earlier", "two days earlier"… for the gap between two dated facts, as a sentence opener. */
export function anaphor(earlier: Date, later: Date): string {
  const gap = differenceInCalendarDays(later, earlier);
  if (gap <= 0) return "The same day";
  if (gap === 1) return "The day before";
  if (gap < 7) return `${cap(numberWord(gap))} days earlier`;
  if (gap < 11) return "A week earlier";
  if (gap < 25) return `${cap(numberWord(Math.round(gap / 7)))} weeks earlier`;
  if (gap < 45) return "A month earlier";
  if (gap < 330) return `${cap(numberWord(Math.round(gap / 30)))} months earlier`;
  return "A year earlier";
}

export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
