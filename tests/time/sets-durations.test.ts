import { describe, expect, it } from "vitest";
import { tagTimes } from "../../src/time/tagger.ts";
import type { Timex } from "../../src/time/types.ts";

/** The one expression whose text is `phrase`; fails when it is missing. */
function find(text: string, phrase: string, dct = "2024-01-10"): Timex {
  const out = tagTimes(text, { dct });
  const found = out.find((t) => t.text === phrase);
  if (!found) throw new Error(`"${phrase}" not tagged in: ${JSON.stringify(out)}`);
  return found;
}

describe("rates are sets, not durations", () => {
  it("reads 'a day' / 'a year' after an amount of things or money as a frequency", () => {
    expect(find("The field hospital now treats about 40 patients a day.", "a day")).toMatchObject({ type: "SET", value: "P1D" });
    expect(find("The toll raises about $3 million a year for road repairs.", "a year")).toMatchObject({ type: "SET", value: "P1Y" });
    expect(find("Volunteers logged hundreds of calls a week during the flood.", "a week")).toMatchObject({ type: "SET", value: "P1W" });
    expect(find("The clinic hopes to vaccinate 400 children a month until spring.", "a month")).toMatchObject({ type: "SET", value: "P1M" });
  });

  it("keeps a length of time a duration", () => {
    expect(find("The hearing lasted a day and ended without a ruling.", "a day")).toMatchObject({ type: "DURATION", value: "P1D" });
    expect(find("Five envoys stayed for a week in the capital.", "a week")).toMatchObject({ type: "DURATION", value: "P1W" });
  });
});

describe("plural weekdays", () => {
  it("are weekly sets, with the part of the day when one is named", () => {
    const text = "The market opens on Fridays, and the night buses run on Saturday nights.";
    expect(find(text, "Fridays")).toMatchObject({ type: "SET", value: "XXXX-WXX-5" });
    expect(find(text, "Saturday nights")).toMatchObject({ type: "SET", value: "XXXX-WXX-6TNI" });
  });

  it("leave a single weekday a date", () => {
    expect(find("The market opened on Friday.", "Friday")).toMatchObject({ type: "DATE", value: "2024-01-05" });
  });
});

describe("offsets with a half", () => {
  it("keep the half in the amount", () => {
    const text = "The tower cleared the jet to land. A minute and a half later, the runway lights went out.";
    expect(find(text, "A minute and a half later")).toMatchObject({ type: "DURATION", value: "PT1M30S" });
  });
});

describe("vague spans of time", () => {
  it("reads the coming years, the weeks ahead and over the years as durations of unknown length", () => {
    expect(find("The utility plans to replace its pipes in the coming years.", "the coming years")).toMatchObject({ type: "DURATION", value: "PXY" });
    expect(find("Traders expect more volatility in the weeks ahead.", "the weeks ahead")).toMatchObject({ type: "DURATION", value: "PXW" });
    expect(find("The town has grown over the decades into a port city.", "the decades")).toMatchObject({ type: "DURATION", value: "PXY" });
    expect(find("In the months that followed, the mill closed twice.", "the months")).toMatchObject({ type: "DURATION", value: "PXM" });
  });

  it("leaves an anaphoric 'the years' alone", () => {
    expect(tagTimes("The years of drought emptied the valley.", { dct: "2024-01-10" })).toEqual([]);
  });

  it("reads 'for a while' as an unspecified duration", () => {
    expect(find("Residents may be without water for a while, the mayor said.", "a while")).toMatchObject({ type: "DURATION", value: "PXX" });
  });

  it("counts a hundred years", () => {
    expect(find("The bridge has stood for almost a hundred years.", "almost a hundred years")).toMatchObject({ type: "DURATION", value: "P100Y" });
  });
});

describe("clock times", () => {
  it("do not read 'high noon' as midday", () => {
    expect(tagTimes("For the ruling party it is high noon.", { dct: "2024-01-10" })).toEqual([]);
    expect(find("The polls close at noon.", "noon")).toMatchObject({ type: "TIME", value: "2024-01-10T12:00" });
  });
});

