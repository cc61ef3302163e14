import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent, parseReport } from "../../src/content/load.ts";
import { formatProblem, type Problem } from "../../src/content/problems.ts";
import { tempDir } from "../helpers/tmp.ts";

const VALID = `---\ntitle: "Council passes budget"\ndate: 2024-03-01\ntags: [city, budget]\n---\n\nThe council approved the budget.\n`;

function parse(text: string, file = "a.md"): { report: ReturnType<typeof parseReport>; problems: Problem[] } {
  const problems: Problem[] = [];
  return { report: parseReport(file, text, problems), problems };
}

describe("parseReport", () => {
  it("accepts a valid report and derives the slug from the file name", () => {
    const { report, problems } = parse(VALID, "2024/03/council-budget.md");
    expect(problems).toEqual([]);
    expect(report).toMatchObject({ slug: "council-budget", day: "2024-03-01", meta: { title: "Council passes budget", tags: ["city", "budget"] } });
    expect(report?.bodyLine).toBe(6);
  });

  it("keeps a date-time and derives the UTC day from it", () => {
    const { report } = parse(VALID.replace("2024-03-01", '"2024-03-01T23:30:00-05:00"'));
    expect(report?.meta.date).toBe("2024-03-01T23:30:00-05:00");
    expect(report?.day).toBe("2024-03-02");
  });

  it("rejects impossible dates with the line and a fix", () => {
    const { report, problems } = parse(VALID.replace("2024-03-01", "2024-13-45"));
    expect(report).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: "error", line: 3 });
    expect(problems[0]!.message).toMatch(/"2024-13-45" is not a real calendar date/);
    expect(problems[0]!.fix).toMatch(/YYYY-MM-DD/);
  });

  it("reports malformed YAML with its line and column", () => {
    const { problems } = parse(`---\ntitle: "Unclosed\ndate: 2024-03-01\n---\n\nText.\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/not valid YAML/);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
    expect(problems[0]!.column).toBeGreaterThan(0);
  });

  it("reports every missing field at once, and unknown keys as warnings", () => {
    const { problems } = parse(`---\nauthor: someone\n---\n\nText.\n`);
    const errors = problems.filter((p) => p.severity === "error").map((p) => p.message);
    expect(errors).toEqual(expect.arrayContaining(['the front matter has no "title"', 'the front matter has no "date"']));
    const warning = problems.find((p) => p.severity === "warning");
    expect(warning).toMatchObject({ line: 2 });
    expect(warning!.message).toMatch(/unknown front-matter key "author"/);
  });

  it("rejects slugs that could leave the output folder", () => {
    for (const slug of ["../../etc", "a/b", "UPPER", "a--b", "-x"]) {
      const { report, problems } = parse(VALID.replace("tags:", `slug: "${slug}"\ntags:`));
      expect(report, slug).toBeUndefined();
      expect(problems[0]!.message).toMatch(/"slug" must be lower-case/);
    }
  });

  it("requires front matter and a body", () => {
    expect(parse("Just text.\n").problems[0]!.message).toMatch(/no front matter/);
    expect(parse(`---\ntitle: T\ndate: 2024-01-01\n---\n\n   \n`).problems[0]!.message).toMatch(/no text after its front matter/);
  });

  it("points YAML errors at the file's own line and column", () => {
    const { problems } = parse(`---\ntitle: Talks: day two\ndate: 2024-03-01\n---\n\nText.\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, column: 8 });
    const dup = parse(`---\ntitle: A\ntitle: B\ndate: 2024-03-01\n---\n\nText.\n`).problems;
    expect(dup[0]).toMatchObject({ line: 3, column: 1 });
    expect(dup[0]!.message).toMatch(/Map keys must be unique/);
  });

  it("never runs front matter as code: only YAML is read", () => {
    const g = globalThis as { __datelinePwned?: number };
    for (const open of ["---js", "---javascript", "--- js"]) {
      const text = `${open}\n{ title: (globalThis.__datelinePwned = 1, "x"), date: "2024-01-01" }\n---\n\nText.\n`;
      const { report, problems } = parse(text);
      expect(report, open).toBeUndefined();
      expect(problems[0]!.severity).toBe("error");
    }
    expect(g.__datelinePwned).toBeUndefined();
  });

  it("explains front matter that is not a set of keys, and values of the wrong kind", () => {
    expect(parse(`---\njust a sentence\n---\n\nText.\n`).problems[0]!.message).toBe('the front matter must be "key: value" lines, but it is text');
    expect(parse(`---\n- a\n- b\n---\n\nText.\n`).problems[0]!.message).toBe('the front matter must be "key: value" lines, but it is a list');
    const { problems } = parse(`---\ntitle: [a, b]\ndate:\ntags: [iraq, 2024]\ndraft: maybe\n---\n\nText.\n`);
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 8, '"title" must be text, but it is a list'],
      [3, 1, '"date" is empty'],
      [4, 7, '"tags" must be a list of words, but one item is a number (2024)'],
      [5, 8, '"draft" must be true or false, but it is text'],
    ]);
  });

  it("refuses a YAML alias bomb with an error instead of expanding it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    const { report, problems } = parse(`---\ntitle: T\ndate: 2024-01-01\n${levels.join("\n")}\n---\n\nText.\n`);
    expect(report).toBeUndefined();
    expect(problems[0]!.message).toMatch(/not valid YAML: Excessive alias count/);
  });

  it("reports YAML tags it ignores as a warning with the line, and never runs them", () => {
    const { report, problems } = parse(VALID.replace('"Council passes budget"', "!!js/function Council passes budget"));
    expect(report?.meta.title).toBe("Council passes budget");
    expect(problems).toEqual([
      expect.objectContaining({ severity: "warning", line: 2, column: 8, message: "the front matter has YAML that is ignored: Unresolved tag: tag:yaml.org,2002:js/function" }),
    ]);
  });

  it("accepts trailing spaces on the opening line and ignores __proto__ keys", () => {
    const { report, problems } = parse(VALID.replace(/^---\n/, "---  \n").replace("tags:", "__proto__: {polluted: 1}\ntags:"));
    expect(report?.meta.title).toBe("Council passes budget");
    expect(problems.map((p) => p.message)).toEqual(['unknown front-matter key "__proto__" is ignored']);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  it("formats a problem as file:line:column with the fix", () => {
    expect(formatProblem({ severity: "error", file: "a.md", line: 3, column: 7, message: "bad", fix: "do this" }, "content")).toBe(
      "content/a.md:3:7: error: bad\n    fix: do this",
    );
  });
});

