import { capitalize, figureLabel, renderTallyChart } from "./chart.ts";
import { entitiesInText, eventsByEntity, type Entity } from "./entities.ts";
import { renderConflicts, renderTallyTable } from "./tally-table.ts";
import { byName, compare, slugify, type GroupedTally } from "./tallies.ts";
import { classify } from "./threads.ts";
import { perObject, perObjectWith } from "./stage-memo.ts";
import type { Digest, Report, TimelineEvent } from "./types.ts";

/**
 * Page models for the story pages, computed from the digest: one thread page per configured
 * thread (`/threads/<slug>/`), one page per entity (`/entities/<slug>/`) and the tallies page
 * (`/tallies/`). Plain data and pre-rendered, escaped HTML strings (charts, tables), so the
 * templates only lay them out.
 *
 * - A thread's timeline is the events whose topics name the thread (an event's topics are the
 *   threads of its own sentence: src/digest/analyze.ts), its reports those whose topics name it
 *   (src/digest/threads.ts `reportThreads`), its key figures the headline tally (see
 *   `latestPerMeasure`) of every measure one of whose figures is stated in a sentence that
 *   classifies into the thread.
 * - An entity's timeline is the events whose text mentions it (after alias resolution), its
 *   reports those that mention it.
 */

export type ReportLink = Pick<Report, "slug" | "url" | "title" | "date" | "datetime" | "summary">;

export interface KeyFigure {
  measure: string;
  /** "Attacks on US forces". */
  heading: string;
  /** "at least 60". */
  label: string;
  /** Anchor of the measure's section on the tallies page. */
  url: string;
  tally: GroupedTally;
  /** Other figures of the same measure and date that disagree with it. */
  disputed: boolean;
}

export interface ThreadPage {
  slug: string;
  url: string;
  title: string;
  description: string;
  events: TimelineEvent[];
  reports: ReportLink[];
  figures: KeyFigure[];
}

export interface EntityPage {
  entity: Entity;
  url: string;
  kindLabel: string;
  events: TimelineEvent[];
  reports: ReportLink[];
}

export interface MeasureSection {
  measure: string;
  /** "Attacks on US forces". */
  heading: string;
  /** The headline figure as said: "more than 100". */
  label: string;
  slug: string;
  /** "#measure-<slug>" on the tallies page. */
  anchor: string;
  count: number;
  latest: GroupedTally;
  chart: string;
  table: string;
  conflicts: string;
}

export function threadUrl(slug: string): string {
  return `/threads/${slug}/`;
}

export function entityUrl(slug: string): string {
  return `/entities/${slug}/`;
}

export function measureAnchor(measure: string): string {
  return `measure-${slugify(measure)}`;
}

/** One link object per report, shared by every page that lists the report. */
const reportLink = perObject((r: Report): ReportLink => ({ slug: r.slug, url: r.url, title: r.title, date: r.date, datetime: r.datetime, summary: r.summary }));

/** Oldest report first on story pages, to read a thread in order. */
function chronological(reports: readonly Report[]): ReportLink[] {
  return [...reports]
    .sort((a, b) => compare(a.datetime, b.datetime) || compare(a.slug, b.slug))
    .map(reportLink);
}

/**
 * The headline figure per measure: running totals (counted "since" a date) before one-off
 * figures, then the most recent as-of date, then the highest among disagreeing ones.
 */
function latestPerMeasure(tallies: readonly GroupedTally[]): GroupedTally[] {
  const rank = (t: GroupedTally) => [t.since === null ? 0 : 1, t.asOf, t.value] as const;
  const better = (a: GroupedTally, b: GroupedTally) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] !== rb[0] ? ra[0] > rb[0] : ra[1] !== rb[1] ? ra[1] > rb[1] : ra[2] > rb[2];
  };
  const best = new Map<string, GroupedTally>();
  for (const t of tallies) {
    const current = best.get(t.measure);
    if (!current || better(t, current)) best.set(t.measure, t);
  }
  return [...best.values()].sort((a, b) => byName(a.measure, b.measure));
}

