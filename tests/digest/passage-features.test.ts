import { describe, expect, it } from "vitest";
import { passageFeatures, MIN_WORDS } from "../../src/digest/passage-features.ts";
import { findSharedPassagesWithStats } from "../../src/digest/passages.ts";
import { DEFAULT_MINHASH } from "../../src/digest/minhash.ts";
import { paragraphFacts } from "../../src/digest/facts.ts";
import { shingles } from "../../src/digest/shingles.ts";
import type { Report } from "../../src/digest/types.ts";
import { makeReport } from "./make-report.ts";
import { syntheticCorpus } from "./synthetic.ts";
import { story } from "../fixtures/crosslinks/story.ts";

/** The fixture story (retold facts, near copies) plus a synthetic corpus with repeats. */
function corpus(): Report[] {
  const fixtures = story.map(makeReport);
  const synthetic = syntheticCorpus(300, 4, 11, 0.5).reports;
  // Verbatim copies of one paragraph across reports: they share one node.
  const copies = synthetic.slice(0, 20).map((r) => ({ ...r, paragraphs: [...r.paragraphs, { ...synthetic[0]!.paragraphs[0]!, id: `p${r.paragraphs.length + 1}`, index: r.paragraphs.length + 1 }] }));
  return [...fixtures, ...copies, ...synthetic.slice(20)];
}

function featuresOf(reports: readonly Report[]) {
  return new Map(reports.map((r) => [r.slug, passageFeatures(r.paragraphs)] as const));
}

describe("passageFeatures", () => {
  it("packs the shingle sets and fact fingerprints of the paragraphs long enough to take part", () => {
    const report = makeReport({
      slug: "a",
      date: "2024-01-05",
      paragraphs: ["Too short to count.", "US forces struck three sites in Iraq on December 26, the Pentagon said on Wednesday."],
    });
    const f = passageFeatures(report.paragraphs);
    expect(f.paragraphs).toEqual([1]);
    expect([...f.sets]).toEqual([...shingles(report.paragraphs[1]!.text)]);
    expect([...f.setEnds]).toEqual([f.sets.length]);
    expect(f.facts).toEqual([paragraphFacts(report.paragraphs[1]!)]);
    expect(f.keys.length).toBe(DEFAULT_MINHASH.bands);
    expect(report.paragraphs[0]!.text.split(" ").length).toBeLessThan(MIN_WORDS);
  });

  it("leaves the band keys out when asked", () => {
    const f = passageFeatures(corpus()[0]!.paragraphs, false);
    expect(f.keys.length).toBe(0);
    expect(f.factKeys.length).toBe(0);
    expect(f.paragraphs.length).toBeGreaterThan(0);
  });
});

describe("shared passages from precomputed features", () => {
  it("are exactly those computed from the text, for all, some or none of the reports", () => {
    const reports = corpus();
    const plain = findSharedPassagesWithStats(reports);
    expect(plain.stats.factMatchedPairs).toBeGreaterThan(0);
    expect(plain.stats.matchedPairs).toBeGreaterThan(0);
    expect(plain.stats.distinct).toBeLessThan(plain.stats.indexed);
    const all = featuresOf(reports);
    expect(findSharedPassagesWithStats(reports, { features: all })).toEqual(plain);
    const some = new Map([...all].filter((_, i) => i % 3 === 0));
    expect(findSharedPassagesWithStats(reports, { features: some })).toEqual(plain);
  });

  it("uses the precomputed band keys (wrong keys change the candidates)", () => {
    const reports = corpus();
    const features = featuresOf(reports);
    // Every paragraph in the same bucket of every band: many more candidates.
    for (const f of features.values()) f.keys.fill(7);
    const plain = findSharedPassagesWithStats(reports).stats;
    expect(findSharedPassagesWithStats(reports, { features }).stats.collisions).toBeGreaterThan(plain.collisions);
  });

  it("ignores precomputed band keys under other MinHash parameters", () => {
    const reports = corpus();
    const features = featuresOf(reports);
    for (const f of features.values()) f.keys.fill(7);
    const minhash = { ...DEFAULT_MINHASH, bands: 25, rows: 4 };
    expect(findSharedPassagesWithStats(reports, { minhash, features })).toEqual(findSharedPassagesWithStats(reports, { minhash }));
  });
});
