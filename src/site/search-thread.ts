import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Digest } from "../digest/types.ts";
import type { SearchIndexOptions, SearchIndexResult } from "./search-index.ts";
import type { FromSearchThread, ToSearchThread } from "./search-worker.ts";
import type { SiteConfig } from "./site-config.ts";

/**
 * The search index on a thread of its own. Pagefind indexes in its own process, but every
 * record is a round trip through the thread that sends it: from the main thread, busy rendering
 * pages with Eleventy, those round trips waited for the render to end. From a worker thread
 * they flow while the pages are written, and Pagefind uses the second core.
 *
 * The thread never holds the digest or all records. This thread plans (search-index.ts
 * `planSearchIndex`: each shard's records made, fingerprinted and let go, one shard at a time),
 * then the search thread links the cached bundles into the site and asks for the records of
 * each shard it must index, one shard ahead; they are made again on demand and sent, so at
 * most one shard's records exist here and two there.
 *
 * This module loads nothing heavy: a build can start the thread (its modules, Pagefind's
 * process) first thing, and hand it the digest when there is one.
 */
export interface SearchIndexJob {
  /**
   * Builds the index of `digest` into `<siteDir>/pagefind/`: the same bundles as
   * `buildSearchIndex`. Once per job; the thread ends with it.
   */
  index(siteDir: string, digest: Digest, site: SiteConfig, options?: SearchIndexOptions): Promise<SearchIndexResult>;
  /**
   * Settles once `index` has handed the thread its plan (or has failed first). The plan, each
   * shard's records made and fingerprinted, is made on the calling thread: a caller with other
   * work to do waits for this first, so that the thread and Pagefind start on the stale shards
   * while that work goes on, not once the calling thread next has a moment.
   */
  planned(): Promise<void>;
  /** Ends the thread (and Pagefind's process) without indexing: the build stopped before. */
  cancel(): Promise<void>;
}

/**
 * Starts the search-index thread now, before there is a digest: it loads its modules and
 * starts Pagefind's process while the digest is computed. The thread does not keep the
 * process alive until `index` is called.
 */
export function startSearchIndex(): SearchIndexJob {
  const worker = new Worker(new URL("./search-worker.js", import.meta.url));
  worker.unref();
  let stopped: Error | undefined;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const failure = new Promise<never>((_, reject) => {
    worker.once("error", (error) => reject((stopped = error)));
    worker.once("exit", (code) => reject((stopped ??= new Error(`the search index thread stopped (exit code ${code})`))));
  });
  failure.catch(() => {});
  const send = (message: ToSearchThread): void => worker.postMessage(message);
  let used = false;
  let markPlanned!: () => void;
  const planned = new Promise<void>((resolve) => (markPlanned = resolve));

  return {
    async index(siteDir, digest, site, options = {}) {
      if (used) throw new Error("a search index job indexes once");
      used = true;
      if (stopped) {
        markPlanned();
        throw stopped;
      }
      worker.ref();
      try {
        const { planSearchIndex, searchIndexResult, shardRecords } = await import("./search-index.ts");
        const { searchRecordSource } = await import("./search-records.ts");
        const cacheDir = options.cacheDir === undefined ? undefined : path.resolve(options.cacheDir);
        const sharded = shardRecords(searchRecordSource(digest, site.language), options);
        const plan = planSearchIndex(sharded, site.language, cacheDir);
        const reply = new Promise<number>((resolve, reject) => {
          worker.on("message", (message: FromSearchThread) => {
            if (message.type === "records") {
              // Made now, copied to the thread, let go here.
              send({ type: "records", shard: message.shard, records: sharded.records(message.shard) });
            } else if (message.type === "done") resolve(message.reindexed);
            else if (message.type === "error") reject(new Error(message.message));
          });
        });
        // The first shard to index goes with the plan: a rebuild after an edit, which indexes
        // one shard, needs no round trip through this thread (busy with Eleventy by then).
        const first = plan.stale[0];
        send({
          type: "plan",
          siteDir: path.resolve(siteDir),
          plan,
          ...(cacheDir === undefined ? {} : { cacheDir }),
          ...(options.previousSite === undefined ? {} : { previousSite: path.resolve(options.previousSite) }),
          ...(first === undefined ? {} : { first: { shard: first, records: sharded.records(first) } }),
        });
        markPlanned();
        return searchIndexResult(plan, await Promise.race([reply, failure]));
      } finally {
        markPlanned();
        await stop();
      }
    },
    planned: () => planned,
    async cancel() {
      used = true;
      markPlanned();
      await stop();
    },
  };

  /** Asks the thread to close Pagefind, then ends it. */
  async function stop(): Promise<void> {
    if (!stopped) {
      worker.ref();
      const closed = new Promise<void>((resolve) => worker.on("message", (m: FromSearchThread) => m.type === "closed" && resolve()));
      send({ type: "close" });
      await Promise.race([closed, failure.catch(() => {})]);
    }
    await worker.terminate();
    await exited;
  }
}

/** `buildSearchIndex` on a thread of its own (see `startSearchIndex`). */
export async function buildSearchIndexInBackground(siteDir: string, digest: Digest, site: SiteConfig, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  return startSearchIndex().index(siteDir, digest, site, options);
}
