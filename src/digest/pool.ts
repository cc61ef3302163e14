import os from "node:os";
import { Worker } from "node:worker_threads";
import type { LoadedReport } from "../content/load.ts";
import type { StoryConfig } from "../content/story.ts";
import type { ReportAnalysis } from "./analyze.ts";

export interface PoolOptions {
  /**
   * Whether the main thread analyzes too (default: below MAIN_THREAD_MAX reports). When it does
   * not, it only hands out batches and collects results.
   */
  mainThread?: boolean;
  /** Worker threads (default: available cores − 1, or every core when the main thread does not analyze). */
  workers?: number;
  /** Below this many reports, starting threads costs more than it saves (default 200). */
  minReports?: number;
  /** Reports per batch handed to a thread (default 100). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * From this many reports on, the main thread leaves the analysis to worker threads, one per
 * core (issue 8). What analyzing leaves in a thread — the analysis code and its data loaded,
 * memory the C allocator keeps — stays with the main thread for the rest of the build, the
 * render included: ~90 MB of the peak at 10,000 reports (1,115 → 1,027 MiB measured), while
 * the main thread's share of the work is worth little once the workers run on every core.
 * Smaller builds keep it analyzing: its part then covers the workers' start-up.
 */
export const MAIN_THREAD_MAX = 5000;

/**
 * Analyzes reports on every core: the main thread and worker threads take batches from one
 * queue until it is empty. Results come back in input order, whoever computed them.
 */
export async function analyzeParallel(reports: readonly LoadedReport[], story: StoryConfig | null, options: PoolOptions = {}): Promise<ReportAnalysis[]> {
  const mainThread = options.mainThread ?? reports.length < MAIN_THREAD_MAX;
  const workers = options.workers ?? Math.max(mainThread ? 0 : 1, os.availableParallelism() - (mainThread ? 1 : 0));
  const batchSize = options.batchSize ?? 100;
  const results: ReportAnalysis[] = new Array(reports.length);
  let done = 0;
  const report = (n: number) => {
    done += n;
    options.onProgress?.(done, reports.length);
  };
  if (reports.length === 0) return results;
  if (workers === 0 || reports.length < (options.minReports ?? 200)) {
    // Loaded here, not up front: a rebuild whose reports all come from the cache never needs
    // the Markdown processor and the date tagger (some 150 modules of start-up).
    const { analyzeLoaded } = await import("./analyze.ts");
    reports.forEach((r, i) => {
      results[i] = analyzeLoaded(r, story);
    });
    report(reports.length);
    return results;
  }
  let next = 0;
  const take = (): [number, number] | undefined => {
    if (next >= reports.length) return undefined;
    const start = next;
    next = Math.min(reports.length, next + batchSize);
    return [start, next];
  };
  const threads = Array.from({ length: workers }, () => new Worker(new URL("./analyze-worker.js", import.meta.url)));
  const runThread = async (worker: Worker): Promise<void> => {
    for (let batch = take(); batch; batch = take()) {
      const [start, end] = batch;
      const reply = await new Promise<{ analyses?: ReportAnalysis[]; error?: string }>((resolve, reject) => {
        const onError = (error: Error) => {
          worker.off("message", onMessage);
          reject(error);
        };
        const onMessage = (message: { analyses?: ReportAnalysis[]; error?: string }) => {
          worker.off("error", onError);
          resolve(message);
        };
        worker.once("message", onMessage);
        worker.once("error", onError);
        worker.postMessage({ id: start, reports: reports.slice(start, end), story });
      });
      if (reply.error || !reply.analyses) throw new Error(`analysis failed in a worker thread: ${reply.error}`);
      reply.analyses.forEach((a, k) => {
        results[start + k] = a;
      });
      report(end - start);
    }
  };
  const runMain = async (): Promise<void> => {
    const { analyzeLoaded } = await import("./analyze.ts");
    for (let batch = take(); batch; batch = take()) {
      const [start, end] = batch;
      for (let i = start; i < end; i++) results[i] = analyzeLoaded(reports[i]!, story);
      report(end - start);
      // Let the worker threads' replies in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([...(mainThread ? [runMain()] : []), ...threads.map(runThread)]);
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}
