import { readFileSync, statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { parse as parseYaml, parseDocument, type Document } from "yaml";
import { KNOWN_KEYS, frontMatterSchema, type FrontMatter } from "./schema.ts";
import { decodeContent } from "./read-text.ts";
import { ContentError, type Problem } from "./problems.ts";
import { parseSimpleFrontMatter } from "./simple-front-matter.ts";
import { slugify } from "./slug.ts";
import { describeIssue, describeValue, fixFor, fixForMissing } from "./front-matter-issues.ts";
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
  /** Line and column of the `slug:` value, when the front matter sets one. */
  slugAt?: { line: number; column: number };
}

export interface LoadResult {
  reports: LoadedReport[];
  problems: Problem[];
  /** How many report files were read (valid or not). */
  files?: number;
}

/** Every `*.md` below `dir`, sorted by relative path so builds do not depend on the file system's order. */
export async function listReportFiles(dir: string): Promise<string[]> {
  return (await scanContent(dir)).files;
}

/** Names that are skipped on purpose: notes and partials (`_x.md`) and folder READMEs. */
function skippedOnPurpose(name: string): boolean {
  return name.startsWith("_") || name.toLowerCase() === "readme.md";
}

/** Text files an editor may have meant as reports but that the build does not read. */
const NOT_READ = /\.(?:markdown|mdown|mkdn?|txt|text)$/i;

/**
 * The report files below `dir` (`.md` in any letter case, symbolic links followed), and a warning
 * for each file that looks like a report but would be silently left out, so none is lost.
 */
export async function scanContent(dir: string): Promise<{ files: string[]; problems: Problem[] }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const e of entries) {
    const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/");
    if (rel.split("/").some((part) => part.startsWith(".") || part === "node_modules")) continue;
    if (/\.md$/i.test(e.name)) {
      if (skippedOnPurpose(e.name)) continue;
      if (e.isFile()) files.push(rel);
      else if (e.isSymbolicLink()) {
        try {
          if ((await stat(path.join(dir, rel))).isFile()) files.push(rel);
        } catch {
          problems.push({ severity: "error", file: rel, message: "this is a link to a file that does not exist", fix: "point the link at the report, or delete it" });
        }
      }
    } else if (e.isFile() && NOT_READ.test(e.name)) {
      problems.push({
        severity: "warning",
        file: rel,
        message: `this ${path.extname(e.name)} file is not read: only .md files are reports`,
        fix: /\.te?xt$/i.test(e.name)
          ? "import raw wire text with: dateline import FILE (it writes a .md report), or rename a Markdown report to .md"
          : "rename it to .md",
      });
    }
  }
  const byPath = (a: { file: string } | string, b: { file: string } | string) => {
    const x = typeof a === "string" ? a : a.file;
    const y = typeof b === "string" ? b : b.file;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return { files: files.sort(byPath), problems: problems.sort(byPath) };
}

/**
 * YAML 1.2 (the `yaml` package) reads front matter: dates stay the strings the editor wrote, so
 * 2024-13-45 is reported instead of silently rolling over to a real day, and errors carry lines.
 */
export const FRONT_MATTER_OPTIONS = {
  language: "yaml",
  // Warnings (unresolved tags, unknown directives) become problems in parseReport, not lines on stderr.
  engines: { yaml: { parse: (source: string) => (parseYaml(source, { logLevel: "error" }) ?? {}) as object } },
};

/**
 * The YAML Document the engine below read last, with its source: parseReport takes the
 * warnings from it instead of parsing the same front matter a second time (YAML parsing was
 * most of the loading time, issue 8).
 */
let lastYaml: KeptYaml | undefined;

interface KeptYaml {
  source: string;
  /** Null when the simple-front-matter fast path read it (no YAML, so no warnings). */
  doc: Document | null;
}

/** FRONT_MATTER_OPTIONS' engine (what `yaml`'s parse() does), keeping the parsed Document. */
function parseYamlKeeping(source: string): object {
  const simple = parseSimpleFrontMatter(source);
  if (simple) {
    lastYaml = { source, doc: null };
    return simple;
  }
  const doc = parseDocument(source, { logLevel: "error" });
  lastYaml = { source, doc };
  if (doc.errors.length > 0) throw doc.errors[0];
  return (doc.toJS() ?? {}) as object;
}

