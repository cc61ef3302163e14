import { describe, expect, it } from "vitest";
import { findSharedPassages } from "../../src/digest/passages.ts";
import { relateReports } from "../../src/digest/related.ts";
import { computeNovelty, firstSentence, trimAtWord, NOTHING_NEW, NEW_LINE_MAX_CHARS } from "../../src/digest/novelty.ts";
import { crossLink } from "../../src/digest/crosslinks.ts";
import type { SourceRef, TimelineEvent } from "../../src/digest/types.ts";
import { makeReport } from "./make-report.ts";
import { DREDGING, COLLISION_H2, UNION_H2, story } from "../fixtures/crosslinks/story.ts";

const reports = story.map(makeReport);
const passages = findSharedPassages(reports);

const ref = (report: string, paragraph: string): SourceRef => ({ report, paragraph, url: `/reports/${report}/#${paragraph}` });
const text = (report: string, paragraph: string) => ({ ...ref(report, paragraph), match: "text" });

const events: TimelineEvent[] = [
  { id: "e1", date: "2024-02-27", precision: "day", text: "Ferry hits barge", topics: [], sources: [ref("harbor-2", "p3"), ref("harbor-1", "p2")] },
  { id: "e2", date: "2024-03-04", precision: "day", text: "Inquiry opens", topics: [], sources: [ref("harbor-3", "p2"), ref("harbor-2", "p1")] },
  { id: "e3", date: "2024-03-07", precision: "day", text: "Logs handed over to investigators", topics: [], sources: [ref("harbor-3", "p1")] },
];

describe("computeNovelty", () => {
  const novelty = computeNovelty(reports, passages, { events });

  it("marks the first report's paragraphs all new", () => {
    const h1 = novelty.get("harbor-1")!;
    expect(h1.newParagraphs).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    expect(h1.repeatedParagraphs).toEqual([]);
    expect(h1.newEvents).toEqual(["e1"]);
  });

  it("marks repeated background with where it was told first", () => {
    const h2 = novelty.get("harbor-2")!;
    expect(h2.newParagraphs).toEqual(["p1", "p2", "p4"]);
    expect(h2.repeatedParagraphs).toEqual([
      { paragraph: "p3", from: text("harbor-1", "p2") },
      { paragraph: "p5", from: text("harbor-1", "p3") },
      { paragraph: "p6", from: text("harbor-1", "p4") },
    ]);
    const h3 = novelty.get("harbor-3")!;
    expect(h3.newParagraphs).toEqual(["p1"]);
    // The dredging passage is in harbor-1 and harbor-2: it points at the earliest.
    expect(h3.repeatedParagraphs).toEqual([
      { paragraph: "p2", from: text("harbor-2", "p1") },
      { paragraph: "p3", from: text("harbor-2", "p4") },
      { paragraph: "p4", from: text("harbor-1", "p3") },
    ]);
  });

  it("marks timeline events new in the earliest report that tells them", () => {
    expect(novelty.get("harbor-2")!.newEvents).toEqual(["e2"]);
    expect(novelty.get("harbor-2")!.repeatedEvents).toEqual([{ event: "e1", from: ref("harbor-1", "p2") }]);
    expect(novelty.get("harbor-3")!.newEvents).toEqual(["e3"]);
    expect(novelty.get("harbor-3")!.repeatedEvents).toEqual([{ event: "e2", from: ref("harbor-2", "p1") }]);
  });

  it("gives a one-line 'new in this report' from the first new paragraph", () => {
    expect(novelty.get("harbor-3")!.newInReport).toBe(
      "The operator of the ferry Marten handed its radar logs and crew rota to investigators on Thursday, two days after the board threatened to seek a court order…",
    );
    const short = makeReport({ slug: "zz-short", date: "2024-04-01", paragraphs: ["Gen. Ward resigned on Friday. He gave no reason for leaving the port board."] });
    expect(computeNovelty([short], []).get("zz-short")!.newInReport).toBe("Gen. Ward resigned on Friday.");
    const h2 = novelty.get("harbor-2")!.newInReport;
    expect(h2.startsWith("The maritime safety board opened its inquiry on March 4")).toBe(true);
    expect(h2.length).toBeLessThanOrEqual(NEW_LINE_MAX_CHARS);
    expect(h2.endsWith("…")).toBe(true);
  });

  it("says so when a report only repeats, and falls back to a new event", () => {
    const copy = makeReport({ slug: "zz-copy", date: "2024-03-20", paragraphs: [DREDGING, COLLISION_H2, UNION_H2] });
    const all = [...reports, copy];
    const only = computeNovelty(all, findSharedPassages(all));
    expect(only.get("zz-copy")!.newParagraphs).toEqual([]);
    expect(only.get("zz-copy")!.newInReport).toBe(NOTHING_NEW);
    const withEvent = computeNovelty(all, findSharedPassages(all), {
      events: [{ id: "e9", date: "2024-03-19", precision: "day", text: "Port board resigns", topics: [], sources: [ref("zz-copy", "p1")] }],
    });
    expect(withEvent.get("zz-copy")!.newInReport).toBe("New: 2024-03-19, Port board resigns");
  });

  it("lists later reports that repeat or follow a report as backlinks, earliest first", () => {
    const related = relateReports(reports, passages, {
      entities: new Map([
        ["harbor-1", ["Eastquay", "Marten"]],
        ["harbor-x", ["Eastquay", "Marten"]],
      ]),
    });
    const withRelated = computeNovelty(reports, passages, { related });
    expect(withRelated.get("harbor-1")!.backlinks.map((b) => [b.slug, b.kind, b.passages])).toEqual([
      ["harbor-2", "repeats", 3],
      ["harbor-x", "follows", 0],
      ["harbor-3", "repeats", 1],
    ]);
    expect(withRelated.get("harbor-2")!.backlinks.map((b) => [b.slug, b.kind, b.passages])).toEqual([["harbor-3", "repeats", 3]]);
    expect(withRelated.get("harbor-3")!.backlinks).toEqual([]);
    expect(withRelated.get("orchard-1")!.backlinks).toEqual([]);
  });
});

