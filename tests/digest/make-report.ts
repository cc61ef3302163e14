/**
 * Builds a Report for cross-link tests from a slug, a date and paragraph texts, filling the
 * fields those stages do not read (html without sanitizing: the texts are our own fixtures).
 */
import type { Report } from "../../src/digest/types.ts";

export interface ReportSpec {
  slug: string;
  date: string;
  title?: string;
  paragraphs: readonly string[];
}

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function makeReport(spec: ReportSpec): Report {
  const paragraphs = spec.paragraphs.map((text, i) => ({
    id: `p${i + 1}`,
    index: i + 1,
    text,
    html: escape(text),
    timexes: [],
  }));
  return {
    slug: spec.slug,
    url: `/reports/${spec.slug}/`,
    title: spec.title ?? spec.slug,
    date: spec.date,
    datetime: spec.date,
    summary: spec.paragraphs[0] ?? "",
    source: null,
    tags: [],
    topics: [],
    paragraphs,
    html: paragraphs.map((p) => `<p id="${p.id}">${p.html}</p>`).join("\n"),
    file: `${spec.slug}.md`,
    related: [],
  };
}
