import { describe, expect, it } from "vitest";
import { findNumbers, findQuantities, parseNumber } from "../../src/digest/numbers.ts";

describe("parseNumber", () => {
  it.each([
    ["66", 66],
    ["2,500", 2500],
    ["2.5 thousand", 2500],
    ["1.2 million", 1_200_000],
    ["1.1 million", 1_100_000],
    ["3 billion", 3_000_000_000],
    ["sixty-six", 66],
    ["sixty", 60],
    ["Three", 3],
    ["twelve", 12],
    ["two hundred and five", 205],
    ["two thousand five hundred", 2500],
    ["a dozen", 12],
    ["two dozen", 24],
    ["a hundred", 100],
    ["a thousand", 1000],
    ["66 times", 66],
  ])("reads %j as %d", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(["a month", "troops", "1,50", "66 and 67", ""])("rejects %j", (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe("findNumbers", () => {
  it("gives offsets into the text and marks counts of occurrences", () => {
    const text = "They were attacked 66 times, and 2.5 thousand troops stayed.";
    const found = findNumbers(text);
    expect(found.map((n) => [text.slice(n.start, n.end), n.value, n.times])).toEqual([
      ["66 times", 66, true],
      ["2.5 thousand", 2500, false],
    ]);
  });

  it("does not read a comma after a number as a thousands separator", () => {
    expect(findNumbers("since October 17, with 60 hurt").map((n) => n.value)).toEqual([17, 60]);
  });
});

describe("findQuantities", () => {
  it("attaches the qualifier written before the number", () => {
    const text = "at least 60 people, more than 150 attacks, about 2,000 troops, over a dozen sites, nearly sixty-six, exactly 3";
    expect(findQuantities(text).map((q) => [q.value, q.qualifier, text.slice(q.qualifierStart, q.end)])).toEqual([
      [60, "at least", "at least 60"],
      [150, "more than", "more than 150"],
      [2000, "about", "about 2,000"],
      [12, "more than", "over a dozen"],
      [66, "about", "nearly sixty-six"],
      [3, "exactly", "3"],
    ]);
    expect(findQuantities("its count had passed 100").map((q) => [q.value, q.qualifier])).toEqual([[100, "more than"]]);
  });
});

describe("findNumbers on any text", () => {
  it("returns in-bounds, ordered, non-overlapping spans with finite values and never throws", async () => {
    const fc = await import("fast-check");
    const words = fc.constantFrom("at", "least", "66", "2,500", "2.5", "thousand", "a", "dozen", "sixty-six", "and", "times", "one", "hundred", ",", ".", "1,50", "troops", "over", "\u2019", "\n");
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(words).map((w) => w.join(" "))), (text) => {
        let last = 0;
        for (const q of findQuantities(text)) {
          expect(q.start).toBeGreaterThanOrEqual(last);
          expect(q.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(q.start, q.end)).toBe(q.text);
          expect(q.qualifierStart).toBeLessThanOrEqual(q.start);
          expect(Number.isFinite(q.value)).toBe(true);
          last = q.end;
        }
      }),
      { numRuns: 500 },
    );
  });
});
