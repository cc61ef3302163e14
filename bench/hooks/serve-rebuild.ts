import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "../lib/stats.ts";
import type { Metric } from "./metric.ts";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const WORKER = fileURLToPath(new URL("../../src/site/dev-worker.ts", import.meta.url));

type Built = { type: "built"; ok: true; seconds: number } | { type: "built"; ok: false; error: string };

/**
 * The rebuild `dateline serve` makes after one edit. Its build process (src/site/dev-worker.ts),
 * forked as the dev server forks it, builds the site once (from the cache files a `dateline
 * build` left), then once after each edit: the edited report alternately corrected and put
 * back. The time is the build process's own (from the build request to the page reported
 * built). Between edits it waits `pauseMs`, as an editor does between saves: the previous
 * site's deletion, in a process of its own, is then not counted against the next build.
 */
export async function serveRebuild(
  contentDir: string,
  outputDir: string,
  edit: { path: string; original: string; edited: string },
  runs: number,
  timeoutMs: number,
  pauseMs = 2000,
): Promise<Metric> {
  const child = fork(WORKER, [contentDir, outputDir], { cwd: REPO, execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "ignore", "ipc"] });
  let waiter: ((message: { type: string } | Error) => void) | undefined;
  child.on("message", (message: { type: string }) => waiter?.(message));
  child.on("exit", (code) => waiter?.(new Error(`the build process exited (code ${code})`)));
  const next = (type: string) =>
    new Promise<{ type: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${type}" from the build process in ${timeoutMs / 1000} s`)), timeoutMs);
      waiter = (message) => {
        clearTimeout(timer);
        waiter = undefined;
        if (message instanceof Error) reject(message);
        else if (message.type === type) resolve(message);
        else reject(new Error(`expected "${type}", got "${message.type}"`));
      };
    });
  const build = async (): Promise<number> => {
    const reply = next("built");
    child.send({ type: "build" });
    const built = (await reply) as Built;
    if (!built.ok) throw new Error(`the build failed: ${built.error.split("\n")[0]}`);
    return built.seconds;
  };
  const times: number[] = [];
  try {
    await next("ready");
    await build(); // the session's first build: through the cache files
    for (let r = 0; r < runs; r++) {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      writeFileSync(edit.path, r % 2 === 0 ? edit.edited : edit.original);
      times.push(await build());
    }
    return { value: median(times), unit: "s", note: `dateline serve's build process, rebuild after one edit, median of ${runs} (${times.map((t) => t.toFixed(2)).join(", ")} s)` };
  } catch (error) {
    return { value: null, unit: "s", note: `n/a: ${(error as Error).message}` };
  } finally {
    writeFileSync(edit.path, edit.original);
    child.kill();
  }
}
