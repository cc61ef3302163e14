import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandIO } from "../../src/cli/command.ts";
import { datesCommand } from "../../src/cli/commands/dates.ts";
import { main } from "../../src/cli/main.ts";

function fakeIO(cwd: string, input = ""): CommandIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    cwd,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    stdin: async () => input,
  };
  return io;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dateline-dates-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("dateline dates", () => {
  it("tags standard input against --dct and prints offsets into it", async () => {
    const text = "The envoy arrived on Monday. A week later, talks began.";
    const io = fakeIO(dir, text);
    expect(await datesCommand.run(["--dct", "2024-01-10", "-"], io)).toBe(0);
    const items = JSON.parse(io.out) as { start: number; end: number; text: string; type: string; value: string }[];
    expect(items.map((t) => [t.text, t.type, t.value])).toEqual([
      ["Monday", "DATE", "2024-01-08"],
      ["A week later", "DATE", "2024-01-15"],
    ]);
    for (const t of items) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it("prints anchored only where it differs from the value", async () => {
    const io = fakeIO(dir, "Profit fell in the fourth quarter and in March.");
    await datesCommand.run(["--dct", "2024-01-10"], io);
    const items = JSON.parse(io.out) as Record<string, string>[];
    expect(items[0]).toMatchObject({ value: "2023-Q4", anchored: "2023" });
    expect(items[1]).not.toHaveProperty("anchored");
  });

  it("prints both the calendar value and the period of an expression counted from an anchor", async () => {
    const io = fakeIO(dir, "On December 26 the ministry spoke. A month earlier, its spokeswoman had given a count.");
    await datesCommand.run(["--dct", "2024-01-06"], io);
    const items = JSON.parse(io.out) as Record<string, string>[];
    expect(items[1]).toMatchObject({ text: "A month earlier", value: "2023-11", period: "P1M" });
    expect(items[0]).not.toHaveProperty("period");
  });

  it("uses a report's front-matter date and indexes the whole file", async () => {
    const file = join(dir, "report.md");
    const content = "---\ntitle: Port strike\ndate: 2024-01-06\n---\n\nDockers walked out on December 26.\n";
    await writeFile(file, content);
    const io = fakeIO(dir);
    expect(await datesCommand.run(["report.md"], io)).toBe(0);
    const [item] = JSON.parse(io.out) as { start: number; end: number; value: string }[];
    expect(item!.value).toBe("2023-12-26");
    expect(content.slice(item!.start, item!.end)).toBe("December 26");
  });

  it("tags a folder in batch mode, one JSON file per text", async () => {
    const input = join(dir, "in");
    await mkdir(input, { recursive: true });
    await writeFile(join(input, "a.txt"), "Shares rose yesterday.");
    await writeFile(join(input, "a.dct"), "1998-02-13\n");
    const io = fakeIO(dir);
    expect(await datesCommand.run(["--batch", "in", "--out", "out"], io)).toBe(0);
    const items = JSON.parse(await readFile(join(dir, "out", "a.json"), "utf8")) as { value: string }[];
    expect(items.map((t) => t.value)).toEqual(["1998-02-12"]);
  });

  it("leaves X's for what needs an unknown publication date", async () => {
    const io = fakeIO(dir, "The port reopened on December 26.");
    expect(await datesCommand.run(["--dct", "none", "-"], io)).toBe(0);
    expect((JSON.parse(io.out) as { value: string }[])[0]!.value).toBe("XXXX-12-26");
  });

  it("rejects a malformed --dct and a batch without --out", async () => {
    const io = fakeIO(dir, "Monday");
    expect(await datesCommand.run(["--dct", "Jan 5"], io)).toBe(2);
    expect(io.err).toMatch(/--dct/);
    expect(await datesCommand.run(["--batch", "in"], io)).toBe(2);
  });

  it("is registered with the CLI and prints its help", async () => {
    const io = fakeIO(dir);
    expect(await main(["dates", "--help"], io)).toBe(0);
    expect(io.out).toContain("dateline dates");
    expect(io.out).toContain("--dct");
  });
});
