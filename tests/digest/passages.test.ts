import { describe, expect, it } from "vitest";
import {
  comparePassages,
  findSharedPassages,
  findSharedPassagesWithStats,
  JACCARD_THRESHOLD,
  CONTAINMENT_THRESHOLD,
  MIN_BAND_HITS,
  PassageMemory,
  type SharedPassage,
} from "../../src/digest/passages.ts";
import { candidateProbability, estimateJaccard, MinHasher } from "../../src/digest/minhash.ts";
import { overlap, shingles, tokenize } from "../../src/digest/shingles.ts";
import { passageFeatures } from "../../src/digest/passage-features.ts";
import { perObject } from "../../src/digest/stage-memo.ts";
import type { Report } from "../../src/digest/types.ts";
import { makeReport, type ParagraphSpec } from "./make-report.ts";
import { editWire, prng, syntheticCorpus, wireCorpus } from "./synthetic.ts";
import {
  COLLISION_H1,
  COLLISION_H2,
  DIVERS_H2,
  DIVERS_H3,
  DREDGING,
  FAR_SAME_TOPIC,
  INQUIRY_H2,
  INQUIRY_H3,
  UNION_H1,
  UNION_H2,
  harbor1,
  harbor2,
  orchard1,
  story,
} from "../fixtures/crosslinks/story.ts";

