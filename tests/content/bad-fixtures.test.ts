import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { runCli } from "../helpers/cli.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BAD = path.join(ROOT, "tests/fixtures/bad");

type Expected = [severity: "error" | "warning", line: number | undefined, column: number | undefined, message: RegExp];

/** Every file of tests/fixtures/bad and what `check` must say about it. */
const EXPECTED: Record<string, Expected[]> = {
  "bad-slug.md": [["error", 4, 7, /^"slug" must be lower-case letters, digits and single hyphens/]],
  "bidi-title.md": [["warning", 2, 8, /^"title" contains invisible bidirectional control characters/]],
  "binary.md": [["error", 3, undefined, /^this is a binary file, not a Markdown report/]],
  "blank-line-first.md": [["error", 1, 1, /^the front matter must start on the first line, but a blank line comes before '---'$/]],
  "control-characters.md": [["warning", 6, undefined, /^2 invisible control characters were replaced by spaces/]],
  "duplicate-slug-one.md": [["error", 4, 7, /^the slug "convoy-reaches-border" is claimed by 2 reports: duplicate-slug-one\.md, duplicate-slug-two\.md$/]],
  "duplicate-slug-two.md": [["error", 4, 7, /^the slug "convoy-reaches-border" is claimed by 2 reports: duplicate-slug-one\.md, duplicate-slug-two\.md$/]],
  "empty.md": [["error", undefined, undefined, /^the file is empty$/]],
  "impossible-date.md": [["error", 3, 7, /^"date" "2024-13-45" is not a real calendar date/]],
  "latin1.md": [["error", 2, 11, /^the text is not valid UTF-8 \(first bad byte 0xe9 on line 2\)/]],
  "malformed-yaml.md": [["error", 2, 8, /^the front matter is not valid YAML: the quotation mark opened on this line is never closed$/]],
  "missing-date.md": [["error", 1, undefined, /^the front matter has no "date"$/]],
  "missing-title.md": [["error", 1, undefined, /^the front matter has no "title"$/]],
  "no-front-matter.md": [["error", 1, 1, /^the file has no front matter$/]],
  "no-text.md": [["error", 5, undefined, /^the report has no text after its front matter$/]],
  "title-not-text.md": [["error", 2, 8, /^"title" must be text, but it is a number$/]],
  "unclosed-front-matter.md": [["error", 1, 1, /^the front matter is never closed/]],
  "unknown-key.md": [["warning", 4, 1, /^unknown front-matter key "author" is ignored$/]],
  "utf16.md": [["error", 1, undefined, /^the text is UTF-16/]],
};

describe("the bad-input fixtures", () => {
  it("has an expectation for every fixture file and a fixture for every expectation", async () => {
    const files = (await readdir(BAD)).filter((f) => f.endsWith(".md") && f !== "README.md").sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it("each gets exactly its expected problems, with file, line, column and a fix", async () => {
    const { reports, problems } = await loadContent(BAD);
    for (const [file, expected] of Object.entries(EXPECTED)) {
      const got = problems.filter((p) => p.file === file);
      expect(got.map((p) => p.message), file).toHaveLength(expected.length);
      expected.forEach(([severity, line, column, message], i) => {
        const p = got[i]!;
        expect(p.severity, file).toBe(severity);
        expect(p.message, file).toMatch(message);
        expect(p.line, `${file} line`).toBe(line);
        expect(p.column, `${file} column`).toBe(column);
        expect(p.fix?.length, `${file} fix`).toBeGreaterThan(10);
      });
    }
    // Warnings alone do not stop a report: those three load (and the two duplicates, which only clash with each other).
    expect(reports.map((r) => r.file).sort()).toEqual(["bidi-title.md", "control-characters.md", "duplicate-slug-one.md", "duplicate-slug-two.md", "unknown-key.md"]);
    expect(reports.find((r) => r.file === "control-characters.md")!.body).toMatch(/vertical tab  and a form feed /);
  });

  it("`dateline check` lists them all at once and exits non-zero", async () => {
    const { code, stdout, stderr } = await runCli(["check", "--content", "tests/fixtures/bad"], ROOT);
    expect(code).toBe(1);
    const errors = Object.values(EXPECTED).flat().filter((e) => e[0] === "error").length;
    const warnings = Object.values(EXPECTED).flat().length - errors;
    expect(stdout).toBe(`${Object.keys(EXPECTED).length} files checked: ${errors} errors, ${warnings} warnings\n`);
    for (const [file, expected] of Object.entries(EXPECTED)) {
      for (const [severity, line, column, message] of expected) {
        const where = [`tests/fixtures/bad/${file}`, line, line !== undefined ? column : undefined].filter((x) => x !== undefined).join(":");
        const source = message.source.replace(/^\^/, "").replace(/\$$/, "");
        expect(stderr, file).toMatch(new RegExp(`^${where.replace(/[.]/g, "\\.")}: ${severity}: ${source}.*\\n    fix: .+$`, "m"));
      }
    }
    // Listed file by file, in order.
    const listed = [...stderr.matchAll(/^tests\/fixtures\/bad\/([^:]+):/gm)].map((m) => m[1]!);
    expect(listed).toEqual([...listed].sort());
  });

  it("a clean folder checks with exit 0", async () => {
    const { code, stdout, stderr } = await runCli(["check", "--content", "content"], ROOT);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ files checked: 0 errors, 0 warnings\n$/);
  });

  it("a missing content folder is a problem, not a crash", async () => {
    const { code, stderr } = await runCli(["check", "--content", "tests/fixtures/no-such-folder"], ROOT);
    expect(code).toBe(1);
    expect(stderr).toMatch(/the content folder .*no-such-folder does not exist/);
  });
});
