import type { Timex } from "../time/types.ts";

/** A top-level paragraph as the extraction plugins see it. */
export interface ParagraphData {
  id: string;
  index: number;
  text: string;
  timexes: Timex[];
  /** Sanitized inner HTML, filled by rehype-paragraph-ids. */
  html: string;
}

declare module "vfile" {
  interface DataMap {
    /** Document creation time of the report ("YYYY-MM-DD" or an ISO date-time); set before processing. */
    dct: string;
    /** Top-level paragraphs in document order, ids "p1", "p2", … */
    paragraphs: ParagraphData[];
  }
}