/** "slug#p2 → other#p3 other#p5" for each shared paragraph. */
const links = (shared: SharedPassage[]) =>
  shared.map((s) => `${s.at.report}#${s.at.paragraph} → ${s.alsoIn.map((o) => `${o.report}#${o.paragraph}`).join(" ")}`);

describe("shingles", () => {
  it("folds case, curly apostrophes and punctuation, keeps numbers", () => {
    expect(tokenize("The union’s CHAIR said: “No”, on March 4, 2024.")).toEqual([
      "the", "union's", "chair", "said", "no", "on", "march", "4", "2024",
    ]);
  });

  it("treats punctuation and case changes as the same text", () => {
    const a = shingles("Divers recovered the sacks, the harbour master said.");
    const b = shingles("divers recovered the sacks the Harbour Master said");
    expect(overlap(a, b).jaccard).toBe(1);
  });
});

describe("passage measure on near pairs", () => {
  const near: [string, string, string][] = [
    ["verbatim", DREDGING, DREDGING],
    ["reworded opening", COLLISION_H1, COLLISION_H2],
    ["changed date", INQUIRY_H2, INQUIRY_H3],
    ["trimmed clause", DIVERS_H2, DIVERS_H3],
    ["extended by a sentence", UNION_H1, UNION_H2],
  ];
  for (const [name, a, b] of near) {
    it(`matches: ${name}`, () => {
      expect(comparePassages(a, b).same).toBe(true);
      expect(comparePassages(b, a).same).toBe(true);
    });
  }

  it("needs containment for an extended passage, Jaccard for a reworded one", () => {
    const extended = comparePassages(UNION_H1, UNION_H2);
    expect(extended.jaccard).toBeLessThan(JACCARD_THRESHOLD);
    expect(extended.containment).toBeGreaterThanOrEqual(CONTAINMENT_THRESHOLD);
    const reworded = comparePassages(COLLISION_H1, COLLISION_H2);
    expect(reworded.jaccard).toBeGreaterThanOrEqual(JACCARD_THRESHOLD);
    expect(reworded.containment).toBeLessThan(1);
  });
});

describe("passage measure on far pairs", () => {
  const passages = [DREDGING, COLLISION_H1, COLLISION_H2, INQUIRY_H2, DIVERS_H2, UNION_H2];
  it("does not match paragraphs of the same story that tell something else", () => {
    for (const far of FAR_SAME_TOPIC) {
      for (const p of passages) {
        const c = comparePassages(far, p);
        expect(c.same, `${far.slice(0, 30)} ~ ${p.slice(0, 30)}`).toBe(false);
        expect(c.jaccard).toBeLessThan(0.2);
      }
    }
  });

  it("does not match different passages of one story with each other", () => {
    for (let i = 0; i < passages.length; i++) {
      for (let j = i + 1; j < passages.length; j++) {
        const same = comparePassages(passages[i]!, passages[j]!).same;
        const pair = (passages[i] === COLLISION_H1 && passages[j] === COLLISION_H2);
        expect(same).toBe(pair);
      }
    }
  });

  it("does not match unrelated text", () => {
    for (const p of makeReport(orchard1).paragraphs) expect(comparePassages(p.text, DREDGING).same).toBe(false);
  });
});

describe("MinHash and LSH", () => {
  it("estimates Jaccard similarity of shingle sets", () => {
    const hasher = new MinHasher();
    const pairs: [string, string][] = [
      [COLLISION_H1, COLLISION_H2],
      [UNION_H1, UNION_H2],
      [DREDGING, FAR_SAME_TOPIC[1]!],
    ];
    for (const [a, b] of pairs) {
      const sa = shingles(a);
      const sb = shingles(b);
      const exact = overlap(sa, sb).jaccard;
      const est = estimateJaccard(hasher.signature(sa), hasher.signature(sb));
      expect(Math.abs(est - exact)).toBeLessThan(0.15);
    }
  });

  it("verifies near pairs with high probability and far pairs rarely", () => {
    const p = (j: number) => candidateProbability(j, undefined, MIN_BAND_HITS);
    // 0.35 is about the lowest Jaccard a containment match has in practice (an extended passage).
    expect(p(0.35)).toBeGreaterThan(0.98);
    expect(p(0.5)).toBeGreaterThan(0.9999);
    expect(p(0.1)).toBeLessThan(0.1);
    expect(p(0.05)).toBeLessThan(0.01);
    // One band would be looser: the two-band rule is what cuts chance candidates.
    expect(candidateProbability(0.1)).toBeGreaterThan(0.3);
  });

  it("gives the same signature on every run", () => {
    const a = new MinHasher().signature(shingles(DREDGING));
    const b = new MinHasher().signature(shingles(DREDGING));
    expect([...a]).toEqual([...b]);
    expect(new Set(a).size).toBeGreaterThan(90);
  });
});

describe("findSharedPassages", () => {
  const reports = story.map(makeReport);

  it("finds exactly the shared passages of the fixture story, linked both ways", () => {
    expect(links(findSharedPassages(reports))).toEqual([
      "harbor-1#p2 → harbor-2#p3",
      "harbor-1#p3 → harbor-2#p5 harbor-3#p4",
      "harbor-1#p4 → harbor-2#p6",
      "harbor-2#p1 → harbor-3#p2",
      "harbor-2#p3 → harbor-1#p2",
      "harbor-2#p4 → harbor-3#p3",
      "harbor-2#p5 → harbor-1#p3 harbor-3#p4",
      "harbor-2#p6 → harbor-1#p4",
      "harbor-3#p2 → harbor-2#p1",
      "harbor-3#p3 → harbor-2#p4",
      "harbor-3#p4 → harbor-1#p3 harbor-2#p5",
    ]);
  });

  it("finds the three background passages two reports share, one reworded, from both sides", () => {
    const shared = findSharedPassages([makeReport(harbor1), makeReport(harbor2)]);
    expect(links(shared)).toEqual([
      "harbor-1#p2 → harbor-2#p3",
      "harbor-1#p3 → harbor-2#p5",
      "harbor-1#p4 → harbor-2#p6",
      "harbor-2#p3 → harbor-1#p2",
      "harbor-2#p5 → harbor-1#p3",
      "harbor-2#p6 → harbor-1#p4",
    ]);
  });

  it("clusters the matches into passage groups in order of first appearance", () => {
    const { groups } = findSharedPassagesWithStats(reports);
    expect(groups.map((g) => `${g.id}: ${g.members.map((m) => `${m.report}#${m.paragraph}`).join(" ")}`)).toEqual([
      "s1: harbor-1#p2 harbor-2#p3",
      "s2: harbor-1#p3 harbor-2#p5 harbor-3#p4",
      "s3: harbor-1#p4 harbor-2#p6",
      "s4: harbor-2#p1 harbor-3#p2",
      "s5: harbor-2#p4 harbor-3#p3",
    ]);
  });

  it("links to the paragraph fragment of each report page", () => {
    const [first] = findSharedPassages(reports);
    expect(first!.at.url).toBe("/reports/harbor-1/#p2");
    expect(first!.alsoIn.map((m) => m.url)).toEqual(["/reports/harbor-2/#p3"]);
  });

  it("ignores short paragraphs and repeats within one report", () => {
    const a = makeReport({ slug: "a", date: "2024-01-01", paragraphs: ["More follows.", DREDGING, DREDGING] });
    const b = makeReport({ slug: "b", date: "2024-01-02", paragraphs: ["More follows.", "Nothing else here."] });
    expect(findSharedPassages([a, b])).toEqual([]);
  });

  it("does not chain: two sentences inside one longer paragraph are not linked to each other", () => {
    const first = "The board said the ferry's radar had been switched to standby mode for maintenance shortly before the collision.";
    const second = "Two of the four deckhands on duty that night had joined the crew less than a month earlier, according to the rota.";
    const a = makeReport({ slug: "a", date: "2024-01-01", paragraphs: [first] });
    const b = makeReport({ slug: "b", date: "2024-01-02", paragraphs: [`${first} ${second}`] });
    const c = makeReport({ slug: "c", date: "2024-01-03", paragraphs: [second] });
    const result = findSharedPassagesWithStats([a, b, c]);
    expect(links(result.shared)).toEqual(["a#p1 → b#p1", "b#p1 → a#p1 c#p1", "c#p1 → b#p1"]);
    // The overview cluster does chain them; only the reader-facing links must not.
    expect(result.groups).toHaveLength(1);
  });

  it("lists at most the twelve nearest other occurrences of a passage repeated everywhere", () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      makeReport({ slug: `r${String(i).padStart(2, "0")}`, date: "2024-01-01", paragraphs: [DREDGING] }),
    );
    const shared = findSharedPassages(many);
    expect(shared).toHaveLength(40);
    const middle = shared[20]!;
    expect(middle.alsoIn).toHaveLength(12);
    expect(middle.alsoIn.map((o) => o.report)).toEqual(
      ["r14", "r15", "r16", "r17", "r18", "r19", "r21", "r22", "r23", "r24", "r25", "r26"],
    );
  });

  it("does not depend on the order of the reports", () => {
    const once = JSON.stringify(findSharedPassages(reports));
    const reversed = JSON.stringify(findSharedPassages([...reports].reverse()));
    const shuffled = JSON.stringify(findSharedPassages([reports[2]!, reports[0]!, reports[4]!, reports[1]!, reports[3]!]));
    expect(reversed).toBe(once);
    expect(shuffled).toBe(once);
  });
});

