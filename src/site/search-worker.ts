import { parentPort } from "node:worker_threads";
import { indexRecords, type SearchIndexOptions } from "./search-index.ts";
import type { SearchRecord } from "./search-records.ts";

export interface SearchJob {
  siteDir: string;
  records: SearchRecord[];
  language: string;
  options: SearchIndexOptions;
}

/** The search-index worker thread (search-thread.ts): indexes one job, then replies. */
parentPort!.once("message", (job: SearchJob) => {
  indexRecords(job.siteDir, job.records, job.language, job.options).then(
    (result) => parentPort!.postMessage({ result }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
