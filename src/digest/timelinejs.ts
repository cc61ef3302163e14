/**
 * The timeline as TimelineJS3 data (`/timeline.timelinejs.json`), per Knight Lab's JSON format:
 * `{ title, events: [slide] }`, a slide being `{ start_date: { year, month?, day? }, text:
 * { headline, text }, group?, unique_id, display_date }`. A date carries only the parts the
 * event's precision gives, so TimelineJS does not invent a day. The slide text is HTML: the
 * event text, then links to every source paragraph.
 */
import { dateLabel } from "./timeline.ts";
import type { TimelineEvent } from "./types.ts";

export interface TimelineJSDate {
  year: number;
  month?: number;
  day?: number;
  display_date?: string;
}

export interface TimelineJSSlide {
  start_date: TimelineJSDate;
  text: { headline: string; text: string };
  group?: string;
  unique_id: string;
  display_date: string;
}

export interface TimelineJSData {
  title: { text: { headline: string; text: string } };
  events: TimelineJSSlide[];
}

export interface TimelineJSOptions {
  title?: string;
  description?: string;
  /** Where an event sits on the site's timeline (for the "On the timeline" link). */
  eventUrl?: (e: TimelineEvent) => string;
  /** Headline length before it is cut at a word. */
  headlineLength?: number;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function timelineJSDate(date: string): TimelineJSDate {
  const [y, m, d] = date.split("-");
  const out: TimelineJSDate = { year: Number(y) };
  if (m) out.month = Number(m);
  if (d) out.day = Number(d);
  return out;
}

function headline(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t.replace(/\.$/, "");
  const room = t.slice(0, max - 1);
  const at = room.lastIndexOf(" ");
  return (at > max / 2 ? room.slice(0, at) : room).replace(/[\s,;:.]+$/, "") + "…";
}

/** TimelineJS3 JSON for the events (kept in their given order; TimelineJS sorts by date too). */
export function toTimelineJS(events: TimelineEvent[], options: TimelineJSOptions = {}): TimelineJSData {
  const max = options.headlineLength ?? 90;
  return {
    title: {
      text: {
        headline: escapeHtml(options.title ?? "Timeline"),
        text: escapeHtml(options.description ?? `${events.length} events from the reports`),
      },
    },
    events: events.map((e) => {
      const links = e.sources
        .map((s) => `<li><a href="${escapeHtml(s.url)}">${escapeHtml(s.report)}, ¶${escapeHtml(s.paragraph.replace(/^p/, ""))}</a></li>`)
        .join("");
      const more = options.eventUrl ? `<p><a href="${escapeHtml(options.eventUrl(e))}">On the timeline</a></p>` : "";
      const slide: TimelineJSSlide = {
        start_date: timelineJSDate(e.date),
        text: { headline: escapeHtml(headline(e.text, max)), text: `<p>${escapeHtml(e.text)}</p><ul>${links}</ul>${more}` },
        unique_id: e.id,
        display_date: dateLabel(e.date),
      };
      if (e.topics[0]) slide.group = e.topics[0];
      return slide;
    }),
  };
}