describe("passage references kept from one build to the next (a long-lived build process)", () => {
  it("give the same result, made of last build's reference objects where an occurrence is unchanged", () => {
    const reports = story.map(makeReport);
    const memory = new PassageMemory();
    const first = findSharedPassages(reports, { memory });
    expect(JSON.stringify(first)).toBe(JSON.stringify(findSharedPassages(reports)));
    // One report's first paragraph replaced: its occurrences' references are new, the others' the same objects.
    const edited = reports[1]!;
    const changed = makeReport({
      slug: edited.slug,
      date: edited.date,
      paragraphs: ["A paragraph written afresh for this test, sharing nothing with any other report here.", ...edited.paragraphs.slice(1).map((p) => p.text)],
    });
    const next = [reports[0]!, changed, ...reports.slice(2)];
    const second = findSharedPassages(next, { memory });
    expect(JSON.stringify(second)).toBe(JSON.stringify(findSharedPassages(next)));
    const byKey = (list: SharedPassage[]) => new Map(list.flatMap((s) => s.alsoIn.map((r) => [`${r.match} ${r.report} ${r.paragraph}`, r] as const)));
    const [before, after] = [byKey(first), byKey(second)];
    let same = 0;
    for (const [key, ref] of after) {
      if (before.get(key) === ref) same++;
      else expect(before.has(key) && ref.report !== edited.slug).toBe(false);
    }
    expect(same).toBeGreaterThan(0);
  });
});

