/**
 * What is new in each report relative to the reports before it, and who came after it.
 *
 * "Earlier" is report order (date, then date-time, then slug; report-order.ts). A paragraph is
 * repeated when it is a shared passage (passages.ts) also found in an earlier report — any
 * such report shares a passage with it and so is related to it; otherwise it is new. A timeline
 * event is new in the earliest report among its sources and repeated in the later ones.
 *
 * Backlinks of a report are the later reports that repeat one of its passages ("repeats") or
 * that the related-report ranking ties to it ("follows"), earliest first, at most `limit`.
 */
import type { Report, SourceRef, TimelineEvent } from "./types.ts";
import type { PassageRef, SharedPassage } from "./passages.ts";
import { MIN_WORDS } from "./passages.ts";
import type { RelatedLink } from "./related.ts";
import { excerpt } from "./related.ts";
import { compareReports } from "./report-order.ts";

export interface RepeatedParagraph {
  paragraph: string;
  /** The earliest earlier occurrence listed for the passage, and whether it was retold. */
  from: PassageRef;
}

export interface RepeatedEvent {
  event: string;
  /** Where an earlier report told it first. */
  from: SourceRef;
}

export interface Backlink {
  slug: string;
  url: string;
  title: string;
  date: string;
  kind: "repeats" | "follows";
  /** Passages of this report that the later one repeats (0 for "follows"). */
  passages: number;
}

export interface Novelty {
  newParagraphs: string[];
  repeatedParagraphs: RepeatedParagraph[];
  newEvents: string[];
  repeatedEvents: RepeatedEvent[];
  /** One line for the home page. */
  newInReport: string;
  backlinks: Backlink[];
}

export interface NoveltyOptions {
  events?: readonly TimelineEvent[];
  related?: ReadonlyMap<string, readonly RelatedLink[]>;
  /** Backlinks kept per report. */
  limit?: number;
}

export const DEFAULT_BACKLINK_LIMIT = 10;
export const NEW_LINE_MAX_CHARS = 160;
export const NOTHING_NEW = "Nothing new: every passage repeats earlier reports.";

/** Cuts a text to at most `max` characters at a word boundary, adding "…" when cut. */
export function trimAtWord(text: string, max: number = NEW_LINE_MAX_CHARS): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max); // room for the ellipsis: "…" is one code unit
  const space = cut.lastIndexOf(" ");
  const head = (space > max / 2 ? cut.slice(0, space) : cut.slice(0, max - 1)).replace(/[\s,;:.–—-]+$/, "");
  return `${head}…`;
}

/**
 * Abbreviations after which a full stop does not end a sentence. Intl.Segmenter (ICU's
 * sentence rules) breaks after "Mr." or "Gen." before a capital; it is used here rather than
 * compromise's splitter because it costs microseconds per paragraph where compromise costs
 * milliseconds, and the home page needs one line per report for thousands of reports.
 */
