import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/markdown/processor.ts";
import { hasNoBlankLines } from "../../src/markdown/remark-line-paragraphs.ts";

const DCT = "2024-01-06";

describe("bodies without blank lines", () => {
  it("detects a body whose lines are never separated by a blank line", () => {
    expect(hasNoBlankLines("\nOne.\nTwo.\n")).toBe(true);
    expect(hasNoBlankLines("One.\r\nTwo.\r\n")).toBe(true);
    expect(hasNoBlankLines("One.\n\nTwo.")).toBe(false);
    expect(hasNoBlankLines("One.\n  \t\nTwo.")).toBe(false);
    expect(hasNoBlankLines("Only one line.\n")).toBe(false);
  });

  it("makes each line its own paragraph, numbered p1, p2, …", () => {
    const { html, paragraphs } = renderReport("\nThe convoy left at dawn.\nIt reached the border by noon.\n  Officials counted forty trucks.  \n", DCT);
    expect(paragraphs.map((p) => [p.id, p.text])).toEqual([
      ["p1", "The convoy left at dawn."],
      ["p2", "It reached the border by noon."],
      ["p3", "Officials counted forty trucks."],
    ]);
    expect(html).toBe('<p id="p1">The convoy left at dawn.</p>\n<p id="p2">It reached the border by noon.</p>\n<p id="p3">Officials counted forty trucks.</p>');
  });

  it("keeps inline formatting, and leaves lists and quotes as Markdown", () => {
    const { html, paragraphs } = renderReport("A *short* line with a [link](https://example.org/).\nA second line.\n- first item\n- second item\n> a quoted line", DCT);
    expect(paragraphs.map((p) => p.text)).toEqual(["A short line with a link.", "A second line."]);
    expect(html).toContain('<p id="p1">A <em>short</em> line with a <a href="https://example.org/">link</a>.</p>');
    expect(html).toContain("<li>first item</li>");
    expect(html).toContain("<blockquote>");
  });

  it("leaves Markdown with blank lines alone: single line breaks join lines into one paragraph", () => {
    const { paragraphs } = renderReport("A sentence wrapped\nacross two lines.\n\nA second paragraph.", DCT);
    expect(paragraphs.map((p) => p.text)).toEqual(["A sentence wrapped across two lines.", "A second paragraph."]);
  });
});