describe("loadContent", () => {
  it("collects every problem in the folder, names both files of a duplicate slug, and reads BOM/CRLF files", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "sub"));
    await writeFile(path.join(dir, "good.md"), VALID);
    await writeFile(path.join(dir, "crlf.md"), `\uFEFF${VALID.replace(/\n/g, "\r\n").replace("Council passes", "Mayor signs")}`);
    await writeFile(path.join(dir, "sub", "good.md"), VALID);
    await writeFile(path.join(dir, "empty.md"), "");
    await writeFile(path.join(dir, "binary.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(path.join(dir, "latin1.md"), Buffer.concat([Buffer.from(VALID.replace("budget.", "budget, caf")), Buffer.from([0xe9, 0x0a])]));
    await writeFile(path.join(dir, "notes.txt"), "ignored");
    const { reports, problems } = await loadContent(dir);

    const byFile = (file: string) => problems.filter((p) => p.file === file && p.severity === "error").map((p) => p.message);
    expect(byFile("empty.md")).toEqual(["the file is empty"]);
    expect(byFile("binary.md")[0]).toMatch(/binary file/);
    expect(byFile("latin1.md")[0]).toMatch(/not valid UTF-8 \(first bad byte 0xe9 on line 8\)/);
    expect(byFile("good.md")[0]).toBe('the slug "good" is claimed by 2 reports: good.md, sub/good.md');
    expect(byFile("sub/good.md")[0]).toBe('the slug "good" is claimed by 2 reports: good.md, sub/good.md');
    const crlf = reports.find((r) => r.file === "crlf.md");
    expect(crlf?.meta.title).toBe("Mayor signs budget");
    expect(crlf?.body).not.toMatch(/\r/);
  });

  it("loses no report: reads .MD and linked files, and warns about files it does not read", async () => {
    const dir = await tempDir();
    const elsewhere = await tempDir();
    await writeFile(path.join(dir, "Upper.MD"), VALID);
    await writeFile(path.join(elsewhere, "shared.md"), VALID.replace("tags:", "slug: shared\ntags:"));
    await symlink(path.join(elsewhere, "shared.md"), path.join(dir, "linked.md"));
    await symlink(path.join(elsewhere, "missing.md"), path.join(dir, "dangling.md"));
    await writeFile(path.join(dir, "wire.txt"), "date 2024-03-01 Text.\n");
    await writeFile(path.join(dir, "draft.markdown"), VALID);
    await writeFile(path.join(dir, "_notes.md"), "not a report");
    await mkdir(path.join(dir, ".git"));
    await writeFile(path.join(dir, ".git", "x.md"), "not a report");
    const { reports, problems, files } = await loadContent(dir);
    expect(files).toBe(2);
    expect(reports.map((r) => [r.file, r.slug]).sort()).toEqual([["Upper.MD", "upper"], ["linked.md", "shared"]]);
    expect(problems.map((p) => [p.file, p.severity, p.message])).toEqual([
      ["dangling.md", "error", "this is a link to a file that does not exist"],
      ["draft.markdown", "warning", "this .markdown file is not read: only .md files are reports"],
      ["wire.txt", "warning", "this .txt file is not read: only .md files are reports"],
    ]);
    expect(problems.find((p) => p.file === "wire.txt")!.fix).toMatch(/dateline import/);
  });

  it("leaves drafts out", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "a.md"), VALID);
    await writeFile(path.join(dir, "b.md"), VALID.replace("tags:", "draft: true\nslug: b\ntags:"));
    const { reports, problems } = await loadContent(dir);
    expect(problems).toEqual([]);
    expect(reports.map((r) => r.slug)).toEqual(["a"]);
  });
});
