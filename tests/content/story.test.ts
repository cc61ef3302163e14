import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadStory, loadStoryIfPresent, parseStory, StoryConfigError } from "../../src/content/story.ts";

const storyPath = fileURLToPath(new URL("../../content/story.yaml", import.meta.url));

function issuesOf(source: string) {
  try {
    parseStory(source, "story.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(StoryConfigError);
    return (error as StoryConfigError).issues;
  }
  throw new Error("expected the story to be rejected");
}

describe("the seed story configuration", () => {
  it("validates and names the three threads of the seed story", async () => {
    const story = await loadStory(storyPath);
    expect(story.threads.map((t) => t.slug)).toEqual(["coalition-withdrawal", "strikes", "attacks-on-us-forces"]);
    expect(story.threads.every((t) => t.title.length > 0 && t.keywords.length > 0)).toBe(true);
  });

  it("carries the aliases the issue names", async () => {
    const story = await loadStory(storyPath);
    expect(story.aliases["Mohammed Shia al-Sudani"]).toContain("al-Sudani");
    expect(story.aliases["Kataib Hezbollah"]).toContain("Kata'ib Hezbollah");
  });
});

describe("parseStory", () => {
  const minimal = ["title: A story", "threads:", "  - slug: one", "    title: One", "    keywords: [alpha]", ""].join("\n");

  it("fills defaults", () => {
    const story = parseStory(minimal);
    expect(story).toEqual({
      title: "A story",
      description: "",
      threads: [{ slug: "one", title: "One", description: "", keywords: ["alpha"], entities: [], threshold: 1 }],
      aliases: {},
      entities: {},
      measures: [],
    });
  });

  it("reports a bad slug with the file, line and column of the value", () => {
    const issues = issuesOf(minimal.replace("slug: one", "slug: Not A Slug"));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "story.yaml", line: 3, column: 11 });
    expect(issues[0]!.message).toMatch(/^threads\[0\]\.slug: must be a kebab-case slug/);
  });

  it("points at an unknown key itself", () => {
    const issues = issuesOf(`${minimal}colour: blue\n`);
    expect(issues).toEqual([{ file: "story.yaml", line: 6, column: 1, message: 'colour: unknown key "colour"' }]);
  });

  it("rejects duplicate slugs, threads nobody can recognise and an alias given to two names", () => {
    const source = [
      "title: A story",
      "threads:",
      "  - slug: one",
      "    title: One",
      "    keywords: [alpha]",
      "  - slug: one",
      "    title: Again",
      "aliases:",
      "  Alpha Person: [Alpha]",
      "  Other Person: [alpha]",
      "",
    ].join("\n");
    const issues = issuesOf(source);
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [6, "threads[1]: a thread needs keywords or entities to be recognised"],
      [6, "threads[1].slug: duplicate thread slug \"one\" (also threads[0])"],
      [10, 'aliases.Other Person[0]: alias "alpha" is already a variant of "Alpha Person"'],
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const issues = issuesOf("title: [unclosed\nthreads: []\n");
    expect(issues[0]!.message).toMatch(/^YAML syntax:/);
    expect(issues[0]!.line).toBeGreaterThanOrEqual(1);
    expect(String(new StoryConfigError(issues).message)).toMatch(/^story\.yaml:\d+:\d+: YAML syntax/);
  });

  it("treats a missing story file as no story", async () => {
    expect(await loadStoryIfPresent(fileURLToPath(new URL("./no-such-story.yaml", import.meta.url)))).toBeNull();
  });
});
