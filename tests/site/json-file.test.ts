import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import { digestExport } from "../../src/digest/export.ts";
import { JsonTexts, prettyJsonPieces, writePrettyJson } from "../../src/site/json-file.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const pretty = (value: unknown) => [...prettyJsonPieces(value)].join("");

describe("JSON written piece by piece", () => {
  it("is JSON.stringify(value, null, 2) byte for byte, whatever the shapes at the levels it lays out", () => {
    const cases: unknown[] = [
      {},
      [],
      { a: [], b: {}, c: [[]], d: [{}] },
      { list: [1, "two", null, true, { deep: { deeper: [1, [2, { x: "y" }]] } }], text: "line\nbreak \"quoted\" “curly” ¶ \u2028" },
      { skipped: undefined, fn: () => 1, kept: 0, inArray: [undefined, () => 1, Symbol("s")] },
      [{ a: 1 }, [{ b: [] }], "s", 3.5, -0, null],
      { date: new Date(Date.UTC(2024, 0, 5)), nested: { when: new Date(Date.UTC(2023, 11, 1)) } },
      "plain string",
      42,
      null,
    ];
    for (const value of cases) expect(pretty(value)).toBe(JSON.stringify(value, null, 2));
  });

  it("writes the digest export as JSON.stringify would, with a final line break", async () => {
    const { digest } = await buildDigest(path.join(ROOT, "content"));
    const value = digestExport(digest);
    const file = path.join(await tempDir(), "digest.json");
    writePrettyJson(file, value);
    expect(await readFile(file, "utf8")).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it("with kept texts, writes an object met before from its text, and anything new afresh, to the same bytes", async () => {
    let reads = 0;
    const counted = { get n() { reads++; return 1; } };
    const first = { list: [counted, { a: "x “quoted” é ✓" }], other: [[1, 2]] };
    const texts = new JsonTexts();
    const file = path.join(await tempDir(), "kept.json");
    writePrettyJson(file, first, texts);
    expect(reads).toBe(1);
    // The same element objects in a new container, one replaced by another value.
    const second = { list: [counted, { a: "changed" }, { b: [true] }], other: first.other };
    const want = `${JSON.stringify(second, null, 2)}\n`; // reads it once more
    writePrettyJson(file, second, texts);
    expect(reads).toBe(2); // not stringified again by the write
    expect(await readFile(file, "utf8")).toBe(want);
    // At another depth the same object is laid out anew (its text is indented differently).
    const wantList = `${JSON.stringify([counted], null, 2)}\n`;
    writePrettyJson(file, [counted], texts);
    expect(await readFile(file, "utf8")).toBe(wantList);
    expect(reads).toBe(4);
  });

  it("makes the export's entries once per report, event and entity of the digest", async () => {
    const { digest } = await buildDigest(path.join(ROOT, "content"));
    const [a, b] = [digestExport(digest), digestExport(digest)];
    expect(a).not.toBe(b);
    expect(b.reports.every((r, i) => r === a.reports[i])).toBe(true);
    expect(b.events.every((e, i) => e === a.events[i])).toBe(true);
    expect(b.entities.every((e, i) => e === a.entities[i])).toBe(true);
    // An equal report made anew is another source: its entry is made for it.
    const copy = structuredClone(digest);
    expect(digestExport(copy).reports[0]).not.toBe(a.reports[0]);
    expect(digestExport(copy).reports[0]).toEqual(a.reports[0]);
  });
});
