/**
 * Deterministic generator of wire-copy-like corpora in Dateline's content format.
 *
 *   node --import tsx bench/generate.ts --n 1000 --out DIR [--seed 1]
 */
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { anaphor, cap, dateExpressions, dayOf, isoDay, monthDay } from "./corpus/dates.ts";
import { fill } from "./corpus/fill.ts";
import { createRng, type Rng } from "./corpus/prng.ts";
import { REWORDINGS, SHARED_BACKGROUND, SOURCES, STORIES, type Story } from "./corpus/stories.ts";
import { format, subDays } from "date-fns";

export interface CorpusFile {
  /** File name inside the content folder, "<slug>.md". */
  file: string;
  content: string;
}

interface Fact {
  date: Date;
  clause: string;
}

function pickStory(rng: Rng): Story {
  const total = STORIES.reduce((sum, s) => sum + s.weight, 0);
  let roll = rng.next() * total;
  for (const story of STORIES) {
    roll -= story.weight;
    if (roll < 0) return story;
  }
  return STORIES[STORIES.length - 1] as Story;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .split("-")
    .slice(0, 7)
    .join("-");
}

/** A background paragraph as an agency would repeat it: mostly verbatim, sometimes touched up. */
function reword(paragraph: string, rng: Rng): string {
  const applicable = REWORDINGS.filter(([pattern]) => pattern.test(paragraph));
  if (applicable.length === 0) return `As previously reported, ${paragraph.charAt(0).toLowerCase()}${paragraph.slice(1)}`;
  const [pattern, replacement] = rng.pick(applicable);
  return paragraph.replace(pattern, replacement);
}

/** How the lead dates the news: the phrase and the day it names. */
function leadTime(dct: Date, rng: Rng): { phrase: string; date: Date } {
  const back = rng.int(0, 4);
  const date = subDays(dct, back);
  if (back === 0) return { phrase: rng.pick(["today", "on " + format(date, "EEEE")]), date };
  if (back === 1) return { phrase: "yesterday", date };
  return { phrase: rng.pick([`on ${format(date, "EEEE")}`, `on ${monthDay(date, dct)}`]), date };
}

function frontMatter(fields: { title: string; date: string; slug: string; source: string; summary: string; tags: string[] }): string {
  // JSON strings are valid YAML scalars, which keeps quoting trivially correct.
  return [
    "---",
    `title: ${JSON.stringify(fields.title)}`,
    `date: ${fields.date}`,
    `slug: ${fields.slug}`,
    `source: ${JSON.stringify(fields.source)}`,
    `summary: ${JSON.stringify(fields.summary)}`,
    `tags: [${fields.tags.join(", ")}]`,
    "---",
    "",
  ].join("\n");
}

/** Generates n reports; the same (n, seed) always yields the same files, byte for byte. */
export function generateCorpus(n: number, seed: number): CorpusFile[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a non-negative integer, got ${n}`);
  const rng = createRng(seed);
  const plan = Array.from({ length: n }, (_, i) => {
    const story = pickStory(rng);
    return { i, story, day: rng.int(story.from, story.to) };
  });
  plan.sort((a, b) => a.day - b.day || a.i - b.i);

  const history = new Map<string, Fact[]>();
  return plan.map(({ story, day }, position) => {
    const dct = dayOf(day);
    const dates = dateExpressions(dct, rng);
    const said = (template: string): string => fill(template, story, rng, dates);
    const facts = history.get(story.key) ?? [];
    history.set(story.key, facts);

    const clause = said(rng.pick(story.facts));
    const when = leadTime(dct, rng);
    const source = rng.pick(SOURCES);
    const teller = said(rng.pick(["{group}", "{person}"]));
    const lead = rng.pick([
      `${cap(clause)} ${when.phrase}, ${teller} said.`,
      `${cap(teller)} said ${when.phrase} that ${clause}.`,
      `${cap(when.phrase)}, ${clause}, according to ${source}.`,
    ]);
    const paragraphs: string[] = [lead];

    const tail: string[] = [];
    const earlier = facts.filter((f) => f.date < when.date).slice(-12);
    if (earlier.length > 0 && rng.chance(0.7)) {
      const index = rng.int(0, earlier.length - 1);
      const recent = earlier[index] as Fact;
      let recap = `Earlier, on ${monthDay(recent.date, dct)}, ${recent.clause}.`;
      const before = earlier.slice(0, index).filter((f) => f.date < recent.date);
      if (before.length > 0 && rng.chance(0.6)) {
        const older = rng.pick(before);
        recap += ` ${anaphor(older.date, recent.date)}, ${older.clause}.`;
      }
      tail.push(recap);
    }
    const pool = [...story.background];
    for (let b = rng.int(1, 2); b > 0 && pool.length > 0; b--) {
      const [paragraph] = pool.splice(rng.int(0, pool.length - 1), 1) as [string];
      tail.push(rng.chance(0.65) ? paragraph : reword(paragraph, rng));
    }
    const closing = rng.chance(0.15) ? rng.pick(SHARED_BACKGROUND) : null;

    const target = rng.int(4, 8);
    const quote = rng.chance(0.5) ? said(rng.pick(story.quotes)) : null;
    const fixed = 1 + tail.length + (quote ? 1 : 0) + (closing ? 1 : 0);
    // Each development template at most once per report, as long as the story has enough.
    const unused = [...story.developments];
    const develop = (): string => {
      const [template] = unused.length > 1 ? (unused.splice(rng.int(0, unused.length - 1), 1) as [string]) : [rng.pick(story.developments)];
      return said(template);
    };
    for (let d = Math.max(1, target - fixed); d > 0; d--) {
      const sentences = [develop()];
      if (rng.chance(0.4)) sentences.push(develop());
      paragraphs.push(sentences.join(" "));
    }
    if (quote) paragraphs.splice(2, 0, quote);
    paragraphs.push(...tail);
    if (closing) paragraphs.push(closing);
    while (paragraphs.length > 8) paragraphs.splice(paragraphs.length - 2 - tail.length, 1);

    facts.push({ date: when.date, clause });
    const title = said(rng.pick(story.titles));
    const slug = `${slugify(title)}-${position + 1}`;
    const content =
      frontMatter({ title, date: isoDay(dct), slug, source, summary: `${cap(clause)}.`, tags: story.tags }) +
      "\n" +
      paragraphs.join("\n\n") +
      "\n";
    return { file: `${slug}.md`, content };
  });
}

/** Writes a corpus into dir (created if needed). */
export function writeCorpus(files: CorpusFile[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const { file, content } of files) writeFileSync(join(dir, file), content);
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const args = process.argv.slice(2);
  const n = Number(option(args, "--n") ?? "1000");
  const seed = Number(option(args, "--seed") ?? "1");
  const out = option(args, "--out");
  if (!out || !Number.isInteger(n) || !Number.isInteger(seed)) {
    process.stderr.write("Usage: node --import tsx bench/generate.ts --n 1000 --out DIR [--seed 1]\n");
    process.exit(2);
  }
  writeCorpus(generateCorpus(n, seed), out);
  process.stdout.write(`wrote ${n} reports to ${out}\n`);
}
