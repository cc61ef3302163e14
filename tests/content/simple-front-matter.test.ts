import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseSimpleFrontMatter } from "../../src/content/simple-front-matter.ts";

/** What the loader's YAML engine gives for a block (see FRONT_MATTER_OPTIONS in load.ts). */
function viaYaml(source: string): unknown {
  return parseYaml(source, { logLevel: "error" }) ?? {};
}

describe("parseSimpleFrontMatter", () => {
  it("reads the usual report header exactly as YAML does", () => {
    const block = [
      "",
      'title: "Ferry service resumes after the storm: crews cheer"',
      "date: 2025-02-14",
      "slug: 3-ferry-services-resume-2",
      'source: "Coastal Desk #4"',
      'summary: "Boats run again on Friday; the port says 3 of 5 berths are open."',
      "tags: [weather, ferries, north-coast]",
      "draft: false",
    ].join("\n");
    const data = parseSimpleFrontMatter(block);
    expect(data).toEqual({
      title: "Ferry service resumes after the storm: crews cheer",
      date: "2025-02-14",
      slug: "3-ferry-services-resume-2",
      source: "Coastal Desk #4",
      summary: "Boats run again on Friday; the port says 3 of 5 berths are open.",
      tags: ["weather", "ferries", "north-coast"],
      draft: false,
    });
    expect(data).toEqual(viaYaml(block));
    expect(Object.keys(data!)).toEqual(Object.keys(viaYaml(block) as object));
  });

  it("leaves to YAML what it does not read exactly", () => {
    for (const block of [
      "title: 12", // a number
      "slug: 0x1f", // hexadecimal
      "slug: 0o17", // octal
      "slug: 1e-5", // an exponent
      "slug: 2024",
      "slug: 1e5", // a float
      "draft: True", // YAML's other spellings
      "summary: null",
      "tags: [2024, iraq]", // a number in a list
      "tags: [a,b]",
      "tags: [ a, b ]",
      'title: "a \\"quoted\\" word"', // escapes
      'title: "trailing" ',
      "title: plain words with spaces",
      "title: x # comment",
      "title: 'single quotes'",
      "title: &a anchor",
      "title: !!str tagged",
      "title:",
      "title: \"a\"\ntitle: \"b\"", // a repeated key: YAML's error
      "title: \"a\"\n\ndate: 2024-01-01", // a blank line
      "  title: \"indented\"",
      "Title: \"capital key\"",
      "true: \"odd key\"",
      "title: \"a\"\r",
      "",
    ]) {
      expect(parseSimpleFrontMatter(block), block).toBeUndefined();
    }
  });

  it("agrees with YAML on every block it accepts (generated)", () => {
    const word = fc.constantFrom(
      "iraq", "al-sudani", "true", "null", "no", "yes", "nan", "inf", "x1", "a-2", "e5", "0o7", "0o8", "0x1f", "0xg",
      "2024", "2024-01", "10-killed-in-raid-4", "1e5", "1e-5", "12e", "007", "b",
    );
    const text = fc.string({ unit: fc.constantFrom("a", "Z", " ", ":", "#", "-", "'", "\\", '"', "é", "\t", "[", "]", ",", "0", "\u0085", "😀") });
    const value = fc.oneof(
      text.map((t) => `"${t}"`),
      word,
      fc.constantFrom("2024-01-06", "2024-13-45", "true", "false", "[]", "[iraq]"),
      fc.array(word, { maxLength: 4 }).map((ws) => `[${ws.join(", ")}]`),
      text,
    );
    const key = fc.constantFrom("title", "date", "slug", "tags", "summary", "source", "draft", "extra_key", "null");
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 6 }), (pairs) => {
        const block = `\n${pairs.map(([k, v]) => `${k}: ${v}`).join("\n")}`;
        const data = parseSimpleFrontMatter(block);
        if (data === undefined) return;
        accepted++;
        expect(data).toEqual(viaYaml(block));
        expect(Object.keys(data)).toEqual(Object.keys(viaYaml(block) as object));
      }),
      { numRuns: 3000, seed: 8 },
    );
    // The comparison must have met many accepted blocks, not only fallbacks.
    expect(accepted).toBeGreaterThan(300);
  });
});
