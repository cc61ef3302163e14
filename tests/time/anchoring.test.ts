import { describe, expect, it } from "vitest";
import { tagTimes } from "../../src/time/tagger.ts";
import type { Timex } from "../../src/time/types.ts";

/** The one expression whose text is `phrase`; fails when it is missing. */
function find(text: string, dct: string, phrase: string): Timex {
  const out = tagTimes(text, { dct });
  const found = out.find((t) => t.text === phrase);
  if (!found) throw new Error(`"${phrase}" not tagged in: ${JSON.stringify(out)}`);
  return found;
}

/** Where an expression lands on a timeline. */
const timeline = (t: Timex) => t.anchored ?? t.value;
const CALENDAR = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

describe("months told before the publication date", () => {
  it("reads 'last February' in early March as the February a year back, 'last November' as the one just past", () => {
    expect(find("The bridge shut last February.", "2024-03-02", "last February").value).toBe("2023-02");
    expect(find("The bridge shut last November.", "2024-03-02", "last November").value).toBe("2023-11");
    expect(find("The bridge shut last January.", "2024-03-02", "last January").value).toBe("2024-01");
  });

  it("dates a past-perfect tally 'by late November' to the November just gone", () => {
    const text = "By late November, the monitoring group had tallied 66 attacks on the two bases.";
    expect(find(text, "2023-12-27", "late November").value).toBe("2023-11");
  });

  it("keeps a deadline 'by' a month ahead in the future", () => {
    const text = "The ministry postponed the vote until March, and the bill must pass by late November.";
    expect(find(text, "2023-12-27", "March").value).toBe("2024-03");
    expect(find(text, "2023-06-10", "late November").value).toBe("2023-11");
  });

  it("reads 'in late November' in a January report as last November", () => {
    expect(find("Shelling resumed in late November, the monitors said.", "2024-01-08", "late November").value).toBe("2023-11");
    // even where an infinitive makes the clause look ahead, a month two back is the one just gone
    expect(find("The envoy was due to attend the late-November summit, aides said.", "2024-01-08", "late-November").value).toBe("2023-11");
  });

  it("keeps a month just gone ahead when a modal says so", () => {
    expect(find("The country will vote in November, the commission said.", "2024-01-08", "November").value).toBe("2024-11");
  });

  it("still reads a month further back as next year's in a future clause", () => {
    expect(find("The council will vote on the budget in October.", "2024-01-08", "October").value).toBe("2024-10");
  });
});

describe("'N units before' anchored like 'N units earlier'", () => {
  it("anchors 'had said a month before' to the date the narrative is at", () => {
    const text =
      "On December 26, the ministry confirmed the strikes on three depots. The spokeswoman had said a month before that the bases had been shelled 60 times.";
    const t = find(text, "2024-01-06", "a month before");
    expect(timeline(t)).toBe("2023-11");
  });

  it("takes 'a week before that,' with its demonstrative", () => {
    const text = "The convoy reached the border on March 9, 2022. A week before that, the road had been mined.";
    expect(timeline(find(text, "2024-01-10", "A week before that"))).toBe("2022-03-02");
  });

  it("leaves 'a month before the vote' as a length of time", () => {
    const t = find("The party changed its leader a month before the vote.", "2024-01-10", "a month");
    expect(t).toMatchObject({ type: "DURATION", value: "P1M" });
  });
});

describe("the reference time is the last event told, not a bound or a document date", () => {
  const dct = "2024-01-06";

  it("counts 'two days earlier' from the strike, not from 'since October 17'", () => {
    const text =
      "On December 26, the army struck three depots. The bases had come under fire 66 times since October 17. Two days earlier, a convoy near the airport was hit.";
    expect(timeline(find(text, dct, "Two days earlier"))).toBe("2023-12-24");
  });

  it("does not move the narrative to a memo's date or to a deadline", () => {
    const text =
      "The cabinet met on January 3, citing a memo dated November 20. A day later, the minister resigned; aides have until Friday to reply.";
    expect(timeline(find(text, dct, "A day later"))).toBe("2024-01-04");
  });
});

