import { createRequire } from "node:module";

/**
 * Clock times ("8:45 pm", "10 a.m.", "noon", "14:30") read by chrono-node, which knows the
 * many ways English writes a time of day. chrono is loaded on first use only, through
 * `require`, so documents without clock times (most news text) do not pay its ~150 ms load
 * time, and `tagTimes` stays synchronous.
 */
type Chrono = typeof import("chrono-node");
let chrono: Chrono | undefined;

function load(): Chrono {
  chrono ??= createRequire(import.meta.url)("chrono-node") as Chrono;
  return chrono;
}

/** "HH:MM" of a clock-time phrase, or undefined when chrono reads no hour in it. */
export function clockTime(phrase: string): string | undefined {
  const words = phrase.toLowerCase();
  // chrono reads a bare "midnight" as the end of the day; TIMEX3 writes it T24:00
  if (words === "midnight") return "24:00";
  if (words === "noon" || words === "midday") return "12:00";
  const ref = new Date(Date.UTC(2000, 0, 1, 12));
  const result = load().en.casual.parse(phrase.replace(/\s*o'clock/i, ":00"), { instant: ref, timezone: 0 })[0];
  if (!result || !result.start.isCertain("hour")) return undefined;
  const h = result.start.get("hour");
  const min = result.start.get("minute") ?? 0;
  if (h === null || h > 23 || min === null || min > 59) return undefined;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}
