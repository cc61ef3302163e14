import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import { digestExport } from "../../src/digest/export.ts";
import { prettyJsonPieces, writePrettyJson } from "../../src/site/json-file.ts";
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
});
