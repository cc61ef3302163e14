import { describe, expect, it } from "vitest";
import { guessKind, nameChunks } from "../../src/digest/name-chunks.ts";

const chunks = (text: string) => nameChunks(text).map((c) => [c.kind, text.slice(c.start, c.end)]);

describe("nameChunks", () => {
  it("drops titles and classes people by title or first name", () => {
    expect(chunks("Chief Envoy Ilse Marten briefed Mayor Tobias Quell before lunch.")).toEqual([
      ["person", "Ilse Marten"],
      ["person", "Tobias Quell"],
    ]);
    expect(chunks("She later met Lt. Col. Brandt at the gate.")).toEqual([["person", "Brandt"]]);
  });

  it("classes organizations and places by head word, lexicon and preposition", () => {
    expect(chunks("The Northbay Ferry Company said rains closed roads near Velm and in Cairo.")).toEqual([
      ["organization", "Northbay Ferry Company"],
      ["place", "Velm"],
      ["place", "Cairo"],
    ]);
    expect(chunks("Police reached the Amber Hills after the Dock Workers' Union met.")).toEqual([
      ["place", "Amber Hills"],
      ["organization", "Dock Workers' Union"],
    ]);
  });

  it("does not take sentence openers, months, sources or lower-case compounds for names", () => {
    expect(chunks("Earlier, on Monday, troops left, according to Valley Wire. Speaking in March, nobody came.")).toEqual([
      ["organization", "Valley Wire"],
    ]);
    expect(chunks("Rome-based donors and Iran-aligned groups met.")).toEqual([
      ["place", "Rome"],
      ["place", "Iran"],
    ]);
  });

  it("leaves out capitalized runs no cue classes", () => {
    expect(chunks("Zorblat Quenn arrived.")).toEqual([]);
    expect(guessKind("Zorblat Quenn")).toBeNull();
    expect(guessKind("NATO")).toBe("organization");
  });

  it("keeps offsets into the text and runs in linear time on a long text", () => {
    const sentence = "Mayor Tobias Quell met the Northbay Ferry Company in Cairo. ";
    const text = sentence.repeat(10_000);
    const started = performance.now();
    const found = nameChunks(text);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(found).toHaveLength(30_000);
    for (const c of found.slice(0, 30)) expect(["Tobias Quell", "Northbay Ferry Company", "Cairo"]).toContain(text.slice(c.start, c.end));
  });
});
