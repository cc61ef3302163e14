import { describe, expect, it } from "vitest";
import { crossLink, type CrossLinkOptions } from "../../src/digest/crosslinks.ts";
import { computeNovelty, NoveltyMemory } from "../../src/digest/novelty.ts";
import { passageFeatures } from "../../src/digest/passage-features.ts";
import { findSharedPassages, PassageMemory } from "../../src/digest/passages.ts";
import { RelatedMemory } from "../../src/digest/related.ts";
import { perObject, sameData } from "../../src/digest/stage-memo.ts";
import type { Report, TimelineEvent } from "../../src/digest/types.ts";
import { makeReport } from "./make-report.ts";
import { editWire, PLACES, prng, wireCorpus } from "./synthetic.ts";


/** One timeline event per date the reports' paragraphs carry, citing each paragraph that gives it. */
function eventsOf(reports: readonly Report[]): TimelineEvent[] {
  const byDate = new Map<string, TimelineEvent>();
  for (const r of reports) {
    for (const p of r.paragraphs) {
      for (const t of p.timexes) {
        let event = byDate.get(t.value);
        if (!event) byDate.set(t.value, (event = { id: `e-${t.value}`, date: t.value, precision: "day", text: p.text.slice(0, 60), topics: [], sources: [] }));
        event.sources.push({ report: r.slug, paragraph: p.id, url: `${r.url}#${p.id}` });
      }
    }
  }
  return [...byDate.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The places each report names, as the entity stage would list them. */
const entitiesOf = (reports: readonly Report[]): Map<string, string[]> =>
  new Map(reports.map((r) => [r.slug, PLACES.filter((place) => r.paragraphs.some((p) => p.text.includes(place)))] as const));

describe("a long-lived build process's cross-links after an edit (RelatedMemory, NoveltyMemory)", () => {
  it("give what a build from scratch gives, edit after edit, updating related reports and novelty when only passages changed", () => {
    const rand = prng(91);
    const specs = wireCorpus(rand, 160);
    const titles = specs.map((_, r) => `Report ${r}`);
    const make = (r: number): Report =>
      makeReport({ slug: `r${String(r).padStart(3, "0")}`, title: titles[r]!, date: `2024-03-${String(1 + (r % 28)).padStart(2, "0")}`, paragraphs: specs[r]! });
    let reports = specs.map((_, r) => make(r));
    // As the analysis cache and the stage memo give them: the same objects for what an edit left alone.
    const featuresOf = perObject((r: Report) => passageFeatures(r.paragraphs));
    let events = eventsOf(reports);
    const memories = { passageMemory: new PassageMemory(), relatedMemory: new RelatedMemory(), noveltyMemory: new NoveltyMemory() };
    const check = () => {
      const now = eventsOf(reports);
      if (!sameData(now, events)) events = now;
      const options: CrossLinkOptions = { events, entities: entitiesOf(reports), features: new Map(reports.map((r) => [r.slug, featuresOf(r)] as const)) };
      const kept = crossLink(reports, { ...options, ...memories });
      expect(JSON.stringify(kept)).toBe(JSON.stringify(crossLink(reports, options)));
    };
    check();
    const kinds = new Map<string, number>();
    for (let round = 0; round < 70; round++) {
      const r = Math.floor(rand() * specs.length);
      const paragraphs = [...specs[r]!];
      const k = Math.floor(rand() * paragraphs.length);
      const pick = rand();
      const kind = pick < 0.3 ? "append" : pick < 0.45 ? "reword" : pick < 0.6 ? "copy" : pick < 0.7 ? "figure" : pick < 0.8 ? "paragraph" : pick < 0.9 ? "place" : "title";
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (kind === "place") paragraphs.push(`Crews from ${PLACES[Math.floor(rand() * PLACES.length)]} arrived later.`);
      else if (kind === "title") titles[r] = `${titles[r]} (corrected)`;
      else editWire(paragraphs, k, kind, rand, specs);
      specs[r] = paragraphs;
      reports = reports.map((report, i) => (i === r ? make(r) : report));
      check();
    }
    expect(kinds.size).toBe(7);
    // Both ways were taken by both stages: passage-only edits updated, the others redid the stage.
    for (const memory of [memories.relatedMemory, memories.noveltyMemory]) {
      expect(memory.counts.updated).toBeGreaterThan(20);
      expect(memory.counts.full).toBeGreaterThan(8);
    }
  });

  it("update only when the reports are the same, in the same order: another order is done from scratch", () => {
    const rand = prng(13);
    const reports = wireCorpus(rand, 40).map((paragraphs, r) => makeReport({ slug: `a${r}`, date: `2024-03-${String(1 + (r % 28)).padStart(2, "0")}`, paragraphs }));
    const options = { events: eventsOf(reports), entities: entitiesOf(reports) };
    const memories = { relatedMemory: new RelatedMemory(), noveltyMemory: new NoveltyMemory() };
    crossLink(reports, { ...options, ...memories });
    const moved = reports.map((r, i) => ({ ...r, date: `2024-03-${String(28 - (i % 27)).padStart(2, "0")}` }));
    const after = crossLink(moved, { ...options, ...memories });
    expect(JSON.stringify(after)).toBe(JSON.stringify(crossLink(moved, options)));
    expect(memories.relatedMemory.counts).toEqual({ full: 2, updated: 0 });
    expect(memories.noveltyMemory.counts).toEqual({ full: 2, updated: 0 });
  });

  it("update novelty for a report whose passages changed even when no related list did", () => {
    const rand = prng(29);
    const reports = wireCorpus(rand, 60).map((paragraphs, r) => makeReport({ slug: `b${r}`, date: `2024-03-${String(1 + (r % 28)).padStart(2, "0")}`, paragraphs }));
    const passages = findSharedPassages(reports);
    const options = { events: eventsOf(reports), related: new Map() };
    const memory = new NoveltyMemory();
    computeNovelty(reports, passages, options, memory);
    // One paragraph is no longer shared: its report's novelty changes, and no related list does.
    const fewer = passages.slice(1);
    const after = computeNovelty(reports, fewer, options, memory);
    expect(memory.counts).toEqual({ full: 1, updated: 1 });
    expect(JSON.stringify([...after])).toBe(JSON.stringify([...computeNovelty(reports, fewer, options)]));
    expect(JSON.stringify([...after])).not.toBe(JSON.stringify([...computeNovelty(reports, passages, options)]));
  });
});
