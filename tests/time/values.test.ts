import { describe, expect, it } from "vitest";
import { addDays, calendarValue, isoWeek, mondayOfWeek, parse, shift, format } from "../../src/time/values.ts";

describe("calendar arithmetic", () => {
  it("computes ISO weeks across year boundaries", () => {
    expect(isoWeek(2024, 1, 1)).toEqual([2024, 1]);
    expect(isoWeek(2021, 1, 3)).toEqual([2020, 53]);
    expect(isoWeek(2019, 12, 30)).toEqual([2020, 1]);
    expect(mondayOfWeek(2020, 53)).toEqual([2020, 12, 28]);
  });

  it("adds days over month and leap-year ends, including years before 100", () => {
    expect(addDays(2024, 2, 28, 1)).toEqual([2024, 2, 29]);
    expect(addDays(2023, 2, 28, 1)).toEqual([2023, 3, 1]);
    expect(addDays(50, 12, 31, 1)).toEqual([51, 1, 1]);
  });

  it("shifts points by units and clamps days to the month's end", () => {
    expect(format(shift(parse("2024-03-31")!, "M", -1))).toBe("2024-02-29");
    expect(format(shift(parse("2024-Q1")!, "Q", -1))).toBe("2023-Q4");
    expect(format(shift(parse("2024-W01")!, "W", -1))).toBe("2023-W52");
    expect(format(shift(parse("2023-12")!, "Y", 1))).toBe("2024-12");
  });

  it("maps TIMEX3 values to timeline dates", () => {
    expect(calendarValue("2024-01-10TMO")).toBe("2024-01-10");
    expect(calendarValue("2024-W02")).toBe("2024-01");
    expect(calendarValue("2023-Q4")).toBe("2023");
    expect(calendarValue("2023-11")).toBe("2023-11");
    expect(calendarValue("PRESENT_REF")).toBeUndefined();
    expect(calendarValue("P3Y")).toBeUndefined();
  });
});
