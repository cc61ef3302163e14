import { describe, expect, it } from "vitest";
import { searchAhead } from "../../src/site/render-search.ts";

describe("when a build starts its search index before the cross-links", () => {
  it("does for a rebuild, where at most one report in ten was analyzed anew, and not for a full build", () => {
    expect(searchAhead(1, 4000)).toBe(true);
    expect(searchAhead(0, 4000)).toBe(true);
    expect(searchAhead(400, 4000)).toBe(true);
    expect(searchAhead(401, 4000)).toBe(false);
    expect(searchAhead(4000, 4000)).toBe(false);
    // A small site's first build analyzes everything: started with the render.
    expect(searchAhead(2, 2)).toBe(false);
  });
});
