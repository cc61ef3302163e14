import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timexIndex } from "../../src/digest/timex-index.ts";
import type { Timex } from "../../src/time/types.ts";

const timex = (start: number, end: number): Timex => ({ start, end, text: "x".repeat(end - start), type: "DATE", value: "2024" });

describe("timexIndex", () => {
  it("returns exactly the expressions overlapping a stretch, in their given order", () => {
    const spans = fc.array(fc.tuple(fc.nat(500), fc.integer({ min: 1, max: 40 })), { maxLength: 60 });
    fc.assert(
      fc.property(spans, fc.nat(540), fc.integer({ min: 0, max: 80 }), (list, start, length) => {
        const all = list.map(([s, n]) => timex(s, s + n));
        const end = start + length;
        expect(timexIndex(all)(start, end)).toEqual(all.filter((t) => t.start < end && start < t.end));
      }),
    );
  });

  it("answers many queries over a long paragraph without scanning every expression", () => {
    const all = Array.from({ length: 50_000 }, (_, i) => timex(i * 20, i * 20 + 8));
    const inside = timexIndex(all);
    const started = performance.now();
    let found = 0;
    for (let i = 0; i < 50_000; i++) found += inside(i * 20, i * 20 + 20).length;
    expect(found).toBe(50_000);
    // A scan per query would be 2.5 billion comparisons; the index needs a few per query.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
