import { describe, expect, it } from "vitest";
import { unsafeInFragment, unsafeInPage } from "./markup.ts";

/** The detectors the security tests rely on must themselves catch what they claim to. */
describe("unsafe markup detectors", () => {
  it("pass a clean page with the site's own script and JSON-LD data", () => {
    const page = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'"><script type="application/ld+json">{"a":"\\u003c/script\\u003e"}</script></head><body><a href="/x/">x</a><script src="/js/search.js" defer></script><noscript>no</noscript></body></html>`;
    expect(unsafeInPage(page)).toEqual([]);
  });

  it.each([
    ["<script>alert(1)</script>", "<script> that is not the site's own file"],
    ['<script src="https://cdn.example/x.js"></script>', '<script src="https://cdn.example/x.js"> that is not the site\'s own file'],
    ['<script type="application/ld+json">{"a": </script>', "<script type=application/ld+json> that is not JSON"],
    ['<img src="x" onerror="alert(1)">', "<img onError>"],
    ['<a href=" java\tscript:alert(1)">x</a>', '<a href=" java\tscript:alert(1)">'],
    ['<a href="DATA:text/html,x">x</a>', '<a href="DATA:text/html,x">'],
    ["<iframe></iframe>", "<iframe>"],
    ['<meta http-equiv="refresh" content="0">', '<meta http-equiv="refresh">'],
    ["<base href=/x/>", "<base>"],
    ['<form action="/x"></form>', "<form>"],
  ])("flag %s", (markup, finding) => {
    expect(unsafeInPage(`<!doctype html><title>t</title>${markup}`)).toContain(finding);
  });

  it("hold report bodies to the schema: elements, attributes and paragraph ids", () => {
    expect(unsafeInFragment('<p id="p1">A <em>b</em> <a href="https://x.org/" title="t">c</a></p><p id="p2">d</p>')).toEqual([]);
    expect(unsafeInFragment('<p id="p1">a</p><p id="p1">b</p>')).toEqual(['id="p1" is not a unique paragraph id']);
    expect(unsafeInFragment('<p id="intro" class="x">a</p>')).toEqual(['<p className> is not in the schema', 'id="intro" is not a unique paragraph id']);
    expect(unsafeInFragment("<div><img src=x></div>")).toEqual(["<img>", "<div> is not in the schema", "<img> is not in the schema", "<img src> is not in the schema"]);
  });
});
