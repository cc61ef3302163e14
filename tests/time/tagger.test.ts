import { describe, expect, it } from "vitest";
import { tagTimes } from "../../src/time/tagger.ts";
import type { Timex } from "../../src/time/types.ts";

/** The one expression whose text is `phrase`; fails when it is missing. */
function find(text: string, dct: string, phrase: string): Timex {
  const found = tagTimes(text, { dct }).find((t) => t.text === phrase);
  if (!found) throw new Error(`"${phrase}" not tagged in: ${JSON.stringify(tagTimes(text, { dct }))}`);
  return found;
}

const value = (text: string, dct: string, phrase: string) => find(text, dct, phrase).value;
/** Where an expression lands on a timeline. */
const timeline = (t: Timex) => t.anchored ?? t.value;

describe("dated statements of a report published 2024-01-06", () => {
  const dct = "2024-01-06";

  it("puts a December date told in January in the previous year", () => {
    expect(value("Before that, on December 26, the minister ordered strikes on two depots.", dct, "December 26")).toBe("2023-12-26");
  });

  it("resolves a January date to the report's own year", () => {
    expect(value("The cabinet met on January 5 after the raid on the port.", dct, "January 5")).toBe("2024-01-05");
    expect(value("Aides cited a memo dated January 6 in their briefing.", dct, "January 6")).toBe("2024-01-06");
  });

  it("anchors 'A month earlier' to the date told before it, not to the publication date", () => {
    const text = "On December 26, the ministry announced new patrols. A month earlier, a spokeswoman said convoys had been hit.";
    const t = find(text, dct, "A month earlier");
    expect(timeline(t)).toBe("2023-11");
  });

  it("dates 'since October 17' and 'On November 7' to last autumn", () => {
    const text = "Bases in the region were shelled 40 times since October 17. On November 7, the envoy said talks would go on.";
    expect(value(text, dct, "October 17")).toBe("2023-10-17");
    expect(value(text, dct, "November 7")).toBe("2023-11-07");
  });

  it("reads a bare month in a past-tense sentence as the last such month", () => {
    expect(value("In October, the general warned that the garrison was ready.", dct, "October")).toBe("2023-10");
    expect(value("In March, the council voted to close the mine.", dct, "March")).toBe("2023-03");
  });

  it("reads a bare month in a future-tense sentence as the next such month", () => {
    expect(value("The council will vote on the budget in March.", dct, "March")).toBe("2024-03");
  });

  it("tags 'currently' as the present", () => {
    const t = find("About 900 engineers are currently stationed at the dam.", dct, "currently");
    expect(t).toMatchObject({ type: "DATE", value: "PRESENT_REF" });
  });
});

describe("absolute and partial dates", () => {
  const dct = "2024-01-10";

  it("normalizes full dates in US and day-first order", () => {
    expect(value("The treaty was signed on December 26, 2023 in Oslo.", dct, "December 26, 2023")).toBe("2023-12-26");
    expect(value("The treaty was signed on 26 Dec 2023 in Oslo.", dct, "26 Dec 2023")).toBe("2023-12-26");
    expect(value("Filings closed on Dec. 26, officials said.", dct, "Dec. 26")).toBe("2023-12-26");
  });

  it("normalizes a month with a year and ISO dates", () => {
    expect(value("Prices peaked in March 2021 and fell after.", dct, "March 2021")).toBe("2021-03");
    expect(value("The log entry reads 2023-07-04 at the top.", dct, "2023-07-04")).toBe("2023-07-04");
  });

  it("rejects impossible calendar days", () => {
    expect(tagTimes("The form said February 30, 2023 by mistake.", { dct }).some((t) => t.value === "2023-02-30")).toBe(false);
  });

  it("does not read the modal 'may' as a month", () => {
    expect(tagTimes("Officials may decide to extend the curfew.", { dct })).toEqual([]);
    expect(value("Elections are due in May.", dct, "May")).toBe("2024-05");
  });
});

