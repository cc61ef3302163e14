import matter from "gray-matter";
import { stringify as toYaml } from "yaml";
import { deriveHeadline } from "./headline.ts";
import { splitSentences } from "./sentences.ts";
import { slugify } from "./slug.ts";
import { FRONT_MATTER_OPTIONS } from "./load.ts";
import { isValidDateString } from "../time/calendar.ts";

/** A raw wire report, parsed: `date YYYY-MM-DD` then paragraphs. */
export interface RawReport {
  date: string;
  paragraphs: string[];
}

export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
    readonly fix: string,
  ) {
    super(`${file}:${line}: ${message}\n    fix: ${fix}`);
    this.name = "ImportError";
  }
}

const HEADER = /^\s*date[ \t]+(\S+)[ \t]*/;

/**
 * Parses the seed format: optional leading whitespace, `date YYYY-MM-DD`, then the text on the
 * same line or the next. Paragraphs are separated by blank lines; a file without blank lines
 * has one paragraph per line. A BOM and CRLF endings are accepted.
 */
export function parseRaw(text: string, file = "<input>"): RawReport {
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const m = HEADER.exec(clean);
  if (!m) {
    const line = clean.slice(0, clean.length - clean.trimStart().length).split("\n").length;
    throw new ImportError(file, line, "a raw report must start with 'date YYYY-MM-DD'", "put the publication date first, e.g. 'date 2024-01-06', then the text");
  }
  const date = m[1]!;
  const line = clean.slice(0, m.index + m[0].length).split("\n").length;
  if (!isValidDateString(date)) {
    throw new ImportError(file, line, `"${date}" is not a real calendar date`, "write the date as YYYY-MM-DD, e.g. 2024-01-06");
  }
  const body = clean.slice(m.index + m[0].length).trim();
  const blocks = /\n[ \t]*\n/.test(body) ? body.split(/\n[ \t]*\n+/) : body.split("\n");
  const paragraphs = blocks.map((b) => b.replace(/\s*\n\s*/g, " ").replace(/[ \t]+/g, " ").trim()).filter(Boolean);
  if (paragraphs.length === 0) {
    throw new ImportError(file, line, "the report has a date but no text", "add the report's paragraphs after the date");
  }
  return { date, paragraphs };
}

/** Characters that would start Markdown syntax (or, for "&", an entity reference) in wire text. */
function escapeMarkdown(paragraph: string): string {
  return paragraph
    .replace(/([\\`*_[\]<>&])/g, "\\$1")
    // A leading "-", "+", "#", ">", "=" or "~" could start a list, heading, thematic break or code
    // fence ("-", "---", "~~~" alone); a backslash before punctuation is always plain text.
    .replace(/^(\s*)([#>+=~-])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, "$1\\$2");
}

export interface ImportedReport {
  slug: string;
  title: string;
  date: string;
  /** File name, `YYYY-MM-DD-slug.md`. */
  fileName: string;
  /** The normalized Markdown file. */
  markdown: string;
  /** The Markdown body alone (what identifies a re-import). */
  body: string;
}

/** Turns a raw report into a normalized Markdown report with front matter. */
export function toMarkdown(raw: RawReport, sourceName: string): ImportedReport {
  // A lede of punctuation alone ("---", "...") has no headline to derive; the title must not be empty.
  const title = deriveHeadline(raw.paragraphs[0]!) || raw.paragraphs[0]!.slice(0, 90).trim() || `Report of ${raw.date}`;
  const slug = slugify(`${raw.date} ${title.replace(/\b(?:the|a|an|of|from|on|in|to|for|with|and|by|at|is|are|was|were)\s+/gi, "")}`, 72);
  const summary = summarize(raw.paragraphs[0]!);
  const front = { title, date: raw.date, slug, source: sourceName, summary };
  const body = `${raw.paragraphs.map(escapeMarkdown).join("\n\n")}\n`;
  const yaml = toYaml(front, { lineWidth: 0 }).replace(/^date: "(\d{4}-\d{2}-\d{2})"$/m, "date: $1");
  return { slug, title, date: raw.date, fileName: `${slug}.md`, markdown: `---\n${yaml}---\n\n${body}`, body };
}

/** The lede's first sentence, at most ~200 characters, cut at a word. */
export function summarize(lede: string, max = 200): string {
  const first = splitSentences(lede)[0] ?? lede;
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ")).replace(/[,;:]$/, "")}…`;
}

/** Normalizes a Markdown body for comparing re-imports (whitespace-insensitive). */
export function bodyKey(markdownBody: string): string {
  return markdownBody.replace(/\s+/g, " ").trim();
}

/** The body of an existing Markdown report, for re-import detection. */
export function existingBody(markdown: string): { slug?: string; body: string } {
  const parsed = matter(markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), FRONT_MATTER_OPTIONS);
  const slug = typeof parsed.data.slug === "string" ? parsed.data.slug : undefined;
  return { ...(slug ? { slug } : {}), body: parsed.content };
}
