import { MAX_EVENTS_PER_PAGE, entryLocation, timelineSite, type TimelineSite } from "../digest/timeline.ts";
import { toTimelineJS, type TimelineJSData } from "../digest/timelinejs.ts";
import { perObjectWith } from "../digest/stage-memo.ts";
import type { Digest } from "../digest/types.ts";

/**
 * Template data of the timeline pages (src/digest/timeline.ts), computed once per digest: the
 * grouped and paged timeline, the per-topic pages (labelled with thread titles when the story
 * names them) and each report's "On the timeline" entries.
 */
export interface TimelineData {
  site: TimelineSite;
}

/**
 * By the digest's event list, not the digest: a long-lived build process (src/digest/session.ts)
 * hands later builds the very same list when an edit left the events alone, and the timeline
 * pages are then the same objects too, whose fingerprints the render plan does not compute again.
 */
const timelineOf = perObjectWith<Digest["events"], TimelineData>();

/**
 * Most entries on one timeline page before it splits by year, then by month:
 * `DATELINE_TIMELINE_PAGE_SIZE`, else MAX_EVENTS_PER_PAGE.
 */
export function pageSize(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : MAX_EVENTS_PER_PAGE;
}

export function timelineData(digest: Pick<Digest, "story" | "events">): TimelineData {
  const size = pageSize(process.env.DATELINE_TIMELINE_PAGE_SIZE);
  const labels = Object.fromEntries((digest.story?.threads ?? []).map((t) => [t.slug, t.title]));
  return timelineOf(digest.events, [size, JSON.stringify(labels)], () => ({ site: timelineSite(digest.events, { labels, maxPerPage: size }) }));
}

/**
 * `/timeline.timelinejs.json`: the timeline as TimelineJS3 reads it, each entry linking to its
 * place on the (possibly paged) timeline.
 */
export function timelineJs(digest: Digest, site: TimelineSite, title: string, keep = false): TimelineJSData {
  const reports = digest.reports.length;
  const make = () =>
    toTimelineJS(digest.events, {
      title,
      description: `${digest.events.length} dated events from ${reports} reports`,
      eventUrl: (e) => entryLocation(site.locations, e.id),
    });
  // With `keep` (a long-lived process), made again only when what it is made of changed (the
  // same event list: see `timelineOf`), so that its unchanged entries are written from the texts
  // kept (json-file.ts). A one-off build lets it go once written: megabytes at 10,000 reports.
  return keep ? slidesOf(digest.events, [site, title, reports], make) : make();
}

const slidesOf = perObjectWith<Digest["events"], TimelineJSData>();