describe("relative expressions always carry a calendar value for the timeline", () => {
  const dct = "2024-01-06";

  it("gives 'N units earlier/later/before/after' a calendar anchor whatever the unit", () => {
    const lead = "On December 26, 2023, the ministry confirmed the strikes. ";
    const phrases = [
      "A month earlier", "Two days earlier", "A week later", "Three years before", "Ten days after",
      "Six hours earlier", "A week and a half later", "Two months earlier",
    ];
    for (const p of phrases) {
      const t = find(`${lead}${p}, the envoy spoke.`, dct, p);
      expect(timeline(t), p).toMatch(CALENDAR);
      if (t.value.startsWith("P")) expect(t.anchored, p).toMatch(CALENDAR);
    }
  });

  it("exposes both the calendar point and the length TimeML gives the quantity", () => {
    const text = "On December 26, the ministry confirmed the strikes. A month earlier, a spokeswoman said 66 attacks had been counted.";
    expect(find(text, dct, "A month earlier")).toMatchObject({ type: "DATE", value: "2023-11", period: "P1M" });
    expect(find("The plant closed three years ago.", dct, "three years ago")).toMatchObject({ value: "2021", period: "P3Y" });
    // a plain length has no separate period
    expect(find("The talks lasted three days.", dct, "three days").period).toBeUndefined();
  });

  it("gives a vague count the coarser period it falls in", () => {
    const t = find("On December 26, 2023, the strikes began. A few days later, talks resumed.", dct, "A few days later");
    expect(t).toMatchObject({ type: "DURATION", value: "PXD", anchored: "2023-12" });
    expect(find("The plant shut in 2019. A few months later it reopened.", dct, "A few months later").anchored).toBe("2019");
  });

  it("puts hours counted from a told day on that day, not on the publication date", () => {
    const text = "The dam failed on December 28, 2023. Six hours earlier, engineers had warned the mayor.";
    const t = find(text, dct, "Six hours earlier");
    expect(t).toMatchObject({ type: "DURATION", value: "PT6H", anchored: "2023-12-28" });
  });

  it("lands a week and a half later ten and a half days on, rounded up", () => {
    const t = find("The ceasefire began on March 1, 2022. A week and a half later, it collapsed.", dct, "A week and a half later");
    expect(t.type).toBe("DURATION");
    expect(t.anchored).toBe("2022-03-12");
  });
});

describe("weekdays after a bound", () => {
  // Wednesday 2024-01-10
  const dct = "2024-01-10";

  it("reads 'as soon as' and 'as early as' a weekday as the coming one", () => {
    expect(find("The families could fly home as soon as Friday, a lawyer said.", dct, "Friday").value).toBe("2024-01-12");
    expect(find("Talks might resume as early as Monday, diplomats said.", dct, "Monday").value).toBe("2024-01-15");
  });

  it("reads a weekday bound of a past-perfect clause as the last one", () => {
    const text = "Most provinces had sent in their tallies by Monday, and officials were checking them.";
    expect(find(text, dct, "Monday").value).toBe("2024-01-08");
  });

  it("keeps a deadline 'until' a weekday ahead", () => {
    expect(find("The court gave the family until Friday to hand over the papers.", dct, "Friday").value).toBe("2024-01-12");
  });
});

describe("dates said in words in broadcast transcripts", () => {
  it("joins a month or a season to a spoken year", () => {
    const text = "The mill closed in March nineteen eighty-two and reopened in the spring of nineteen eighty-five.";
    expect(find(text, "1998-02-27", "March nineteen eighty-two").value).toBe("1982-03");
    expect(find(text, "1998-02-27", "the spring of nineteen eighty-five").value).toBe("1985-SP");
  });
});

