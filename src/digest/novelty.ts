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
import { compareReports, sameReportsInOrder } from "./report-order.ts";
import { passagesByReport, reportsWithOtherPassages } from "./passage-delta.ts";

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

/**
 * What a long-lived build process (`dateline serve`) keeps of this stage between builds. When
 * the reports are the same (by slug, URL, title and dates) in the same order and the events as
 * then, a report's novelty is made again only when the report itself, its shared passages, its
 * related reports or the reports that list it among theirs changed; otherwise the whole stage
 * runs. Same result either way (tests/digest/crosslinks-update.test.ts).
 */
export class NoveltyMemory {
  last: NoveltyState | undefined;
  /** Builds done from scratch and builds that updated the last one. */
  readonly counts = { full: 0, updated: 0 };
}

interface NoveltyState {
  ordered: readonly Report[];
  limit: number;
  events: readonly TimelineEvent[] | undefined;
  eventsOf: Map<string, EventMention[]>;
  passages: ReadonlyMap<string, readonly SharedPassage[]>;
  related: ReadonlyMap<string, readonly RelatedLink[]> | undefined;
  result: Map<string, Novelty>;
}

/** A timeline event a report tells: whether it tells it first, and where it was told first. */
interface EventMention {
  id: string;
  first: boolean;
  from: SourceRef;
}

/**
 * Novelty and backlinks for every report, by slug. Pure and deterministic. `memory`: see
 * NoveltyMemory (same result with or without it).
 */
export function computeNovelty(
  reports: readonly Report[],
  passages: readonly SharedPassage[],
  options: NoveltyOptions = {},
  memory?: NoveltyMemory,
): Map<string, Novelty> {
  const limit = options.limit ?? DEFAULT_BACKLINK_LIMIT;
  const ordered = [...reports].sort(compareReports);
  const position = new Map(ordered.map((r, i) => [r.slug, i]));
  const byReport = passagesByReport(passages);
  const last = memory?.last;
  const same = last !== undefined && sameInputs(last, ordered, options, limit);
  const eventsOf = same ? last.eventsOf : eventMentions(options.events ?? [], position);
  const eventById = new Map((options.events ?? []).map((e) => [e.id, e]));
  const followers = followersOf(ordered, position, options.related);

  // On an update, the reports whose novelty may differ from the last build's (see NoveltyMemory).
  let redo: Set<string> | undefined;
  if (same) {
    redo = new Set(reportsWithOtherPassages(last.passages, byReport));
    ordered.forEach((r, i) => r !== last.ordered[i] && redo!.add(r.slug));
    for (const report of ordered) {
      const then = last.related?.get(report.slug);
      const now = options.related?.get(report.slug);
      if (then === now) continue;
      redo.add(report.slug);
      for (const link of [...(then ?? []), ...(now ?? [])]) redo.add(link.slug);
    }
  }

  const result = new Map<string, Novelty>();
  const bySlug = [...ordered].sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  for (const report of bySlug) {
    if (redo && !redo.has(report.slug)) {
      result.set(report.slug, last!.result.get(report.slug)!);
      continue;
    }
    const at = position.get(report.slug)!;
    result.set(report.slug, noveltyOf(at, ordered, position, byReport.get(report.slug) ?? [], eventsOf.get(report.slug) ?? [], followers[at]!, eventById, limit));
  }
  if (memory) {
    if (same) memory.counts.updated++;
    else memory.counts.full++;
    memory.last = { ordered, limit, events: options.events, eventsOf, passages: byReport, related: options.related, result };
  }
  return result;
}

/** Whether an update can stand in for a build from scratch (see NoveltyMemory). */
function sameInputs(last: NoveltyState, ordered: readonly Report[], options: NoveltyOptions, limit: number): boolean {
  if (last.limit !== limit || last.events !== options.events || (last.related === undefined) !== (options.related === undefined)) return false;
  return sameReportsInOrder(last.ordered, ordered);
}

/** Each report's timeline events, by slug: new in the earliest report among an event's sources. */
function eventMentions(events: readonly TimelineEvent[], position: ReadonlyMap<string, number>): Map<string, EventMention[]> {
  const eventsOf = new Map<string, EventMention[]>();
  for (const event of events) {
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
  return eventsOf;
}

/** Per report position, the later reports the related-report ranking ties to it, either way. */
function followersOf(ordered: readonly Report[], position: ReadonlyMap<string, number>, related: ReadonlyMap<string, readonly RelatedLink[]> | undefined): Set<number>[] {
  const followers = ordered.map(() => new Set<number>());
  for (const [slug, list] of related ?? []) {
    const a = position.get(slug);
    if (a === undefined) continue;
    for (const link of list) {
      const b = position.get(link.slug);
      if (b === undefined || a === b) continue;
      followers[Math.min(a, b)]!.add(Math.max(a, b));
    }
  }
  return followers;
}

/** The novelty of the report at position `at`, from its own passages, events and followers. */
function noveltyOf(
  at: number,
  ordered: readonly Report[],
  position: ReadonlyMap<string, number>,
  own: readonly SharedPassage[],
  events: readonly EventMention[],
  followers: ReadonlySet<number>,
  eventById: ReadonlyMap<string, TimelineEvent>,
  limit: number,
): Novelty {
  const report = ordered[at]!;
  // paragraph → earliest listed occurrence in an earlier report; later report → how many of this
  // report's paragraphs it repeats. findSharedPassages lists each paragraph once, so counting
  // each later report once per passage counts distinct paragraphs.
  let repeatedFrom: Map<string, PassageRef> | undefined;
  let repeats: Map<number, number> | undefined;
  for (const passage of own) {
    let counted: Set<number> | undefined;
    for (const other of passage.alsoIn) {
      const o = position.get(other.report);
      if (o === undefined || o === at) continue;
      if (o < at) {
        const known = (repeatedFrom ??= new Map()).get(passage.at.paragraph);
        if (!known || position.get(known.report)! > o) repeatedFrom.set(passage.at.paragraph, other);
      } else if (!counted?.has(o)) {
        (counted ??= new Set()).add(o);
        (repeats ??= new Map()).set(o, (repeats.get(o) ?? 0) + 1);
      }
    }
  }
  const newParagraphs: string[] = [];
  const repeatedParagraphs: RepeatedParagraph[] = [];
  for (const p of report.paragraphs) {
    const from = repeatedFrom?.get(p.id);
    if (from) repeatedParagraphs.push({ paragraph: p.id, from });
    else newParagraphs.push(p.id);
  }
  const newEvents = events.filter((e) => e.first).map((e) => e.id);
  const repeatedEvents = events.filter((e) => !e.first).map((e) => ({ event: e.id, from: e.from }));

  // Later reports that repeat a passage ("repeats"), then those the ranking ties to this one
  // ("follows"), earliest first.
  const later = new Set<number>([...(repeats?.keys() ?? []), ...followers]);
  const backlinks = [...later]
    .sort((x, y) => x - y)
    .slice(0, limit)
    .map((o): Backlink => {
      const r = ordered[o]!;
      const passages = repeats?.get(o);
      return { slug: r.slug, url: r.url, title: r.title, date: r.date, kind: passages ? "repeats" : "follows", passages: passages ?? 0 };
    });

  return {
    newParagraphs,
    repeatedParagraphs,
    newEvents,
    repeatedEvents,
    newInReport: newLine(report, newParagraphs, newEvents, eventById),
    backlinks,
  };
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
