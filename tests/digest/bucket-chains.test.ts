import { describe, expect, it } from "vitest";
import { bucketChains } from "../../src/digest/minhash.ts";
import { prng } from "./synthetic.ts";

describe("bucketChains", () => {
  it("chains each item to the one before it in its bucket, for keys of every bit pattern", () => {
    const bands = 4;
    const rand = prng(9);
    // Few distinct keys per band so buckets hold several items; keys ≥ 2^31 and 0 included.
    const pool = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 1024, 2048];
    for (let i = 0; i < 300; i++) pool.push(Math.floor(rand() * 0x100000000));
    const n = 5000;
    const keysOf = Array.from({ length: n }, () => Uint32Array.from({ length: bands }, () => pool[Math.floor(rand() * pool.length)]!));
    const chains = bucketChains(keysOf, bands);
    let linked = 0;
    for (let band = 0; band < bands; band++) {
      // The reference: per key, the latest item seen so far.
      const latest = new Map<number, number>();
      for (let id = 0; id < n; id++) {
        const key = keysOf[id]![band]!;
        expect(chains[band * n + id]).toBe(latest.get(key) ?? -1);
        latest.set(key, id);
        if (chains[band * n + id]! >= 0) linked++;
      }
    }
    expect(linked).toBeGreaterThan(n * bands * 0.9);
    expect(bucketChains([], bands)).toEqual(new Int32Array(0));
  });
});
