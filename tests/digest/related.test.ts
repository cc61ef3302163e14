import { describe, expect, it } from "vitest";
import { findSharedPassages } from "../../src/digest/passages.ts";
import { relateReports, relateReportsWithStats, excerpt, DEFAULT_POSTING_WINDOW } from "../../src/digest/related.ts";
import type { TimelineEvent } from "../../src/digest/types.ts";
import { makeReport } from "./make-report.ts";
import { story } from "../fixtures/crosslinks/story.ts";

const reports = story.map(makeReport);
const passages = findSharedPassages(reports);

function event(id: string, date: string, text: string, ...sources: [string, string][]): TimelineEvent {
  return {
    id,
    date,
    precision: "day",
    text,
    topics: [],
    sources: sources.map(([report, paragraph]) => ({ report, paragraph, url: `/reports/${report}/#${paragraph}` })),
  };
}

const events: TimelineEvent[] = [
  event("e-collision", "2024-02-27", "The ferry Marten ran into a moored grain barge in fog", ["harbor-1", "p2"], ["harbor-2", "p3"]),
  event("e-inquiry", "2024-03-04", "The maritime safety board opened its inquiry", ["harbor-2", "p1"], ["harbor-3", "p2"]),
  event("e-harvest", "2024-03-04", "Apple picking began in the southern valleys", ["orchard-1", "p1"]),
];

const entities = new Map<string, string[]>([
  ["harbor-1", ["Eastquay", "Marten"]],
  ["harbor-2", ["Eastquay", "Marten"]],
  ["harbor-3", ["Marten"]],
  ["harbor-x", ["Eastquay", "Marten"]],
  ["orchard-1", ["Eastquay"]],
]);

describe("relateReports", () => {
  it("ranks reports that share passages and events first, with the reasons", () => {
    const related = relateReports(reports, passages, { events, entities });
    const h2 = related.get("harbor-2")!;
    expect(h2.map((r) => r.slug)).toEqual(["harbor-1", "harbor-3", "harbor-x"]);
    expect(h2[0]!.reasons).toEqual([
      "shares 3 passages",
      "both report the 2024-02-27 event “The ferry Marten ran into a moored grain…”",
      "same people and groups: Eastquay, Marten",
      "published 3 days apart",
    ]);
    expect(h2[1]!.reasons).toEqual([
      "shares 3 passages",
      "both report the 2024-03-04 event “The maritime safety board opened its inquiry”",
      "same people and groups: Marten",
      "published 4 days apart",
    ]);
    expect(h2[2]!.reasons).toEqual(["same people and groups: Eastquay, Marten", "published 2 days apart"]);
    expect(h2[0]!.score).toBeGreaterThan(h2[1]!.score);
    expect(h2[1]!.score).toBeGreaterThan(h2[2]!.score);
    expect(h2[0]!.url).toBe("/reports/harbor-1/");
  });

  it("is symmetric: a related pair appears in both lists with the same score", () => {
    const related = relateReports(reports, passages, { events, entities });
    for (const [slug, list] of related) {
      for (const r of list) {
        const back = related.get(r.slug)!.find((x) => x.slug === slug);
        expect(back, `${r.slug} → ${slug}`).toBeDefined();
        expect(back!.score).toBe(r.score);
      }
    }
  });

  it("does not relate reports by date or by one shared name alone", () => {
    const related = relateReports(reports, passages, { events, entities });
    // orchard-1 was published the same day as harbor-2 and names Eastquay once.
    expect(related.get("orchard-1")).toEqual([]);
    expect(related.get("harbor-3")!.map((r) => r.slug)).toEqual(["harbor-2", "harbor-1"]);
  });

  it("works from passages alone", () => {
    const related = relateReports(reports, passages);
    expect(related.get("harbor-1")!.map((r) => [r.slug, r.reasons[0]])).toEqual([
      ["harbor-2", "shares 3 passages"],
      ["harbor-3", "shares 1 passage"],
    ]);
    expect(related.get("harbor-x")).toEqual([]);
  });

  it("names several shared events by date", () => {
    const two = [
      event("a", "2024-02-27", "First thing happened", ["harbor-1", "p1"], ["harbor-3", "p1"]),
      event("b", "2024-02-29", "Second thing happened", ["harbor-1", "p2"], ["harbor-3", "p1"]),
    ];
    const related = relateReports(reports, [], { events: two });
    expect(related.get("harbor-1")![0]!.reasons[0]).toBe(
      "both report the 2024-02-27 event “First thing happened” and 1 other event (2024-02-29)",
    );
  });

  it("breaks score ties by slug and keeps at most `limit` reports", () => {
    const same = ["b", "d", "a", "c", "e"].map((slug) =>
      makeReport({ slug, date: "2024-01-01", paragraphs: ["A short note."] }),
    );
    const names = new Map(same.map((r) => [r.slug, ["Alpha Group", "Beta Council"]]));
    const related = relateReports(same, [], { entities: names, limit: 3 });
    expect(related.get("c")!.map((r) => r.slug)).toEqual(["a", "b", "d"]);
    expect(related.get("a")!.map((r) => r.slug)).toEqual(["b", "c", "d"]);
  });

  it("does not depend on input order and serializes to stable JSON", () => {
    const one = relateReports(reports, passages, { events, entities });
    const two = relateReports([...reports].reverse(), [...passages].reverse(), { events: [...events].reverse(), entities });
    expect(JSON.stringify([...two])).toBe(JSON.stringify([...one]));
  });

  it("pairs a linear number of reports when one name is in all of them", () => {
    const n = 3000;
    const many = Array.from({ length: n }, (_, i) =>
      makeReport({ slug: `r${String(i).padStart(4, "0")}`, date: `2024-01-${String((i % 28) + 1).padStart(2, "0")}`, paragraphs: ["A note."] }),
    );
    const names = new Map(many.map((r) => [r.slug, ["Everywhere Council", "Common Party"]]));
    const everyone = [event("all", "2024-01-01", "Everyone reports this", ...many.map((r) => [r.slug, "p1"] as [string, string]))];
    const { related, stats } = relateReportsWithStats(many, [], { entities: names, events: everyone });
    expect(stats.candidatePairs).toBeLessThanOrEqual(n * DEFAULT_POSTING_WINDOW);
    // Exactly the pairs at most `window` apart, each once although three posting lists name it
    // (thousands of pairs: the pair table grows several times on the way).
    const w = DEFAULT_POSTING_WINDOW;
    expect(stats.candidatePairs).toBe(n * w - (w * (w + 1)) / 2);
    expect(stats.candidatePairs).toBeLessThan((n * (n - 1)) / 2 / 100);
    for (const list of related.values()) expect(list.length).toBeGreaterThan(0);
  });
});

describe("excerpt", () => {
  it("cuts at a word boundary and drops trailing punctuation", () => {
    expect(excerpt("One two three.", 8)).toBe("One two three");
    expect(excerpt("one two three four five", 3)).toBe("one two three…");
  });
});
