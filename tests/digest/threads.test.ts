import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadStory, parseStory } from "../../src/content/story.ts";
import { entitiesInText, extractEntities } from "../../src/digest/entities.ts";
import { applyThreadOverride, classify, reportThreads, threadHits } from "../../src/digest/threads.ts";
import { fixtureReport } from "./fixture-report.ts";

const story = await loadStory(fileURLToPath(new URL("../../content/story.yaml", import.meta.url)));
const fixture = (name: string) => fixtureReport(fileURLToPath(new URL(`../fixtures/tallies/${name}.md`, import.meta.url)));
const threadsOf = (text: string) => classify(text, entitiesInText(text, story), story);

describe("classify: the seed story's events", () => {
  // The seed story's events, told in our own words.
  it.each([
    ["Militia attacks on US bases in Iraq and Syria begin as the war in Gaza escalates.", ["attacks-on-us-forces"]],
    ["Austin says the Pentagon is ready to act if Iranian-backed attacks on US forces go on.", ["attacks-on-us-forces"]],
    ["Sabrina Singh puts the count at 66 attacks since October 17, with at least 60 hurt.", ["attacks-on-us-forces"]],
    ["The US hits three facilities belonging to Kataib Hezbollah in Iraq.", ["strikes"]],
    ["A US airstrike in Baghdad kills the militia commander Mushtaq Jawad Kazim al-Jawari.", ["strikes"]],
    [
      "Al-Sudani announces that Baghdad will begin ending the US-led coalition's mission after the Baghdad air strike.",
      ["coalition-withdrawal", "strikes"],
    ],
    ["Iraqi officials quietly ask Washington to keep negotiating over the presence of its troops.", ["coalition-withdrawal"]],
    ["Oil prices rise in Asian trading.", []],
  ])("%s", (text, expected) => {
    expect(threadsOf(text)).toEqual(expected);
  });
});

describe("threadHits", () => {
  const withdrawal = story.threads.find((t) => t.slug === "coalition-withdrawal")!;

  it("matches inflections of a keyword's last word, whole words only", () => {
    expect(threadHits("The withdrawal began; troops are withdrawing.", new Set(), withdrawal)).toEqual(["withdraw"]);
    expect(threadHits("A coalitionist and a precoalition text", new Set(), withdrawal)).toEqual([]);
  });

  it("counts a configured entity mentioned through an alias", () => {
    const text = "Sudani spoke.";
    expect(threadHits(text, new Set(entitiesInText(text, story).map((e) => e.name)), withdrawal)).toEqual([
      "Mohammed Shia al-Sudani",
    ]);
  });

  it("needs `threshold` distinct hits", () => {
    const strict = parseStory(
      ["title: T", "threads:", "  - slug: strict", "    title: Strict", "    keywords: [alpha, beta]", "    threshold: 2", ""].join("\n"),
    );
    expect(classify("alpha alpha alpha", [], strict)).toEqual([]);
    expect(classify("alpha and betas", [], strict)).toEqual(["strict"]);
  });
});

describe("reportThreads", () => {
  it("puts each short seed report on every thread one of its paragraphs tells", () => {
    for (const name of ["seed-recap-jan10", "seed-recap-jan06"]) {
      const report = fixture(name);
      expect(reportThreads(report, extractEntities(report, story), story)).toEqual([
        "coalition-withdrawal",
        "strikes",
        "attacks-on-us-forces",
      ]);
    }
  });

  it("leaves out a thread that only one paragraph of a long report mentions", () => {
    const base = fixture("conflict-b");
    const filler = (i: number) => ({ id: `p${i}`, index: i, text: `Paragraph ${i} is about oil prices.`, html: "", timexes: [] });
    const long = {
      ...base,
      title: "Oil prices",
      summary: "Markets.",
      paragraphs: [
        { id: "p1", index: 1, text: "Markets shrugged off the air strike in Baghdad.", html: "", timexes: [] },
        ...[2, 3, 4, 5, 6, 7, 8].map(filler),
      ],
    };
    expect(reportThreads(long, extractEntities(long, story), story)).toEqual([]);
    const second = { ...long, paragraphs: [...long.paragraphs.slice(0, 7), { ...long.paragraphs[7]!, text: "A second air strike followed." }] };
    expect(reportThreads(second, extractEntities(second, story), story)).toEqual(["strikes"]);
    const short = { ...long, paragraphs: long.paragraphs.slice(0, 3) };
    expect(reportThreads(short, extractEntities(short, story), story)).toEqual(["strikes"]);
  });

  it("classifies a report that tells only one thread on that thread alone", () => {
    const report = fixture("conflict-b");
    expect(reportThreads(report, extractEntities(report, story), story)).toEqual(["attacks-on-us-forces"]);
  });

  it("lets front matter replace, add and remove threads", () => {
    const computed = ["strikes", "attacks-on-us-forces"];
    expect(applyThreadOverride(computed, undefined, story)).toEqual(computed);
    expect(applyThreadOverride(computed, ["coalition-withdrawal"], story)).toEqual(["coalition-withdrawal"]);
    expect(applyThreadOverride(computed, ["+coalition-withdrawal", "-strikes"], story)).toEqual([
      "coalition-withdrawal",
      "attacks-on-us-forces",
    ]);
    expect(() => applyThreadOverride(computed, ["+nonsense"], story)).toThrow(/unknown thread "nonsense"/);
    const report = fixture("conflict-b");
    expect(() => reportThreads(report, [], story, ["nonsense"])).toThrow(/^conflict-b\.md: unknown thread "nonsense"/);
  });
});