describe("weekdays", () => {
  // 2024-01-10 is a Wednesday
  const dct = "2024-01-10";

  it("points back in past-tense clauses and forward in future ones", () => {
    expect(value("The mayor resigned on Monday after the audit.", dct, "Monday")).toBe("2024-01-08");
    expect(value("The mayor will resign on Friday, aides say.", dct, "Friday")).toBe("2024-01-12");
  });

  it("takes the publication day itself for its own weekday in a past clause", () => {
    expect(value("Shares fell Wednesday as the bank cut rates.", dct, "Wednesday")).toBe("2024-01-10");
  });

  it("honours last and next", () => {
    expect(value("Talks broke down last Friday.", dct, "last Friday")).toBe("2024-01-05");
    expect(value("Talks resume next Tuesday.", dct, "next Tuesday")).toBe("2024-01-16");
  });
});

describe("years, decades, centuries, seasons", () => {
  const dct = "2024-01-10";

  it("tags bare years but not amounts", () => {
    expect(value("The port was built in 2010 by a Danish firm.", dct, "2010")).toBe("2010");
    expect(tagTimes("The company paid $2010 in fees.", { dct }).length).toBe(0);
  });

  it("normalizes decades and centuries", () => {
    expect(value("Steel output collapsed in the 1990s.", dct, "the 1990s")).toBe("199");
    expect(value("The bridge dates from the 19th century.", dct, "the 19th century")).toBe("18");
  });

  it("resolves seasons by modifier", () => {
    expect(value("The dam flooded last summer.", dct, "last summer")).toBe("2023-SU");
    expect(value("The summer of 2012 was dry.", dct, "The summer of 2012")).toBe("2012-SU");
    expect(tagTimes("Crowds cheered the fall of the wall; the fall in prices continued.", { dct })).toEqual([]);
  });
});

describe("quarters, weeks, months and years relative to the publication date", () => {
  const dct = "2024-01-10";

  it("resolves deictic units", () => {
    expect(value("Exports rose last year.", dct, "last year")).toBe("2023");
    expect(value("Exports will rise next year.", dct, "next year")).toBe("2025");
    expect(value("The union struck last month.", dct, "last month")).toBe("2023-12");
    expect(value("The board met earlier this month.", dct, "earlier this month")).toBe("2024-01");
    expect(value("The strike began last week.", dct, "last week")).toBe("2024-W01");
    expect(value("Officials meet this week.", dct, "this week")).toBe("2024-W02");
  });

  it("resolves day words and parts of the day", () => {
    expect(value("The ferry sank yesterday.", dct, "yesterday")).toBe("2024-01-09");
    expect(value("The ferry sails tomorrow.", dct, "tomorrow")).toBe("2024-01-11");
    expect(find("Rescuers arrived this morning.", dct, "this morning")).toMatchObject({ type: "TIME", value: "2024-01-10TMO" });
  });

  it("dates quarters, a fourth quarter told in January falling in the previous year", () => {
    expect(value("Profit fell in the fourth quarter, the bank said.", dct, "the fourth quarter")).toBe("2023-Q4");
    expect(value("Third-quarter sales of the 2022 model were weak.", dct, "Third-quarter")).toBe("2023-Q3");
    expect(value("Sales in the third quarter of 2021 were weak.", dct, "the third quarter of 2021")).toBe("2021-Q3");
  });

  it("compares with the same quarter a year back in earnings copy", () => {
    const text = "Net income in the third quarter rose to $5 million from $4 million a year earlier.";
    expect(value(text, "2023-10-20", "a year earlier")).toBe("2022-Q3");
  });
});