describe("coming events told in the present tense", () => {
  // Friday 2024-01-12
  const dct = "2024-01-12";

  it("reads a scheduled event's present tense as the coming weekday", () => {
    expect(find("The rival generals meet Monday with the envoy in Nairobi.", dct, "Monday").value).toBe("2024-01-15");
    expect(find("The trial opens Tuesday in the capital.", dct, "Tuesday").value).toBe("2024-01-16");
    expect(find("Voters head to the polls on Sunday.", dct, "Sunday").value).toBe("2024-01-14");
  });

  it("reads 'On Tuesday, the union plans to' as ahead, and plans as a noun as nothing", () => {
    expect(find("On Tuesday, the union plans to hold a rally outside the plant.", dct, "Tuesday").value).toBe("2024-01-16");
    expect(find("On Tuesday, when the minister cancelled her holiday plans, the talks collapsed.", dct, "Tuesday").value).toBe("2024-01-09");
  });

  it("leaves out verbs that are mostly plural nouns in news (returns, votes, ends)", () => {
    expect(find("The firm filed its tax returns Monday.", dct, "Monday").value).toBe("2024-01-08");
  });

  it("does not take a noun such as 'the close' for a scheduled verb", () => {
    expect(find("At the close of trading Thursday, the index stood 2% lower.", dct, "Thursday").value).toBe("2024-01-11");
  });
});

describe("irregular past verbs and present passives", () => {
  it("reads an irregular past verb as past", () => {
    // Sunday 2024-01-14
    expect(find("A storm tore the roof off the school Friday night.", "2024-01-14", "Friday night").value).toBe("2024-01-12");
  });

  it("reads 'is heard in May' as the coming May, not as a past participle", () => {
    expect(find("The council has promised to act once the report is published in May.", "2024-03-29", "May").value).toBe("2024-05");
  });
});

describe("adjectives in -ed are not past verbs", () => {
  it("lets the modal decide when a participle is an adjective after a determiner", () => {
    const text = "The payout would be made on an unannounced day in January.";
    expect(find(text, "2023-10-26", "January").value).toBe("2024-01");
  });
});

describe("seasons with a modifier after the article", () => {
  it("tags 'the early summer' and 'the late autumn' as the season", () => {
    expect(find("Output slipped in the early summer, the mill said.", "2023-10-26", "the early summer").value).toBe("2023-SU");
    expect(find("Repairs will run into the late autumn.", "2023-06-10", "the late autumn").value).toBe("2023-FA");
  });
});

describe("a month naming when an event falls", () => {
  it("tags 'the March referendum' but not the name 'May' before a noun", () => {
    const text = "The March referendum will decide the fate of the mine.";
    expect(find(text, "2024-02-10", "March").value).toBe("2024-03");
    expect(tagTimes("The May government lost the vote.", { dct: "2024-02-10" })).toEqual([]);
    expect(tagTimes("A March hare ran off.", { dct: "2024-02-10" })).toEqual([]);
  });
});

describe("two days told with one month", () => {
  it("tags the second day of 'May 14 and 15' in the same month", () => {
    const out = tagTimes("The trade fair runs on May 14 and 15 in Lyon.", { dct: "1999-02-10" });
    expect(out.map((t) => [t.text, t.value])).toEqual([
      ["May 14", "1999-05-14"],
      ["15", "1999-05-15"],
    ]);
  });

  it("leaves a number that is an amount alone", () => {
    const out = tagTimes("Yields rose from March 3 to 4 percent.", { dct: "1999-02-10" });
    expect(out.map((t) => t.text)).toEqual(["March 3"]);
    for (const text of ["The index fell on March 3 to 4,000 points.", "Sales on March 3 and 4.5 million units shipped.", "Police held 3 men on March 3 and 4 others later."]) {
      expect(tagTimes(text, { dct: "1999-02-10" }).map((t) => t.text)).toEqual(["March 3"]);
    }
  });
});

describe("infinitives and the month after the publication date", () => {
  it("reads an infinitive after a noun as a purpose clause in the main verb's tense", () => {
    // Saturday 2024-03-16
    const text = "Towns held concerts to celebrate the new bridge on Friday.";
    expect(find(text, "2024-03-16", "Friday").value).toBe("2024-03-15");
    // after a verb of intent it still points ahead
    expect(find("The firm agreed to sell the plant on Friday.", "2024-03-16", "Friday").value).toBe("2024-03-22");
  });

  it("reads the month after the publication month as the coming one, even in a past clause", () => {
    const text = "Brokers took heavy bids at the opening for delivery of grain in November.";
    expect(find(text, "2023-10-30", "November").value).toBe("2023-11");
    expect(find("The refinery warned customers of lower deliveries in September.", "2023-08-16", "September").value).toBe("2023-09");
  });

  it("still reads it as last year's when a past verb stands right before it", () => {
    expect(find("Prices rose sharply in February, the statistics office said.", "2024-01-10", "February").value).toBe("2023-02");
    expect(find("The agency began testing in February.", "2024-01-10", "February").value).toBe("2023-02");
    expect(find("Shipments are expected to resume in February.", "2024-01-10", "February").value).toBe("2024-02");
  });
});

