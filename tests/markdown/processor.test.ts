import { describe, expect, it } from "vitest";
import { renderReport, reportProcessor } from "../../src/markdown/processor.ts";

const DCT = "2024-01-06";

describe("report processor", () => {
  it("numbers top-level paragraphs p1, p2, … and records their text and HTML", () => {
    const { html, paragraphs } = renderReport("First *one*.\n\n> A quote.\n\nSecond, with a [link](https://example.org/a).\n\n- a list item\n\nThird.", DCT);
    expect(paragraphs.map((p) => [p.id, p.index, p.text])).toEqual([
      ["p1", 1, "First one."],
      ["p2", 2, "Second, with a link."],
      ["p3", 3, "Third."],
    ]);
    expect(html).toContain('<p id="p1">First <em>one</em>.</p>');
    expect(html).toContain('<p id="p2">Second, with a <a href="https://example.org/a">link</a>.</p>');
    expect(html).toContain('<p id="p3">Third.</p>');
    expect(paragraphs[1]!.html).toBe('Second, with a <a href="https://example.org/a">link</a>.');
  });

  it("gives the same ids for the same input", () => {
    const text = "One.\n\nTwo.\n\nThree.";
    expect(renderReport(text, DCT)).toEqual(renderReport(text, DCT));
  });

  it("is frozen: it cannot be reconfigured by accident", () => {
    expect(() => reportProcessor.use(() => {})).toThrow(/frozen/);
  });

  it.each([
    ["<script>alert(1)</script> text", /<script|alert\(1\)<\/script>/],
    ['<img src=x onerror="alert(1)">', /onerror|<img/],
    ["[x](javascript:alert(1))", /javascript:/],
    ["[x](data:text/html;base64,PHNjcmlwdD4=)", /data:/],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/],
    ['<object data="x"></object><embed src="x">', /<object|<embed/],
    ['<base href="https://evil.example/">', /<base/],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example">', /<meta/],
    ['<form action="https://evil.example"><input></form>', /<form|<input/],
    ['<a href="https://x.org" onclick="alert(1)">x</a>', /onclick/],
    ['<p id="p1" style="color:red">spoof</p>', /style=|id="p1"[^]*id="p1"/],
  ])("strips dangerous markup: %s", (markdown, forbidden) => {
    const { html } = renderReport(`Lead paragraph.\n\n${markdown}\n\nClosing paragraph.`, DCT);
    expect(html).not.toMatch(forbidden);
    expect(html).toContain('<p id="p1">Lead paragraph.</p>');
  });

  it("keeps raw HTML out of the paragraph text", () => {
    const { paragraphs } = renderReport("Before <b>bold</b> after.", DCT);
    expect(paragraphs[0]!.text).toBe("Before bold after.");
  });

  it("tags dated statements with offsets into each paragraph", () => {
    const { paragraphs } = renderReport("The strikes came on December 26.\n\nTalks began on January 5.", DCT);
    const [first, second] = paragraphs;
    const t1 = first!.timexes.find((t) => t.value === "2023-12-26");
    expect(t1).toBeDefined();
    expect(first!.text.slice(t1!.start, t1!.end)).toBe(t1!.text);
    const t2 = second!.timexes.find((t) => t.value === "2024-01-05");
    expect(second!.text.slice(t2!.start, t2!.end)).toBe(t2!.text);
  });
});
