import { readFileSync } from "node:fs";
import matter from "gray-matter";
import type { Report } from "../../src/digest/types.ts";
import { tagTimes } from "../../src/time/tagger.ts";
import type { Timex, TimexType } from "../../src/time/types.ts";

interface FixtureTimex {
  text: string;
  type: TimexType;
  value: string;
  anchored?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Builds a Report from a fixture file: front matter as the loader reads it, paragraphs split on
 * blank lines, and the time expressions listed in the front matter's `timexes` (hand-written, so
 * these tests do not depend on the tagger) placed at every occurrence of their text; or, with
 * `tagger: true`, the real tagger's.
 */
export function fixtureReport(path: string, options: { tagger?: boolean } = {}): Report {
  const { data, content } = matter(readFileSync(path, "utf8"));
  const slug = String(data.slug);
  const date = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : String(data.date);
  const timexes = (data.timexes ?? []) as FixtureTimex[];
  const paragraphs = content
    .split(/\n\s*\n/)
    .map((p) => p.trim().replace(/\s+/g, " "))
    .filter((p) => p.length > 0)
    .map((text, i) => {
      const found: Timex[] = [];
      for (const t of timexes) {
        for (let at = text.indexOf(t.text); at >= 0; at = text.indexOf(t.text, at + 1)) {
          found.push({ start: at, end: at + t.text.length, text: t.text, type: t.type, value: t.value, ...(t.anchored ? { anchored: t.anchored } : {}) });
        }
      }
      found.sort((a, b) => a.start - b.start);
      return { id: `p${i + 1}`, index: i + 1, text, html: escapeHtml(text), timexes: found };
    });
  if (options.tagger) {
    // The real tagger over the whole report, as the pipeline runs it (src/markdown/remark-timexes.ts).
    const joined = paragraphs.map((p) => p.text).join("\n\n");
    const all = tagTimes(joined, { dct: date });
    let base = 0;
    for (const p of paragraphs) {
      p.timexes = all
        .filter((t) => t.start >= base && t.end <= base + p.text.length)
        .map((t) => ({ ...t, start: t.start - base, end: t.end - base }));
      base += p.text.length + 2;
    }
  }
  return {
    slug,
    url: `/reports/${slug}/`,
    title: String(data.title),
    date,
    datetime: date,
    summary: String(data.summary ?? ""),
    source: data.source ? String(data.source) : null,
    tags: [],
    topics: [],
    paragraphs,
    html: paragraphs.map((p) => `<p id="${p.id}">${p.html}</p>`).join("\n"),
    file: `${slug}.md`,
    related: [],
  };
}