/** The front-matter engines gray-matter may use: YAML only. Its built-in `---js` engine runs code; here it throws. */
const ENGINES = {
  yaml: { parse: parseYamlKeeping },
  js: { parse: refuseEngine },
  javascript: { parse: refuseEngine },
  coffee: { parse: refuseEngine },
  json: { parse: refuseEngine },
  toml: { parse: refuseEngine },
};
function refuseEngine(): never {
  throw new Error("only YAML front matter is accepted");
}

/** Bidirectional formatting controls: invisible, and able to show text in a misleading order. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** Parses and validates one file's text. Problems are appended; returns the report when it has no error. */
export function parseReport(file: string, text: string, problems: Problem[]): LoadedReport | undefined {
  const before = problems.length;
  const error = (message: string, fix: string, line?: number, column?: number): void => {
    problems.push({ severity: "error", file, message, fix, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) });
  };
  const warn = (message: string, fix: string, line?: number, column?: number): void => {
    problems.push({ severity: "warning", file, message, fix, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) });
  };
  // An opening line "---  " (trailing spaces) is still an opening line; later lines keep their numbers.
  text = text.replace(/^---[ \t]+\n/, "---\n");
  if (!text.startsWith("---\n")) {
    const lead = /^(?:[ \t]*\n)+---[ \t]*\n/.exec(text);
    if (lead) {
      const blank = lead[0].split("\n").length - 2;
      error(
        `the front matter must start on the first line, but ${blank === 1 ? "a blank line comes" : `${blank} blank lines come`} before '---'`,
        `delete the blank line${blank === 1 ? "" : "s"} above the opening '---'`,
        1,
        1,
      );
    } else {
      error(
        /^---\S/.test(text) ? "the first line must be exactly '---' (other front-matter languages are not accepted)" : "the file has no front matter",
        "start the file with a front-matter block: a line '---', then 'title: …' and 'date: YYYY-MM-DD', then a line '---'",
        1,
        1,
      );
    }
    return undefined;
  }
  if (!/\n---/.test(text.slice(3))) {
    error(
      "the front matter is never closed: no line '---' after it",
      "add a line '---' after the last front-matter line (date:, title: …) and before the report's text",
      1,
      1,
    );
    return undefined;
  }
  let parsed: matter.GrayMatterFile<string>;
  lastYaml = undefined;
  try {
    // Passing options turns off gray-matter's whole-file cache, which would hold every report in memory.
    parsed = matter(text, { ...FRONT_MATTER_OPTIONS, engines: ENGINES });
  } catch (e) {
    // gray-matter hands YAML the text from the end of the opening '---' line, so YAML's line N is the file's line N.
    let pos = (e as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    const reason = e instanceof Error ? e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "") : String(e);
    const quote = /^Missing closing/.test(reason) ? unclosedQuote(text) : undefined;
    if (quote) pos = quote;
    error(
      `the front matter is not valid YAML: ${quote ? "the quotation mark opened on this line is never closed" : reason}`,
      "check the quoting and indentation on that line; values containing ': ' or starting with a quote must be wrapped in double quotes",
      pos?.line,
      pos?.col,
    );
    return undefined;
  }
  const fmLines = (parsed.matter ?? "").replace(/^\n/, "").split("\n");
  /** Line and column of a key's value (column of the key when the value is missing). */
  const keyAt = (key: string): { line?: number; column?: number } => {
    const i = fmLines.findIndex((l) => l.startsWith(`${key}:`));
    if (i === -1) return {};
    const rest = fmLines[i]!.slice(key.length + 1);
    const value = rest.length - rest.trimStart().length;
    return { line: i + 2, column: rest.trim() === "" ? 1 : key.length + 2 + value };
  };
  const raw: unknown = parsed.data;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || raw instanceof Date) {
    error(
      `the front matter must be "key: value" lines, but it is ${describeValue(raw)}`,
      "write one 'key: value' per line, e.g. title: \"…\" and date: 2024-01-06",
      2,
      1,
    );
    return undefined;
  }
  const data = raw as Record<string, unknown>;
  const source = parsed.matter ?? "";
  // Log levels only decide what is printed or thrown, so the engine's Document has these warnings.
  const kept = lastYaml as KeptYaml | undefined; // set by the engine during matter()
  const warnings = kept?.source === source ? (kept.doc?.warnings ?? []) : parseDocument(source, { logLevel: "silent" }).warnings;
  lastYaml = undefined;
  for (const w of warnings) {
    const pos = w.linePos?.[0];
    warn(
      `the front matter has YAML that is ignored: ${w.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
      "remove the tag or directive, and write the value as plain text",
      pos?.line,
      pos?.col,
    );
  }
  for (const key of Object.keys(data).sort()) {
    if (!KNOWN_KEYS.has(key)) {
      const at = keyAt(key);
      warn(`unknown front-matter key "${key}" is ignored`, `remove it, or use one of: ${[...KNOWN_KEYS].join(", ")}`, at.line, at.line ? 1 : undefined);
    }
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (seen.has(key)) continue;
      seen.add(key);
      if (!(key in data)) {
        error(`the front matter has no "${key}"`, fixForMissing(key), 1);
        continue;
      }
      const at = keyAt(key);
      error(describeIssue(key, data[key], issue), fixFor(key, data[key]), at.line, at.column);
    }
  }
  for (const key of ["title", "summary", "source", "slug", "tags", "threads"]) {
    const value = data[key];
    const texts = Array.isArray(value) ? value : [value];
    if (texts.some((t) => typeof t === "string" && BIDI_CONTROL.test(t))) {
      const at = keyAt(key);
      warn(
        `"${key}" contains invisible bidirectional control characters (U+202A–U+202E, U+2066–U+2069) that can display text in a misleading order`,
        "delete them: right-to-left text such as Arabic displays correctly without them",
        at.line,
        at.column,
      );
    }
  }
  const bodyLine = text.slice(0, text.length - parsed.content.length).split("\n").length;
  if (parsed.content.trim() === "") {
    error("the report has no text after its front matter", "write the report's paragraphs below the closing '---'", bodyLine);
  }
  if (!result.success || problems.slice(before).some((p) => p.severity === "error")) return undefined;
  const meta = result.data as FrontMatter & { date: string };
  const stem = path.posix.basename(file).replace(/\.md$/i, "");
  const slugAt = keyAt("slug");
  return {
    ...(meta.slug && slugAt.line && slugAt.column ? { slugAt: { line: slugAt.line, column: slugAt.column } } : {}),
    file,
    slug: meta.slug ?? (slugify(stem) || "report"),
    meta,
    day: utcDay(meta.date),
    body: parsed.content,
    bodyLine,
  };
}

/**
 * Larger files are refused with a clear error instead of exhausting memory: a report of several
 * megabytes builds, but a 2 GB file dropped into content/ by mistake must not take the build down.
 */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;

/** Loads and validates every report below `dir`; collects every problem rather than stopping at the first. */
export async function loadContent(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const problems: Problem[] = [];
  let files: string[];
  try {
    const scanned = await scanContent(dir);
    files = scanned.files;
    problems.push(...scanned.problems);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problems.push({
      severity: "error",
      file: ".",
      message: code === "ENOENT" ? `the content folder ${dir} does not exist` : code === "ENOTDIR" ? `${dir} is a file, not a folder` : `cannot read the content folder ${dir} (${code ?? String(e)})`,
      fix: "pass --content with the folder that holds the reports",
    });
    return { reports: [], problems, files: 0 };
  }
  const loaded: LoadedReport[] = [];
  for (const file of files) {
    const read = readReportFile(path.join(dir, file));
    const outcome = read.ok ? (options.memo ? options.memo.parse(file, read.bytes, parseFile) : parseFile(file, read.bytes)) : { problems: [fileError(file, read)] };
    problems.push(...outcome.problems);
    const report = outcome.report;
    if (report && (options.drafts || !report.meta.draft)) loaded.push(report);
  }
  problems.push(...duplicateSlugs(loaded));
  if (files.length === 0) {
    problems.push({ severity: "error", file: ".", message: `no reports (*.md files) in ${dir}`, fix: "add reports, or pass --content with the folder that holds them" });
  }
  const reports = loaded.sort((a, b) => (a.day === b.day ? a.slug.localeCompare(b.slug) : a.day < b.day ? -1 : 1));
  return { reports, problems, files: files.length };
}

/** What one file's bytes make: the report when it is valid, and every problem found in it. */
export interface ParseOutcome {
  report?: LoadedReport;
  problems: Problem[];
}

/**
 * Remembers what files' bytes made between builds (src/digest/parse-cache.ts), so that a
 * rebuild re-parses only the files that changed (issue 8: parsing and validating front matter
 * was half a second at 4,000 reports). `parse` must return exactly what `compute(file, bytes)`
 * returns, problems included: every warning is reported on every build.
 */
export interface ParseMemo {
  parse(file: string, bytes: Uint8Array, compute: (file: string, bytes: Uint8Array) => ParseOutcome): ParseOutcome;
}

export interface LoadOptions {
  /** Keep drafts (they are left out by default). */
  drafts?: boolean;
  memo?: ParseMemo;
}

/** Decodes and validates one file's bytes. Pure: the outcome depends only on the name and bytes. */
export function parseFile(file: string, bytes: Uint8Array): ParseOutcome {
  const decoded = decodeContent(bytes);
  if (!decoded.ok) return { problems: [fileError(file, decoded)] };
  const problems: Problem[] = [];
  if (decoded.controls) {
    const { count, line } = decoded.controls;
    problems.push({
      severity: "warning",
      file,
      line,
      message: `${count} invisible control character${count === 1 ? " was" : "s were"} replaced by spaces (the first on this line)`,
      fix: "paste the text as plain text, or delete the stray characters in your editor",
    });
  }
  const report = parseReport(file, decoded.text, problems);
  return report ? { report, problems } : { problems };
}

type FileFailure = { message: string; fix: string; line?: number; column?: number };

function fileError(file: string, failure: FileFailure): Problem {
  return {
    severity: "error",
    file,
    message: failure.message,
    fix: failure.fix,
    ...(failure.line ? { line: failure.line } : {}),
    ...(failure.line && failure.column ? { column: failure.column } : {}),
  };
}

/** Reads one file; unreadable and oversized files become problems, not exceptions. */
function readReportFile(file: string): ({ ok: true; bytes: Uint8Array }) | ({ ok: false } & FileFailure) {
  try {
    // Synchronous reads: files are read one after another anyway, and the promise API's
    // machinery cost more CPU than the reading (issue 8).
    const { size } = statSync(file);
    if (size > MAX_REPORT_BYTES) {
      return {
        ok: false,
        message: `the file is ${(size / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_REPORT_BYTES / 1024 / 1024} MB a report may be`,
        fix: "split it into several reports, or remove it if it is not a report",
      };
    }
    return { ok: true, bytes: readFileSync(file) };
  } catch (e) {
    return { ok: false, message: `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, fix: "check that the file exists and that you may read it" };
  }
}

/** YAML reports an unclosed quote where the text ends; editors need the line where it opens. */
function unclosedQuote(text: string): { line: number; col: number } | undefined {
  const lines = text.split("\n");
  for (let i = 1; i < lines.length && lines[i] !== "---"; i++) {
    const m = /^([A-Za-z_][\w-]*:[ \t]*)(["'])(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const [, key, quote, rest] = m;
    const closed = quote === '"' ? /(?:^|[^\\])(?:\\\\)*"/.test(rest!) : /'/.test(rest!.replace(/''/g, ""));
    if (!closed) return { line: i + 1, col: key!.length + 1 };
  }
  return undefined;
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
        ...(r.slugAt ? { line: r.slugAt.line, column: r.slugAt.column } : {}),
        message: `the slug "${slug}" is claimed by ${names.length} reports: ${names.join(", ")}`,
        fix: r.slugAt
          ? "give each report its own slug: change slug: on all but one"
          : "give each report its own slug: rename all but one file, or set a different slug: in its front matter",
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