describe("vague references", () => {
  it("reads 'will one day' as the future, not as a day-long span", () => {
    expect(find("Engineers say the tunnel could one day carry freight trains.", "one day")).toMatchObject({ type: "DATE", value: "FUTURE_REF" });
    expect(find("The strike lasted one day.", "one day")).toMatchObject({ type: "DURATION", value: "P1D" });
  });

  it("reads 'then-current' as the past", () => {
    expect(find("The then-current board rejected the offer.", "current")).toMatchObject({ value: "PAST_REF" });
    expect(find("The current board rejected the offer.", "current")).toMatchObject({ value: "PRESENT_REF" });
  });

  it("gives a vague count of units after a narrative date its length only", () => {
    const text = "The plant closed on March 3, 2022. A few weeks later, the owners sold it.";
    expect(find(text, "A few weeks later")).toMatchObject({ type: "DURATION", value: "PXW" });
    expect(find("The mine opened a few years ago.", "a few years ago")).toMatchObject({ type: "DATE", value: "PAST_REF" });
  });
});

describe("clock times in wire copy", () => {
  it("take the day named after the parenthesized GMT time", () => {
    // 2024-01-10 is a Wednesday; the Monday before is 2024-01-08
    const text = "The blast shook the port at about 9:40 a.m. (0640 GMT) Monday, officials said.";
    expect(find(text, "9:40 a.m.")).toMatchObject({ type: "TIME", value: "2024-01-08T09:40" });
  });
});

describe("recurring parts of the day and weekends", () => {
  it("writes every morning / each night as the part of every day", () => {
    const text = "Volunteers cook every morning, guards patrol each night and the nurses visit every other evening.";
    expect(find(text, "every morning")).toMatchObject({ type: "SET", value: "XXXX-XX-XXTMO" });
    expect(find(text, "each night")).toMatchObject({ type: "SET", value: "XXXX-XX-XXTNI" });
    expect(find(text, "every other evening")).toMatchObject({ type: "SET", value: "P2D" });
  });

  it("reads 'on weekends' as every weekend", () => {
    expect(find("The border crossing now closes on weekends.", "weekends")).toMatchObject({ type: "SET", value: "XXXX-WXX-WE" });
  });
});

describe("parts of the day without a day", () => {
  it("fall on the publication day, or on the day the story has just told", () => {
    expect(find("By mid-afternoon, the crowd had grown to several thousand.", "mid-afternoon")).toMatchObject({ type: "TIME", value: "2024-01-10TAF" });
    const text = "The ship docked on Friday, March 3, 2023, and sailed again in the afternoon.";
    expect(find(text, "the afternoon")).toMatchObject({ type: "TIME", value: "2023-03-03TAF" });
    expect(find("The airport reopened in the late evening.", "late evening")).toMatchObject({ type: "TIME", value: "2024-01-10TEV" });
  });

  it("reads '4 in the morning' as a clock time", () => {
    expect(find("The convoy left at 4 in the morning.", "4 in the morning")).toMatchObject({ type: "TIME", value: "2024-01-10T04:00" });
    expect(find("The doors closed at ten in the evening.", "ten in the evening")).toMatchObject({ type: "TIME", value: "2024-01-10T22:00" });
  });

  it("leaves 'the morning papers' and 'the evening of' alone", () => {
    expect(tagTimes("She reads the morning papers on the train.", { dct: "2024-01-10" })).toEqual([]);
    expect(tagTimes("It was the morning of the vote.", { dct: "2024-01-10" })).toEqual([]);
  });

  it("keeps 'early' with the part of the day before a weekday", () => {
    // 2024-01-10 is a Wednesday
    expect(find("The raid began early morning Monday.", "early morning Monday")).toMatchObject({ type: "TIME", value: "2024-01-08TMO" });
  });
});

describe("earnings comparisons over several months", () => {
  it("read 'the year-earlier nine months' as the nine-month period", () => {
    const out = tagTimes("Profit in the year-earlier nine months was $4 million.", { dct: "2023-10-20" });
    expect(out.map((t) => [t.type, t.value])).toEqual([["DURATION", "P9M"]]);
  });
});

