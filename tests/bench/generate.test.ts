import { createHash } from "node:crypto";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/generate.ts";

function digest(files: { file: string; content: string }[]): string {
  const hash = createHash("sha256");
  for (const { file, content } of files) hash.update(file).update("\0").update(content).update("\0");
  return hash.digest("hex");
}

function bodyParagraphs(content: string): string[] {
  return matter(content)
    .content.split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

describe("generateCorpus", () => {
  const corpus = generateCorpus(400, 7);

  it("is deterministic: the same seed gives the same bytes, another seed different ones", () => {
    expect(digest(generateCorpus(400, 7))).toBe(digest(corpus));
    expect(digest(generateCorpus(400, 8))).not.toBe(digest(corpus));
  });

  it("produces exactly n files with unique slugs matching their file names", () => {
    expect(corpus).toHaveLength(400);
    expect(generateCorpus(0, 7)).toEqual([]);
    const slugs = corpus.map(({ content }) => matter(content).data.slug as string);
    expect(new Set(slugs).size).toBe(400);
    for (const [i, { file }] of corpus.entries()) {
      expect(file).toBe(`${slugs[i]}.md`);
      expect(slugs[i]).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("writes front matter that gray-matter parses into Dateline's fields", () => {
    for (const { content } of corpus) {
      const { data } = matter(content);
      expect(typeof data.title).toBe("string");
      expect(data.title.length).toBeGreaterThan(5);
      // js-yaml reads an unquoted YYYY-MM-DD as a Date at UTC midnight.
      expect(data.date).toBeInstanceOf(Date);
      expect((data.date as Date).toISOString()).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/);
      expect(typeof data.source).toBe("string");
      expect(data.summary).toMatch(/^[A-Z“\d].+\.$/);
      expect(Array.isArray(data.tags)).toBe(true);
      expect(data.tags.length).toBeGreaterThan(0);
    }
  });

  it("spreads dates over about two years", () => {
    const days = corpus.map(({ content }) => (matter(content).data.date as Date).getTime() / 86_400_000);
    const span = Math.max(...days) - Math.min(...days);
    expect(span).toBeGreaterThan(600);
    expect(span).toBeLessThanOrEqual(730);
  });

  it("gives every report 4 to 8 paragraphs with every slot filled", () => {
    for (const { content } of corpus) {
      const paragraphs = bodyParagraphs(content);
      expect(paragraphs.length).toBeGreaterThanOrEqual(4);
      expect(paragraphs.length).toBeLessThanOrEqual(8);
      expect(content).not.toMatch(/[{}]/);
    }
  });

  it("reuses background paragraphs verbatim across reports", () => {
    const seenIn = new Map<string, Set<string>>();
    for (const { file, content } of corpus) {
      for (const p of bodyParagraphs(content)) {
        const files = seenIn.get(p) ?? new Set<string>();
        files.add(file);
        seenIn.set(p, files);
      }
    }
    const shared = [...seenIn.values()].filter((files) => files.size >= 10);
    expect(shared.length).toBeGreaterThanOrEqual(15);
  });

  it("uses date expressions of every kind, figures and names", () => {
    const text = corpus.map(({ content }) => matter(content).content).join("\n");
    const kinds: [string, RegExp][] = [
      ["month and day", /\bon (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b(?!,)/],
      ["full date", /\bon [A-Z][a-z]+ \d{1,2}, \d{4}\b/],
      ["weekday", /\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/],
      ["deictic", /\b(last week|last month|yesterday|earlier this month)\b/],
      ["anaphoric", /\b(A month|A week|[A-Z][a-z]+ days|[A-Z][a-z]+ months) earlier\b/],
      ["since a day", /\bsince [A-Z][a-z]+ \d{1,2}\b/],
      ["year", /\bin (19|20)\d\d\b/],
      ["duration", /\b(two|three|four|five|six|seven|eight|nine) (years|months|weeks)\b/],
      ["recurring", /\b(every Friday|each week|twice a month)\b/],
      ["time of day", /\b([Aa]t about 4 a\.m\.|[Ss]hortly after midnight|[Bb]efore dawn)/],
      ["at least N people/soldiers", /\bat least \d[\d,]* (people|soldiers|families)\b/],
      ["N thousand", /\b\d\.\d thousand\b/],
      ["N attacks", /\b\d[\d,]* attacks\b/],
      ["named people", /\b(Governor Anika Roell|General Orlan Bey|President Selin Varga)\b/],
    ];
    const missing = kinds.filter(([, pattern]) => !pattern.test(text)).map(([name]) => name);
    expect(missing).toEqual([]);
  });
});
