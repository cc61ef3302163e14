/**
 * Seeded synthetic paragraphs and corpora for the cross-link tests. Words are drawn from a
 * log-uniform (heavy-headed) vocabulary so that common trigrams recur, as "the army said" does
 * in real copy, which is what makes unrelated paragraphs collide in LSH buckets.
 */
import type { Report } from "../../src/digest/types.ts";
import { makeReport, type ParagraphSpec } from "./make-report.ts";

/** mulberry32: a tiny seeded PRNG, deterministic across platforms. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = 5000;

export function paragraph(rand: () => number, words = 40): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(`w${Math.floor(Math.pow(VOCABULARY, rand())) - 1}`);
  return `${out.join(" ")}.`;
}

/** The paragraph with one word replaced (a "changed date"). */
export function nearCopy(text: string, rand: () => number): string {
  const words = text.split(" ");
  const at = 1 + Math.floor(rand() * (words.length - 2));
  words[at] = `changed${Math.floor(rand() * 1000)}`;
  return words.join(" ");
}

export interface SyntheticCorpus {
  reports: Report[];
  /** Planted near-duplicate pairs, as "slug#pN" keys. */
  planted: [string, string][];
}

/**
 * `reports` reports of `perReport` paragraphs; each report after the first repeats, with one
 * word changed, paragraph p1 of a report `1..9` places before it with probability `repeatRate`.
 */
export function syntheticCorpus(reports: number, perReport: number, seed: number, repeatRate = 0.3): SyntheticCorpus {
  const rand = prng(seed);
  const out: Report[] = [];
  const planted: [string, string][] = [];
  for (let r = 0; r < reports; r++) {
    const slug = `r${String(r).padStart(5, "0")}`;
    const day = new Date(Date.UTC(2020, 0, 1) + r * 3_600_000 * 6).toISOString().slice(0, 10);
    const texts = Array.from({ length: perReport }, () => paragraph(rand));
    if (r > 0 && rand() < repeatRate) {
      const back = Math.max(0, r - 1 - Math.floor(rand() * 9));
      const source = out[back]!;
      texts[perReport - 1] = nearCopy(source.paragraphs[0]!.text, rand);
      planted.push([`${source.slug}#p1`, `${slug}#p${perReport}`]);
    }
    out.push(makeReport({ slug, date: day, paragraphs: texts }));
  }
  return { reports: out, planted };
}

/** Places the wire-like corpus names. */
export const PLACES = ["Kelm", "Lanta", "Orrin", "Vasso"];
/** Wire-like copy: background lines repeated verbatim, templates with other figures, near copies, facts. */
export function wireCorpus(rand: () => number, count: number): ParagraphSpec[][] {
  const background = Array.from({ length: 6 }, () => paragraph(rand, 24));
  const factual = (): ParagraphSpec => {
    const day = 1 + Math.floor(rand() * 28);
    const phrase = `March ${day}, 2024`;
    const place = PLACES[Math.floor(rand() * PLACES.length)]!;
    return { text: `Officials in ${place} counted ${10 + Math.floor(rand() * 90)} wounded and ${Math.floor(rand() * 9)} dead on ${phrase} after the ${place} blast, ${paragraph(rand, 10)}`, dates: [[phrase, `2024-03-${String(day).padStart(2, "0")}`]] };
  };
  const template = (): string => `The ministry said ${Math.floor(rand() * 400)} people were moved from ${PLACES[Math.floor(rand() * PLACES.length)]} overnight and the roads stayed closed.`;
  const reports: ParagraphSpec[][] = [];
  for (let r = 0; r < count; r++) {
    const paragraphs: ParagraphSpec[] = [paragraph(rand, 30), factual()];
    const extra = Math.floor(rand() * 4);
    for (let k = 0; k < extra; k++) {
      const pick = rand();
      if (pick < 0.3) paragraphs.push(background[Math.floor(rand() * background.length)]!);
      else if (pick < 0.55) paragraphs.push(template());
      else if (pick < 0.8 && r > 0) {
        const from = reports[Math.max(0, r - 1 - Math.floor(rand() * 6))]!;
        const p = from[Math.floor(rand() * from.length)]!;
        paragraphs.push(rand() < 0.5 ? p : nearCopy(typeof p === "string" ? p : p.text, rand));
      } else paragraphs.push(paragraph(rand, 20 + Math.floor(rand() * 20)));
    }
    reports.push(paragraphs);
  }
  return reports;
}

/** Edits the wire-like corpus's tests make to one report's paragraphs. */
export type WireEdit = "append" | "reword" | "copy" | "figure" | "paragraph";

/**
 * Applies `kind` to paragraph `k` of `paragraphs` (in place): a sentence without facts added, a
 * near copy, another report's first paragraph, a figure changed, or a new paragraph at the end.
 */
export function editWire(paragraphs: ParagraphSpec[], k: number, kind: WireEdit, rand: () => number, specs: readonly ParagraphSpec[][]): void {
  const text = (p: ParagraphSpec) => (typeof p === "string" ? p : p.text);
  const edited = paragraphs[k]!;
  if (kind === "append") {
    // A sentence without facts or names: the paragraph's wording changes, its facts do not.
    const added = `${text(edited)} An earlier version of this report misstated the source.`;
    paragraphs[k] = typeof edited === "string" ? added : { ...edited, text: added };
  } else if (kind === "reword") paragraphs[k] = typeof edited === "string" ? nearCopy(edited, rand) : edited;
  else if (kind === "copy") paragraphs[k] = specs[Math.floor(rand() * specs.length)]![0]!;
  else if (kind === "figure") paragraphs[k] = text(edited).replace(/\d+/, (d) => String(Number(d) + 1));
  else paragraphs.push(paragraph(rand, 30));
}
