import { describe, expect, it } from "vitest";
import { extractEvents, type EventMention } from "../../src/digest/events.ts";
import { matchFeatures } from "../../src/digest/events-features.ts";
import { MERGE_THRESHOLD, mergeEvents, similarity } from "../../src/digest/merge.ts";
import type { TimelineEvent } from "../../src/digest/types.ts";
import { tagTimes } from "../../src/time/tagger.ts";
import { tagged } from "../fixtures/timeline/build.ts";
import { iraqReports } from "../fixtures/timeline/iraq.ts";
import { bridgeReports, third } from "../fixtures/timeline/bridge.ts";

const iraq = iraqReports.flatMap((r) => extractEvents(r));
const bridge = bridgeReports.flatMap((r) => extractEvents(r));

function cites(e: TimelineEvent): string[] {
  return e.sources.map((s) => `${s.report}#${s.paragraph}`);
}

function find(events: TimelineEvent[], date: string, text: RegExp): TimelineEvent {
  const hit = events.filter((e) => e.date === date && text.test(e.text));
  expect(hit).toHaveLength(1);
  return hit[0]!;
}

function mentionAt(ms: EventMention[], ref: string, date: string): EventMention {
  const m = ms.find((x) => `${x.source.report}#${x.source.paragraph}` === ref && x.date === date);
  if (!m) throw new Error(`no mention ${ref} ${date}`);
  return m;
}

describe("similarity", () => {
  it("scores retellings of one event above the threshold and different events below", () => {
    const sameStrike = similarity(mentionAt(iraq, "iraq-quiet-talks#p5", "2023-12-26"), mentionAt(iraq, "iraq-coalition-exit#p3", "2023-12-26"));
    const sameAnnouncement = similarity(mentionAt(iraq, "iraq-quiet-talks#p4", "2024-01-05"), mentionAt(iraq, "iraq-coalition-exit#p1", "2024-01-05"));
    const collapseVsBudget = similarity(mentionAt(bridge, "larkport-bridge-collapse#p1", "2025-03-13"), mentionAt(bridge, "larkport-bridge-collapse#p2", "2025-03-13"));
    expect(sameStrike).toBeGreaterThanOrEqual(MERGE_THRESHOLD);
    expect(sameAnnouncement).toBeGreaterThanOrEqual(MERGE_THRESHOLD);
    expect(collapseVsBudget).toBeLessThan(MERGE_THRESHOLD);
    const self = mentionAt(bridge, "larkport-divers#p1", "2025-03-13");
    expect(similarity(self, self)).toBe(1);
  });

  it("halves the score when both texts state numbers and share none", () => {
    const base = { keywords: ["strike", "depot"], entities: ["kirkuk"], numbers: [] as string[] };
    const plain = similarity(base, base);
    const clash = similarity({ ...base, numbers: ["3"] }, { ...base, numbers: ["5"] });
    const agree = similarity({ ...base, numbers: ["3"] }, { ...base, numbers: ["3"] });
    expect(agree).toBe(1);
    expect(clash).toBeLessThan(plain / 1.5);
  });
});

describe("mergeEvents across precisions", () => {
  function mention(report: string, date: string, text: string): EventMention {
    return {
      ...matchFeatures(text), date, precision: date.length === 7 ? "month" : "day", text, topics: [],
      source: { report, paragraph: "p1", url: `/reports/${report}/#p1` }, reportDate: "2023-12-30", offset: 0, paragraphIndex: 1,
    };
  }

  it("joins a month-only retelling to its day when names and figures agree, not a different statement", () => {
    const day = mention("a", "2023-11-21", "Attacks on US troops in Iraq and Syria have reached 66, the Pentagon said, and at least 60 personnel have been hurt.");
    const retold = mention("b", "2023-11", "Pentagon spokeswoman Sabrina Singh had put the tally at 66 attacks, with at least 60 people wounded.");
    const other = mention("c", "2023-11", "Sabrina Singh said the Pentagon saw no serious damage to its bases.");
    const events = mergeEvents([day, retold, other]);
    expect(events.map((e) => [e.date, cites(e)])).toEqual([
      ["2023-11", ["c#p1"]],
      ["2023-11-21", ["a#p1", "b#p1"]],
    ]);
  });
});