const ABBREVIATION = /(?:^|[\s(“"])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Cpl|Sgt|Adm|Cmdr|Gov|Sen|Rep|Pres|Rev|St|Sr|Jr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs|(?:[A-Z]\.)*[A-Z])\.$/;

const sentenceSegmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** First sentence of a paragraph (only its head is segmented: the line is cut anyway). */
export function firstSentence(text: string): string {
  const head = text.slice(0, NEW_LINE_MAX_CHARS * 3);
  let sentence = "";
  for (const { segment } of sentenceSegmenter.segment(head)) {
    sentence += segment;
    if (!ABBREVIATION.test(sentence.trimEnd())) break;
  }
  return sentence.trim();
}

function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** Novelty and backlinks for every report, by slug. Pure and deterministic. */
export function computeNovelty(
  reports: readonly Report[],
  passages: readonly SharedPassage[],
  options: NoveltyOptions = {},
): Map<string, Novelty> {
  const limit = options.limit ?? DEFAULT_BACKLINK_LIMIT;
  const ordered = [...reports].sort(compareReports);
  const position = new Map(ordered.map((r, i) => [r.slug, i]));

  // per report position: paragraph → earliest listed occurrence in an earlier report (a map
  // per report rather than one keyed by "slug#paragraph": no key string per occurrence)
  const repeatedFrom: (Map<string, PassageRef> | undefined)[] = new Array(ordered.length);
  // (earlier, later) report pair → how many paragraphs of the earlier report the later repeats.
  // findSharedPassages lists each paragraph once: counting each later report once per passage (its
  // stamp) counts distinct paragraphs without a set of them per pair (issue 8).
  const repeats = new Map<number, number>();
  const n = ordered.length;
  const counted = new Int32Array(n).fill(-1);
  passages.forEach((passage, index) => {
    const own = position.get(passage.at.report);
    if (own === undefined) return;
    for (const other of passage.alsoIn) {
      const at = position.get(other.report);
      if (at === undefined || at === own) continue;
      if (at < own) {
        const from = (repeatedFrom[own] ??= new Map());
        const known = from.get(passage.at.paragraph);
        if (!known || position.get(known.report)! > at) from.set(passage.at.paragraph, other);
      } else if (counted[at] !== index) {
        counted[at] = index;
        const key = own * n + at;
        repeats.set(key, (repeats.get(key) ?? 0) + 1);
      }
    }
  });

  const eventById = new Map((options.events ?? []).map((e) => [e.id, e]));
  const eventsOf = new Map<string, { id: string; first: boolean; from: SourceRef }[]>();
  for (const event of options.events ?? []) {
    const sources = event.sources
      .filter((s) => position.has(s.report))
      .sort((a, b) => position.get(a.report)! - position.get(b.report)!);
    const first = sources[0];
    if (!first) continue;
    const seen = new Set<string>();
    for (const s of sources) {
      if (seen.has(s.report)) continue;
      seen.add(s.report);
      let list = eventsOf.get(s.report);
      if (!list) eventsOf.set(s.report, (list = []));
      list.push({ id: event.id, first: s.report === first.report, from: first });
    }
  }

  const backlinks: Map<number, Backlink>[] = ordered.map(() => new Map());
  const keys = Float64Array.from(repeats.keys()).sort();
  for (const key of keys) {
    const earlier = Math.floor(key / n);
    const later = ordered[key % n]!;
    backlinks[earlier]!.set(key % n, {
      slug: later.slug,
      url: later.url,
      title: later.title,
      date: later.date,
      kind: "repeats",
      passages: repeats.get(key)!,
    });
  }
  if (options.related) {
    for (const [slug, list] of options.related) {
      const a = position.get(slug);
      if (a === undefined) continue;
      for (const link of list) {
        const b = position.get(link.slug);
        if (b === undefined || a === b) continue;
        const [earlier, later] = a < b ? [a, b] : [b, a];
        if (backlinks[earlier]!.has(later)) continue;
        const r = ordered[later]!;
        backlinks[earlier]!.set(later, { slug: r.slug, url: r.url, title: r.title, date: r.date, kind: "follows", passages: 0 });
      }
    }
  }

  const result = new Map<string, Novelty>();
  const bySlug = [...ordered].sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  for (const report of bySlug) {
    const at = position.get(report.slug)!;
    const newParagraphs: string[] = [];
    const repeatedParagraphs: RepeatedParagraph[] = [];
    const repeated = repeatedFrom[at];
    for (const p of report.paragraphs) {
      const from = repeated?.get(p.id);
      if (from) repeatedParagraphs.push({ paragraph: p.id, from });
      else newParagraphs.push(p.id);
    }
    const events = eventsOf.get(report.slug) ?? [];
    const newEvents = events.filter((e) => e.first).map((e) => e.id);
    const repeatedEvents = events.filter((e) => !e.first).map((e) => ({ event: e.id, from: e.from }));

    const links = [...backlinks[at]!.entries()].sort((x, y) => x[0] - y[0]).map(([, b]) => b);

    result.set(report.slug, {
      newParagraphs,
      repeatedParagraphs,
      newEvents,
      repeatedEvents,
      newInReport: newLine(report, newParagraphs, newEvents, eventById),
      backlinks: links.slice(0, limit),
    });
  }
  return result;
}

function newLine(
  report: Report,
  newParagraphs: readonly string[],
  newEvents: readonly string[],
  eventById: ReadonlyMap<string, TimelineEvent>,
): string {
  const fresh = new Set(newParagraphs);
  const candidates = report.paragraphs.filter((p) => fresh.has(p.id) && p.text.trim());
  const pick = candidates.find((p) => wordCount(p.text) >= MIN_WORDS) ?? candidates[0];
  if (pick) return trimAtWord(firstSentence(pick.text));
  if (newEvents.length > 0) {
    const event = eventById.get(newEvents[0]!);
    if (event) return trimAtWord(`New: ${event.date}, ${excerpt(event.text, 20)}`);
  }
  return report.paragraphs.length > 0 ? NOTHING_NEW : "";
}
