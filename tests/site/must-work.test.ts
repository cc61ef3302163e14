import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import type { Element } from "hast";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { readPages } from "../helpers/site.ts";
import { tempDir } from "../helpers/tmp.ts";

const ARABIC_TITLE = "الوزير يلتقي السفير في بغداد";
const ARABIC_BODY = "التقى الوزير بالسفير في بغداد يوم الثلاثاء، وقال إن المحادثات ستستمر.";

/** About 3 MB of report: 9,000 paragraphs of four sentences, with dates for the tagger. */
function bigReport(): string {
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const paragraphs: string[] = [];
  for (let i = 0; paragraphs.length < 9000; i++) {
    const m = months[i % 12]!;
    paragraphs.push(
      [
        `Engineers in district ${i} said on ${m} ${(i % 28) + 1} that the bridge repairs were ${i % 90} percent complete.`,
        `A council spokesman described the work as slower than planned but steady.`,
        `Residents of block ${i % 400} reported water shortages during ${m} ${2023 + (i % 2)}.`,
        `The next inspection is due in ${(i % 6) + 2} weeks, according to a notice posted at the site.`,
      ].join(" "),
    );
  }
  return `---\ntitle: Reconstruction log for the river district\ndate: 2024-02-20\n---\n\n${paragraphs.join("\n\n")}\n`;
}

describe("inputs that must just work", () => {
  let site: string;
  let pages: Map<string, string>;
  let stderr: string;
  let seconds: number;

  beforeAll(async () => {
    const dir = await tempDir();
    const content = path.join(dir, "content");
    await mkdir(content);
    const crlf = "---\ntitle: Ferry service resumes after storm\ndate: 2024-02-14\n---\n\nThe ferry sailed again on Tuesday.\n\nPassengers queued from dawn.\n";
    await writeFile(path.join(content, "bom-crlf.md"), `\uFEFF${crlf.replace(/\n/g, "\r\n")}`);
    await writeFile(path.join(content, "arabic.md"), `---\ntitle: "${ARABIC_TITLE}"\ndate: 2024-02-15\nsource: "مكتب بغداد"\n---\n\n${ARABIC_BODY}\n\nA second paragraph in English mentions ${"بغداد"} once.\n`);
    await writeFile(path.join(content, "future.md"), "---\ntitle: Embargoed budget statement\ndate: 2099-05-01T09:00:00Z\n---\n\nThe budget will be presented to parliament.\n");
    await writeFile(path.join(content, "no-blank-lines.md"), "---\ntitle: Wire copy pasted line by line\ndate: 2024-02-16\n---\nThe first line is the lede.\nThe second line adds a detail.\nThe third line quotes an official.\n");
    await writeFile(path.join(content, "big.md"), bigReport());
    site = path.join(dir, "site");
    const started = performance.now();
    const built = await runCli(["build", "--content", content, "--output", site]);
    seconds = (performance.now() - started) / 1000;
    expect(built.code).toBe(0);
    stderr = built.stderr;
    pages = await readPages(site);
  }, 400_000);

  const tree = (url: string) => fromHtml(pages.get(url)!);
  const paragraphIds = (url: string) => selectAll(".report-body > p", tree(url)).map((p) => String((p as Element).properties.id));

  it("builds without a warning", () => {
    expect(stderr).toBe("");
  });

  it("reads a UTF-8 byte-order mark and CRLF line endings", () => {
    expect(toString(select("h1", tree("/reports/bom-crlf/"))!)).toBe("Ferry service resumes after storm");
    expect(paragraphIds("/reports/bom-crlf/")).toEqual(["p1", "p2"]);
    for (const html of pages.values()) expect(html).not.toMatch(/[\r\uFEFF]/);
  });

  it("keeps Arabic text exactly, in elements that take their direction from it", async () => {
    const h1 = select("h1", tree("/reports/arabic/")) as Element;
    expect(toString(h1)).toBe(ARABIC_TITLE);
    expect(h1.properties.dir).toBe("auto");
    expect(toString(select("#p1", tree("/reports/arabic/"))!)).toBe(ARABIC_BODY);
    const digest = JSON.parse(await readFile(path.join(site, "digest.json"), "utf8")) as { reports: Array<{ slug: string; title: string; date: string }> };
    expect(digest.reports.find((r) => r.slug === "arabic")!.title).toBe(ARABIC_TITLE);
  });

  it("publishes a report dated in the future", async () => {
    expect(pages.has("/reports/future/")).toBe(true);
    const digest = JSON.parse(await readFile(path.join(site, "digest.json"), "utf8")) as { reports: Array<{ slug: string; date: string }> };
    expect(digest.reports.find((r) => r.slug === "future")!.date).toBe("2099-05-01");
  });

  it("gives a report without blank lines one paragraph per line", () => {
    expect(paragraphIds("/reports/no-blank-lines/")).toEqual(["p1", "p2", "p3"]);
  });

  it("builds a report of several megabytes in reasonable time", () => {
    expect(pages.get("/reports/big/")!.length).toBeGreaterThan(3_000_000);
    const ids = paragraphIds("/reports/big/");
    expect(ids).toHaveLength(9000);
    expect(ids.at(-1)).toBe("p9000");
    // Generous for a busy CI machine; on a quiet laptop it is a few seconds.
    expect(seconds).toBeLessThan(240);
  });
});
