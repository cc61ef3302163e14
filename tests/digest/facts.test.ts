import { describe, expect, it } from "vitest";
import { factOverlap, isSameFacts, numberWord, paragraphFacts } from "../../src/digest/facts.ts";
import { crossLink } from "../../src/digest/crosslinks.ts";
import { makeReport } from "./make-report.ts";
import { HEARING, SEIZURE, SEIZURE_RETOLD, SEIZURE_UPDATE, retoldStory } from "../fixtures/crosslinks/retold.ts";
import { COLLISION_H1, DREDGING } from "../fixtures/crosslinks/story.ts";

const facts = (spec: Parameters<typeof makeReport>[0]["paragraphs"][number]) =>
  paragraphFacts(makeReport({ slug: "x", date: "2024-05-01", paragraphs: [spec] }).paragraphs[0]!);

describe("paragraphFacts", () => {
  it("takes dates from time expressions, figures and names, and nothing else", () => {
    expect(facts(SEIZURE)).toEqual(["d:2024-04-29", "e:ruud", "e:saltby", "n:40"]);
    expect(facts(SEIZURE_RETOLD)).toEqual(["d:2024-04-29", "e:ruud", "e:saltby", "n:40"]);
  });

  it("knows a name by its last word and counts a long name once", () => {
    expect(facts("Defense Secretary Lloyd Austin met the Vessa Civil Protection Agency, then Austin left.")).toEqual([
      "e:agency", "e:austin",
    ]);
    expect(facts("The Pentagon's spokeswoman, Sabrina Singh, spoke.")).toEqual(["e:pentagon", "e:singh"]);
  });

  it("normalizes figures and names", () => {
    expect(facts("About 1,773 people left the U.S. embassy and Lloyd Austin's office.")).toEqual(["e:austin", "e:us", "n:1773"]);
    expect(facts("The United States and Iran-backed groups")).toEqual(["e:iran", "e:us"]);
    expect(facts("The al-Sudani government counted sixty-six attacks.")).toEqual(["e:al-sudani", "n:66"]);
    expect(numberWord("twelve")).toBe("12");
    expect(numberWord("ninety-nine")).toBe("99");
    expect(numberWord("sixty-twelve")).toBeUndefined();
    expect(numberWord("pentagon")).toBeUndefined();
    expect(numberWord("constructor")).toBeUndefined();
    expect(numberWord("Twenty-One")).toBe("21");
  });
});

describe("isSameFacts", () => {
  const same = (a: Parameters<typeof facts>[0], b: Parameters<typeof facts>[0]) => isSameFacts(factOverlap(facts(a), facts(b)));

  it("matches a passage retold in other words", () => {
    expect(same(SEIZURE, SEIZURE_RETOLD)).toBe(true);
    expect(same(SEIZURE_RETOLD, SEIZURE)).toBe(true);
  });

  it("does not match an update with a new figure, or other facts of the same story", () => {
    expect(factOverlap(facts(SEIZURE), facts(SEIZURE_UPDATE)).conflicting).toBe(true);
    expect(same(SEIZURE, SEIZURE_UPDATE)).toBe(false);
    expect(same(SEIZURE, HEARING)).toBe(false);
    expect(same(SEIZURE_UPDATE, HEARING)).toBe(false);
  });

  it("needs a shared date or figure and a shared name", () => {
    const names = "Hana Ruud, Saltby, Marten and Eastquay were all named in the report.";
    expect(factOverlap(facts(names), facts(names)).anchored).toBe(false);
    expect(same(names, names)).toBe(false);
    expect(same(COLLISION_H1, DREDGING)).toBe(false);
  });
});

describe("crossLink with retold passages", () => {
  const links = crossLink(retoldStory.map(makeReport));

  it("links a retold paragraph both ways and marks it as retold background", () => {
    expect(links.reports["port-a"]!.passages).toEqual([
      { paragraph: "p1", alsoIn: [{ report: "port-b", paragraph: "p2", url: "/reports/port-b/#p2", match: "facts" }] },
    ]);
    expect(links.reports["port-b"]!.passages).toEqual([
      { paragraph: "p2", alsoIn: [{ report: "port-a", paragraph: "p1", url: "/reports/port-a/#p1", match: "facts" }] },
    ]);
    expect(links.reports["port-b"]!.repeatedParagraphs.map((r) => [r.paragraph, r.from.report, r.from.match])).toEqual([
      ["p2", "port-a", "facts"],
    ]);
    expect(links.reports["port-b"]!.newParagraphs).toEqual(["p1"]);
    expect(links.reports["port-c"]!.passages).toEqual([]);
    expect(links.reports["port-b"]!.related[0]!.reasons[0]).toBe("shares 1 passage");
  });
});

describe("FactComparer", () => {
  it("gives exactly what factOverlap gives with the same weights, for every pair", async () => {
    const { loadContent } = await import("../../src/content/load.ts");
    const { analyzeReport } = await import("../../src/digest/report.ts");
    const { FactComparer, factWeights } = await import("../../src/digest/facts.ts");
    const { reports } = await loadContent(new URL("../../content", import.meta.url).pathname);
    const prints = reports.flatMap((r) => analyzeReport(r).paragraphs.map(paragraphFacts));
    // Fingerprints with repeated facts and facts of every kind, beside the real ones.
    prints.push(["d:2024-01-05", "d:2024-01-05", "n:3", "e:austin"], ["n:3", "n:4", "e:austin", "x:other"], [], ["e:austin"]);
    const weight = factWeights(prints);
    const comparer = new FactComparer(weight);
    const prepared = prints.map((p) => comparer.prepare(p));
    let same = 0;
    for (let a = 0; a < prints.length; a++) {
      for (let b = 0; b < prints.length; b++) {
        const expected = factOverlap(prints[a]!, prints[b]!, weight);
        expect(comparer.overlap(prepared[a]!, prepared[b]!)).toEqual(expected);
        if (a !== b && isSameFacts(expected)) same++;
      }
    }
    expect(same).toBeGreaterThan(0);
  });
});
