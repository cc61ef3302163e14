import { describe, expect, it } from "vitest";
import { extractEvents, shorten, timeRole, type EventMention } from "../../src/digest/events.ts";
import { calendarDate, compatibleDates, isAfter } from "../../src/digest/events-date.ts";
import { splitClauses, splitSentences } from "../../src/digest/sentences.ts";
import { tagTimes } from "../../src/time/tagger.ts";
import { report, tagged } from "../fixtures/timeline/build.ts";
import { exit, talks } from "../fixtures/timeline/iraq.ts";
import { first, second, third } from "../fixtures/timeline/bridge.ts";

function at(mentions: EventMention[], paragraph: string): EventMention[] {
  return mentions.filter((m) => m.source.paragraph === paragraph);
}

describe("splitSentences", () => {
  it("does not split at abbreviations and keeps offsets into the text", () => {
    const text = "Gen. Ortiz landed in the U.S. capital on Dec. 3 at noon. He met Lt. Col. Park there. Talks ended.";
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual([
      "Gen. Ortiz landed in the U.S. capital on Dec. 3 at noon.",
      "He met Lt. Col. Park there.",
      "Talks ended.",
    ]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("returns nothing for blank text", () => {
    expect(splitSentences("  \n ")).toEqual([]);
  });
});

describe("splitClauses", () => {
  it("cuts at semicolons and at comma + and/but/while, keeping offsets", () => {
    const text = "The army left on May 2; it came back on May 9, but the town stayed empty.";
    const [sentence] = splitSentences(text);
    const clauses = splitClauses(text, sentence!);
    expect(clauses.map((c) => c.text)).toEqual([
      "The army left on May 2",
      "it came back on May 9",
      "but the town stayed empty.",
    ]);
    for (const c of clauses) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it("leaves a sentence without such boundaries whole", () => {
    const text = "Officials in Baghdad, Erbil and Basra met on Monday.";
    expect(splitClauses(text, splitSentences(text)[0]!).map((c) => c.text)).toEqual([text]);
  });
});

describe("calendar dates", () => {
  it("reads TIMEX3 values at the precision they give", () => {
    expect(calendarDate("2023-12-26")).toEqual({ date: "2023-12-26", precision: "day" });
    expect(calendarDate("2024-01-05T14:30")).toEqual({ date: "2024-01-05", precision: "day" });
    expect(calendarDate("2023-11")).toEqual({ date: "2023-11", precision: "month" });
    expect(calendarDate("2023")).toEqual({ date: "2023", precision: "year" });
    expect(calendarDate("2013-W11")).toEqual({ date: "2013-03", precision: "month" });
    expect(calendarDate("2012-SU")).toEqual({ date: "2012", precision: "year" });
    for (const v of ["PRESENT_REF", "P1M", "XXXX-12-26", "2023-13", "201X"]) expect(calendarDate(v)).toBeNull();
  });

  it("treats dates inside one another as compatible, different days as not", () => {
    expect(compatibleDates("2023-12", "2023-12-26")).toBe(true);
    expect(compatibleDates("2023", "2023-12-26")).toBe(true);
    expect(compatibleDates("2023-12-25", "2023-12-26")).toBe(false);
    expect(compatibleDates("2023-11", "2023-12-01")).toBe(false);
    expect(isAfter("2024-01-11", "2024-01-10")).toBe(true);
    expect(isAfter("2024-01", "2024-01-10")).toBe(false);
  });
});

describe("timeRole", () => {
  it("tells bounds, reporting and document dates from the time of the happening", () => {
    expect(timeRole("attacked 66 times since ")).toBe("bound");
    expect(timeRole("The newspaper reported this on ")).toBe("report");
    expect(timeRole("Politico reported the request on ")).toBe("report");
    expect(timeRole("according to a document dated ")).toBe("document");
    expect(timeRole("Al-Sudani announced the withdrawal on ")).toBe("main");
    expect(timeRole("Reuters reported that troops left the base on ")).toBe("main");
    expect(timeRole("NICOSIA, ")).toBe("report");
    expect(timeRole("since the ", " bombing")).toBe("main");
    expect(timeRole("after ", "'s ruling")).toBe("main");
    expect(timeRole("Ralston reported a 47% decline in ")).toBe("main");
    expect(timeRole("in a letter published ")).toBe("main");
  });
});

describe("shorten", () => {
  it("drops trailing relative clauses first, then cuts at a word", () => {
    const long = `The transport minister told parliament the plan was final, which ${"surprised many observers in the capital and ".repeat(5)}abroad.`;
    expect(shorten(long)).toBe("The transport minister told parliament the plan was final.");
    const noClause = "word ".repeat(60).trim();
    const cut = shorten(noClause);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut.endsWith("word…")).toBe(true);
  });
});

describe("extractEvents on the seed situation", () => {
  const t = extractEvents(talks);
  const e = extractEvents(exit);

  it("skips a sentence dated only by its reporting and a statement about now", () => {
    expect(at(t, "p1")).toEqual([]);
    expect(at(t, "p3")).toEqual([]);
  });

  it("dates a document's content by the document when nothing else dates it", () => {
    const [memo] = at(t, "p2");
    expect(memo?.date).toBe("2024-01-06");
    expect(memo?.text).toMatch(/^In a memo dated January 6, senior aides/);
  });

  it("dates the announcement, trims the fronted date and keeps attribution", () => {
    const [ann] = at(t, "p4");
    expect(ann).toMatchObject({ date: "2024-01-05", precision: "day" });
    expect(ann?.text).toMatch(/^Al-Sudani said his government would begin the process/);
    expect(ann?.source).toEqual({ report: "iraq-quiet-talks", paragraph: "p4", url: "/reports/iraq-quiet-talks/#p4" });
    expect(ann?.reportDate).toBe("2024-01-10");
  });

  it("trims connective openers like 'Earlier,' and 'Prior to this,'", () => {
    expect(at(t, "p5")[0]?.text).toMatch(/^Defense Secretary Lloyd Austin said American forces had struck three facilities/);
    expect(at(e, "p3")[0]?.text).toMatch(/^Lloyd Austin announced that the US military had hit three facilities/);
  });

  it("uses the anchored value of a relative expression, not the 'since' bound", () => {
    const [singh] = at(t, "p6");
    expect(singh).toMatchObject({ date: "2023-11", precision: "month" });
    expect(singh?.text).toMatch(/^Pentagon spokeswoman Sabrina Singh counted 66 attacks/);
    // "October 17" is masked from the features: it is a date, not a figure of the event.
    expect(singh?.numbers).toEqual(["60", "66"]);
  });

  it("prefixes the sentence that 'This was announced …' points back to", () => {
    const [ann] = at(e, "p1");
    expect(ann?.date).toBe("2024-01-05");
    expect(ann?.text).toMatch(/^Iraq's government is starting the process .* This was announced on January 5/);
    expect(ann?.text.length).toBeLessThanOrEqual(200);
    expect(ann?.entities).toEqual(expect.arrayContaining(["sudani", "jawari", "baghdad"]));
  });

  it("gives each dated sentence of a paragraph its own event", () => {
    expect(at(e, "p4").map((m) => m.date)).toEqual(["2023-11", "2023-11-07"]);
    expect(at(e, "p5")).toMatchObject([{ date: "2023-10", precision: "month" }]);
    expect(at(e, "p5")[0]?.text).toMatch(/^Austin warned/);
  });
});

describe("extractEvents rules", () => {
  it("splits a sentence into clauses when each holds its own date", () => {
    const p1 = extractEvents(third).filter((m) => m.source.paragraph === "p1");
    expect(p1.map((m) => [m.date, m.text])).toEqual([
      ["2025-03-20", "The harbor authority said on March 20 that rebuilding the fallen span would cost 12 million dollars"],
      ["2025-03-27", "The town council agreed to pay for it."],
    ]);
  });

  it("takes the most precise of times that nest", () => {
    const r = report("nest", "2023-11-22", "Nest", [
      {
        text: "Two weeks ago, on November 7, the spokeswoman said the attacks had done little damage.",
        times: [["Two weeks ago", "2023-W45", "DATE", "2023-11"], ["November 7", "2023-11-07"]],
      },
    ]);
    expect(extractEvents(r).map((m) => [m.date, m.text])).toEqual([["2023-11-07", "The spokeswoman said the attacks had done little damage."]]);
  });

  it("takes the first main time when the dates cannot be split into clauses", () => {
    const [inquiry] = extractEvents(third).filter((m) => m.source.paragraph === "p2");
    expect(inquiry?.date).toBe("2025-04");
  });

  it("skips future statements and reads a time of day as its day", () => {
    const m = extractEvents(first);
    expect(m.map((x) => x.source.paragraph)).toEqual(["p1", "p2", "p3"]);
    expect(m[0]).toMatchObject({ date: "2025-03-13", precision: "day" });
    expect(m[2]).toMatchObject({ date: "2023", precision: "year" });
  });

  it("skips dates after the report, durations without anchor, unresolved and reference values", () => {
    const r = report("odd", "2024-05-01", "Odd", [
      { text: "The talks lasted three weeks.", times: [["three weeks", "P3W", "DURATION"]] },
      { text: "The summit opens on June 4.", times: [["June 4", "2024-06-04"]] },
      { text: "Every Monday the market closed.", times: [["Every Monday", "XXXX-WXX-1", "SET"]] },
      { text: "Now the border is quiet.", times: [["Now", "PRESENT_REF"]] },
      { text: "On December 3 the port reopened.", times: [["December 3", "XXXX-12-03"]] },
      { text: "The ministers will meet later this month.", times: [["later this month", "2024-05"]] },
      { text: "Two weeks later, the port closed again.", times: [["Two weeks later", "P2W", "DURATION", "2024-04-20"]] },
    ]);
    const m = extractEvents(r);
    expect(m.map((x) => [x.source.paragraph, x.date, x.text])).toEqual([["p7", "2024-04-20", "The port closed again."]]);
  });

  it("reads the future only in the time expression's own clause", () => {
    const r = report("future", "2024-05-06", "Future", [
      { text: "The envoy said on Monday that she will return to the region soon.", times: [["Monday", "2024-05-06"]] },
      { text: "Officials will brief reporters later today in the capital.", times: [["today", "2024-05-06"]] },
      { text: "Investigators have searched for the driver since the May 1 crash near the port.", times: [["May 1", "2024-05-01"]] },
    ]);
    expect(extractEvents(r).map((m) => [m.source.paragraph, m.date])).toEqual([
      ["p1", "2024-05-06"],
      ["p3", "2024-05-01"],
    ]);
  });

  it("takes topics from the report (tags when it has no topics) plus the classifier", () => {
    const m = extractEvents(second, { classify: (text) => (/divers?/i.test(text) ? ["rescue-work"] : []) });
    expect(m.map((x) => x.topics)).toEqual([["rescue"], ["rescue", "rescue-work"], ["rescue"]]);
  });

  it("is deterministic and JSON-serializable", () => {
    const a = extractEvents(exit);
    expect(JSON.parse(JSON.stringify(a))).toEqual(extractEvents(exit));
  });
});

describe("extractEvents with the real tagger", () => {
  // The same fixtures, with time expressions found by src/time/tagger.ts instead of by hand.
  const t = extractEvents(tagged(talks, tagTimes));
  const e = extractEvents(tagged(exit, tagTimes));
  const b = extractEvents(tagged(third, tagTimes));

  it("dates the happenings, not the reporting, and ignores 'currently' and 'Earlier'", () => {
    expect(at(t, "p1")).toEqual([]);
    expect(at(t, "p3")).toEqual([]);
    expect(at(t, "p2").map((m) => m.date)).toEqual(["2024-01-06"]);
    expect(at(t, "p4").map((m) => [m.date, m.text.slice(0, 30)])).toEqual([["2024-01-05", "Al-Sudani said his government "]]);
    expect(at(t, "p5").map((m) => [m.date, m.text.slice(0, 30)])).toEqual([["2023-12-26", "Defense Secretary Lloyd Austin"]]);
  });

  it("never takes a 'since' bound as the event's time", () => {
    // Whatever the tagger makes of "A month before that", October 17 is not the statement's date.
    expect(at(t, "p6").map((m) => m.date)).not.toContain("2023-10-17");
    expect(at(e, "p4").map((m) => m.date)).not.toContain("2023-10-17");
    expect(at(e, "p4").map((m) => m.date)).toContain("2023-11-07");
  });

  it("reads 'In October' as a month, trimmed from the text", () => {
    expect(at(e, "p5").map((m) => [m.date, m.precision, m.text.slice(0, 14)])).toEqual([["2023-10", "month", "Austin warned "]]);
  });

  it("splits two dated clauses and keeps month precision", () => {
    expect(b.map((m) => m.date)).toEqual(["2025-03-20", "2025-03-27", "2025-04", "2025-03"]);
  });
});
