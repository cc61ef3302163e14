import { describe, expect, it } from "vitest";
import { StageMemo, perObjectWith, sameData } from "../../src/digest/stage-memo.ts";

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

  it("hands back last time's object for a value equal to it, and forgets keys no longer given", () => {
    const memo = new StageMemo();
    const a1 = { links: [{ report: "a", paragraph: "p1" }] };
    const b1 = { links: [] };
    expect(memo.keepEqual("links", [["a", a1], ["b", b1]])).toEqual([a1, b1]);
    const a2 = structuredClone(a1);
    const b2 = { links: [{ report: "a", paragraph: "p2" }] };
    const [a, b] = memo.keepEqual("links", [["a", a2], ["b", b2]]);
    expect(a).toBe(a1); // equal: the object of the last build
    expect(b).toBe(b2); // changed: the new one, kept for next time
    expect(memo.keepEqual("links", [["b", structuredClone(b2)]])[0]).toBe(b2);
    // "a" was not given last time: an equal value is new again.
    expect(memo.keepEqual("links", [["a", structuredClone(a1)]])[0]).not.toBe(a1);
    expect(memo.keepEqual("other", [["b", structuredClone(b2)]])[0]).not.toBe(b2); // names kept apart
  });
});

describe("sameData", () => {
  it("compares values as their JSON would read, key order included", () => {
    expect(sameData({ a: [1, "x", null], b: { c: true } }, { a: [1, "x", null], b: { c: true } })).toBe(true);
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false); // another JSON text
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData({ a: { b: "x" } }, { a: { b: "y" } })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData(1, "1")).toBe(false);
    expect(sameData(new Map(), {})).toBe(false);
    // Objects whose contents are not their keys are compared by their contents.
    expect(sameData({ at: new Date(Date.UTC(2024, 0, 5)) }, { at: new Date(Date.UTC(2024, 0, 6)) })).toBe(false);
    expect(sameData({ at: new Date(Date.UTC(2024, 0, 5)) }, { at: new Date(Date.UTC(2024, 0, 5)) })).toBe(true);
    expect(sameData(new Map([["a", 1]]), new Map([["a", 2]]))).toBe(false);
    expect(sameData(new Set(["a"]), new Set(["a"]))).toBe(true);
    expect(sameData(Uint32Array.of(1, 2), Uint32Array.of(1, 3))).toBe(false);
  });
});

describe("perObjectWith", () => {
  it("makes a value again only when its owner's inputs are other values or objects than last time", () => {
    const pageOf = perObjectWith<{ name: string }, { title: string }>();
    let made = 0;
    const page = (owner: { name: string }, inputs: unknown[]) => pageOf(owner, inputs, () => (made++, { title: `${owner.name} ${inputs.length}` }));
    const owner = { name: "a" };
    const event = { id: "e1" };
    const first = page(owner, [event, "site"]);
    expect(page(owner, [event, "site"])).toBe(first); // the same objects and strings
    expect(made).toBe(1);
    expect(page(owner, [{ id: "e1" }, "site"])).not.toBe(first); // an equal object is another input
    expect(page(owner, [event])).not.toBe(first);
    expect(page({ name: "a" }, [event])).not.toBe(page(owner, [event])); // kept per owner
    expect(made).toBe(4);
  });
});