describe("'the past' before a count", () => {
  it("is not the vague past", () => {
    const out = tagTimes("Riots broke out in the port for the past four winters.", { dct: "2024-01-10" });
    expect(out.some((t) => t.value === "PAST_REF")).toBe(false);
    expect(find("Such riots belong to the past.", "the past")).toMatchObject({ value: "PAST_REF" });
  });
});

describe("modifiers inside decade and century spans", () => {
  it("keep early/mid/late with the article", () => {
    const out = tagTimes("Since the mid-1990s, and unlike the late 19th century, the port has grown.", { dct: "2024-01-10" });
    expect(out.map((t) => t.text)).toEqual(["the mid-1990s", "the late 19th century"]);
  });
});

describe("ranges and halves", () => {
  it("split a range into two durations, the first taking the unit of the second", () => {
    const out = tagTimes("Repairs will take two to six days, and the audit between three and five years.", { dct: "2024-01-10" });
    expect(out.map((t) => [t.text, t.value])).toEqual([
      ["two", "P2D"], ["six days", "P6D"], ["three", "P3Y"], ["five years", "P5Y"],
    ]);
  });

  it("do not read a count joined by 'and' as a range outside 'between'", () => {
    const out = tagTimes("Three soldiers and two days of talks ended the siege.", { dct: "2024-01-10" });
    expect(out.map((t) => t.text)).toEqual(["two days"]);
  });

  it("count 'and a half' once, before or after the unit", () => {
    const text = "The dig lasted two and a half years, the survey one and a half hours, the appeal three years and a half.";
    expect(find(text, "two and a half years").value).toBe("P2Y6M");
    expect(find(text, "one and a half hours").value).toBe("PT1H30M");
    expect(find(text, "three years and a half").value).toBe("P3Y6M");
  });
});

describe("a clock time with a day", () => {
  it("sets the day for the clock times after it", () => {
    // 2024-01-10 is a Wednesday; the polls open next Tuesday
    const out = tagTimes("Polls will open at 7 a.m. Tuesday and close at 8 p.m.", { dct: "2024-01-10" });
    expect(out.map((t) => t.value)).toEqual(["2024-01-16T07:00", "2024-01-16T20:00"]);
  });

  it("without a day leaves the narrative where it was", () => {
    const out = tagTimes("The polls closed at 8 p.m. A day later the count began.", { dct: "2024-01-10" });
    expect(out.map((t) => t.value)).toEqual(["2024-01-10T20:00", "2024-01-11"]);
  });
});

describe("quarters as a unit", () => {
  it("count quarters in durations and sets", () => {
    expect(find("The chain has lost money in the past two quarters.", "the past two quarters", "2023-10-20").value).toBe("P2Q");
    expect(find("The lender must pay about $100 million in interest every quarter.", "every quarter", "2023-10-20")).toMatchObject({ type: "SET", value: "P1Q" });
  });
});

describe("plural quarters", () => {
  it("are yearly sets, the first of a pair too", () => {
    const out = tagTimes("Ski resorts earn most of their money in the first and fourth quarters.", { dct: "2023-10-20" });
    expect(out.map((t) => [t.text, t.type, t.value])).toEqual([
      ["first", "SET", "XXXX-Q1"], ["fourth quarters", "SET", "XXXX-Q4"],
    ]);
  });
});

describe("ages", () => {
  it("of events are durations, of people are not time expressions", () => {
    const out = tagTimes("The 14-month-old ceasefire survived, but a 9-year-old girl was hurt.", { dct: "2024-01-10" });
    expect(out.map((t) => [t.text, t.type, t.value])).toEqual([["14-month-old", "DURATION", "P14M"]]);
  });
});

describe("o'clock", () => {
  it("reads the hour of 'N o'clock' with its day", () => {
    expect(find("The court will rule at 10 o'clock tomorrow.", "10 o'clock tomorrow")).toMatchObject({ type: "TIME", value: "2024-01-11T10:00" });
  });
});
