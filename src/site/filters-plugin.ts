import type UserConfig from "@11ty/eleventy/UserConfig";
import { dateLabel } from "../digest/timeline.ts";

/**
 * "2024-01-06" → "6 January 2024", "2024-01" → "January 2024", "2024" → "2024": a partial
 * date is shown at exactly its precision, read and formatted in UTC. A date-time shows its
 * day. The same labels as the timeline's (one memoized formatter for the whole site).
 */
export function readableDate(value: string): string {
  return dateLabel(value.slice(0, 10));
}

/** Presentation-only filters. */
export default function filtersPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("readableDate", readableDate);
}
