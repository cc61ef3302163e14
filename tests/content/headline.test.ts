import { describe, expect, it } from "vitest";
import { HEADLINE_MAX, deriveHeadline } from "../../src/content/headline.ts";

describe("deriveHeadline", () => {
  it("keeps a short lede's first sentence whole, without the full stop", () => {
    expect(deriveHeadline("Floodwater closed the main road into Riverbend on Wednesday. Officials said more rain is due.")).toBe(
      "Floodwater closed the main road into Riverbend on Wednesday",
    );
  });

  it("drops a comma-delimited aside to fit, rather than cutting the main clause", () => {
    const lede =
      "The port authority, after a week of talks with the dockworkers' union over pay and night shifts, agreed to reopen the northern terminal to container traffic.";
    const headline = deriveHeadline(lede);
    expect(headline.length).toBeLessThanOrEqual(HEADLINE_MAX);
    expect(headline).toBe("The port authority agreed to reopen the northern terminal to container traffic");
  });

  it("drops trailing attribution and parentheses before cutting", () => {
    expect(deriveHeadline("The Dijla Reading House (دار دجلة), a lending library in Mosul, reopened on April 20 after a long restoration, its trustees said.")).toBe(
      "The Dijla Reading House reopened on April 20 after a long restoration",
    );
  });

  it("cuts an over-long sentence at a clause boundary, never mid-word nor on a function word", () => {
    const lede =
      "Emergency crews working through the night in the flooded lower districts of the old river town evacuated hundreds of residents from homes close to the embankment while the water kept rising.";
    const headline = deriveHeadline(lede);
    expect(headline.length).toBeLessThanOrEqual(HEADLINE_MAX);
    expect(lede.startsWith(headline)).toBe(true);
    // The cut falls between words, just before a clause or phrase opener.
    const next = lede.slice(headline.length).trimStart().split(/\s/)[0];
    expect(["while", "from", "in", "of", "close"]).toContain(next);
    expect(headline).not.toMatch(/\b(the|a|of|and|to|in)$/i);
  });

  it("never splits a sentence on an abbreviation", () => {
    expect(deriveHeadline("U.S. officials said on Dec. 26 that three sites were hit. More strikes followed.")).toBe(
      "U.S. officials said on Dec. 26 that three sites were hit",
    );
  });

  it("is deterministic and capitalized", () => {
    const lede = "iraq's parliament voted on a motion to end the foreign military presence, lawmakers said.";
    expect(deriveHeadline(lede)).toBe(deriveHeadline(lede));
    expect(deriveHeadline(lede)).toBe("Iraq's parliament voted on a motion to end the foreign military presence, lawmakers said");
  });
});
