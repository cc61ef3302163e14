/**
 * Builds a Report for cross-link tests from a slug, a date and paragraph texts, filling the
 * fields those stages do not read (html without sanitizing: the texts are our own fixtures).
 */
import type { Report } from "../../src/digest/types.ts";
import type { Timex } from "../../src/time/types.ts";

/** A paragraph, bare or with the dates the tagger would find in it (phrase → TIMEX3 value). */
export type ParagraphSpec = string | { text: string; dates: readonly (readonly [phrase: string, value: string])[] };

export interface ReportSpec {
  slug: string;
  date: string;
  title?: string;
  paragraphs: readonly ParagraphSpec[];
}

function timexes(spec: ParagraphSpec): Timex[] {
  if (typeof spec === "string") return [];
  return spec.dates.map(([phrase, value]) => {
    const start = spec.text.indexOf(phrase);
    if (start < 0) throw new Error(`"${phrase}" is not in "${spec.text}"`);
    return { start, end: start + phrase.length, text: phrase, type: "DATE", value };
  });
}

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function makeReport(spec: ReportSpec): Report {
  const paragraphs = spec.paragraphs.map((p, i) => {
    const text = typeof p === "string" ? p : p.text;
    return { id: `p${i + 1}`, index: i + 1, text, html: escape(text), timexes: timexes(p) };
  });
  return {
    slug: spec.slug,
    url: `/reports/${spec.slug}/`,
    title: spec.title ?? spec.slug,
    date: spec.date,
    datetime: spec.date,
    summary: paragraphs[0]?.text ?? "",
    source: null,
    tags: [],
    topics: [],
    paragraphs,
    html: paragraphs.map((p) => `<p id="${p.id}">${p.html}</p>`).join("\n"),
    file: `${spec.slug}.md`,
    related: [],
  };
}
