import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadStory } from "../../src/content/story.ts";
import { extractTallies, groupTallies, toContractTally, type TallyMention } from "../../src/digest/tallies.ts";
import { makeReport } from "./make-report.ts";
import type { Report } from "../../src/digest/types.ts";
import { fixtureReport } from "./fixture-report.ts";

const fixture = (name: string): Report =>
  fixtureReport(fileURLToPath(new URL(`../fixtures/tallies/${name}.md`, import.meta.url)));
const story = await loadStory(fileURLToPath(new URL("../../content/story.yaml", import.meta.url)));

const brief = (m: TallyMention) => ({
  measure: m.measure,
  value: m.value,
  qualifier: m.qualifier,
  since: m.since,
  asOf: m.asOf,
  paragraph: m.source.paragraph,
});

describe("extractTallies on the seed story's figures", () => {
  const jan10 = extractTallies(fixture("seed-recap-jan10"), story);
  const jan06 = extractTallies(fixture("seed-recap-jan06"), story);

  it("reads 66 attacks since 2023-10-17 and at least 60 injured, as of the month of the statement", () => {
    expect(jan10.filter((m) => m.source.paragraph === "p4").map(brief)).toEqual([
      { measure: "attacks on US forces", value: 66, qualifier: "exactly", since: "2023-10-17", asOf: "2023-11-30", paragraph: "p4" },
      { measure: "people injured in attacks on US forces", value: 60, qualifier: "at least", since: "2023-10-17", asOf: "2023-11-30", paragraph: "p4" },
    ]);
    const p4 = jan10.find((m) => m.source.paragraph === "p4")!;
    expect(p4.asOfPrecision).toBe("month");
    expect(p4.asOfFrom).toBe("statement");
    expect(p4.source.url).toBe("/reports/seed-recap-jan10/#p4");
  });

  it("reads the same claims written differently (\"66 times\", \"sixty people hurt\", a year-less since)", () => {
    expect(jan06.filter((m) => m.source.paragraph === "p3").map(brief)).toEqual([
      { measure: "attacks on US forces", value: 66, qualifier: "exactly", since: "2023-10-17", asOf: "2023-11-30", paragraph: "p3" },
      { measure: "people injured in attacks on US forces", value: 60, qualifier: "at least", since: "2023-10-17", asOf: "2023-11-30", paragraph: "p3" },
    ]);
  });

  it("normalizes 2.5 thousand troops and military personnel to one measure, as of the report's date", () => {
    const troops = [...jan10, ...jan06].filter((m) => m.measure === "US troops in Iraq");
    expect(troops.map((m) => [m.value, m.asOf, m.asOfFrom, m.head])).toEqual([
      [2500, "2024-01-10", "report", "troops"],
      [2500, "2024-01-06", "report", "military personnel"],
    ]);
  });

  it("dates a figure by the statement's own day and never reads dates as figures", () => {
    const facilities = jan10.filter((m) => m.measure === "militia facilities struck");
    expect(facilities.map(brief)).toEqual([
      { measure: "militia facilities struck", value: 3, qualifier: "exactly", since: null, asOf: "2023-12-26", paragraph: "p3" },
    ]);
    const values = [...jan10, ...jan06].map((m) => m.value);
    expect(values).not.toContain(17);
    expect(values).not.toContain(26);
    expect(values).not.toContain(2023);
  });

  it("is plain JSON (cacheable, worker-safe)", () => {
    expect(JSON.parse(JSON.stringify(jan10))).toEqual(jan10);
  });
});