/** One page per configured thread, in story order; none without a story. */
export function threadPages(digest: Pick<Digest, "story" | "reports" | "events" | "tallyGroups">): ThreadPage[] {
  const story = digest.story;
  if (!story) return [];
  // A measure belongs to every thread one of its figures' sentences classifies into.
  const measureThreads = new Map<string, Set<string>>();
  for (const t of digest.tallyGroups.tallies) {
    const set = measureThreads.get(t.measure) ?? new Set<string>();
    for (const slug of classify(t.text, entitiesInText(t.text, story), story)) set.add(slug);
    measureThreads.set(t.measure, set);
  }
  return story.threads.map((thread) => ({
    slug: thread.slug,
    url: threadUrl(thread.slug),
    title: thread.title,
    description: thread.description,
    events: digest.events.filter((e) => e.topics.includes(thread.slug)),
    reports: chronological(digest.reports.filter((r) => r.topics.includes(thread.slug))),
    figures: latestPerMeasure(digest.tallyGroups.tallies.filter((t) => measureThreads.get(t.measure)?.has(thread.slug))).map(
      (tally) => ({
        measure: tally.measure,
        heading: capitalize(tally.measure),
        label: figureLabel(tally.value, tally.qualifier),
        url: `/tallies/#${measureAnchor(tally.measure)}`,
        tally,
        disputed: tally.conflicts.length > 0,
      }),
    ),
  }));
}

const KIND_LABELS = { person: "Person", organization: "Organization", place: "Place" } as const;

/** The events that mention each entity, by event list and story (the story as JSON, since it is reloaded for each build). */
const eventsByEntityOf = perObjectWith<readonly TimelineEvent[], Map<string, string[]>>();

/** An entity's page, by entity; made again only when the entity, one of its events or one of its reports is another object. */
const entityPage = perObjectWith<Entity, EntityPage>();

/**
 * One page per entity, by name. A long-lived build process, whose rebuilds hand over the very
 * same entities, events and reports for what an edit left unchanged (src/digest/stage-memo.ts),
 * gets the very same page objects back for them: nothing of them is made or fingerprinted again
 * (issue 8: 13 MB of entity pages at 4,000 reports).
 */
export function entityPages(digest: Pick<Digest, "story" | "reports" | "events" | "entities">): EntityPage[] {
  const linked = eventsByEntityOf(digest.events, [JSON.stringify(digest.story)], () => eventsByEntity(digest.events, digest.story));
  const eventById = new Map(digest.events.map((e) => [e.id, e]));
  const reportBySlug = new Map(digest.reports.map((r) => [r.slug, r]));
  return digest.entities.map((entity) => {
    const events = (linked.get(entity.slug) ?? []).map((id) => eventById.get(id)!).filter(Boolean);
    const reports = entity.reports.map((s) => reportBySlug.get(s)).filter((r): r is Report => r !== undefined);
    return entityPage(entity, [...events, null, ...reports], () => ({
      entity,
      url: entityUrl(entity.slug),
      kindLabel: KIND_LABELS[entity.kind],
      events,
      reports: chronological(reports),
    }));
  });
}

/** The tallies page: one section per measure, with its chart, data table and disagreements. */
export function tallySections(digest: Pick<Digest, "reports" | "tallyGroups">): MeasureSection[] {
  const { tallies, conflicts, measures } = digest.tallyGroups;
  return measures.map((measure) => {
    const own = tallies.filter((t) => t.measure === measure);
    const slug = slugify(measure);
    const latest = latestPerMeasure(own)[0]!;
    return {
      measure,
      heading: capitalize(measure),
      label: figureLabel(latest.value, latest.qualifier),
      slug,
      anchor: measureAnchor(measure),
      count: own.length,
      latest,
      chart: renderTallyChart(measure, own, { idPrefix: `chart-${slug}` }),
      table: renderTallyTable(measure, own, digest.reports),
      conflicts: renderConflicts(measure, conflicts, own, digest.reports),
    };
  });
}

/** The entity index page's sections: people, organizations, places, each only when it has members. */
export interface EntityGroup {
  id: string;
  heading: string;
  members: EntityPage[];
}

const GROUPS = [
  { kind: "person", id: "kind-person", heading: "People" },
  { kind: "organization", id: "kind-organization", heading: "Organizations" },
  { kind: "place", id: "kind-place", heading: "Places" },
] as const;

export function entityGroups(pages: readonly EntityPage[]): EntityGroup[] {
  return GROUPS.map(({ kind, id, heading }) => ({ id, heading, members: pages.filter((p) => p.kindLabel === KIND_LABELS[kind]) })).filter(
    (g) => g.members.length > 0,
  );
}

export interface StoryPages {
  threads: ThreadPage[];
  entities: EntityPage[];
  entityGroups: EntityGroup[];
  tallies: MeasureSection[];
}

/** Every story page model, for the templates (global data `storyPages`). */
export function storyPages(digest: Digest): StoryPages {
  const entities = entityPages(digest);
  return { threads: threadPages(digest), entities, entityGroups: entityGroups(entities), tallies: tallySections(digest) };
}
