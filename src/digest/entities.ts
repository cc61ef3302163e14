import type { EntityKind, StoryConfig } from "../content/story.ts";
import { guessKind, nameChunks } from "./name-chunks.ts";
import { byName, compare, slugify } from "./tallies.ts";
import { perObject } from "./stage-memo.ts";
import type { Report, SourceRef, TimelineEvent } from "./types.ts";

/**
 * Entities: the people, organizations and places the reports mention.
 *
 * Rule, per text:
 * 1. Names the story configures (the keys and variants of `aliases`, the keys of `entities`)
 *    are found first, longest first, as whole words; case-insensitively, except variants written
 *    in capitals ("US"), which must match exactly so that "us" is not the United States.
 *    Curly and straight apostrophes are the same ("Kata’ib" = "Kata'ib").
 * 2. Elsewhere, capitalized word runs are names (src/digest/name-chunks.ts): leading titles
 *    ("Defense Secretary", "Prime Minister"), a trailing possessive and trailing generic nouns
 *    ("group") are dropped, and the kind is read from cues (titles, compromise's lexicon of
 *    places, organizations and first names, organization and place head words). A run no cue
 *    classes is left out. (This replaced running compromise's tagger per paragraph: ≈ 88 ms per
 *    report → well under 1 ms; see name-chunks.ts.)
 * 3. Every name is canonicalized through the aliases; within one report a lone surname names the
 *    person mentioned in full in it ("Austin" and "Lloyd Austin"), tagged or not.
 * 4. The kind is the configured one, else the cue's.
 */

export interface EntityMention {
  /** Canonical name. */
  name: string;
  slug: string;
  kind: EntityKind;
  /** As written. */
  text: string;
  /** Offsets into the text (the paragraph's text for report mentions). */
  start: number;
  end: number;
}

export interface ReportEntityMention extends EntityMention {
  paragraph: string;
}

export interface Entity {
  name: string;
  slug: string;
  kind: EntityKind;
  /** Variants seen in the reports, sorted. */
  variants: string[];
  /** Reports that mention it, in report order given to `indexEntities`. */
  reports: string[];
  /** Every paragraph that mentions it. */
  sources: SourceRef[];
  mentions: number;
}

type EntityStory = Pick<StoryConfig, "aliases" | "entities">;

