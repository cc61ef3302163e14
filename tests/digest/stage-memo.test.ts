import { describe, expect, it } from "vitest";
import { StageMemo } from "../../src/digest/stage-memo.ts";

describe("StageMemo", () => {
  it("returns the last output while the inputs hold the same values, and runs again when one changes", () => {
    const memo = new StageMemo();
    let runs = 0;
    const sum = (inputs: Array<{ n: number }>) => memo.run("sum", inputs, () => (runs++, inputs.reduce((s, x) => s + x.n, 0)));
    const a = { n: 1 };
    const b = { n: 2 };
    expect(sum([a, b])).toBe(3);
    expect(sum([a, b])).toBe(3); // the same objects
    expect(sum([a, { n: 2 }])).toBe(3); // an equal object made anew (an edited report whose events did not change)
    expect(runs).toBe(1);
    expect(sum([a, { n: 5 }])).toBe(6);
    expect(sum([{ n: 5 }, a])).toBe(6); // another order is another input
    expect(sum([a])).toBe(1); // another length
    expect(runs).toBe(4);
    expect(memo.counts).toEqual({ ran: 4, reused: 2 });
  });

  it("keeps each stage apart, and forgets a stage whose run failed", () => {
    const memo = new StageMemo();
    const input = [1, 2];
    expect(memo.run("a", input, () => "a1")).toBe("a1");
    expect(memo.run("b", input, () => "b1")).toBe("b1");
    expect(memo.run("a", input, () => "a2")).toBe("a1");
    expect(() => memo.run("a", [3], () => { throw new Error("stage failed"); })).toThrow("stage failed");
    // The output made from [1, 2] is gone with the failed run: nothing stale can come back.
    expect(memo.run("a", input, () => "a3")).toBe("a3");
  });
});
