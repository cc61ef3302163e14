import type { LoadedReport } from "../content/load.ts";
import { renderReport } from "../markdown/processor.ts";
import type { Report } from "./types.ts";

/** The site path of a report, and of one of its paragraphs. */
export function reportUrl(slug: string): string {
  return `/reports/${slug}/`;
}
export function paragraphUrl(slug: string, paragraph: string): string {
  return `${reportUrl(slug)}#${paragraph}`;
}

/** Runs one loaded report through the unified pipeline: the per-report stage of the build. */
export function analyzeReport(loaded: LoadedReport): Report {
  const { html, paragraphs } = renderReport(loaded.body, loaded.meta.date, loaded.file);
  const tags = loaded.meta.tags ?? [];
  return {
    slug: loaded.slug,
    url: reportUrl(loaded.slug),
    title: loaded.meta.title,
    date: loaded.day,
    datetime: loaded.meta.date,
    summary: loaded.meta.summary ?? paragraphs[0]?.text.split(/(?<=[.!?])\s/)[0] ?? "",
    source: loaded.meta.source ?? null,
    tags,
    topics: [...tags],
    paragraphs: paragraphs.map(({ id, index, text, html: inner, timexes }) => ({ id, index, text, html: inner, timexes })),
    html,
    file: loaded.file,
    related: [],
  };
}
