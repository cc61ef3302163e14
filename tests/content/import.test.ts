import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { ImportError, parseRaw, toMarkdown } from "../../src/content/import.ts";
import { parseReport } from "../../src/content/load.ts";
import type { Problem } from "../../src/content/problems.ts";
import { runCli } from "../helpers/cli.ts";
import { tempDir } from "../helpers/tmp.ts";

const RAW = path.resolve(import.meta.dirname, "../fixtures/raw");
const raw = (name: string) => readFile(path.join(RAW, name), "utf8");

describe("parseRaw", () => {
  it("reads the date and the blank-line separated paragraphs", async () => {
    const report = parseRaw(await raw("normal.txt"), "normal.txt");
    expect(report.date).toBe("2024-03-14");
    expect(report.paragraphs).toHaveLength(4);
    expect(report.paragraphs[0]).toMatch(/^Floodwater closed the main road/);
  });

  it("skips leading whitespace before the date", async () => {
    const report = parseRaw(await raw("leading-whitespace.txt"));
    expect(report.date).toBe("2024-05-02");
    expect(report.paragraphs[0]).toMatch(/^Voters in the town/);
  });

  it("drops a byte-order mark and CRLF line endings", async () => {
    const text = await raw("crlf-bom.txt");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("\r\n");
    const report = parseRaw(text);
    expect(report.date).toBe("2024-02-07");
    expect(report.paragraphs.join("\n")).not.toMatch(/[\r\uFEFF]/);
    expect(report.paragraphs).toHaveLength(3);
  });

  it("treats each line as a paragraph when the file has no blank lines", async () => {
    const report = parseRaw(await raw("single-newlines.txt"));
    expect(report.paragraphs.length).toBeGreaterThan(2);
    expect(report.paragraphs[1]).toMatch(/^Road crews cleared one lane/);
  });

  it("keeps Arabic script byte for byte", async () => {
    const report = parseRaw(await raw("arabic-names.txt"));
    expect(report.paragraphs.join(" ")).toContain("دار دجلة للقراءة");
  });

  it("names the file, the line and the fix for a missing or impossible date", () => {
    expect(() => parseRaw("\n\nNo date here.", "wire/a.txt")).toThrowError(/wire\/a\.txt:3: .*must start with 'date YYYY-MM-DD'[\s\S]*fix:/);
    expect(() => parseRaw("date 2024-13-45 Text.", "b.txt")).toThrowError(ImportError);
    expect(() => parseRaw("date 2024-02-30 Text.", "b.txt")).toThrowError(/b\.txt:1: "2024-02-30" is not a real calendar date/);
    expect(() => parseRaw("date 2024-02-03   \n\n", "c.txt")).toThrowError(/no text/);
  });
});

describe("toMarkdown", () => {
  it("writes front matter the loader accepts, with a derived headline and summary", async () => {
    const imported = toMarkdown(parseRaw(await raw("long-lede.txt")), "long-lede.txt");
    const problems: Problem[] = [];
    const loaded = parseReport(imported.fileName, imported.markdown, problems);
    expect(problems).toEqual([]);
    expect(loaded?.meta.title).toBe(imported.title);
    expect(imported.title.length).toBeLessThanOrEqual(90);
    expect(loaded?.meta.date).toBe("2023-09-19");
    expect(loaded?.slug).toBe(imported.slug);
    expect(imported.slug).toMatch(/^2023-09-19-[a-z0-9-]+$/);
    expect(loaded?.meta.source).toBe("long-lede.txt");
    expect(loaded?.meta.summary).toMatch(/^A fire that broke out overnight/);
    expect(loaded?.body.trim().split(/\n\n/)).toHaveLength(4);
  });

  it("escapes text that Markdown would read as syntax", () => {
    const imported = toMarkdown({ date: "2024-01-01", paragraphs: ["Prices rose 5% *overnight* <b>sharply</b>.", "# not a heading", "1. not a list"] }, "x.txt");
    const { content } = matter(imported.markdown);
    expect(content).toContain("\\*overnight\\*");
    expect(content).toContain("\\<b\\>sharply\\</b\\>");
    expect(content).toContain("\\# not a heading");
    expect(content).toContain("1\\. not a list");
  });
});

describe("dateline import", () => {
  it("imports every fixture, and a second import creates nothing new", async () => {
    const out = await tempDir();
    const files = (await readdir(RAW)).filter((f) => f.endsWith(".txt")).map((f) => path.join(RAW, f));
    const first = await runCli(["import", ...files, "--out", out]);
    expect(first.code).toBe(0);
    expect(first.stdout.match(/^imported/gm)).toHaveLength(files.length);
    const written = (await readdir(out)).sort();
    expect(written).toHaveLength(files.length);

    const second = await runCli(["import", ...files, "--out", out]);
    expect(second.code).toBe(0);
    expect(second.stdout.match(/^unchanged/gm)).toHaveLength(files.length);
    expect((await readdir(out)).sort()).toEqual(written);
  });

  it("keeps the editor's title when a corrected wire text is imported again", async () => {
    const out = await tempDir();
    const wire = path.join(out, "wire.txt");
    await writeFile(wire, "date 2024-03-01 The council approved the new budget on Thursday.\n\nSpending rises 4 percent.\n");
    await runCli(["import", wire, "--out", path.join(out, "content")]);
    const [file] = await readdir(path.join(out, "content"));
    const target = path.join(out, "content", file!);
    const edited = (await readFile(target, "utf8")).replace(/^title: .*$/m, 'title: "Council passes budget"');
    await writeFile(target, edited);
    await writeFile(wire, "date 2024-03-01 The council approved the new budget on Thursday.\n\nSpending rises 4.5 percent.\n");
    const again = await runCli(["import", wire, "--out", path.join(out, "content")]);
    expect(again.stdout).toMatch(/^updated/m);
    expect(await readdir(path.join(out, "content"))).toHaveLength(1);
    const text = await readFile(target, "utf8");
    expect(text).toContain('title: "Council passes budget"');
    expect(text).toContain("4.5 percent");
  });

  it("reports every bad file at once and still imports the good ones", async () => {
    const out = await tempDir();
    const bad1 = path.join(out, "bad1.txt");
    const bad2 = path.join(out, "bad2.txt");
    await writeFile(bad1, "no date line\n");
    await writeFile(bad2, "date 2023-02-29 Not a leap year.\n");
    const result = await runCli(["import", bad1, path.join(RAW, "normal.txt"), bad2, "--out", path.join(out, "c")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("bad1.txt:1");
    expect(result.stderr).toContain("bad2.txt:1");
    expect(result.stderr).toMatch(/2 files could not be imported/);
    expect(await readdir(path.join(out, "c"))).toHaveLength(1);
  });

  it("prints help", async () => {
    const result = await runCli(["import", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: dateline import FILE… \[--out DIR\]/);
  });
});