function normalizeQuotes(text: string): string {
  // Same length, so offsets carry over.
  return text.replace(/[’‘`]/g, "'");
}

/**
 * The configured names of a story, compiled once per story object: one alternation (longest
 * variant first) for the variants matched case-insensitively and one for those written in
 * capitals, which must match exactly; and a lower-case variant → canonical lookup.
 */
interface AliasTable {
  patterns: RegExp[];
  lookup: Map<string, string>;
}

/** Whole words, hyphenated parts included, as a surname is written ("Austin", "al-Sudani"). */
const WORD_RUN = /(?<![\p{L}\d'-])[\p{L}\d]+(?:[-'][\p{L}\d]+)*(?![\p{L}\d-])/gu;
const NO_ALIASES: AliasTable = { patterns: [], lookup: new Map() };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function aliasTable(story: EntityStory | null | undefined): AliasTable {
  return story ? aliasTableOf(story) : NO_ALIASES;
}

/** A story's alias table, made once per story object. */
const aliasTableOf = perObject((story: EntityStory): AliasTable => {
  const pairs: [string, string][] = [];
  for (const [canonical, variants] of Object.entries(story.aliases)) {
    pairs.push([canonical, canonical]);
    for (const v of variants) pairs.push([canonical, v]);
  }
  for (const canonical of Object.keys(story.entities)) pairs.push([canonical, canonical]);
  const lookup = new Map<string, string>();
  for (const [canonical, variant] of pairs) {
    const key = normalizeQuotes(variant).toLowerCase();
    if (!lookup.has(key)) lookup.set(key, canonical);
  }
  const variants = [...new Set(pairs.map(([, v]) => normalizeQuotes(v)))].sort((a, b) => b.length - a.length || compare(a, b));
  const alternation = (list: string[], flags: string) =>
    new RegExp(`(?<![\\p{L}\\d'-])(?:${list.map(escapeRegExp).join("|")})(?![\\p{L}\\d-]|'\\p{L}{2})`, flags);
  const exact = variants.filter((v) => v === v.toUpperCase());
  const loose = variants.filter((v) => v !== v.toUpperCase());
  const patterns = [...(loose.length > 0 ? [alternation(loose, "giu")] : []), ...(exact.length > 0 ? [alternation(exact, "gu")] : [])];
  return { patterns, lookup };
});

function kindOf(name: string, story: EntityStory | null | undefined, guess: EntityKind | null): EntityKind {
  const configured = story?.entities[name];
  if (configured) return configured;
  if (guess) return guess;
  let kind = guessedKinds.get(name);
  if (kind === undefined) {
    kind = guessKind(name) ?? "organization";
    if (guessedKinds.size > 50_000) guessedKinds.clear();
    guessedKinds.set(name, kind);
  }
  return kind;
}

// Names recur in every paragraph; their slugs (Unicode normalization) and guessed kinds are
// memoized, bounded (issue 8).
const guessedKinds = new Map<string, EntityKind>();
const slugs = new Map<string, string>();
function slugOf(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = slugify(name);
    if (slugs.size > 50_000) slugs.clear();
    slugs.set(name, slug);
  }
  return slug;
}

/** Claimed characters of the text entitiesInText is reading; reused, and left all zero after each call. */
let scratch = new Uint8Array(4096);

/** The entities one text mentions, in text order (see the module comment for the rule). */
export function entitiesInText(text: string, story?: EntityStory | null): EntityMention[] {
  const plain = normalizeQuotes(text);
  const { patterns, lookup } = aliasTable(story);
  // Configured names first, longest first; `taken` marks the characters already claimed.
  const found: { start: number; end: number; canonical: string }[] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (const hit of plain.matchAll(pattern)) {
      const canonical = lookup.get(hit[0].toLowerCase());
      if (canonical !== undefined) found.push({ start: hit.index, end: hit.index + hit[0].length, canonical });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  if (scratch.length < plain.length) scratch = new Uint8Array(Math.max(plain.length, scratch.length * 2));
  const taken = scratch;
  const overlaps = (s: number, e: number) => {
    for (let k = s; k < e; k++) if (taken[k]) return true;
    return false;
  };
  const claimed: EntityMention[] = [];
  const claim = (m: EntityMention) => {
    taken.fill(1, m.start, m.end);
    claimed.push(m);
  };
  for (const f of found) {
    if (overlaps(f.start, f.end)) continue;
    claim({ name: f.canonical, slug: slugOf(f.canonical), kind: kindOf(f.canonical, story, null), text: text.slice(f.start, f.end), start: f.start, end: f.end });
  }
  for (const c of nameChunks(plain)) {
    if (overlaps(c.start, c.end)) continue;
    const written = plain.slice(c.start, c.end);
    const name = lookup.get(written.toLowerCase()) ?? written;
    claim({ name, slug: slugOf(name), kind: kindOf(name, story, c.kind), text: text.slice(c.start, c.end), start: c.start, end: c.end });
  }
  for (const m of claimed) taken.fill(0, m.start, m.end);
  return claimed.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Entity mentions of one report, paragraph by paragraph; lone surnames resolved within it. */
export function extractEntities(report: Report, story?: EntityStory | null): ReportEntityMention[] {
  const out: ReportEntityMention[] = report.paragraphs.flatMap((p) =>
    entitiesInText(p.text, story).map((m) => ({ ...m, paragraph: p.id })),
  );
  const fullNames = new Map<string, string>();
  for (const m of out) {
    if (m.kind !== "person") continue;
    const parts = m.name.split(/\s+/);
    if (parts.length > 1) {
      const last = parts[parts.length - 1]!.toLowerCase();
      const other = fullNames.get(last);
      fullNames.set(last, other === undefined || other === m.name ? m.name : "");
    }
  }
  const resolved = out.map((m) => {
    if (m.kind !== "person" || /\s/.test(m.name)) return m;
    const full = fullNames.get(m.name.toLowerCase());
    return full ? { ...m, name: full, slug: slugOf(full) } : m;
  });
  // Surnames the chunker did not class on their own ("Later, Biden left"): one pass over each
  // paragraph's words (a regex per surname per paragraph was quadratic on long reports).
  const surnames = new Map<string, string>();
  for (const [last, full] of fullNames) {
    if (!full || last.length < 3) continue;
    surnames.set(full.split(/\s+/).pop()!, full);
  }
  if (surnames.size > 0) {
    const byParagraph = new Map<string, ReportEntityMention[]>();
    for (const m of resolved) {
      const list = byParagraph.get(m.paragraph);
      if (list) list.push(m);
      else byParagraph.set(m.paragraph, [m]);
    }
    for (const p of report.paragraphs) {
      const own = byParagraph.get(p.id) ?? [];
      let taken: Uint8Array | null = null;
      for (const hit of p.text.matchAll(WORD_RUN)) {
        const full = surnames.get(hit[0]);
        if (full === undefined) continue;
        const start = hit.index;
        const end = start + hit[0].length;
        if (!taken) {
          taken = new Uint8Array(p.text.length);
          for (const m of own) taken.fill(1, m.start, m.end);
        }
        if (taken.subarray(start, end).some((x) => x === 1)) continue;
        taken.fill(1, start, end);
        resolved.push({ name: full, slug: slugOf(full), kind: "person", text: hit[0], start, end, paragraph: p.id });
      }
    }
  }
  const order = new Map(report.paragraphs.map((p, i) => [p.id, i]));
  return resolved.sort((a, b) => (order.get(a.paragraph) ?? 0) - (order.get(b.paragraph) ?? 0) || a.start - b.start);
}

/**
 * The entity index across reports: one Entity per canonical name, sorted by name. `minMentions`
 * drops names mentioned fewer times than that overall (one-off tagger noise), unless configured.
 */
export function indexEntities(
  reports: readonly Report[],
  mentions: ReadonlyMap<string, readonly ReportEntityMention[]>,
  story?: EntityStory | null,
  minMentions = 1,
): Entity[] {
  const bySlug = new Map<string, Entity & { seen: Set<string>; variantSet: Set<string>; reportSet: Set<string> }>();
  for (const report of reports) {
    for (const m of mentions.get(report.slug) ?? []) {
      let e = bySlug.get(m.slug);
      if (!e) {
        e = { name: m.name, slug: m.slug, kind: m.kind, variants: [], reports: [], sources: [], mentions: 0, seen: new Set(), variantSet: new Set(), reportSet: new Set() };
        bySlug.set(m.slug, e);
      }
      e.mentions += 1;
      e.variantSet.add(m.text);
      // A set beside the list: `includes` made a name in thousands of reports quadratic (issue 8).
      if (!e.reportSet.has(report.slug)) {
        e.reportSet.add(report.slug);
        e.reports.push(report.slug);
      }
      const url = `${report.url}#${m.paragraph}`;
      if (!e.seen.has(url)) {
        e.seen.add(url);
        e.sources.push({ report: report.slug, paragraph: m.paragraph, url });
      }
    }
  }
  const configured = (name: string) => Boolean(story && (name in story.entities || name in story.aliases));
  return [...bySlug.values()]
    .filter((e) => e.mentions >= minMentions || configured(e.name))
    .map(({ seen: _seen, reportSet: _reports, variantSet, ...e }) => ({ ...e, variants: [...variantSet].sort(compare) }))
    .sort((a, b) => byName(a.name, b.name));
}

/** Ids of the events whose text mentions each entity, by entity slug; events in given order. */
export function eventsByEntity(events: readonly TimelineEvent[], story?: EntityStory | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const event of events) {
    for (const slug of new Set(entitiesInText(event.text, story).map((m) => m.slug))) {
      const list = out.get(slug);
      if (list) list.push(event.id);
      else out.set(slug, [event.id]);
    }
  }
  return out;
}
