import type { Element, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import type { VFile } from "vfile";

/**
 * Gives each top-level <p> its id (p1, p2, … in the order remark-paragraphs numbered them) and
 * records the paragraph's sanitized inner HTML. Runs after rehype-sanitize, so no id can come
 * from the content itself.
 */
export default function rehypeParagraphIds() {
  return (tree: Root, file: VFile): void => {
    const paragraphs = file.data.paragraphs ?? [];
    let n = 0;
    for (const node of tree.children) {
      if (node.type !== "element" || node.tagName !== "p") continue;
      const paragraph = paragraphs[n++];
      if (!paragraph) continue;
      (node as Element).properties = { ...(node as Element).properties, id: paragraph.id };
      paragraph.html = toHtml((node as Element).children);
    }
  };
}
