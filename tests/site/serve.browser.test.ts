import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../src/site/dev-server.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { tempDir } from "../helpers/tmp.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/site");

describe("dateline serve", () => {
  let server: DevServer;
  let browser: Browser;
  let content: string;
  let code: string;
  const log: string[] = [];

  beforeAll(async () => {
    const dir = await tempDir();
    content = path.join(dir, "content");
    // Stands in for src/: the test cannot edit the project's code, so it watches a folder of its own.
    code = path.join(dir, "code");
    await cp(FIXTURE, content, { recursive: true });
    await mkdir(code);
    server = await startDevServer({
      contentDir: content,
      outputDir: path.join(dir, "site"),
      port: 0,
      pathPrefix: "/",
      sitePaths: [content],
      codePaths: [code],
      debounceMs: 50,
      log: (line) => void log.push(line),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("builds, serves, and reloads the browser after a report or the code changes", async () => {
    const first = await server.nextBuild();
    expect(first, log.join("\n")).toMatchObject({ ok: true, reports: 3 });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}reports/crossings-resume/`);
    expect(await page.locator("h1").textContent()).toBe("Crossings resume after two-day halt");

    // Editing a report rebuilds the site and the open page reloads by itself.
    const file = path.join(content, "2024-02-03-crossings-resume.md");
    const built = server.nextBuild();
    await writeFile(file, (await readFile(file, "utf8")).replace("title: Crossings resume after two-day halt", "title: Ferries cross again after the storm"));
    expect((await built).ok).toBe(true);
    await expect.poll(() => page.locator("h1").textContent(), { timeout: 30_000 }).toBe("Ferries cross again after the storm");

    // A change to the code replaces the build process, then rebuilds and reloads.
    const pid = server.workerPid();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const rebuilt = server.nextBuild();
    await writeFile(path.join(code, "changed.ts"), "export const changed = true;\n");
    expect((await rebuilt).ok).toBe(true);
    expect(server.workerPid()).not.toBe(pid);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { marker?: number }).marker ?? "reloaded"), { timeout: 30_000 })
      .toBe("reloaded");

    // A report with an error fails the build; the last good site stays served.
    const failed = server.nextBuild();
    await writeFile(path.join(content, "broken.md"), "---\ntitle: Broken\ndate: 2024-02-31\n---\n\nText.\n");
    const outcome = await failed;
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? "" : outcome.error).toMatch(/broken\.md:3.*not a real calendar date/);
    await page.reload();
    expect(await page.locator("h1").textContent()).toBe("Ferries cross again after the storm");
    expect(errors).toEqual([]);
  }, 240_000);
});
