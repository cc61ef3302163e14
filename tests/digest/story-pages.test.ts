import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import { toDigestJson } from "../../src/digest/export.ts";
import { entityGroups, entityPages, tallySections, threadPages } from "../../src/digest/story-pages.ts";
import type { Tally } from "../../src/digest/types.ts";

// The project's own content folder: the seed story as the site builds it.
const contentDir = fileURLToPath(new URL("../../content", import.meta.url));
const { digest } = await buildDigest(contentDir);
const json = JSON.parse(toDigestJson(digest)) as {
  tallies: Tally[];
  entities: { name: string; slug: string; kind: string; url: string; reports: string[] }[];
};

describe("tallies of the seed story in digest.json", () => {
  it("carries the seed figures with their normalized values, qualifiers and dates", () => {
    const find = (measure: string, value: number) => json.tallies.filter((t) => t.measure === measure && t.value === value);
    const attacks = find("attacks on US forces", 66);
    expect(attacks.length).toBeGreaterThan(0);
    expect(attacks.every((t) => t.since === "2023-10-17" && t.qualifier === "exactly")).toBe(true);
    const injured = find("people injured in attacks on US forces", 60);
    expect(injured.length).toBeGreaterThan(0);
    expect(injured.every((t) => t.since === "2023-10-17" && t.qualifier === "at least")).toBe(true);
    expect(find("US troops in Iraq", 2500).length).toBeGreaterThan(0);
    for (const t of json.tallies) {
      expect(t.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(t.sources.length).toBeGreaterThan(0);
      for (const s of t.sources) expect(s.url).toBe(`/reports/${s.report}/#${s.paragraph}`);
    }
  });
});

describe("tallySections", () => {
  const sections = tallySections(digest);

  it("has one section per measure of digest.json, each chart drawing exactly that measure's figures", () => {
    expect(sections.map((s) => s.measure).sort()).toEqual([...new Set(json.tallies.map((t) => t.measure))].sort());
    for (const section of sections) {
      const drawn = [...section.chart.matchAll(/<a href="([^"]*)"[^>]*data-id="([^"]*)" data-as-of="([^"]*)" data-value="([^"]*)" data-qualifier="([^"]*)"/g)]
        .map((m) => ({ id: m[2], url: m[1], asOf: m[3], value: Number(m[4]), qualifier: m[5] }))
        .sort((a, b) => (a.id! < b.id! ? -1 : 1));
      const expected = json.tallies
        .filter((t) => t.measure === section.measure)
        .map((t) => ({ id: t.id, url: t.sources[0]!.url, asOf: t.asOf, value: t.value, qualifier: t.qualifier }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(drawn).toEqual(expected);
      const rows = [...section.table.matchAll(/<tr id="([^"]+)"/g)].map((m) => m[1]).sort();
      expect(rows).toEqual(expected.map((t) => t.id));
    }
  });
});

describe("threadPages", () => {
  const pages = threadPages(digest);

  it("gives each configured thread a page with its own timeline, reports and key figures", () => {
    expect(pages.map((p) => [p.slug, p.url])).toEqual([
      ["coalition-withdrawal", "/threads/coalition-withdrawal/"],
      ["strikes", "/threads/strikes/"],
      ["attacks-on-us-forces", "/threads/attacks-on-us-forces/"],
    ]);
    for (const page of pages) {
      expect(page.events.length).toBeGreaterThan(0);
      expect(page.events.length).toBeLessThan(digest.events.length);
      expect(page.reports.length).toBeGreaterThan(0);
      expect(page.events.every((e) => e.topics.includes(page.slug))).toBe(true);
    }
    const attacks = pages.find((p) => p.slug === "attacks-on-us-forces")!;
    expect(attacks.figures.map((f) => f.measure)).toContain("attacks on US forces");
    const withdrawal = pages.find((p) => p.slug === "coalition-withdrawal")!;
    expect(withdrawal.figures.map((f) => [f.measure, f.tally.value])).toEqual([["US troops in Iraq", 2500]]);
    expect(withdrawal.events.some((e) => /withdraw/i.test(e.text))).toBe(true);
  });

  it("classifies the seed story's events into the threads they tell", () => {
    const dates = (slug: string) => pages.find((p) => p.slug === slug)!.events.map((e) => e.date);
    expect(dates("strikes")).toEqual(expect.arrayContaining(["2023-12-26", "2024-01-04"]));
    expect(dates("attacks-on-us-forces")).toEqual(expect.arrayContaining(["2023-10-17", "2023-11-21", "2023-12-25"]));
    expect(dates("coalition-withdrawal")).toEqual(expect.arrayContaining(["2024-01-05", "2024-01-08"]));
    // The militia attack on Erbil is not a US strike; the Pentagon's January 8 denial is not an attack.
    expect(dates("strikes")).not.toContain("2023-12-25");
    expect(dates("attacks-on-us-forces")).not.toContain("2024-01-08");
  });
});

describe("entityPages", () => {
  const pages = entityPages(digest);

  it("has a page per entity with the reports that mention it and the events that name it", () => {
    const sudani = pages.find((p) => p.entity.slug === "mohammed-shia-al-sudani")!;
    expect(sudani.url).toBe("/entities/mohammed-shia-al-sudani/");
    expect(sudani.kindLabel).toBe("Person");
    expect(sudani.reports.length).toBeGreaterThan(0);
    for (const e of sudani.events) expect(e.text).toMatch(/Sudani/);
    expect(new Set(pages.map((p) => p.url)).size).toBe(pages.length);
  });

  it("groups the index by kind, each entity under exactly one heading", () => {
    const groups = entityGroups(pages);
    expect(groups.map((g) => g.heading)).toEqual(["People", "Organizations", "Places"]);
    const listed = groups.flatMap((g) => g.members.map((m) => m.entity.slug));
    expect(listed.sort()).toEqual(pages.map((p) => p.entity.slug).sort());
    const people = groups[0]!.members.map((m) => m.entity.slug);
    expect(people).toContain("lloyd-austin");
    expect(people).not.toContain("kataib-hezbollah");
    expect(groups[1]!.members.map((m) => m.entity.slug)).toContain("kataib-hezbollah");
    expect(entityGroups(pages.filter((p) => p.kindLabel !== "Place")).map((g) => g.heading)).toEqual(["People", "Organizations"]);
  });
});

describe("entities in digest.json", () => {
  it("names the seed story's people, groups and places with their canonical names and pages", () => {
    const byName = new Map(json.entities.map((e) => [e.name, e]));
    expect(byName.get("Mohammed Shia al-Sudani")).toMatchObject({ kind: "person", url: "/entities/mohammed-shia-al-sudani/" });
    expect(byName.get("Kataib Hezbollah")?.kind).toBe("organization");
    expect(byName.get("Iraq")?.kind).toBe("place");
    expect(json.entities.map((e) => e.url)).toEqual(entityPages(digest).map((p) => p.url));
  });
});
