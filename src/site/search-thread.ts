import path from "node:path";
import { Worker } from "node:worker_threads";
import type { DigestContent } from "../digest/types.ts";
import type { SearchIndexOptions, SearchIndexResult } from "./search-index.ts";
import type { FromSearchThread, ToSearchThread } from "./search-worker.ts";
import type { SearchTarget, ShardKey } from "./search-split.ts";
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
 * This module imports nothing heavy: a build can start the thread (its modules, Pagefind's
 * process) first thing, and hand it the digest when there is one. What planning needs on this
 * side loads meanwhile.
 */
export interface SearchIndexJob {
  /**
   * Builds the index of `digest` into `<siteDir>/pagefind/`: the same bundles as
   * `buildSearchIndex`. Once per job; the thread ends with it.
   */
  index(siteDir: string, digest: DigestContent, site: SiteConfig, options?: SearchIndexOptions): Promise<SearchIndexResult>;
  /**
   * `index` in two steps, for a caller that has the digest's content before the site folder is
   * ready: the plan goes to the thread now, which indexes the stale shards into
   * `options.cacheDir` (without one it waits for the folder), and `placeIn` later names the
   * folder the bundles go into and gives `index`'s result. The search records depend on no
   * cross-link (search-records.ts), so a build starts them before its cross-link stage, which
   * leaves the second core idle (issue 8). Once per job, like `index`.
   */
  start(digest: DigestContent, site: SiteConfig, options?: SearchIndexOptions): void;
  /** Whether `start` (or `index`) was called. */
  readonly started: boolean;
  /** `previousBundles`: see SearchIndexOptions (known once the render has read its manifest). */
  placeIn(siteDir: string, previousBundles?: readonly ShardKey[]): Promise<SearchIndexResult>;
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
 * process alive until `start` or `index` is called.
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
  let markPlanned!: () => void;
  const planned = new Promise<void>((resolve) => (markPlanned = resolve));

  // What planning needs, loaded now rather than when the digest is handed over: `start` then
  // sends the plan at once (it runs in the middle of the digest's stages, which do not pause).
  let modules: [typeof import("./search-index.ts"), typeof import("./search-records.ts")] | undefined;
  const loading = Promise.all([import("./search-index.ts"), import("./search-records.ts")]).then((loaded) => (modules = loaded));
  loading.catch(() => {}); // reported by `start`'s result
  let result: Promise<SearchIndexResult> | undefined;

  /** Plans, sends the plan, and serves the thread's requests for records until it is done. */
  async function run(digest: DigestContent, site: SiteConfig, options: SearchIndexOptions, siteDir: string | undefined): Promise<SearchIndexResult> {
    worker.ref();
    try {
      if (stopped) throw stopped;
      const [{ planSearchIndex, searchIndexResult, shardRecords }, { searchRecordSource }] = modules ?? (await loading);
      const cacheDir = options.cacheDir === undefined ? undefined : path.resolve(options.cacheDir);
      const sharded = shardRecords(searchRecordSource(digest, site.language), options);
      const plan = planSearchIndex(sharded, site.language, cacheDir);
      const reply = new Promise<{ reindexed: number; kept: number[] }>((resolve, reject) => {
        worker.on("message", (message: FromSearchThread) => {
          if (message.type === "records") {
            // Made now, copied to the thread, let go here.
            send({ type: "records", shard: message.shard, records: sharded.records(message.shard) });
          } else if (message.type === "done") resolve(message);
          else if (message.type === "error") reject(new Error(message.message));
        });
      });
      // The first shard to index goes with the plan: a rebuild after an edit, which indexes
      // one shard, needs no round trip through this thread (busy with Eleventy by then).
      const first = plan.stale[0];
      send({
        type: "plan",
        ...(siteDir === undefined ? {} : { site: searchTarget(siteDir, options.previousBundles) }),
        plan,
        ...(cacheDir === undefined ? {} : { cacheDir }),
        ...(options.previousSite === undefined ? {} : { previousSite: path.resolve(options.previousSite) }),
        ...(first === undefined ? {} : { first: { shard: first, records: sharded.records(first) } }),
      });
      markPlanned();
      const { reindexed, kept } = await Promise.race([reply, failure]);
      return searchIndexResult(plan, reindexed, kept);
    } finally {
      markPlanned();
      await stop();
    }
  }

  const job: SearchIndexJob = {
    start(digest, site, options = {}) {
      if (result) throw new Error("a search index job indexes once");
      result = run(digest, site, options, undefined);
      result.catch(() => {}); // reported by `placeIn`
    },
    get started() {
      return result !== undefined;
    },
    placeIn(siteDir, previousBundles) {
      if (!result) throw new Error("placeIn before start");
      send({ type: "site", site: searchTarget(siteDir, previousBundles) });
      return result;
    },
    index(siteDir, digest, site, options = {}) {
      if (result) return Promise.reject(new Error("a search index job indexes once"));
      result = run(digest, site, options, siteDir);
      return result;
    },
    planned: () => planned,
    async cancel() {
      result ??= Promise.reject(new Error("the search index job was cancelled"));
      result.catch(() => {});
      markPlanned();
      await stop();
    },
  };
  return job;

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

/**
 * search-split.ts `searchTarget`, which this module cannot import: it loads no module of its own
 * before a digest is handed over (tests/site/search-stream.test.ts), only types.
 */
function searchTarget(dir: string, previous: readonly ShardKey[] | undefined): SearchTarget {
  return { dir: path.resolve(dir), ...(previous ? { previous: [...previous] } : {}) };
}

/** `buildSearchIndex` on a thread of its own (see `startSearchIndex`). */
export async function buildSearchIndexInBackground(siteDir: string, digest: DigestContent, site: SiteConfig, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  return startSearchIndex().index(siteDir, digest, site, options);
}