describe("periods that have ended and weeks named by a day", () => {
  it("dates 'ended Nov. 30' to the last November 30 on or before publication", () => {
    const text = "Its fiscal year ended Nov. 30 with a small loss.";
    expect(find(text, "2023-11-20", "Nov. 30").value).toBe("2022-11-30");
    expect(find("Revenue for the twelve months ended Jan. 31 climbed 4%.", "2023-10-31", "Jan. 31").value).toBe("2023-01-31");
  });

  it("reads 'the week of May 8' as that day's ISO week", () => {
    expect(find("Hearings are set for the week of May 8.", "2023-04-20", "the week of May 8").value).toBe("2023-W19");
  });
});

describe("weeks ago and halves told in quarters", () => {
  it("dates 'a week ago' and 'two weeks ago' to the day, 'six weeks ago' to the week", () => {
    // Sunday 1998-03-22
    expect(find("The talks broke down two weeks ago.", "1998-03-22", "two weeks ago").value).toBe("1998-03-08");
    expect(find("A strike began a week or so ago.", "1991-02-25", "a week or so ago").value).toBe("1991-02-18");
    expect(find("The plant shut six weeks ago.", "1998-03-01", "six weeks ago").value).toBe("1998-W03");
  });

  it("reads 'the first two quarters of 2025' as the first half", () => {
    expect(find("The plant will run at half speed during the first two quarters of 2025.", "2024-10-26", "the first two quarters of 2025").value).toBe("2025-H1");
  });
});

describe("a year-end review", () => {
  it("reads 'In January' in a late-December past clause as the January gone", () => {
    expect(find("In January, the company cut 400 jobs.", "2023-12-28", "January").value).toBe("2023-01");
    expect(find("The company will cut 400 jobs in January.", "2023-12-28", "January").value).toBe("2024-01");
  });
});

describe("reporting verbs after the clause", () => {
  it("does not let 'X said' after a comma decide the tense of the quoted clause", () => {
    // Wednesday 2000-04-05
    expect(find("The delegation will travel north on Thursday, the minister said.", "2000-04-05", "Thursday").value).toBe("2000-04-06");
    // a past clause stays past
    expect(find("The delegation travelled north on Monday, the minister said.", "2000-04-05", "Monday").value).toBe("2000-04-03");
  });
});

describe("plans already past", () => {
  it("reads 'had been set to lapse Friday' as the Friday gone", () => {
    // Monday 1989-10-30
    expect(find("The tender offer had been set to lapse Friday evening.", "1989-10-30", "Friday evening").value).toBe("1989-10-27TEV");
    expect(find("The tender offer is due to lapse Friday evening.", "1989-10-30", "Friday evening").value).toBe("1989-11-03TEV");
  });
});

describe("a day counted from a month", () => {
  it("writes a day of a month-precision reference as YYYY-MM-XX and keeps the month for the timeline", () => {
    const text = "The bridge collapsed in March 2021. Divers reached the wreck that same day.";
    const t = find(text, "2022-02-06", "that same day");
    expect(t).toMatchObject({ value: "2021-03-XX", anchored: "2021-03" });
    const u = find("On December 26 the strikes began. A month earlier, a drone fell. A day earlier, a convoy was hit.", "2024-01-06", "A day earlier");
    expect(u).toMatchObject({ value: "2023-11-XX", anchored: "2023-11", period: "P1D" });
  });
});

describe("parts of a decade", () => {
  it("reads 'the latter half of the '70s' as the decade, in one expression", () => {
    const out = tagTimes("Disco ruled in the latter half of the '70s.", { dct: "1989-10-26" });
    expect(out.map((t) => [t.text, t.value])).toEqual([["the latter half of the '70s", "197"]]);
    expect(find("Growth slowed in the first half of the 1990s.", "2005-01-10", "the first half of the 1990s").value).toBe("199");
  });
});

