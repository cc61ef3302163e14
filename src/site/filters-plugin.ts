import type UserConfig from "@11ty/eleventy/UserConfig";
import { format } from "date-fns";
import { UTCDate } from "@date-fns/utc";

/**
 * "2024-01-06" → "6 January 2024", "2024-01" → "January 2024", "2024" → "2024": a partial
 * date is shown at exactly its precision. Dates are read and formatted in UTC.
 */
export function readableDate(value: string): string {
  // Memoized: pages print the same few hundred dates tens of thousands of times, and date-fns
  // `format` was ~0.3 s of a 1,000-report build (issue 8).
  let label = readable.get(value);
  if (label === undefined) {
    if (readable.size > 50_000) readable.clear();
    label = formatReadable(value);
    readable.set(value, label);
  }
  return label;
}

const readable = new Map<string, string>();

function formatReadable(value: string): string {
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  if (m === undefined) return String(y);
  const date = new UTCDate(y!, m - 1, d ?? 1);
  return d === undefined ? format(date, "MMMM yyyy") : format(date, "d MMMM yyyy");
}

/** Presentation-only filters. */
export default function filtersPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("readableDate", readableDate);
}
