import * as chrono from "chrono-node";
import type { TagOptions, Timex } from "./types.ts";

/**
 * First-pass dating with chrono-node: calendar dates at the precision chrono is certain of.
 * The full tagger (src/time/tagger.ts) replaces it; this stays as the yardstick it is scored against.
 */
export function chronoTimexes(text: string, options: TagOptions): Timex[] {
  const ref = new Date(options.dct.length === 10 ? `${options.dct}T12:00:00Z` : options.dct);
  const results = chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false });
  const out: Timex[] = [];
  for (const r of results) {
    const c = r.start;
    if (!c.isCertain("month") && !c.isCertain("day")) continue;
    const y = String(c.get("year")).padStart(4, "0");
    const m = String(c.get("month")).padStart(2, "0");
    const d = String(c.get("day")).padStart(2, "0");
    const value = c.isCertain("day") ? `${y}-${m}-${d}` : `${y}-${m}`;
    out.push({ start: r.index, end: r.index + r.text.length, text: r.text, type: "DATE", value });
  }
  return out;
}
