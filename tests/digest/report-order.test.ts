import { describe, expect, it } from "vitest";
import { compareReports, daysApart, dayIndex, paragraphUrl } from "../../src/digest/report-order.ts";

const r = (slug: string, date: string, datetime = date) => ({ slug, date, datetime });

describe("report order", () => {
  it("puts earlier dates first, then earlier times, then slugs", () => {
    const sorted = [r("b", "2024-01-02"), r("c", "2024-01-01", "2024-01-01T09:00"), r("a", "2024-01-01", "2024-01-01T18:00"), r("a2", "2024-01-02")]
      .sort(compareReports)
      .map((x) => x.slug);
    expect(sorted).toEqual(["c", "a", "a2", "b"]);
  });

  it("counts days in UTC, across months and leap days", () => {
    expect(daysApart("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysApart("2024-01-10", "2024-01-06")).toBe(4);
    expect(dayIndex("1970-01-02")).toBe(1);
    expect(daysApart("2024-01-10", "not a date")).toBe(Number.POSITIVE_INFINITY);
  });

  it("links a paragraph of a report page", () => {
    expect(paragraphUrl({ url: "/reports/x/" }, "p3")).toBe("/reports/x/#p3");
    expect(paragraphUrl({ url: "/reports/x/#p1" }, "p3")).toBe("/reports/x/#p3");
  });
});
