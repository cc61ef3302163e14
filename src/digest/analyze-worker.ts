import { parentPort } from "node:worker_threads";
import type { LoadedReport } from "../content/load.ts";
import type { StoryConfig } from "../content/story.ts";
import { analyzeLoaded } from "./analyze.ts";

/** A worker thread of the analysis pool: analyzes the batches of reports it is sent. */
parentPort!.on("message", (message: { id: number; reports: LoadedReport[]; story: StoryConfig | null }) => {
  try {
    const analyses = message.reports.map((r) => analyzeLoaded(r, message.story));
    parentPort!.postMessage({ id: message.id, analyses });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
