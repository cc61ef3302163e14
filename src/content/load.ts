import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { KNOWN_KEYS, frontMatterSchema, type FrontMatter } from "./schema.ts";
import { decodeContent } from "./read-text.ts";
import { ContentError, type Problem } from "./problems.ts";
import { slugify } from "./slug.ts";
import { utcDay } from "../time/calendar.ts";

/** A report file that passed validation: metadata checked, body still Markdown. */
export interface LoadedReport {
  /** Path relative to the content folder, with forward slashes. */
  file: string;
  slug: string;
  meta: FrontMatter & { date: string };
  /** Publication day "YYYY-MM-DD" (UTC). */
  day: string;
  /** The Markdown body after the front matter. */
  body: string;
  /** 1-based line of the file on which `body` starts. */
  bodyLine: number;
}

export interface LoadResult {
  reports: LoadedReport[];
  problems: Problem[];
}

/** Every `*.md` below `dir`, sorted by relative path so builds do not depend on the file system's order. */
export async function listReportFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md") && !e.name.startsWith("_") && e.name.toLowerCase() !== "readme.md")
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * YAML 1.2 (the `yaml` package) reads front matter: dates stay the strings the editor wrote, so
 * 2024-13-45 is reported instead of silently rolling over to a real day, and errors carry lines.
 */
export const FRONT_MATTER_OPTIONS = {
  language: "yaml",
  engines: { yaml: { parse: (source: string) => (parseYaml(source) ?? {}) as object } },
};

/** Parses and validates one file's text. Problems are appended; returns the report when it has no error. */
export function parseReport(file: string, text: string, problems: Problem[]): LoadedReport | undefined {
  const before = problems.length;
  const error = (message: string, fix: string, line?: number, column?: number): void => {
    problems.push({ severity: "error", file, message, fix, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) });
  };
  if (!text.startsWith("---\n") && !text.startsWith("---\r\n")) {
    error(
      "the file has no front matter",
      "start the file with a front-matter block: a line '---', then 'title: …' and 'date: YYYY-MM-DD', then a line '---'",
      1,
      1,
    );
    return undefined;
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's whole-file cache, which would hold every report in memory.
    parsed = matter(text, FRONT_MATTER_OPTIONS);
  } catch (e) {
    const pos = (e as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    const mark = pos ? { line: pos.line - 1, column: pos.col - 1 } : undefined;
    const reason = e instanceof Error ? e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "") : String(e);
    error(
      `the front matter is not valid YAML: ${reason}`,
      "check the quoting and indentation on that line; values containing ': ' or starting with a quote must be wrapped in double quotes",
      mark?.line !== undefined ? mark.line + 2 : undefined,
      mark?.column !== undefined ? mark.column + 1 : undefined,
    );
    return undefined;
  }
  const fmText = parsed.matter ?? "";
  const keyLine = (key: string): number | undefined => {
    const lines = fmText.replace(/^\n/, "").split("\n");
    const i = lines.findIndex((l) => l.startsWith(`${key}:`));
    return i === -1 ? undefined : i + 2;
  };
  const data = (parsed.data ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(data).sort()) {
    if (!KNOWN_KEYS.has(key)) {
      problems.push({
        severity: "warning",
        file,
        line: keyLine(key),
        message: `unknown front-matter key "${key}" is ignored`,
        fix: `remove it, or use one of: ${[...KNOWN_KEYS].join(", ")}`,
      });
    }
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "");
      const missing = data[key] === undefined;
      error(
        missing ? `the front matter has no "${key}"` : `"${key}" ${issue.message}`,
        missing ? fixForMissing(key) : fixFor(key),
        missing ? 1 : keyLine(key),
      );
    }
  }
  const bodyLine = text.slice(0, text.length - parsed.content.length).split("\n").length;
  if (parsed.content.trim() === "") {
    error("the report has no text after its front matter", "write the report's paragraphs below the closing '---'", bodyLine);
  }
  if (problems.length > before && problems.slice(before).some((p) => p.severity === "error")) return undefined;
  const meta = result.data as FrontMatter & { date: string };
  const stem = path.posix.basename(file, ".md");
  return {
    file,
    slug: meta.slug ?? (slugify(stem) || "report"),
    meta,
    day: utcDay(meta.date),
    body: parsed.content,
    bodyLine,
  };
}

function fixForMissing(key: string): string {
  if (key === "title") return 'add a line such as: title: "Iraq opens talks on coalition exit"';
  if (key === "date") return "add the publication date, e.g.: date: 2024-01-06";
  return `add "${key}" to the front matter`;
}

function fixFor(key: string): string {
  switch (key) {
    case "date":
      return "use a real date as YYYY-MM-DD, e.g. 2024-01-06";
    case "slug":
      return "use lower-case words joined by hyphens, or remove the line to derive it from the file name";
    case "draft":
      return "write draft: true or draft: false";
    case "tags":
    case "threads":
      return "write a list, e.g. [iraq, coalition]";
    default:
      return `write ${key} as plain text`;
  }
}

/** Loads and validates every report below `dir`; collects every problem rather than stopping at the first. */
export async function loadContent(dir: string, options: { drafts?: boolean } = {}): Promise<LoadResult> {
  const problems: Problem[] = [];
  const files = await listReportFiles(dir);
  const loaded: LoadedReport[] = [];
  for (const file of files) {
    const decoded = decodeContent(await readFile(path.join(dir, file)));
    if (!decoded.ok) {
      problems.push({ severity: "error", file, message: decoded.message, fix: decoded.fix, ...(decoded.line ? { line: decoded.line } : {}) });
      continue;
    }
    const report = parseReport(file, decoded.text, problems);
    if (report && (options.drafts || !report.meta.draft)) loaded.push(report);
  }
  problems.push(...duplicateSlugs(loaded));
  if (files.length === 0) {
    problems.push({ severity: "error", file: ".", message: `no reports (*.md files) in ${dir}`, fix: "add reports, or pass --content with the folder that holds them" });
  }
  const reports = loaded.sort((a, b) => (a.day === b.day ? a.slug.localeCompare(b.slug) : a.day < b.day ? -1 : 1));
  return { reports, problems };
}

function duplicateSlugs(reports: LoadedReport[]): Problem[] {
  const bySlug = new Map<string, LoadedReport[]>();
  for (const r of reports) bySlug.set(r.slug, [...(bySlug.get(r.slug) ?? []), r]);
  const problems: Problem[] = [];
  for (const [slug, group] of bySlug) {
    if (group.length < 2) continue;
    const names = group.map((r) => r.file);
    for (const r of group) {
      problems.push({
        severity: "error",
        file: r.file,
        message: `the slug "${slug}" is claimed by ${names.length} reports: ${names.join(", ")}`,
        fix: "give each report its own slug: in the front matter, set a different slug: on all but one",
      });
    }
  }
  return problems;
}

/** Loads the content and throws a ContentError listing every error when there is any. */
export async function loadContentOrThrow(dir: string): Promise<LoadResult> {
  const result = await loadContent(dir);
  if (result.problems.some((p) => p.severity === "error")) throw new ContentError(result.problems, dir);
  return result;
}
