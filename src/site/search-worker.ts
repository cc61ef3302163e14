import childProcess, { type ChildProcess } from "node:child_process";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import { closePagefind, warmUpPagefind, writeSearchBundles } from "./search-bundles.ts";
import type { SearchPlan, SearchRecord, SearchTarget } from "./search-split.ts";

/** Messages to the search-index thread (search-thread.ts). */
export type ToSearchThread =
  | { type: "plan"; site?: SearchTarget; plan: SearchPlan; cacheDir?: string; previousSite?: string; first?: { shard: number; records: SearchRecord[] } }
  /** The site folder, when the plan came without it (search-thread.ts `start`). */
  | { type: "site"; site: SearchTarget }
  | { type: "records"; shard: number; records: SearchRecord[] }
  | { type: "close" };

/** Messages from it. */
export type FromSearchThread = { type: "records"; shard: number } | { type: "done"; reindexed: number; kept: number[] } | { type: "error"; message: string } | { type: "closed" };

/**
 * The search-index thread: started before the digest exists (search-thread.ts), it starts
 * Pagefind's process at once, then writes the bundles of the plan it is given, asking for the
 * records of each shard to index when it needs them. It loads no digest module.
 */
const port = parentPort!;

/**
 * Pagefind's processes started from this thread. Its `close()` kills its process, but the exit
 * is collected by the event loop of the thread that started it, and this thread ended right
 * after: `dateline serve` kept a defunct process for every rebuild until it stopped. Pagefind
 * spawns through `child_process`' default export, read at call time, so wrapping `spawn` on this
 * thread's own copy of the module sees its process; the thread waits for it before it is ended.
 * (Only Pagefind's: the TypeScript loader may start a compiler service here that outlives it.)
 */
const started: ChildProcess[] = [];
const spawn = childProcess.spawn;
childProcess.spawn = ((...args: Parameters<typeof spawn>) => {
  const child = spawn(...args);
  // Pagefind's binary (or the one PAGEFIND_BINARY_PATH names) runs as `<binary> --service`.
  const argv = Array.isArray(args[1]) ? args[1] : [];
  if (/pagefind/i.test(path.basename(String(args[0]))) || (argv.length === 1 && argv[0] === "--service")) started.push(child);
  return child;
}) as typeof spawn;

/** Settles once every process started here has exited (at most `ms` later). */
function exited(ms: number): Promise<unknown> {
  const running = started.filter((child) => child.exitCode === null && child.signalCode === null);
  const gone = running.map((child) => new Promise((resolve) => child.once("exit", resolve)));
  return Promise.race([Promise.all(gone), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

const send = (message: FromSearchThread): void => port.postMessage(message);
// A failure here shows again, with its message, when the first shard is indexed.
const warm = warmUpPagefind().catch(() => {});
const asked = new Map<number, (records: SearchRecord[]) => void>();
// The site folder when the plan comes without it; it may arrive before the plan (the plan waits
// for modules on the main thread, the folder does not). One plan per thread.
let nameSite!: (site: SearchTarget) => void;
const siteNamed = new Promise<SearchTarget>((resolve) => (nameSite = resolve));

port.on("message", (message: ToSearchThread) => {
  if (message.type === "records") {
    asked.get(message.shard)?.(message.records);
    asked.delete(message.shard);
  } else if (message.type === "site") {
    nameSite(message.site);
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
    writeSearchBundles(message.site ?? siteNamed, message.plan, recordsOf, message.cacheDir, message.previousSite).then(
      ({ reindexed, kept }) => send({ type: "done", reindexed, kept }),
      (error: unknown) => send({ type: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === "close") {
    void warm
      .then(closePagefind)
      .catch(() => {})
      .then(() => exited(2000))
      .then(() => send({ type: "closed" }));
  }
});
