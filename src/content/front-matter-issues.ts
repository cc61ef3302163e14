import type { z } from "zod";

/** What kind of YAML value the editor wrote, in the editor's words. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  if (typeof value === "object") return "a group of keys";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "true/false";
  return "text";
}

const EXPECTED: Record<string, string> = {
  title: "text",
  date: "a date",
  slug: "text",
  source: "text",
  summary: "text",
  tags: "a list of words",
  threads: "a list of words",
  draft: "true or false",
};

/**
 * One zod issue about a front-matter key as a sentence an editor can act on. Custom messages
 * written for the schema (dates, slugs) are kept; zod's generic "Invalid input: expected
 * string, received number" becomes "must be text, but it is a number".
 */
export function describeIssue(key: string, value: unknown, issue: z.core.$ZodIssue): string {
  const kind = describeValue(value);
  if (kind === "empty" || (typeof value === "string" && value.trim() === "")) return `"${key}" is empty`;
  if (issue.code === "custom" || issue.code === "invalid_format" || issue.code === "too_small") return `"${key}" ${issue.message}`;
  const expected = EXPECTED[key] ?? "text";
  if (Array.isArray(value) && (key === "tags" || key === "threads")) {
    const bad = value.find((v) => typeof v !== "string");
    return `"${key}" must be ${expected}, but one item is ${describeValue(bad)}${typeof bad === "number" || typeof bad === "boolean" ? ` (${String(bad)})` : ""}`;
  }
  return `"${key}" must be ${expected}, but it is ${kind}`;
}

/** How to fix a key with a wrong value. */
export function fixFor(key: string, value: unknown): string {
  switch (key) {
    case "date":
      return "use a real date as YYYY-MM-DD, e.g. 2024-01-06";
    case "slug":
      return "use lower-case words joined by hyphens, or remove the line to derive it from the file name";
    case "draft":
      return "write draft: true or draft: false";
    case "tags":
    case "threads":
      return `write a list of words, quoting any that look like numbers or dates, e.g. ${key}: [iraq, "2024"]`;
    default:
      return describeValue(value) === "empty" || (typeof value === "string" && value.trim() === "")
        ? `write the ${key} after "${key}:", or remove the line`
        : `wrap the value in double quotes, e.g. ${key}: "…"`;
  }
}

/** How to add a required key that is missing. */
export function fixForMissing(key: string): string {
  if (key === "title") return 'add a line such as: title: "Iraq opens talks on coalition exit"';
  if (key === "date") return "add the publication date, e.g.: date: 2024-01-06";
  return `add "${key}" to the front matter`;
}
