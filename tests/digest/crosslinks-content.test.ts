/**
 * Cross-links over the project's own story (content/): two of its reports mirror the seed
 * wire reports, which share three background passages — one verbatim, two retold in other words.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import type { Digest } from "../../src/digest/types.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const EARLIER = "iraq-prepares-coalition-exit-talks";
const LATER = "iraq-privately-seeks-talks-to-keep-us-troops";

let digest: Digest;
beforeAll(async () => {
  digest = (await buildDigest(CONTENT)).digest;
});

const paragraphStarting = (slug: string, start: string): string => {
  const report = digest.reports.find((r) => r.slug === slug)!;
  const p = report.paragraphs.find((x) => x.text.startsWith(start));
  if (!p) throw new Error(`${slug} has no paragraph starting "${start}"`);
  return p.id;
};

describe("cross-links over content/", () => {
  it("links the three shared background passages of the seed pair both ways", () => {
    const pairs: [string, string][] = [
      [paragraphStarting(EARLIER, "Earlier, on December 26"), paragraphStarting(LATER, "Prior to that, on Dec. 26")],
      [paragraphStarting(EARLIER, "A month earlier"), paragraphStarting(LATER, "By late November")],
      [paragraphStarting(EARLIER, "Washington has stood firmly"), paragraphStarting(LATER, "Washington has stood firmly")],
    ];
    const links = digest.crossLinks.reports;
    for (const [a, b] of pairs) {
      const forward = links[EARLIER]!.passages.find((p) => p.paragraph === a)!.alsoIn;
      expect(forward.some((r) => r.report === LATER && r.paragraph === b), `${EARLIER}#${a} → ${LATER}#${b}`).toBe(true);
      const back = links[LATER]!.passages.find((p) => p.paragraph === b)!.alsoIn;
      expect(back.some((r) => r.report === EARLIER && r.paragraph === a), `${LATER}#${b} → ${EARLIER}#${a}`).toBe(true);
      // In the later report they are background, not news.
      expect(links[LATER]!.repeatedParagraphs.map((r) => r.paragraph)).toContain(b);
    }
  });

  it("ranks the pair as related, with the shared passages as the first reason", () => {
    const related = digest.crossLinks.reports[LATER]!.related.find((r) => r.slug === EARLIER);
    expect(related).toBeDefined();
    expect(related!.reasons[0]).toMatch(/^shares [3-9] passages$/);
    const exported = digest.reports.find((r) => r.slug === LATER)!.related.find((r) => r.slug === EARLIER);
    expect(exported?.reasons).toEqual(related!.reasons);
  });

  it("gives every report a new-in-this-report line and resolvable links", () => {
    const pages = new Map(digest.reports.map((r) => [r.url, new Set(r.paragraphs.map((p) => p.id))]));
    for (const report of digest.reports) {
      const links = digest.crossLinks.reports[report.slug]!;
      expect(links.newInReport.length).toBeGreaterThan(20);
      const urls = [
        ...links.passages.flatMap((p) => p.alsoIn.map((r) => r.url)),
        ...links.repeatedParagraphs.map((r) => r.from.url),
        ...links.backlinks.map((b) => b.url),
        ...links.related.map((r) => r.url),
      ];
      for (const url of urls) {
        const [page, fragment] = url.split("#");
        expect(pages.has(page!), url).toBe(true);
        if (fragment !== undefined) expect(pages.get(page!)!.has(fragment), url).toBe(true);
      }
    }
  });
});
