import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import type { VFile } from "vfile";
import type { ParagraphData } from "./types.ts";

/**
 * Collects the report's top-level paragraphs into `file.data.paragraphs` with ids p1, p2, …
 * Top-level mdast paragraphs become top-level <p> elements one for one, so
 * rehype-paragraph-ids can give each the same id later.
 */
export default function remarkParagraphs() {
  return (tree: Root, file: VFile): void => {
    const paragraphs: ParagraphData[] = [];
    for (const node of tree.children) {
      if (node.type !== "paragraph") continue;
      const index = paragraphs.length + 1;
      paragraphs.push({ id: `p${index}`, index, text: toString(node, { includeHtml: false }).replace(/\s+/g, " ").trim(), timexes: [], html: "" });
    }
    file.data.paragraphs = paragraphs;
  };
}