describe("expressions anchored to the narrative", () => {
  const dct = "2024-01-10";

  it("counts days from the last date told", () => {
    const text = "The quake struck on March 3, 2022. Two days later, the first aid convoy reached the valley.";
    expect(timeline(find(text, dct, "Two days later"))).toBe("2022-03-05");
  });

  it("resolves 'the next day' and 'the following year' against the reference time", () => {
    expect(value("Voting ended on June 4, 2019. The next day, results were posted.", dct, "The next day")).toBe("2019-06-05");
    expect(value("He joined the army in 1998 and left the following year.", dct, "the following year")).toBe("1999");
  });

  it("counts 'ago' from the publication date", () => {
    expect(value("The mill closed three years ago.", dct, "three years ago")).toBe("2021");
    expect(value("The mill closed two months ago.", dct, "two months ago")).toBe("2023-11");
  });
});

describe("durations and sets", () => {
  const dct = "2024-01-10";

  it("normalizes durations with their modifiers in the span", () => {
    expect(find("The siege lasted three years.", dct, "three years")).toMatchObject({ type: "DURATION", value: "P3Y" });
    expect(value("Prices doubled over the past two months.", dct, "the past two months")).toBe("P2M");
    expect(value("Talks took a month.", dct, "a month")).toBe("P1M");
    expect(value("He signed a two-year contract.", dct, "two-year")).toBe("P2Y");
    expect(value("The flight took 2 1/2 hours.", dct, "2 1/2 hours")).toBe("PT2H30M");
    expect(value("The trial lasted 1 1/2 years.", dct, "1 1/2 years")).toBe("P1Y6M");
    expect(value("Repairs will take several weeks.", dct, "several weeks")).toBe("PXW");
  });

  it("normalizes frequencies as sets", () => {
    expect(find("Inspectors visit every week.", dct, "every week")).toMatchObject({ type: "SET", value: "P1W" });
    expect(find("The paper is printed daily.", dct, "daily")).toMatchObject({ type: "SET", value: "P1D" });
    expect(value("The market opens every Monday.", dct, "every Monday")).toBe("XXXX-WXX-1");
    expect(value("The fair returns each July.", dct, "each July")).toBe("XXXX-07");
  });

  it("does not mistake ages for durations", () => {
    expect(tagTimes("The 34-year-old driver was unhurt.", { dct }).length).toBe(0);
  });
});

describe("vague references and clock times", () => {
  const dct = "2024-01-10";

  it("normalizes present, past and future references", () => {
    expect(value("The plant is now closed.", dct, "now")).toBe("PRESENT_REF");
    expect(value("The plant recently closed.", dct, "recently")).toBe("PAST_REF");
    expect(value("Such plants were common in the past.", dct, "the past")).toBe("PAST_REF");
    expect(value("Such plants may return in the future.", dct, "the future")).toBe("FUTURE_REF");
  });

  it("does not read 'the future of' a thing or 'most recently' before a date as a time", () => {
    expect(tagTimes("The vote will shape the future of the fishing towns.", { dct })).toEqual([]);
    const text = "Floods have hit the valley three times, most recently last October.";
    expect(tagTimes(text, { dct }).map((t) => [t.text, t.value])).toEqual([["last October", "2023-10"]]);
    expect(value("The ferry most recently sailed full.", dct, "recently")).toBe("PAST_REF");
  });

  it("leaves a year that is part of a name, but not a year after a month or a sentence opener", () => {
    expect(tagTimes("She joined a studio called Falcon 1984 as a designer.", { dct })).toEqual([]);
    expect(value("In 1984, she joined the studio.", dct, "1984")).toBe("1984");
    expect(value("He ran the Reagan 1984 campaign in Ohio.", dct, "1984")).toBe("1984");
    expect(value("The studio opened in 1984 and closed in 1990.", dct, "1990")).toBe("1990");
  });

  it("does not tag the discourse marker 'Now,' or a broadcast's 'Now for'", () => {
    expect(tagTimes("The river rose. Now, the question is who pays.", { dct })).toEqual([]);
    expect(tagTimes("Now for the weather in the north.", { dct })).toEqual([]);
    expect(value("Now the river is falling.", dct, "Now")).toBe("PRESENT_REF");
    expect(value("The river is falling now, officials said.", dct, "now")).toBe("PRESENT_REF");
  });

  it("reads 'at the time' as a past reference, but not before 'of' or as a clause opener", () => {
    expect(find("The mayor, saying at the time she would resign, left.", dct, "the time")).toMatchObject({ type: "DATE", value: "PAST_REF" });
    expect(value("At the time, the dam held.", dct, "the time")).toBe("PAST_REF");
    expect(tagTimes("Ten firms joined at the time of the merger.", { dct })).toEqual([]);
    expect(tagTimes("At the time the dam broke, the valley slept.", { dct })).toEqual([]);
  });

  it("normalizes clock times on the publication day or the day named", () => {
    expect(find("The polls closed at 8:45 pm ET.", dct, "8:45 pm ET")).toMatchObject({ type: "TIME", value: "2024-01-10T20:45" });
    expect(value("The vote is set for noon Friday.", dct, "noon Friday")).toBe("2024-01-12T12:00");
  });
});