describe("the quarter a report is about", () => {
  it("keeps the latest completed quarter named as the one compared, not a background quarter", () => {
    const text =
      "The brewer reported a 9% rise in third-quarter earnings. Following a weak second quarter, it pointed to export demand. " +
      "Revenue in the 2023 period grew 3% from a year ago.";
    expect(find(text, "2023-11-01", "the 2023 period").value).toBe("2023-Q3");
    expect(find(text, "2023-11-01", "a year ago").value).toBe("2022-Q3");
  });

  it("reads 'the latest period' as the quarter the report names", () => {
    const text = "The airline's fiscal second-quarter profit halved. Bookings in the latest period climbed 5%.";
    expect(find(text, "2023-10-26", "the latest period").value).toBe("2023-Q2");
  });

  it("reads 'This quarter's results' as the quarter reported and 'the quarter ended July 31' as May to July", () => {
    const text = "The shipyard reported a loss for the third quarter. This quarter's results reflect a strike at its main dock.";
    expect(find(text, "2023-11-01", "This quarter").value).toBe("2023-Q3");
    expect(find("Revenue in the quarter ended July 31 slipped 2%.", "2023-10-30", "the quarter").value).toBe("2023-Q2");
    // with no quarter named, a forward-looking "this quarter" is the one running
    expect(find("The company expects a loss this quarter.", "2023-11-01", "this quarter").value).toBe("2023-Q4");
  });

  it("does not let the quarter still running displace a completed one", () => {
    const text = "Net rose in the third quarter. The company expects weaker sales in the fourth quarter. The quarter's margin widened from a year earlier.";
    expect(find(text, "2023-10-26", "a year earlier").value).toBe("2022-Q3");
  });
});

describe("a day next to a weekday", () => {
  it("reads 'the day before last Tuesday' as that Monday", () => {
    // Thursday 2000-02-24
    expect(find("The letter arrived the day before last Tuesday.", "2000-02-24", "the day before last Tuesday").value).toBe("2000-02-21");
  });
});

describe("a weekday naming an occasion", () => {
  it("reads 'Wednesday's ruling' as the Wednesday gone, even under a modal", () => {
    // Friday 2000-01-07
    expect(find("Lawyers for the family said they would try to overturn Wednesday's decision.", "2000-01-07", "Wednesday").value).toBe("2000-01-05");
    expect(find("Campaigners will rally ahead of Tuesday's vote.", "2000-01-07", "Tuesday").value).toBe("2000-01-11");
  });
});

describe("'through' as a bound", () => {
  it("reads 'through January' as ahead and 'from Monday through Friday' in the clause's tense", () => {
    expect(find("The lenders stretched the repayment window through January.", "2023-10-30", "January").value).toBe("2024-01");
    // Wednesday 2024-01-10
    expect(find("The museum stays closed through Friday.", "2024-01-10", "Friday").value).toBe("2024-01-12");
    expect(find("Prices fell from Monday through Friday.", "2024-01-10", "Friday").value).toBe("2024-01-05");
  });
});

describe("a holiday's week", () => {
  it("reads 'Easter week' and 'Christmas week' as the ISO week holding the holiday", () => {
    // Easter Sunday 2000 fell on April 23 (ISO week 16)
    expect(find("Pilgrims crowded the city during Easter week.", "2000-04-17", "Easter week").value).toBe("2000-W16");
    expect(find("Shops expect a rush in Christmas week.", "2023-12-01", "Christmas week").value).toBe("2023-W52");
  });
});

