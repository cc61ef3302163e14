import { describe, expect, it } from "vitest";
import { LshIndex, bucketChains } from "../../src/digest/minhash.ts";
import { prng } from "./synthetic.ts";

describe("LshIndex", () => {
  it("lists each bucket's items most recent first, through growth and keys of every bit pattern", () => {
    const bands = 3;
    const rand = prng(5);
    // Few distinct keys per band so buckets hold several items; keys ≥ 2^31 and 0 included.
    const pool = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 1024, 2048];
    for (let i = 0; i < 200; i++) pool.push(Math.floor(rand() * 0x100000000));
    const reference: Map<number, number[]>[] = Array.from({ length: bands }, () => new Map());
    const index = new LshIndex(bands); // no size given: the tables grow several times
    const n = 3000;
    for (let id = 0; id < n; id++) {
      const keys = Uint32Array.from({ length: bands }, () => pool[Math.floor(rand() * pool.length)]!);
      index.add(id, keys);
      keys.forEach((key, band) => {
        const list = reference[band]!.get(key) ?? [];
        list.push(id);
        reference[band]!.set(key, list);
      });
    }
    for (let band = 0; band < bands; band++) {
      for (const [key, ids] of reference[band]!) {
        const walked: number[] = [];
        for (let id = index.latest(band, key); id !== -1; id = index.previous(id, band)) walked.push(id);
        expect(walked).toEqual([...ids].reverse());
      }
      let absent = 12345;
      while (pool.includes(absent)) absent++;
      expect(index.latest(band, absent)).toBe(-1);
    }
  });
});

describe("bucketChains", () => {
  it("chains each item to the one before it in its bucket, as LshIndex.previous does, for keys of every bit pattern", () => {
    const bands = 4;
    const rand = prng(9);
    const pool = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 1024, 2048];
    for (let i = 0; i < 300; i++) pool.push(Math.floor(rand() * 0x100000000));
    const n = 5000;
    const keysOf = Array.from({ length: n }, () => Uint32Array.from({ length: bands }, () => pool[Math.floor(rand() * pool.length)]!));
    const index = new LshIndex(bands);
    keysOf.forEach((keys, id) => index.add(id, keys));
    const chains = bucketChains(keysOf, bands);
    let linked = 0;
    for (let band = 0; band < bands; band++) {
      for (let id = 0; id < n; id++) {
        expect(chains[band * n + id]).toBe(index.previous(id, band));
        if (chains[band * n + id]! >= 0) linked++;
      }
    }
    expect(linked).toBeGreaterThan(n * bands * 0.9);
    expect(bucketChains([], bands)).toEqual(new Int32Array(0));
  });
});