describe("mergeEvents on the seed situation", () => {
  const events = mergeEvents(iraq);

  it("makes the strikes of December 26, told by both reports, one entry citing both", () => {
    const e = find(events, "2023-12-26", /three facilities/);
    expect(cites(e)).toEqual(["iraq-coalition-exit#p3", "iraq-quiet-talks#p5"]);
    expect(e.sources[0]!.url).toBe("/reports/iraq-coalition-exit/#p3");
  });

  it("makes al-Sudani's January 5 announcement one entry, with the most informative text", () => {
    const e = find(events, "2024-01-05", /process/);
    expect(cites(e)).toEqual(["iraq-coalition-exit#p1", "iraq-quiet-talks#p4"]);
    // The complete telling wins over the longer one that had to be cut short.
    expect(e.text).toMatch(/^Al-Sudani said his government would begin/);
    expect(e.text.endsWith("…")).toBe(false);
  });

  it("merges the November tally told at month precision, but keeps November 7 apart", () => {
    const month = find(events, "2023-11", /66/);
    expect(month.precision).toBe("month");
    expect(cites(month)).toEqual(["iraq-coalition-exit#p4", "iraq-quiet-talks#p6"]);
    const day = find(events, "2023-11-07", /no significant damage/);
    expect(cites(day)).toEqual(["iraq-coalition-exit#p4"]);
  });

  it("lists every event once in date order, less precise dates first within their period", () => {
    expect(events.map((e) => e.date)).toEqual(["2023-10", "2023-11", "2023-11-07", "2023-12-26", "2024-01-05", "2024-01-06"]);
    const all = events.flatMap((e) => e.sources.map((s) => `${s.report}#${s.paragraph}@${e.id}`));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("mergeEvents on several reports of one story", () => {
  const events = mergeEvents(bridge);

  it("merges three tellings of the collapse, including a month-only one", () => {
    const e = find(events, "2025-03-13", /bridge/);
    expect(cites(e)).toEqual(["larkport-bridge-collapse#p1", "larkport-divers#p1", "larkport-repair-bill#p3"]);
    expect(e.precision).toBe("day");
    expect(e.topics).toEqual(["bridge", "rescue"]);
  });

  it("keeps a different event of the same day apart, and merges its own retelling", () => {
    const vote = find(events, "2025-03-13", /budget/);
    expect(cites(vote)).toEqual(["larkport-bridge-collapse#p2", "larkport-divers#p2"]);
    expect(events.filter((e) => e.date === "2025-03-13")).toHaveLength(2);
  });

  it("does not merge events of neighbouring days or of one sentence's two clauses", () => {
    expect(find(events, "2025-03-14", /divers/).sources).toHaveLength(1);
    expect(find(events, "2025-03-20", /12 million/).sources).toHaveLength(1);
    expect(find(events, "2025-03-27", /agreed to pay/).sources).toHaveLength(1);
  });

  it("keeps a month-only event that matches nothing under its month", () => {
    const e = find(events, "2025-04", /inquiry/);
    expect(e.precision).toBe("month");
  });

  it("gives stable, readable, unique ids", () => {
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^e-\d{4}(-\d{2}){0,2}(-[a-z0-9]+)+$/);
    expect(find(events, "2025-03-13", /bridge/).id).toBe("e-2025-03-13-span-larkport-harbor-bridge");
    // A later report that tells the collapse does not change its id.
    const later = extractEvents({ ...third, slug: "larkport-late-review", date: "2025-05-01" });
    expect(mergeEvents([...bridge, ...later]).map((e) => e.id)).toEqual(expect.arrayContaining([find(events, "2025-03-13", /bridge/).id]));
    const shuffled = [...bridge].reverse();
    expect(mergeEvents(shuffled)).toEqual(events);
  });

  it("de-duplicates ids that would collide", () => {
    const m = mentionAt(bridge, "larkport-divers#p1", "2025-03-14");
    const twin: EventMention = { ...m, keywords: ["unrelated"], entities: [], numbers: [], source: { ...m.source, paragraph: "p9", url: "/reports/larkport-divers/#p9" }, paragraphIndex: 9 };
    const ids = mergeEvents([m, twin]).map((e) => e.id);
    expect(ids).toEqual(["e-2025-03-14-rescue-divers-brought-four", "e-2025-03-14-rescue-divers-brought-four-2"]);
  });

  it("never merges two different days, however alike the words", () => {
    const m = mentionAt(bridge, "larkport-divers#p1", "2025-03-14");
    const nextDay: EventMention = { ...m, date: "2025-03-15", source: { ...m.source, report: "other" } };
    expect(mergeEvents([m, nextDay])).toHaveLength(2);
    const sameDay: EventMention = { ...m, source: { ...m.source, report: "other" } };
    expect(mergeEvents([m, sameDay])).toHaveLength(1);
  });
});

describe("mergeEvents with the real tagger", () => {
  const events = mergeEvents([...iraqReports, ...bridgeReports].flatMap((r) => extractEvents(tagged(r, tagTimes))));

  it("still merges the retellings and keeps apart the different events of a day", () => {
    expect(cites(find(events, "2023-12-26", /three facilities/))).toEqual(["iraq-coalition-exit#p3", "iraq-quiet-talks#p5"]);
    expect(cites(find(events, "2024-01-05", /process/))).toEqual(["iraq-coalition-exit#p1", "iraq-quiet-talks#p4"]);
    expect(cites(find(events, "2023-11-07", /no significant damage/))).toEqual(["iraq-coalition-exit#p4"]);
    expect(cites(find(events, "2025-03-13", /bridge/))).toEqual(["larkport-bridge-collapse#p1", "larkport-divers#p1", "larkport-repair-bill#p3"]);
    expect(cites(find(events, "2025-03-13", /budget/))).toEqual(["larkport-bridge-collapse#p2", "larkport-divers#p2"]);
    const dates = events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe("mergeEvents at scale", () => {
  it("merges tens of thousands of mentions, comparing only within date buckets", () => {
    // 20,000 mentions over two years: 400 events each told by 50 reports (with a varying word),
    // plus 500 same-month mentions with their own words that join nothing.
    const mentions: EventMention[] = [];
    const base = new Date(Date.UTC(2022, 0, 1));
    for (let k = 0; k < 400; k++) {
      const date = new Date(base.getTime() + (k % 730) * 864e5).toISOString().slice(0, 10);
      for (let r = 0; r < 49; r++) {
        const slug = `r${String(r).padStart(3, "0")}`;
        mentions.push({
          date, precision: "day", text: `Event ${k} told by ${slug}.`, topics: [], reportDate: date, offset: 0, paragraphIndex: 1,
          source: { report: slug, paragraph: "p1", url: `/reports/${slug}/#p1` },
          keywords: [`act${k}`, `place${k}`, `detail${r % 7}`], entities: [`name${k}`], numbers: [],
        });
      }
      const date7 = date.slice(0, 7);
      mentions.push({
        date: date7, precision: "month", text: `Unrelated ${k}.`, topics: [], reportDate: date, offset: 0, paragraphIndex: 2,
        source: { report: "zz", paragraph: `p${k}`, url: `/reports/zz/#p${k}` },
        keywords: [`other${k}`], entities: [], numbers: [],
      });
    }
    const t0 = performance.now();
    const events = mergeEvents(mentions);
    const ms = performance.now() - t0;
    expect(events).toHaveLength(800);
    expect(events.filter((e) => e.sources.length === 49)).toHaveLength(400);
    expect(ms).toBeLessThan(5000);
  });
});