describe("holidays", () => {
  it("dates fixed and movable holidays", () => {
    const dct = "2024-01-10";
    expect(value("Shops closed on Christmas Day.", dct, "Christmas Day")).toBe("2023-12-25");
    expect(value("Pilgrims gathered on Easter Sunday, 2019.", dct, "Easter Sunday, 2019")).toBe("2019-04-21");
    expect(value("Turnout on Election Day 2020 was high.", dct, "Election Day 2020")).toBe("2020-11-03");
    expect(value("Traffic peaked on Thanksgiving 2022.", dct, "Thanksgiving 2022")).toBe("2022-11-24");
  });
});

describe("without a publication date", () => {
  it("keeps X's where the year or day would come from it", () => {
    const text = "On December 26 the talks failed; on Friday they resumed, and yesterday they ended. In 2019, on March 3, 2019, it began.";
    const out = tagTimes(text, { dct: "XXXX-XX-XX" });
    const byText = new Map(out.map((t) => [t.text, t.value]));
    expect(byText.get("December 26")).toBe("XXXX-12-26");
    expect(byText.get("Friday")).toBe("XXXX-WXX-5");
    expect(byText.get("yesterday")).toBe("XXXX-XX-XX");
    expect(byText.get("2019")).toBe("2019");
    expect(byText.get("March 3, 2019")).toBe("2019-03-03");
    expect(tagTimes("A week later it ended.", { dct: "" })[0]!.value).toBe("XXXX-XX-XX");
  });
});

describe("output shape", () => {
  it("returns sorted, non-overlapping spans that slice the input", () => {
    const text = "On Monday, Jan. 8, 2024, the council met for three hours; a week later it met again, and it meets every month.";
    const out = tagTimes(text, { dct: "2024-01-10" });
    expect(out.length).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < out.length; i++) {
      const t = out[i]!;
      expect(text.slice(t.start, t.end)).toBe(t.text);
      if (i > 0) expect(t.start).toBeGreaterThanOrEqual(out[i - 1]!.end);
    }
    expect(out[0]).toMatchObject({ text: "Monday, Jan. 8, 2024", value: "2024-01-08" });
  });

  it("gives a calendar anchor to values a timeline cannot place directly", () => {
    expect(find("Growth slowed in the fourth quarter of 2022.", "2024-01-10", "the fourth quarter of 2022").anchored).toBe("2022");
    expect(find("Rescuers arrived this morning.", "2024-01-10", "this morning").anchored).toBe("2024-01-10");
    expect(find("The strike began on March 3, 2022.", "2024-01-10", "March 3, 2022").anchored).toBeUndefined();
  });

  it("rejects a malformed publication date", () => {
    expect(() => tagTimes("Monday", { dct: "yesterday" })).toThrow(/DCT/);
  });
});
