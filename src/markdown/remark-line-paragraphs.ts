import type { Paragraph, PhrasingContent, Root, RootContent, Text } from "mdast";
import type { VFile } from "vfile";

/** True when a Markdown body has several lines but not one blank line between them. */
export function hasNoBlankLines(markdown: string): boolean {
  const body = markdown.trim();
  return body.includes("\n") && !/\n[ \t\r]*\n/.test(body);
}

/**
 * Text pasted from wire services and chat tools often has one paragraph per line and no blank
 * lines; Markdown would join it all into one paragraph. When the whole body has no blank line,
 * every line break inside a top-level paragraph starts a new paragraph, as the importer does for
 * raw text. Lists, quotes, headings, tables and code keep their Markdown meaning: only paragraph
 * text is split. A body with blank lines anywhere is plain Markdown, untouched.
 */
export default function remarkLineParagraphs() {
  return (tree: Root, file: VFile): void => {
    if (!hasNoBlankLines(String(file.value))) return;
    tree.children = tree.children.flatMap((node): RootContent[] => (node.type === "paragraph" ? splitAtLineBreaks(node) : [node]));
  };
}

function splitAtLineBreaks(paragraph: Paragraph): Paragraph[] {
  const out: Paragraph[] = [];
  let current: PhrasingContent[] = [];
  const flush = (): void => {
    const children = trimEdges(current);
    if (children.length > 0) out.push({ type: "paragraph", children });
    current = [];
  };
  for (const child of paragraph.children) {
    if (child.type !== "text" || !child.value.includes("\n")) {
      current.push(child);
      continue;
    }
    child.value.split("\n").forEach((part, i) => {
      if (i > 0) flush();
      if (part !== "") current.push({ type: "text", value: part });
    });
  }
  flush();
  return out.length > 0 ? out : [paragraph];
}

/** Drops the whitespace a split leaves at the start and end of a new paragraph. */
function trimEdges(children: PhrasingContent[]): PhrasingContent[] {
  const result = [...children];
  const first = result[0];
  if (first?.type === "text") {
    const value = first.value.replace(/^\s+/, "");
    if (value === "") result.shift();
    else result[0] = { ...first, value } satisfies Text;
  }
  const last = result[result.length - 1];
  if (last?.type === "text") {
    const value = last.value.replace(/\s+$/, "");
    if (value === "") result.pop();
    else result[result.length - 1] = { ...last, value } satisfies Text;
  }
  return result;
}