describe("titles and bounds", () => {
  it("does not read the Today of a title (USA Today, Radio Today) as the day", () => {
    expect(tagTimes("USA Today reported the figures.", { dct: "2024-01-10" })).toEqual([]);
    expect(tagTimes("Listeners tuned in to Radio Today.", { dct: "2024-01-10" })).toEqual([]);
    expect(find("Today, the minister resigned.", "2024-01-10", "Today").value).toBe("2024-01-10");
  });

  it("does not date the generic 'the leaders of tomorrow'", () => {
    expect(tagTimes("Schools must train the engineers of tomorrow.", { dct: "2024-01-10" })).toEqual([]);
    expect(find("The board meets tomorrow.", "2024-01-10", "tomorrow").value).toBe("2024-01-11");
  });

  it("does not date the generic present of 'today's youth' but keeps 'today's session'", () => {
    expect(tagTimes("Phones shape the habits of today's teenagers.", { dct: "2024-01-10" })).toEqual([]);
    expect(tagTimes("Few of today's electric cars can tow a caravan.", { dct: "2024-01-10" })).toEqual([]);
    expect(find("Today's session opened late.", "2024-01-10", "Today").value).toBe("2024-01-10");
  });

  it("dates 'a historic day for' to the day being told, unless the day is already named", () => {
    const text = "The treaty was signed on March 3. The premier said it was a historic day for the region.";
    expect(find(text, "2024-03-05", "day")).toMatchObject({ type: "DATE", value: "2024-03-03" });
    expect(find("It was a sad day for the club, fans said.", "2024-03-05", "day").value).toBe("2024-03-05");
    expect(tagTimes("Today is a sad day for the club.", { dct: "2024-03-05" }).map((t) => t.text)).toEqual(["Today"]);
  });

  it("puts a quarter in the year of the day that closed it, and 'that quarter' on the last one named", () => {
    const text = "A year ago, in the second quarter ended Oct. 31, the chain lost $3 million. Costs for that quarter included a write-down.";
    expect(find(text, "2023-10-27", "the second quarter").value).toBe("2022-Q2");
    expect(find(text, "2023-10-27", "that quarter").value).toBe("2022-Q2");
    expect(find("Sales fell in the fourth quarter ended Aug. 26.", "2023-11-01", "the fourth quarter").value).toBe("2023-Q4");
    expect(find("Sales fell in the first quarter ended Sept. 30, 2021.", "2023-11-01", "the first quarter").value).toBe("2021-Q1");
  });

  it("reads 'the latest fiscal year' as the year before the DCT's and 'throughout the fiscal year' as its length", () => {
    expect(find("The chain sold $2 billion of goods in the latest fiscal year.", "2023-10-26", "the latest fiscal year").value).toBe("2022");
    expect(find("Margins should widen throughout the fiscal year.", "2023-10-26", "the fiscal year")).toMatchObject({ type: "DURATION", value: "P1Y" });
    expect(find("The chain sold $2 billion of goods in the latest fiscal year.", "", "the latest fiscal year").value).toBe("XXXX");
  });

  it("does not take a quarter-to-quarter comparison for a quarter", () => {
    expect(tagTimes("The quarter-to-quarter comparison flattered the chain.", { dct: "2023-10-20" })).toEqual([]);
    expect(find("The quarter was weak for the chain.", "2023-10-20", "The quarter").value).toBe("2023-Q3");
  });

  it("reads the then of 'until then' as the time the narrative last named", () => {
    const text = "The ceasefire expires on Nov. 30. Until then, both sides must keep their guns silent.";
    expect(find(text, "2023-10-30", "then").value).toBe("2023-11-30");
    // with no date told, there is nothing for it to point at
    expect(tagTimes("Until then, both sides must keep their guns silent.", { dct: "2023-10-30" })).toEqual([]);
  });
});

describe("market copy", () => {
  it("reads 'a high for the year of $18' as this year", () => {
    expect(find("Shares touched a high for the year of $18.20 in May.", "2023-10-30", "the year").value).toBe("2023");
  });
});

describe("the nth day of an ongoing event", () => {
  it("puts 'it's the third day of a strike' on the publication date", () => {
    expect(find("The port is shut. It's the third day of a strike by dock workers.", "1998-03-06", "the third day").value).toBe("1998-03-06");
    expect(find("In the capital, today is the tenth day of the hunger strike.", "1990-08-15", "the tenth day").value).toBe("1990-08-15");
    // a past "was" dates nothing
    expect(tagTimes("It was the second day of the strike.", { dct: "1998-03-06" })).toEqual([]);
  });
});