describe("extractTallies rules", () => {
  const report = (text: string, date = "2024-03-01"): Report => makeReport({ slug: "r", date, paragraphs: [text] });

  it("lets a casualty participle name what soldiers or people count", () => {
    const found = extractTallies(report("Three US soldiers were killed and 40 people were wounded."));
    expect(found.map((m) => [m.measure, m.value])).toEqual([
      ["killed", 3],
      ["injured", 40],
    ]);
  });

  it("falls back to the default measures without a story", () => {
    const found = extractTallies(report("The army said it had carried out a dozen strikes on 12 sites, killing more than 20."));
    expect(found.map((m) => [m.measure, m.value, m.qualifier])).toEqual([
      ["strikes", 12, "exactly"],
      ["facilities", 12, "exactly"],
      ["killed", 20, "more than"],
    ]);
  });

  it("skips numbers with nothing counted and day numbers next to a month, even without time expressions", () => {
    expect(extractTallies(report("On March 3 one of the officials spoke for 20 minutes about 2024."))).toEqual([]);
  });

  it("applies a story measure only when its context is in the sentence, paragraph or report", () => {
    expect(extractTallies(report("Rebels made 9 attacks on the port."), story).map((m) => [m.measure, m.value])).toEqual([
      ["attacks", 9],
    ]);
    const found = extractTallies(report("Rebels made 9 attacks on the port. Militias had hit US bases before."), story);
    expect(found.map((m) => [m.measure, m.value])).toEqual([["attacks on US forces", 9]]);
  });

  it("counts casualties after a casualty verb, and stops a noun phrase at a verb", () => {
    const found = extractTallies(report("A drone hit the base, wounding three US troops. Of the attacks, 32 struck sites in Iraq."));
    expect(found.map((m) => [m.measure, m.value])).toEqual([["injured", 3]]);
  });

  it("reads a figure that a counting phrase introduces, dated by the reporting verb after it", () => {
    const text = "The number of attacks on American forces since October 17 has reached 66, the Pentagon said on November 21.";
    const at = (t: string) => ({ start: text.indexOf(t), end: text.indexOf(t) + t.length, text: t });
    const r = report(text, "2023-11-22");
    r.paragraphs[0]!.timexes = [
      { ...at("October 17"), type: "DATE", value: "2023-10-17" },
      { ...at("November 21"), type: "DATE", value: "2023-11-21" },
    ];
    expect(extractTallies(r, story).map(brief)).toEqual([
      { measure: "attacks on US forces", value: 66, qualifier: "exactly", since: "2023-10-17", asOf: "2023-11-21", paragraph: "p1" },
    ]);
  });

  it("does not date a figure by a later date of another clause, and takes the nearest date before it", () => {
    const text = "About 2,500 US troops are in Iraq, which asked the coalition in 2014 to help. Late last month, on December 26, it hit three sites.";
    const at = (t: string) => ({ start: text.indexOf(t), end: text.indexOf(t) + t.length, text: t });
    const r = report(text, "2024-01-08");
    r.paragraphs[0]!.timexes = [
      { ...at("2014"), type: "DATE", value: "2014" },
      { ...at("Late last month"), type: "DATE", value: "2023-12" },
      { ...at("December 26"), type: "DATE", value: "2023-12-26" },
    ];
    expect(extractTallies(r).map((m) => [m.measure, m.value, m.qualifier, m.asOf])).toEqual([
      ["troops", 2500, "about", "2024-01-08"],
      ["facilities", 3, "exactly", "2023-12-26"],
    ]);
  });

  it("continues a running count that a bare counting noun refers back to", () => {
    const text = "Officials put the number of attacks on US forces since October 17 at sixty-six. By early January its count had passed 100.";
    const at = (t: string) => ({ start: text.indexOf(t), end: text.indexOf(t) + t.length, text: t });
    const r = report(text, "2024-01-08");
    r.paragraphs[0]!.timexes = [
      { ...at("October 17"), type: "DATE", value: "2023-10-17" },
      { ...at("early January"), type: "DATE", value: "2024-01" },
    ];
    expect(extractTallies(r, story).map((m) => [m.measure, m.value, m.qualifier, m.since, m.asOf])).toEqual([
      ["attacks on US forces", 66, "exactly", "2023-10-17", "2024-01-08"],
      ["attacks on US forces", 100, "more than", "2023-10-17", "2024-01-08"],
    ]);
    // Without an earlier figure in the paragraph, a bare count is no figure.
    expect(extractTallies(report("By early January its count had passed 100."), story)).toEqual([]);
  });

  it("takes the year before when a year-less statement date was resolved after the report", () => {
    const text = "By late November, officials had counted 66 attacks.";
    const r = report(text, "2024-01-10");
    r.paragraphs[0]!.timexes = [{ start: 3, end: 16, text: "late November", type: "DATE", value: "2024-11" }];
    expect(extractTallies(r).map((m) => [m.value, m.asOf, m.asOfPrecision])).toEqual([[66, "2023-11-30", "month"]]);
  });
});

