import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { VFile } from "vfile";
import rehypeParagraphIds from "./rehype-paragraph-ids.ts";
import remarkLineParagraphs from "./remark-line-paragraphs.ts";
import remarkParagraphs from "./remark-paragraphs.ts";
import remarkTimexes from "./remark-timexes.ts";
import { reportSchema } from "./sanitize-schema.ts";
import type { ParagraphData } from "./types.ts";

/**
 * The one report processor: Markdown → mdast → extraction → hast → sanitized HTML with
 * paragraph ids. Raw HTML in Markdown never reaches the output (remark-rehype drops it), and
 * rehype-sanitize enforces the strict schema on whatever does.
 */
export const reportProcessor = unified()
  .use(remarkParse)
  .use(remarkLineParagraphs)
  .use(remarkParagraphs)
  .use(remarkTimexes)
  .use(remarkRehype)
  .use(rehypeSanitize, reportSchema)
  .use(rehypeParagraphIds)
  .use(rehypeStringify)
  .freeze();

export interface RenderedReport {
  html: string;
  paragraphs: ParagraphData[];
}

/** Runs the processor over one report body; `dct` is the report's date. */
export function renderReport(markdown: string, dct: string, path?: string): RenderedReport {
  const file = new VFile({ value: markdown, ...(path ? { path } : {}), data: { dct } });
  const html = String(reportProcessor.processSync(file));
  return { html, paragraphs: file.data.paragraphs ?? [] };
}
