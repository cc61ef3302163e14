import type { StoryConfig, ThreadConfig } from "../content/story.ts";
import { entitiesInText, type EntityMention } from "./entities.ts";
import { perObject } from "./stage-memo.ts";
import type { Report } from "./types.ts";

/**
 * Thread classification of events and reports.
 *
 * The rule (documented in content/story.yaml too):
 * - A thread's *hits* in a text are its distinct keywords found in it plus its configured
 *   entities mentioned in it. A keyword matches case-insensitively as whole words; its last word
 *   may carry an inflection ("withdraw" matches "withdrawal", "withdrawing", "withdrawn";
 *   "strike" matches "strikes"); curly and straight apostrophes are the same. An entity counts
 *   when the text's entity mentions (src/digest/entities.ts, after alias resolution) include it.
 * - A text belongs to every thread with at least `threshold` hits (default 1), in the order the
 *   story lists its threads. A text may belong to several threads or to none.
 * - An event is classified by its own text. A report belongs to the threads of its title and
 *   summary, and to every thread that at least a quarter of its paragraphs belong to (rounded,
 *   at least one): a long report that mentions a thread in one background paragraph is not
 *   listed on that thread's page, a short one is.
 * - Front matter `threads:` overrides: plain slugs replace the computed list; "+slug" adds a
 *   thread and "-slug" removes one. Unknown slugs are an error.
 */

type ThreadStory = Pick<StoryConfig, "threads">;

const SUFFIX = "(?:s|es|ed|d|ing|al|als|n|ment|ments)?";
const patternCache = new Map<string, RegExp>();

function keywordSource(keyword: string): string {
  return keyword
    .replace(/[’‘]/g, "'")
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
}

function keywordPattern(keyword: string): RegExp {
  let pattern = patternCache.get(keyword);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\d])${keywordSource(keyword)}${SUFFIX}(?![\\p{L}\\d])`, "iu");
    patternCache.set(keyword, pattern);
  }
  return pattern;
}

/**
 * One alternation of all of a thread's keywords: it matches exactly when one of them does, so
 * most texts (which name none) are settled by one scan instead of one per keyword (issue 8).
 */
const anyKeyword = perObject(
  (thread: ThreadConfig): RegExp => new RegExp(`(?<![\\p{L}\\d])(?:${thread.keywords.map(keywordSource).join("|")})${SUFFIX}(?![\\p{L}\\d])`, "iu"),
);

/** The hits of one thread in a text: matched keywords, then matched entity names. */
export function threadHits(text: string, entityNames: ReadonlySet<string>, thread: ThreadConfig): string[] {
  const plain = text.replace(/[’‘]/g, "'");
  const keywords =
    thread.keywords.length === 0 || !anyKeyword(thread).test(plain) ? [] : thread.keywords.filter((k) => keywordPattern(k).test(plain));
  const entities = thread.entities.filter((e) => entityNames.has(e));
  return [...new Set([...keywords, ...entities])];
}

function namesOf(entities: readonly (EntityMention | string)[]): Set<string> {
  return new Set(entities.map((e) => (typeof e === "string" ? e : e.name)));
}

/** Slugs of the threads a text belongs to, in story order. */
export function classify(text: string, entities: readonly (EntityMention | string)[], config: ThreadStory): string[] {
  const names = namesOf(entities);
  return config.threads.filter((t) => threadHits(text, names, t).length >= t.threshold).map((t) => t.slug);
}

/** Applies a front-matter `threads:` list to the computed threads (see the module comment). */
export function applyThreadOverride(computed: readonly string[], override: readonly string[] | undefined, config: ThreadStory): string[] {
  if (!override || override.length === 0) return [...computed];
  const known = new Set(config.threads.map((t) => t.slug));
  const bare = (entry: string) => entry.replace(/^[+-]/, "");
  const unknown = override.filter((e) => !known.has(bare(e)));
  if (unknown.length > 0) {
    throw new Error(`unknown thread${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${bare(u)}"`).join(", ")} in front matter \`threads\` (known: ${[...known].join(", ")})`);
  }
  const replaces = override.some((e) => !/^[+-]/.test(e));
  const chosen = new Set(replaces ? override.filter((e) => !/^[+-]/.test(e)) : computed);
  for (const e of override) {
    if (e.startsWith("+")) chosen.add(bare(e));
    if (e.startsWith("-")) chosen.delete(bare(e));
  }
  return config.threads.map((t) => t.slug).filter((s) => chosen.has(s));
}

/**
 * The threads of a report: those of its title and summary and those of at least a quarter of
 * its paragraphs, then the front-matter override. `entities` are the report's mentions (with their paragraph ids).
 */
export function reportThreads(
  report: Report,
  entities: readonly (EntityMention & { paragraph?: string })[],
  config: Pick<StoryConfig, "threads" | "aliases" | "entities">,
  override?: readonly string[],
): string[] {
  const heading = `${report.title}\n${report.summary}`;
  const found = new Set(classify(heading, entitiesInText(heading, config), config));
  const counts = new Map<string, number>();
  // Mentions grouped by paragraph once: filtering all of them per paragraph was quadratic in
  // the report's length (minutes for a 3 MB report) (issue 8).
  const byParagraph = new Map<string | undefined, (EntityMention & { paragraph?: string })[]>();
  for (const e of entities) {
    const list = byParagraph.get(e.paragraph);
    if (list) list.push(e);
    else byParagraph.set(e.paragraph, [e]);
  }
  for (const paragraph of report.paragraphs) {
    const own = byParagraph.get(paragraph.id) ?? [];
    for (const slug of classify(paragraph.text, own, config)) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  }
  const needed = Math.max(1, Math.round(report.paragraphs.length / 4));
  for (const [slug, count] of counts) if (count >= needed) found.add(slug);
  const computed = config.threads.map((t) => t.slug).filter((s) => found.has(s));
  try {
    return applyThreadOverride(computed, override, config);
  } catch (error) {
    // Name the file: `dateline check` lists these too (src/content/story-check.ts).
    throw new Error(`${report.file}: ${(error as Error).message}`);
  }
}