describe("groupTallies", () => {
  const mentions = ["seed-recap-jan10", "seed-recap-jan06", "conflict-a", "conflict-b"].flatMap((n) =>
    extractTallies(fixture(n), story),
  );
  const groups = groupTallies(mentions);

  it("merges the same claim from two reports into one tally with both sources", () => {
    const attacks = groups.tallies.find((t) => t.measure === "attacks on US forces" && t.value === 66)!;
    expect(toContractTally(attacks)).toEqual({
      id: "attacks-on-us-forces-2023-11-30-66-since-2023-10-17",
      measure: "attacks on US forces",
      value: 66,
      qualifier: "exactly",
      since: "2023-10-17",
      asOf: "2023-11-30",
      // The text is the earliest report's sentence.
      text: "Sabrina Singh of the Pentagon had said a month before that US forces in Iraq and Syria came under attack 66 times since October 17, with at least sixty people hurt.",
      sources: [
        { report: "seed-recap-jan06", paragraph: "p3", url: "/reports/seed-recap-jan06/#p3" },
        { report: "seed-recap-jan10", paragraph: "p4", url: "/reports/seed-recap-jan10/#p4" },
      ],
    });
    expect(attacks.conflicts).toEqual([]);
  });

  it("flags figures that disagree for the same measure and date, side by side", () => {
    expect(groups.conflicts).toEqual([
      {
        measure: "attacks on US forces",
        asOf: "2024-01-30",
        tallies: [
          "attacks-on-us-forces-2024-01-30-151-since-2023-10-17",
          "attacks-on-us-forces-2024-01-30-160-since-2023-10-17",
        ],
      },
    ]);
    const low = groups.tallies.find((t) => t.value === 151)!;
    expect(low.conflicts).toEqual(["attacks-on-us-forces-2024-01-30-160-since-2023-10-17"]);
    expect(low.sources.map((s) => s.report)).toEqual(["conflict-b"]);
  });

  it("does not flag equal figures on different dates, nor different since-dates", () => {
    const text = "On January 30, officials counted 40 attacks on US forces since January 1.";
    const at = (t: string) => ({ start: text.indexOf(t), end: text.indexOf(t) + t.length, text: t });
    const extra = extractTallies(
      {
        ...fixture("conflict-b"),
        slug: "other-baseline",
        paragraphs: [
          {
            id: "p1",
            index: 1,
            text,
            html: "",
            timexes: [
              { ...at("January 30"), type: "DATE", value: "2024-01-30" },
              { ...at("January 1"), type: "DATE", value: "2024-01-01" },
            ],
          },
        ],
      },
      story,
    );
    expect(extra.map((m) => [m.value, m.since])).toEqual([[40, "2024-01-01"]]);
    const again = groupTallies([...mentions, ...extra]);
    expect(again.conflicts).toEqual(groups.conflicts);
    expect(groups.tallies.filter((t) => t.measure === "US troops in Iraq").every((t) => t.conflicts.length === 0)).toBe(true);
  });

  it("gives a month-dated figure the day another report dates the same claim to", () => {
    const dayDated = { ...mentions.find((m) => m.value === 66)!, id: "x-p1-t1", asOf: "2023-11-21", asOfPrecision: "day" as const,
      source: { report: "x", paragraph: "p1", url: "/reports/x/#p1" }, reportDate: "2023-11-22" };
    const merged = groupTallies([...mentions, dayDated]).tallies.filter((t) => t.measure === "attacks on US forces" && t.value === 66);
    expect(merged.map((t) => [t.asOf, t.asOfPrecision, t.sources.map((s) => s.report)])).toEqual([
      ["2023-11-21", "day", ["x", "seed-recap-jan06", "seed-recap-jan10"]],
    ]);
    // A different claim (another value) keeps its month date.
    expect(groupTallies([...mentions, { ...dayDated, value: 67 }]).tallies.some((t) => t.value === 66 && t.asOf === "2023-11-30")).toBe(true);
  });

  it("is deterministic whatever the input order", () => {
    const reversed = groupTallies([...mentions].reverse());
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(groups));
  });
});

describe("extractTallies with the real tagger's time expressions", () => {
  const tagged = (name: string) =>
    extractTallies(fixtureReport(fileURLToPath(new URL(`../fixtures/tallies/${name}.md`, import.meta.url)), { tagger: true }), story);

  it("dates the seed figures as the hand-tagged fixture does", () => {
    const hand = extractTallies(fixture("seed-recap-jan10"), story).map(brief);
    expect(tagged("seed-recap-jan10").map(brief)).toEqual(hand);
    expect(hand.map((m) => [m.value, m.since, m.asOf])).toEqual([
      [2500, null, "2024-01-10"],
      [3, null, "2023-12-26"],
      [66, "2023-10-17", "2023-11-30"],
      [60, "2023-10-17", "2023-11-30"],
    ]);
  });

  it("still finds the conflicting figures", () => {
    const groups = groupTallies([...tagged("conflict-a"), ...tagged("conflict-b")]);
    expect(groups.conflicts.map((c) => [c.measure, c.asOf, c.tallies.length])).toEqual([["attacks on US forces", "2024-01-30", 2]]);
  });
});

describe("extractTallies on any text", () => {
  it("never throws and quotes only what the paragraph says, with unique ids and valid dates", async () => {
    const fc = await import("fast-check");
    const words = fc.constantFrom(
      "at", "least", "66", "2,500", "thousand", "a", "dozen", "sixty", "times", "attacked", "attacks", "troops", "people",
      "were", "injured", "killed", "wounding", "since", "October", "17", "number", "of", "reached", ",", ".", ";", "US", "forces",
    );
    fc.assert(
      fc.property(fc.array(fc.array(words, { maxLength: 30 }).map((w) => w.join(" ")), { minLength: 1, maxLength: 4 }), (texts) => {
        const r: Report = {
          slug: "r", url: "/reports/r/", title: "t", date: "2024-01-10", datetime: "2024-01-10", summary: "", source: null,
          tags: [], topics: [], html: "", file: "r.md", related: [],
          paragraphs: texts.map((text, i) => ({ id: `p${i + 1}`, index: i + 1, text, html: text, timexes: [] })),
        };
        const found = extractTallies(r, story);
        expect(new Set(found.map((m) => m.id)).size).toBe(found.length);
        for (const m of found) {
          const paragraph = r.paragraphs.find((p) => p.id === m.source.paragraph)!;
          expect(paragraph.text).toContain(m.quote);
          expect(m.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(Number.isFinite(m.value)).toBe(true);
        }
        expect(groupTallies(found).tallies.every((t) => t.sources.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
