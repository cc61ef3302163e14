import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidDateString } from "../../src/time/calendar.ts";
import { tagTimes } from "../../src/time/tagger.ts";

/** Publication dates across leap years, month ends and year ends. */
const dct = fc
  .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2060, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Sentences assembled from time phrases and filler, so most inputs do contain expressions. */
const PHRASES = [
  "on February 29", "Feb. 29", "December 31", "Jan. 1", "on Monday", "last Sunday", "next Friday",
  "two days later", "a month earlier", "the next day", "three weeks ago", "last year", "this week",
  "the third quarter", "a year earlier", "in the 1990s", "the 21st century", "every week", "now",
  "8:45 pm ET", "noon Saturday", "the past two months", "in October", "late last year", "May 31, 2001",
  "the weekend", "earlier this month", "this morning", "last fall", "30 November", "2 1/2 years",
];
const FILLER = ["The board", "said", "that", "prices rose", ",", ".", "and", "troops left", "\n\n", "in", "by"];
const sentence = fc.array(fc.constantFrom(...PHRASES, ...FILLER), { minLength: 1, maxLength: 14 }).map((w) => w.join(" "));

describe("tagger properties", () => {
  it("gives real calendar days for every day-precision value", () => {
    fc.assert(
      fc.property(sentence, dct, (text, d) => {
        for (const t of tagTimes(text, { dct: d })) {
          const day = /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(t.value);
          if (day) expect(isValidDateString(day[1]!)).toBe(true);
          if (t.anchored && /^\d{4}-\d{2}-\d{2}$/.test(t.anchored)) expect(isValidDateString(t.anchored)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(sentence, dct, (text, d) => {
        expect(JSON.stringify(tagTimes(text, { dct: d }))).toBe(JSON.stringify(tagTimes(text, { dct: d })));
      }),
      { numRuns: 200 },
    );
  });

  it("returns sorted, non-overlapping spans whose offsets slice the input", () => {
    fc.assert(
      fc.property(fc.oneof(sentence, fc.string({ maxLength: 200 })), dct, (text, d) => {
        let end = 0;
        for (const t of tagTimes(text, { dct: d })) {
          expect(t.start).toBeGreaterThanOrEqual(end);
          expect(t.end).toBeGreaterThan(t.start);
          expect(text.slice(t.start, t.end)).toBe(t.text);
          end = t.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.oneof(dct, fc.constant("")), (text, d) => {
        expect(Array.isArray(tagTimes(text, { dct: d }))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
