import { describe, expect, it } from "vitest";
import { COLLECT_FROM_REPORTS, collectGarbage, releaseFreedMemory } from "../../src/site/memory.ts";

describe("giving memory back between a build's phases", () => {
  it("collects the heap's garbage on a large site, and leaves a small one alone", () => {
    let garbage: Array<{ n: number; s: string }> | null = Array.from({ length: 400_000 }, (_, n) => ({ n, s: `item ${n}` }));
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(400_000);
    garbage = null;
    expect(collectGarbage(COLLECT_FROM_REPORTS - 1)).toBe(false);
    expect(collectGarbage(COLLECT_FROM_REPORTS)).toBe(true);
    // ~30 MB of objects and strings were let go.
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(15 * 2 ** 20);
    // `gc` was exposed for the collection only.
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

  it("trims the C allocator on glibc, and does nothing elsewhere", () => {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    const glibc = process.platform === "linux" && typeof header?.glibcVersionRuntime === "string";
    expect(releaseFreedMemory()).toBe(glibc);
  });
});
