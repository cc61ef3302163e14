/**
 * mergeEvents against a plain reference of its documented rule: every compatible entry of the
 * period is scored (no feature postings, no pruning), so the postings, the prefix filter and the
 * score bound of merge.ts must leave exactly the same entries.
 */
import { describe, expect, it } from "vitest";
import type { EventMention } from "../../src/digest/events.ts";
import { compatibleDates } from "../../src/digest/events-date.ts";
import { byMergeOrder, CROSS_PRECISION_THRESHOLD, mergeEvents, similarity } from "../../src/digest/merge.ts";
import { prng } from "./synthetic.ts";

/** The greedy clustering of merge.ts's header, by brute force: groups of "report#paragraph@offset". */
function referenceGroups(mentions: EventMention[], threshold: number): string[][] {
  const ordered = [...mentions].sort(byMergeOrder);
  const clusters: { date: string; members: EventMention[] }[] = [];
  for (const m of ordered) {
    const year = m.date.slice(0, 4);
    const month = m.date.length > 7 ? m.date.slice(0, 7) : null;
    const rank = (date: string) => (date.startsWith(m.date) ? 0 : m.date.length > 4 && date === year ? 1 : date === month ? 2 : -1);
    const scan = clusters
      .map((c, index) => ({ c, index, rank: rank(c.date) }))
      .filter((x) => x.rank >= 0)
      .sort((x, y) => x.rank - y.rank || x.index - y.index);
    let best: (typeof clusters)[number] | undefined;
    let bestScore = -1;
    for (const { c } of scan) {
      if (!compatibleDates(c.date, m.date)) continue;
      if (c.members.some((o) => o.source.report === m.source.report && o.source.paragraph === m.source.paragraph)) continue;
      let score = 0;
      for (const o of c.members.slice(0, 16)) score = Math.max(score, similarity(m, o));
      const needed = c.date.length === m.date.length ? threshold : Math.max(threshold, CROSS_PRECISION_THRESHOLD);
      if (score >= needed && score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best) best.members.push(m);
    else clusters.push({ date: m.date, members: [m] });
  }
  return clusters.map((c) => c.members.map(key).sort()).sort();
}

const key = (m: EventMention) => `${m.source.report}#${m.source.paragraph}@${m.offset}`;

/** Mentions over a few days, months and a year, with features from a small, skewed vocabulary. */
function randomMentions(n: number, seed: number): EventMention[] {
  const rand = prng(seed);
  const pick = (k: number) => Math.floor(Math.pow(k, rand())) - 1; // common words come often
  const words = (count: number, prefix: string, vocabulary: number) => [...new Set(Array.from({ length: count }, () => `${prefix}${pick(vocabulary)}`))].sort();
  const dates = ["2024", "2024-01", "2024-02", "2024-01-05", "2024-01-06", "2024-02-10", "2023-12-26"];
  return Array.from({ length: n }, (_, i) => {
    const date = dates[Math.floor(rand() * dates.length)]!;
    const report = `r${Math.floor(i / 3)}`;
    const paragraph = `p${1 + (i % 2)}`;
    return {
      keywords: words(1 + Math.floor(rand() * 8), "k", 40),
      entities: words(Math.floor(rand() * 3), "e", 12),
      numbers: rand() < 0.5 ? words(1, "", 6) : [],
      date,
      precision: date.length === 10 ? "day" : date.length === 7 ? "month" : "year",
      text: `event ${i}`,
      topics: [],
      source: { report, paragraph, url: `/reports/${report}/#${paragraph}` },
      reportDate: `2024-03-${String(1 + (Math.floor(i / 3) % 28)).padStart(2, "0")}`,
      offset: i,
      paragraphIndex: 1 + (i % 2),
    } satisfies EventMention;
  });
}

describe("mergeEvents against a brute-force reference", () => {
  for (const threshold of [0.3, 0.5]) {
    it(`forms the same entries at threshold ${threshold}`, () => {
      for (const seed of [1, 2, 3, 4]) {
        const mentions = randomMentions(400, seed);
        const groups = mergeEvents(mentions, { threshold })
          .map((e) => e.sources.map((s) => `${s.report}#${s.paragraph}`))
          .map((g) => g.sort())
          .sort();
        const expected = referenceGroups(mentions, threshold).map((g) => [...new Set(g.map((k) => k.split("@")[0]!))].sort());
        expect(groups).toEqual(expected.sort());
        // Some merging happens, and not everything merges.
        expect(groups.length).toBeLessThan(mentions.length);
        expect(groups.length).toBeGreaterThan(10);
      }
    });
  }
});