describe("a long-lived build process's rebuild after an edit (PassageMemory)", () => {
  it("gives what a build from scratch gives, edit after edit, updating the last build's matches when only wording changed", () => {
    const rand = prng(77);
    const specs = wireCorpus(rand, 160);
    const make = (paragraphs: ParagraphSpec[], r: number): Report =>
      makeReport({ slug: `r${String(r).padStart(3, "0")}`, date: `2024-03-${String(1 + (r % 28)).padStart(2, "0")}`, paragraphs });
    let reports = specs.map(make);
    // As the analysis cache gives them: the same features object for a report an edit left alone.
    const featuresOf = perObject((r: Report) => passageFeatures(r.paragraphs));
    const features = (list: readonly Report[]) => new Map(list.map((r) => [r.slug, featuresOf(r)] as const));
    const memory = new PassageMemory();
    const check = () => {
      const kept = findSharedPassagesWithStats(reports, { features: features(reports), memory });
      const scratch = findSharedPassagesWithStats(reports, { features: features(reports) });
      expect(JSON.stringify(kept)).toBe(JSON.stringify(scratch));
      expect(JSON.stringify(scratch)).toBe(JSON.stringify(findSharedPassagesWithStats(reports)));
      return kept;
    };
    check();
    const kinds = new Map<string, number>();
    for (let round = 0; round < 60; round++) {
      const r = Math.floor(rand() * specs.length);
      const paragraphs = [...specs[r]!];
      const k = Math.floor(rand() * paragraphs.length);
      const pick = rand();
      const kind = pick < 0.35 ? "append" : pick < 0.55 ? "reword" : pick < 0.7 ? "copy" : pick < 0.85 ? "figure" : "paragraph";
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      editWire(paragraphs, k, kind, rand, specs);
      specs[r] = paragraphs;
      reports = reports.map((report, i) => (i === r ? make(paragraphs, r) : report));
      check();
    }
    // Both ways were taken: rewordings updated the last build, other edits redid it.
    expect(memory.counts.updated).toBeGreaterThan(15);
    expect(memory.counts.full).toBeGreaterThan(10);
    expect(kinds.size).toBe(5);
  });

  it("updates only when the last build's state matches: another corpus, or reports reordered, are done from scratch", () => {
    const rand = prng(5);
    const a = wireCorpus(rand, 40).map((paragraphs, r) => makeReport({ slug: `a${r}`, date: "2024-03-01", paragraphs }));
    const features = (list: readonly Report[]) => new Map(list.map((r) => [r.slug, passageFeatures(r.paragraphs)] as const));
    const memory = new PassageMemory();
    findSharedPassagesWithStats(a, { features: features(a), memory });
    // The same texts under other dates: report order changes.
    const moved = a.map((r, i) => makeReport({ slug: r.slug, date: `2024-03-${String(28 - (i % 27)).padStart(2, "0")}`, paragraphs: r.paragraphs.map((p) => p.text) }));
    const after = findSharedPassagesWithStats(moved, { features: features(moved), memory });
    expect(JSON.stringify(after)).toBe(JSON.stringify(findSharedPassagesWithStats(moved)));
    expect(memory.counts).toEqual({ full: 2, updated: 0 });
    // Without features a build cannot be updated (its band keys are not known beforehand).
    findSharedPassagesWithStats(moved, { memory });
    findSharedPassagesWithStats(moved, { memory });
    expect(memory.counts).toEqual({ full: 4, updated: 0 });
  });
});

describe("scale", () => {
  it("verifies a near-linear number of candidate pairs on 10,000 paragraphs and finds every planted copy", () => {
    const { reports, planted } = syntheticCorpus(2000, 5, 42);
    const { shared, stats } = findSharedPassagesWithStats(reports);
    expect(stats.paragraphs).toBe(10_000);
    const allPairs = (stats.indexed * (stats.indexed - 1)) / 2;
    // All-pairs would be ~50 million; LSH verifies the planted pairs and a few chance meetings.
    expect(stats.candidatePairs).toBeLessThan(stats.indexed);
    expect(stats.candidatePairs).toBeLessThan(allPairs / 5000);
    const found = new Set(links(shared));
    expect(planted.length).toBeGreaterThan(500);
    for (const [a, b] of planted) {
      expect([...found].some((line) => line.startsWith(`${a} →`) && line.includes(b)), `${a} ~ ${b}`).toBe(true);
    }
  });

  it("grows candidate pairs linearly, not quadratically, with the corpus", () => {
    const small = findSharedPassagesWithStats(syntheticCorpus(500, 5, 7).reports).stats;
    const large = findSharedPassagesWithStats(syntheticCorpus(2000, 5, 7).reports).stats;
    // 4× the paragraphs: quadratic growth would be 16×.
    expect(large.candidatePairs / Math.max(1, small.candidatePairs)).toBeLessThan(6);
  });
});