describe("firstSentence and trimAtWord", () => {
  it("does not end a sentence at news abbreviations", () => {
    expect(firstSentence("On Dec. 26 the U.S. Navy said Gen. Ward had left. He returned later.")).toBe(
      "On Dec. 26 the U.S. Navy said Gen. Ward had left.",
    );
    expect(firstSentence("No full stop")).toBe("No full stop");
  });

  it("trims at a word boundary", () => {
    const long = "word ".repeat(60).trim();
    const cut = trimAtWord(long, 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut).toMatch(/^(word )*word…$/);
    expect(trimAtWord("Short enough.", 40)).toBe("Short enough.");
  });
});

describe("crossLink", () => {
  const links = crossLink(reports, { events });

  it("links every shared paragraph both ways, and every link resolves to a report paragraph", () => {
    const paragraphs = new Map(reports.map((r) => [r.url, new Set(r.paragraphs.map((p) => p.id))]));
    const resolves = (url: string) => {
      const [page, fragment] = url.split("#");
      return fragment === undefined ? paragraphs.has(page!) : paragraphs.get(page!)?.has(fragment) === true;
    };
    let checked = 0;
    for (const [slug, r] of Object.entries(links.reports)) {
      for (const p of r.passages) {
        for (const other of p.alsoIn) {
          expect(resolves(other.url), other.url).toBe(true);
          const back = links.reports[other.report]!.passages.find((x) => x.paragraph === other.paragraph);
          expect(back?.alsoIn.some((x) => x.report === slug && x.paragraph === p.paragraph), `${other.url} → ${slug}`).toBe(true);
          checked++;
        }
      }
      for (const x of r.repeatedParagraphs) (expect(resolves(x.from.url), x.from.url).toBe(true), checked++);
      for (const x of r.related) (expect(resolves(x.url), x.url).toBe(true), checked++);
      for (const x of r.backlinks) (expect(resolves(x.url), x.url).toBe(true), checked++);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("agrees with the parts: passages, novelty and new-in-report per report", () => {
    const h2 = links.reports["harbor-2"]!;
    expect(h2.passages.map((p) => p.paragraph)).toEqual(["p1", "p3", "p4", "p5", "p6"]);
    expect(h2.newParagraphs).toEqual(["p1", "p2", "p4"]);
    expect(h2.related[0]!.slug).toBe("harbor-1");
    expect(Object.keys(links.reports)).toEqual(["harbor-1", "harbor-2", "orchard-1", "harbor-x", "harbor-3"]);
    expect(links.groups).toHaveLength(5);
  });

  it("returns the same bytes for the same reports in any order", () => {
    const again = crossLink([...reports].reverse(), { events: [...events].reverse() });
    expect(JSON.stringify(again)).toBe(JSON.stringify(links));
  });
});
