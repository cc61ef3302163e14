import { fileURLToPath } from "node:url";
import { HtmlValidate } from "html-validate";
import { describe, expect, it } from "vitest";
import { loadStory } from "../../src/content/story.ts";
import { groupDigits, renderTallyChart } from "../../src/digest/chart.ts";
import { extractTallies, groupTallies, toContractTally } from "../../src/digest/tallies.ts";
import { renderConflicts, renderTallyTable } from "../../src/digest/tally-table.ts";
import { fixtureReport } from "./fixture-report.ts";

const story = await loadStory(fileURLToPath(new URL("../../content/story.yaml", import.meta.url)));
const reports = ["seed-recap-jan10", "seed-recap-jan06", "conflict-a", "conflict-b"].map((n) =>
  fixtureReport(fileURLToPath(new URL(`../fixtures/tallies/${n}.md`, import.meta.url))),
);
const groups = groupTallies(reports.flatMap((r) => extractTallies(r, story)));
/** What digest.json carries: the contract projection. */
const digestTallies = JSON.parse(JSON.stringify(groups.tallies.map(toContractTally))) as ReturnType<typeof toContractTally>[];

function pointsOf(svg: string) {
  return [...svg.matchAll(/<a href="([^"]*)"[^>]*data-id="([^"]*)" data-as-of="([^"]*)" data-value="([^"]*)" data-qualifier="([^"]*)"/g)].map(
    (m) => ({ url: m[1], id: m[2], asOf: m[3], value: Number(m[4]), qualifier: m[5] }),
  );
}

describe("renderTallyChart", () => {
  it("draws exactly the digest's figures for each measure, each linked to its source", () => {
    for (const measure of groups.measures) {
      const svg = renderTallyChart(measure, groups.tallies);
      const expected = digestTallies
        .filter((t) => t.measure === measure)
        .map((t) => ({ url: t.sources[0]!.url, id: t.id, asOf: t.asOf, value: t.value, qualifier: t.qualifier }))
        .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.value - b.value);
      expect(pointsOf(svg)).toEqual(expected);
    }
  });

  it("places later and larger figures further right and higher", () => {
    const svg = renderTallyChart("attacks on US forces", groups.tallies);
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="4"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(circles).toHaveLength(3);
    const [a, b, c] = circles as unknown as [readonly [number, number], readonly [number, number], readonly [number, number]];
    expect(a[0]).toBeLessThan(b[0]);
    expect(b[0]).toBe(c[0]);
    expect(a[1]).toBeGreaterThan(b[1]);
    expect(b[1]).toBeGreaterThan(c[1]);
  });

  it("is accessible: a group labelled by its title and description, conflicts described, points named", () => {
    const svg = renderTallyChart("attacks on US forces", groups.tallies);
    expect(svg).toMatch(/^<svg [^>]*role="group" aria-labelledby="chart-attacks-on-us-forces-title chart-attacks-on-us-forces-desc"/);
    // Each link's first child is its <title>, its accessible name.
    expect(svg.match(/<a href="[^"]+" class="point[^"]*"[^>]*>\n<title>[^<]+<\/title>/g)).toHaveLength(3);
    expect(svg).toContain('<title id="chart-attacks-on-us-forces-title">Attacks on US forces: figures over time</title>');
    expect(svg).toMatch(/<desc id="chart-attacks-on-us-forces-desc">3 figures for attacks on US forces, from 2023-11-30 to 2024-01-30, ranging from 66 to 160\. Sources disagree on 2024-01-30\./);
    expect(svg.match(/class="point conflict"/g)).toHaveLength(2);
  });

  it("escapes text and prints the same bytes every time", () => {
    const tricky = [{ ...digestTallies[0]!, measure: `<b>"x" & y</b>`, sources: [{ report: "r", paragraph: "p1", url: '/a?b="c"&d' }] }];
    const svg = renderTallyChart(`<b>"x" & y</b>`, tricky);
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;");
    expect(svg).toContain('href="/a?b=&quot;c&quot;&amp;d"');
    expect(renderTallyChart("US troops in Iraq", groups.tallies)).toBe(renderTallyChart("US troops in Iraq", [...groups.tallies].reverse()));
    const coordinates = [...renderTallyChart("attacks on US forces", groups.tallies).matchAll(/ (?:x1|x2|y1|y2|cx|cy|x|y|d)="([^"]+)"/g)].map((m) => m[1]!);
    expect(coordinates.length).toBeGreaterThan(20);
    expect(coordinates.filter((c) => /\d\.\d{2,}/.test(c))).toEqual([]);
  });

  it("draws nothing for a measure without figures", () => {
    expect(renderTallyChart("nothing", groups.tallies)).toBe("");
  });
});

describe("tally table and conflicts", () => {
  it("lists every figure with its sources and flags the disagreeing ones, side by side", async () => {
    const table = renderTallyTable("attacks on US forces", groups.tallies, reports);
    expect([...table.matchAll(/<tr id="([^"]+)"/g)].map((m) => m[1])).toEqual(
      digestTallies.filter((t) => t.measure === "attacks on US forces").map((t) => t.id),
    );
    expect(table.match(/class="conflict"/g)).toHaveLength(2);
    expect(table).toContain('<a href="/reports/seed-recap-jan06/#p3">Iraq sets out to wind down the coalition mission, ¶3</a>');
    const conflicts = renderConflicts("attacks on US forces", groups.conflicts, groups.tallies, reports);
    expect([...conflicts.matchAll(/<figcaption><strong>([^<]+)<\/strong>/g)].map((m) => m[1])).toEqual(["151", "160"]);
    expect(conflicts).toContain("/reports/conflict-a/#p1");
    expect(conflicts).toContain("/reports/conflict-b/#p1");
    const page = `<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>${renderTallyChart("attacks on US forces", groups.tallies)}${table}${conflicts}</main></body></html>`;
    const report = await new HtmlValidate({ extends: ["html-validate:recommended"], rules: { "no-inline-style": "off", "attribute-boolean-style": "off" } }).validateString(page);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it("groups digits without the locale", () => {
    expect([groupDigits(2500), groupDigits(1_200_000), groupDigits(66), groupDigits(2.5)]).toEqual(["2,500", "1,200,000", "66", "2.5"]);
  });
});
