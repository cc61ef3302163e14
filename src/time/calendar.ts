import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function realDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for "YYYY-MM-DD" naming a real calendar day (2024-02-30 and 2024-13-45 are not). */
export function isValidDateString(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True for an ISO 8601 date-time on a real day with a real clock time. */
export function isValidDateTimeString(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return false;
  return isValid(parseISO(text));
}

/** The UTC calendar day ("YYYY-MM-DD") of an ISO date or date-time. */
export function utcDay(isoDateOrDateTime: string): string {
  if (DATE.test(isoDateOrDateTime)) return isoDateOrDateTime;
  return new Date(parseISO(isoDateOrDateTime).getTime()).toISOString().slice(0, 10);
}
