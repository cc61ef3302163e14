/**
 * The build process `dateline serve` supervises (see dev-server.ts). It stays up between builds
 * so that a change to a report or a template rebuilds without reloading the code; a change under
 * src/ replaces the whole process, because ES modules cannot be reloaded in place.
 *
 * argv: CONTENT_DIR OUTPUT_DIR. Messages in: { type: "build" }. Messages out: "ready", "built".
 */
import { BuildSession } from "../digest/session.ts";
import { ContentError, formatProblem } from "../content/problems.ts";
import type { DigestResult } from "../digest/build.ts";
import { JsonTexts } from "./json-file.ts";
import { renderSite } from "./render.ts";
import { startSearchIndex } from "./search-thread.ts";
import { startSiteSearch } from "./render-search.ts";

export type WorkerMessage =
  | { type: "ready" }
  | { type: "built"; ok: true; pages: number; reports: number; seconds: number; warnings: string[] }
  | { type: "built"; ok: false; error: string };

const [contentArg, outputArg] = process.argv.slice(2);
if (!contentArg || !outputArg) throw new Error("usage: dev-worker CONTENT_DIR OUTPUT_DIR");
const contentDir: string = contentArg;
const outputDir: string = outputArg;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

// What each build learns stays here for the next (session.ts): a rebuild after an edit parses
// and analyzes only what changed, and skips the cross-report stages the edit left alone.
const session = new BuildSession(contentDir);
/** The data files' texts of the last build's entries, written again from here when unchanged. */
const texts = new JsonTexts();
/** The cache files being brought up to date after the last build, and the code the next one needs loaded. */
let persisting: Promise<void> = Promise.resolve();

async function build(): Promise<WorkerMessage> {
  await persisting;
  const started = performance.now();
  try {
    // The search-index thread and Pagefind's process start beside the digest, as in `dateline
    // build`: started with the render, their own file work came on top of the render's.
    const search = startSearchIndex();
    let result: DigestResult;
    try {
      // A rebuild's index starts from the digest's content, while its cross-links are computed (render-search.ts).
      result = await session.build((content) => startSiteSearch(search, content, { contentDir, outputDir }, session.last.analyzed));
    } catch (error) {
      await search.cancel();
      throw error;
    }
    const warnings = result.problems.map((p) => formatProblem(p, contentDir));
    const { pages } = await renderSite(result, { contentDir, outputDir, search, texts, log: (line) => warnings.push(line) });
    const seconds = (performance.now() - started) / 1000;
    return { type: "built", ok: true, pages, reports: result.digest.reports.length, seconds, warnings };
  } catch (error) {
    const message = error instanceof ContentError || error instanceof Error ? error.message : String(error);
    return { type: "built", ok: false, error: message };
  }
}

process.on("message", (message: { type?: string }) => {
  if (message.type === "build") {
    void build().then((outcome) => {
      send(outcome);
      // After the page has been reported built: off the path between an edit and the reload.
      // The cache files are only an optimization; the analysis code is loaded for the next edit.
      persisting = session
        .persist()
        .catch(() => {})
        .then(() => session.prepare())
        .catch(() => {});
    });
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
