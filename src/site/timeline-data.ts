import { timelineSite, type TimelineSite } from "../digest/timeline.ts";
import { toTimelineJS } from "../digest/timelinejs.ts";
import type { Digest } from "../digest/types.ts";

/**
 * Template data of the timeline pages (src/digest/timeline.ts), computed once per digest: the
 * grouped and paged timeline, the per-topic pages (labelled with thread titles when the story
 * names them), each report's "On the timeline" entries, and the TimelineJS3 export.
 */
export interface TimelineData {
  site: TimelineSite;
  /** `/timeline.timelinejs.json`, serialized. */
  timelineJs: string;
}

const cache = new WeakMap<Digest, TimelineData>();

export function timelineData(digest: Digest, title: string): TimelineData {
  const hit = cache.get(digest);
  if (hit) return hit;
  const labels = Object.fromEntries((digest.story?.threads ?? []).map((t) => [t.slug, t.title]));
  const site = timelineSite(digest.events, { labels });
  const js = toTimelineJS(digest.events, {
    title,
    description: `${digest.events.length} dated events from ${digest.reports.length} reports`,
    eventUrl: (e) => site.locations[e.id] ?? `/timeline/#${e.id}`,
  });
  const data = { site, timelineJs: `${JSON.stringify(js, null, 2)}\n` };
  cache.set(digest, data);
  return data;
}
