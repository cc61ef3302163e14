import { splitSentences } from "../content/sentences.ts";
import { paragraphUrl } from "./report.ts";
import type { Precision, Report, TimelineEvent } from "./types.ts";

const CALENDAR = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

export function precisionOf(date: string): Precision {
  return date.length === 4 ? "year" : date.length === 7 ? "month" : "day";
}

/**
 * The first timeline: every sentence holding a calendar date (at year, month or day precision)
 * is a dated statement citing its paragraph. One entry per sentence; merging comes later.
 */
export function datedStatements(reports: Report[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const report of reports) {
    for (const paragraph of report.paragraphs) {
      const sentences = splitSentences(paragraph.text);
      let offset = 0;
      for (const sentence of sentences) {
        const start = paragraph.text.indexOf(sentence, offset);
        const end = start + sentence.length;
        offset = end;
        const timex = paragraph.timexes.find((t) => t.start >= start && t.end <= end && CALENDAR.test(t.anchored ?? t.value));
        if (!timex) continue;
        const date = timex.anchored ?? timex.value;
        events.push({
          id: `${report.slug}-${paragraph.id}-${events.length}`,
          date,
          precision: precisionOf(date),
          text: sentence,
          topics: report.topics,
          sources: [{ report: report.slug, paragraph: paragraph.id, url: paragraphUrl(report.slug, paragraph.id) }],
        });
      }
    }
  }
  return sortEvents(events);
}

/** Date ascending; within a date, by first source then id, so the order never depends on input order. */
export function sortEvents<T extends TimelineEvent>(events: T[]): T[] {
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
