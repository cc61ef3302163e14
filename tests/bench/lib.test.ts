import { describe, expect, it } from "vitest";
import { median, ratio } from "../../bench/lib/stats.ts";
import { fmt, markdownTable } from "../../bench/lib/table.ts";

describe("bench statistics", () => {
  it("takes the middle value, or the mean of the middle two, regardless of order", () => {
    expect(median([3.2, 1.1, 2.5])).toBe(2.5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("gives no ratio when a side is missing or the divisor is zero", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(1, null)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
  });
});

describe("bench table", () => {
  it("aligns a Markdown table and prints n/a for missing figures", () => {
    const table = markdownTable(["N", "seconds"], [["1,000", fmt(2.345)], ["4,000", fmt(null)]]);
    expect(table.split("\n")).toEqual([
      "| N     | seconds |",
      "|-------|--------:|",
      "| 1,000 |    2.35 |",
      "| 4,000 |     n/a |",
    ]);
  });
});
