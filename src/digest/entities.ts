import nlp from "compromise";
import type { EntityKind, StoryConfig } from "../content/story.ts";
import { byName, compare, slugify } from "./tallies.ts";
import type { Report, SourceRef, TimelineEvent } from "./types.ts";

/**
 * Entities: the people, organizations and places the reports mention.
 *
 * Rule, per text:
 * 1. Names the story configures (the keys and variants of `aliases`, the keys of `entities`)
 *    are found first, longest first, as whole words; case-insensitively, except variants written
 *    in capitals ("US"), which must match exactly so that "us" is not the United States.
 *    Curly and straight apostrophes are the same ("Kata’ib" = "Kata'ib").
 * 2. Elsewhere, compromise tags people, organizations and places. Its spans are cleaned:
 *    leading titles ("Defense Secretary", "Prime Minister"), a trailing possessive or period and
 *    trailing generic nouns ("group") are dropped; what is left must start with a capital.
 * 3. Every name is canonicalized through the aliases; within one report a lone surname names the
 *    person mentioned in full in it ("Austin" and "Lloyd Austin"), tagged or not.
 * 4. The kind is the configured one, else compromise's.
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

const TITLES = new Set(
  [
    "mr", "mrs", "ms", "dr", "sir", "president", "vice", "prime", "minister", "secretary", "deputy",
    "press", "defense", "defence", "foreign", "state", "chief", "general", "gen", "lt", "col",
    "colonel", "major", "maj", "captain", "capt", "sgt", "sergeant", "admiral", "adm", "commander",
    "field", "spokesman", "spokeswoman", "spokesperson", "ambassador", "senator", "sen", "rep",
    "representative", "governor", "gov", "king", "queen", "prince", "sheikh", "ayatollah", "pope",
    "leader", "head", "director", "official", "militia", "warlord", "influential",
    "iraqi", "american", "us", "u.s.", "the", "office", "department", "ministry",
  ].map((w) => w.toLowerCase()),
);
/** Generic trailing nouns of organization spans: "Kataib Hezbollah group". */
const GENERIC_TAIL = new Set(["group", "groups", "militia", "movement", "organization", "organisation", "office"]);

