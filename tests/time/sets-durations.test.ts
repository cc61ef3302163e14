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
    expect(find("The merger should save the group $3 million a year in rent.", "a year")).toMatchObject({ type: "SET", value: "P1Y" });
    expect(find("Volunteers logged hundreds of calls a week during the flood.", "a week")).toMatchObject({ type: "SET", value: "P1W" });
    expect(find("The ferry will add 400 seats a month on the island route.", "a month")).toMatchObject({ type: "SET", value: "P1M" });
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
