import { parentPort } from "node:worker_threads";
import { closePagefind, warmUpPagefind, writeSearchBundles } from "./search-bundles.ts";
import type { SearchPlan, SearchRecord } from "./search-split.ts";

/** Messages to the search-index thread (search-thread.ts). */
export type ToSearchThread =
  | { type: "plan"; siteDir: string; plan: SearchPlan; cacheDir?: string; previousSite?: string; first?: { shard: number; records: SearchRecord[] } }
  | { type: "records"; shard: number; records: SearchRecord[] }
  | { type: "close" };

/** Messages from it. */
export type FromSearchThread = { type: "records"; shard: number } | { type: "done"; reindexed: number } | { type: "error"; message: string } | { type: "closed" };

/**
 * The search-index thread: started before the digest exists (search-thread.ts), it starts
 * Pagefind's process at once, then writes the bundles of the plan it is given, asking for the
 * records of each shard to index when it needs them. It loads no digest module.
 */
const port = parentPort!;
const send = (message: FromSearchThread): void => port.postMessage(message);
// A failure here shows again, with its message, when the first shard is indexed.
const warm = warmUpPagefind().catch(() => {});
const asked = new Map<number, (records: SearchRecord[]) => void>();

port.on("message", (message: ToSearchThread) => {
  if (message.type === "records") {
    asked.get(message.shard)?.(message.records);
    asked.delete(message.shard);
  } else if (message.type === "plan") {
    let first = message.first;
    const recordsOf = (shard: number) =>
      new Promise<SearchRecord[]>((resolve) => {
        if (first?.shard === shard) {
          resolve(first.records);
          first = undefined;
          return;
        }
        asked.set(shard, resolve);
        send({ type: "records", shard });
      });
    writeSearchBundles(message.siteDir, message.plan, recordsOf, message.cacheDir, message.previousSite).then(
      (reindexed) => send({ type: "done", reindexed }),
      (error: unknown) => send({ type: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === "close") {
    void warm
      .then(closePagefind)
      .catch(() => {})
      .then(() => send({ type: "closed" }));
  }
});