function normalizeQuotes(text: string): string {
  // Same length, so offsets carry over.
  return text.replace(/[’‘`]/g, "'");
}

interface Matcher {
  canonical: string;
  variant: string;
  pattern: RegExp;
}

const matcherCache = new WeakMap<EntityStory, { matchers: Matcher[]; lookup: Map<string, string> }>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Alias matchers (longest variant first) and a lower-case variant → canonical lookup. */
function aliasTable(story: EntityStory | null | undefined): { matchers: Matcher[]; lookup: Map<string, string> } {
  if (!story) return { matchers: [], lookup: new Map() };
  const cached = matcherCache.get(story);
  if (cached) return cached;
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
  const seen = new Set<string>();
  const matchers = pairs
    .filter(([, v]) => (seen.has(v) ? false : (seen.add(v), true)))
    .sort((a, b) => b[1].length - a[1].length || compare(a[1], b[1]))
    .map(([canonical, variant]) => {
      const v = normalizeQuotes(variant);
      const caseSensitive = v === v.toUpperCase();
      const pattern = new RegExp(`(?<![\\p{L}\\d'-])${escapeRegExp(v)}(?![\\p{L}\\d-]|'\\p{L}{2})`, caseSensitive ? "gu" : "giu");
      return { canonical, variant, pattern };
    });
  const table = { matchers, lookup };
  matcherCache.set(story, table);
  return table;
}

function kindOf(name: string, story: EntityStory | null | undefined, guess: EntityKind | null): EntityKind {
  const configured = story?.entities[name];
  if (configured) return configured;
  if (guess) return guess;
  const doc = nlp(name);
  if (doc.people().found) return "person";
  if (doc.places().found) return "place";
  return "organization";
}

/** Trims a compromise span to the name itself; null when nothing name-like is left. */
function cleanSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  const words = [...text.slice(start, end).matchAll(/\S+/g)].map((m) => ({
    text: m[0],
    start: start + m.index,
    end: start + m.index + m[0].length,
  }));
  const strip = (w: { text: string; start: number; end: number }) => {
    let s = w.start;
    let e = w.end;
    while (e > s && /[.,;:!?)"'”-]/.test(text[e - 1]!)) e--;
    if (/'s$/i.test(text.slice(s, e))) e -= 2;
    while (s < e && /["'(“]/.test(text[s]!)) s++;
    return { text: text.slice(s, e), start: s, end: e };
  };
  let list = words.map(strip).filter((w) => w.text.length > 0);
  while (list.length > 1 && TITLES.has(list[0]!.text.toLowerCase())) list = list.slice(1);
  while (list.length > 1 && GENERIC_TAIL.has(list[list.length - 1]!.text.toLowerCase())) list = list.slice(0, -1);
  if (list.length === 0) return null;
  if (list.length === 1 && TITLES.has(list[0]!.text.toLowerCase())) return null;
  if (!list.every((w) => /^[\p{Lu}]/u.test(w.text) || /^(?:al|el|bin|ibn|de|van|von|der)-?/.test(w.text))) return null;
  if (!/^[\p{Lu}]/u.test(list[0]!.text)) return null;
  return { start: list[0]!.start, end: list[list.length - 1]!.end };
}

/** The entities one text mentions, in text order (see the module comment for the rule). */
export function entitiesInText(text: string, story?: EntityStory | null): EntityMention[] {
  const plain = normalizeQuotes(text);
  const { matchers, lookup } = aliasTable(story);
  const claimed: EntityMention[] = [];
  const overlaps = (s: number, e: number) => claimed.some((c) => c.start < e && s < c.end);
  for (const m of matchers) {
    m.pattern.lastIndex = 0;
    for (const hit of plain.matchAll(m.pattern)) {
      const start = hit.index;
      const end = start + hit[0].length;
      if (overlaps(start, end)) continue;
      claimed.push({
        name: m.canonical,
        slug: slugify(m.canonical),
        kind: kindOf(m.canonical, story, null),
        text: text.slice(start, end),
        start,
        end,
      });
    }
  }
  const doc = nlp(plain);
  type Found = { offset: { start: number; length: number } }[];
  const tagged: [EntityKind, Found][] = [
    ["person", doc.people().json({ offset: true }) as Found],
    ["organization", doc.organizations().json({ offset: true }) as Found],
    ["place", doc.places().json({ offset: true }) as Found],
  ];
  for (const [kind, items] of tagged) {
    for (const item of items) {
      const span = cleanSpan(plain, item.offset.start, item.offset.start + item.offset.length);
      if (!span || overlaps(span.start, span.end)) continue;
      const written = plain.slice(span.start, span.end);
      const name = lookup.get(written.toLowerCase()) ?? written;
      claimed.push({ name, slug: slugify(name), kind: kindOf(name, story, kind), text: text.slice(span.start, span.end), start: span.start, end: span.end });
    }
  }
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
    return full ? { ...m, name: full, slug: slugify(full) } : m;
  });
  // Surnames the tagger did not tag on their own ("Later, Biden left").
  for (const [last, full] of fullNames) {
    if (!full || last.length < 3) continue;
    const surname = full.split(/\s+/).pop()!;
    const pattern = new RegExp(`(?<![\\p{L}\\d'-])${escapeRegExp(surname)}(?![\\p{L}\\d-])`, "gu");
    for (const p of report.paragraphs) {
      for (const hit of p.text.matchAll(pattern)) {
        const start = hit.index;
        const end = start + hit[0].length;
        const taken = resolved.some((m) => m.paragraph === p.id && m.start < end && start < m.end);
        if (!taken) resolved.push({ name: full, slug: slugify(full), kind: "person", text: hit[0], start, end, paragraph: p.id });
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
  const bySlug = new Map<string, Entity & { seen: Set<string>; variantSet: Set<string> }>();
  for (const report of reports) {
    for (const m of mentions.get(report.slug) ?? []) {
      let e = bySlug.get(m.slug);
      if (!e) {
        e = { name: m.name, slug: m.slug, kind: m.kind, variants: [], reports: [], sources: [], mentions: 0, seen: new Set(), variantSet: new Set() };
        bySlug.set(m.slug, e);
      }
      e.mentions += 1;
      e.variantSet.add(m.text);
      if (!e.reports.includes(report.slug)) e.reports.push(report.slug);
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
    .map(({ seen: _seen, variantSet, ...e }) => ({ ...e, variants: [...variantSet].sort(compare) }))
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
