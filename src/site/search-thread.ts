import { Worker } from "node:worker_threads";
import type { Digest } from "../digest/types.ts";
import type { SearchIndexOptions, SearchIndexResult } from "./search-index.ts";
import { searchRecords } from "./search-records.ts";
import type { SearchJob } from "./search-worker.ts";
import type { SiteConfig } from "./site-config.ts";

/**
 * `buildSearchIndex` on a thread of its own. Pagefind indexes in its own process, but every
 * record is a round trip through the thread that sends it: from the main thread, busy rendering
 * pages with Eleventy, those round trips waited for the render to end. From a worker thread
 * they flow while the pages are written, and Pagefind uses the second core.
 */
export async function buildSearchIndexInBackground(siteDir: string, digest: Digest, site: SiteConfig, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const job: SearchJob = { siteDir, records: searchRecords(digest, site.language, site.title), language: site.language, options };
  const worker = new Worker(new URL("./search-worker.js", import.meta.url));
  try {
    const reply = await new Promise<{ result?: SearchIndexResult; error?: string }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the search index thread stopped (exit code ${code})`)));
      worker.postMessage(job);
      // The thread has its own copy now; this one would sit in memory through the whole render.
      job.records.length = 0;
    });
    if (!reply.result) throw new Error(reply.error ?? "the search index thread gave no result");
    return reply.result;
  } finally {
    await worker.terminate();
  }
}
