import type { Root } from "mdast";
import type { VFile } from "vfile";
import { tagTimes } from "../time/tag.ts";

/** Paragraphs are tagged as one text so "A month earlier" is anchored to the date told before it. */
const SEPARATOR = "\n\n";

/**
 * Tags the time expressions of every paragraph (`file.data.paragraphs[].timexes`, offsets into
 * the paragraph's text), resolved against the report's date in `file.data.dct`.
 */
export default function remarkTimexes() {
  return (_tree: Root, file: VFile): void => {
    const paragraphs = file.data.paragraphs ?? [];
    const dct = file.data.dct;
    if (!dct || paragraphs.length === 0) return;
    const starts: number[] = [];
    let offset = 0;
    for (const p of paragraphs) {
      starts.push(offset);
      offset += p.text.length + SEPARATOR.length;
    }
    const timexes = tagTimes(paragraphs.map((p) => p.text).join(SEPARATOR), { dct });
    let i = 0;
    for (const timex of timexes) {
      while (i + 1 < paragraphs.length && timex.start >= starts[i + 1]!) i++;
      const base = starts[i]!;
      const paragraph = paragraphs[i]!;
      if (timex.end - base > paragraph.text.length) continue; // spans a paragraph break
      paragraph.timexes.push({ ...timex, start: timex.start - base, end: timex.end - base });
    }
  };
}
