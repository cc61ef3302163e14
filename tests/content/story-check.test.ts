import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { tempDir } from "../helpers/tmp.ts";

const report = (threads: string) =>
  ["---", "title: A short report", "date: 2024-01-05", `threads: ${threads}`, "---", "The coalition met in Baghdad.", ""].join("\n");
const story = ["title: A story", "threads:", "  - slug: talks", "    title: Talks", "    keywords: [coalition]", ""].join("\n");

describe("dateline check and the story configuration", () => {
  it("passes a valid story and known front-matter threads", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "story.yaml"), story);
    await writeFile(path.join(dir, "a.md"), report("[talks]"));
    const result = await runCli(["check", "--content", dir]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("lists story.yaml problems with line and column, and unknown front-matter threads", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "story.yaml"), story.replace("slug: talks", "slug: Talks Now"));
    await writeFile(path.join(dir, "a.md"), report("[talks]"));
    const bad = await runCli(["check", "--content", dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/story\.yaml:3:11: error: threads\[0\]\.slug: must be a kebab-case slug/);

    await writeFile(path.join(dir, "story.yaml"), story);
    await writeFile(path.join(dir, "a.md"), report("[+talks, -strikes]"));
    const unknown = await runCli(["check", "--content", dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/a\.md: error: "threads" names an unknown thread "strikes"\n {4}fix: use one of: talks/);
  });

  it("flags front-matter threads when there is no story file", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "a.md"), report("[talks]"));
    const result = await runCli(["check", "--content", dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no story\.yaml to define threads/);
  });
});
