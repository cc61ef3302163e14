import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadStory } from "../../src/content/story.ts";
import { entitiesInText, eventsByEntity, extractEntities, indexEntities } from "../../src/digest/entities.ts";
import type { TimelineEvent } from "../../src/digest/types.ts";
import { fixtureReport } from "./fixture-report.ts";

const story = await loadStory(fileURLToPath(new URL("../../content/story.yaml", import.meta.url)));
const fixture = (name: string) => fixtureReport(fileURLToPath(new URL(`../fixtures/tallies/${name}.md`, import.meta.url)));
const names = (text: string, withStory = true) =>
  entitiesInText(text, withStory ? story : null).map((m) => [m.name, m.kind, m.text]);

describe("entitiesInText", () => {
  it("finds people, organizations and places and drops titles", () => {
    expect(names("Deputy Press Secretary Sabrina Singh met President Joe Biden in Baghdad.", false)).toEqual([
      ["Sabrina Singh", "person", "Sabrina Singh"],
      ["Joe Biden", "person", "Joe Biden"],
      ["Baghdad", "place", "Baghdad"],
    ]);
  });

  it("resolves the configured aliases, apostrophes included", () => {
    expect(names("Kata’ib Hezbollah blamed al-Sudani; Kataib Hezbollah group fighters left.")).toEqual([
      ["Kataib Hezbollah", "organization", "Kata’ib Hezbollah"],
      ["Mohammed Shia al-Sudani", "person", "al-Sudani"],
      ["Kataib Hezbollah", "organization", "Kataib Hezbollah"],
    ]);
  });

  it("matches capitalised short aliases exactly, so 'us' is not the United States", () => {
    expect(names("They told us the US would stay.").map((n) => n[2])).toEqual(["US"]);
  });

  it("keeps offsets into the original text", () => {
    const text = "Then the US-led coalition’s commander spoke to Sabrina Singh.";
    for (const m of entitiesInText(text, story)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe("extractEntities and indexEntities", () => {
  const reports = ["seed-recap-jan10", "seed-recap-jan06"].map(fixture);
  const mentions = new Map(reports.map((r) => [r.slug, extractEntities(r, story)]));
  const index = indexEntities(reports, mentions, story);

  it("names the seed story's people with their canonical names across reports", () => {
    const people = index.filter((e) => e.kind === "person").map((e) => [e.slug, e.name, e.reports]);
    expect(people).toEqual([
      ["lloyd-austin", "Lloyd Austin", ["seed-recap-jan10"]],
      ["mohammed-shia-al-sudani", "Mohammed Shia al-Sudani", ["seed-recap-jan10", "seed-recap-jan06"]],
      ["mushtaq-jawad-kazim-al-jawari", "Mushtaq Jawad Kazim al-Jawari", ["seed-recap-jan06"]],
      ["sabrina-singh", "Sabrina Singh", ["seed-recap-jan10", "seed-recap-jan06"]],
    ]);
    const jawar = index.find((e) => e.slug === "mushtaq-jawad-kazim-al-jawari")!;
    expect(jawar.variants).toEqual(["Mushtaqa al-Jawar"]);
    expect(jawar.sources).toEqual([{ report: "seed-recap-jan06", paragraph: "p1", url: "/reports/seed-recap-jan06/#p1" }]);
  });

  it("groups the coalition's variants under one organization", () => {
    const coalition = index.find((e) => e.slug === "international-coalition")!;
    expect(coalition.kind).toBe("organization");
    expect(coalition.variants).toEqual(["US-led coalition", "international coalition"]);
  });

  it("resolves a lone surname to the full name told earlier in the same report", () => {
    const report = { ...reports[0]!, paragraphs: [
      { id: "p1", index: 1, text: "Joe Biden spoke first.", html: "", timexes: [] },
      { id: "p2", index: 2, text: "Later, Biden left for Delaware.", html: "", timexes: [] },
    ] };
    expect(extractEntities(report).filter((m) => m.kind === "person").map((m) => [m.name, m.text, m.paragraph])).toEqual([
      ["Joe Biden", "Joe Biden", "p1"],
      ["Joe Biden", "Biden", "p2"],
    ]);
  });

  it("links events to the entities their text mentions", () => {
    const event = (id: string, text: string): TimelineEvent => ({ id, date: "2024-01-05", precision: "day", text, topics: [], sources: [] });
    const linked = eventsByEntity(
      [event("e1", "al-Sudani says the coalition's mission will end"), event("e2", "Singh gives a new count of attacks on US forces")],
      story,
    );
    expect(linked.get("mohammed-shia-al-sudani")).toEqual(["e1"]);
    expect(linked.get("sabrina-singh")).toEqual(["e2"]);
    expect(linked.get("united-states")).toEqual(["e2"]);
  });
});
