/**
 * The build process `dateline serve` supervises (see dev-server.ts). It stays up between builds
 * so that a change to a report or a template rebuilds without reloading the code; a change under
 * src/ replaces the whole process, because ES modules cannot be reloaded in place.
 *
 * argv: CONTENT_DIR OUTPUT_DIR. Messages in: { type: "build" }. Messages out: "ready", "built".
 */
import { buildDigest } from "../digest/build.ts";
import { ContentError, formatProblem } from "../content/problems.ts";
import { renderSite } from "./render.ts";

export type WorkerMessage =
  | { type: "ready" }
  | { type: "built"; ok: true; pages: number; reports: number; seconds: number; warnings: string[] }
  | { type: "built"; ok: false; error: string };

const [contentDir, outputDir] = process.argv.slice(2);

function send(message: WorkerMessage): void {
  process.send?.(message);
}

async function build(): Promise<WorkerMessage> {
  const started = performance.now();
  try {
    const result = await buildDigest(contentDir!);
    const warnings = result.problems.map((p) => formatProblem(p, contentDir!));
    const { pages } = await renderSite(result, { contentDir: contentDir!, outputDir: outputDir!, log: (line) => warnings.push(line) });
    const seconds = (performance.now() - started) / 1000;
    return { type: "built", ok: true, pages, reports: result.digest.reports.length, seconds, warnings };
  } catch (error) {
    const message = error instanceof ContentError || error instanceof Error ? error.message : String(error);
    return { type: "built", ok: false, error: message };
  }
}

if (!contentDir || !outputDir) throw new Error("usage: dev-worker CONTENT_DIR OUTPUT_DIR");
process.on("message", (message: { type?: string }) => {
  if (message.type === "build") void build().then(send);
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
