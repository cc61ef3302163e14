import childProcess, { type ChildProcess } from "node:child_process";
import path from "node:path";
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

/**
 * Pagefind's processes started from this thread. Its `close()` kills its process, but the exit
 * is collected by the event loop of the thread that started it, and this thread ended right
 * after: `dateline serve` kept a defunct process for every rebuild until it stopped. Pagefind
 * spawns through `child_process`' default export, read at call time, so wrapping `spawn` on this
 * thread's own copy of the module sees its process; the thread waits for it before it is ended.
 * (Only Pagefind's: the TypeScript loader may start a compiler service here that outlives it.)
 */
const started: ChildProcess[] = [];
/** Set once the thread is told to close: Pagefind, which starts again on any call, must not. */
let closing = false;
const spawn = childProcess.spawn;
childProcess.spawn = ((...args: Parameters<typeof spawn>) => {
  // Pagefind's binary (or the one PAGEFIND_BINARY_PATH names) runs as `<binary> --service`.
  const argv = Array.isArray(args[1]) ? args[1] : [];
  const pagefind = /pagefind/i.test(path.basename(String(args[0]))) || (argv.length === 1 && argv[0] === "--service");
  if (pagefind && closing) throw new Error("the search index was stopped");
  const child = spawn(...args);
  if (pagefind) started.push(child);
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
const asked = new Map<number, { resolve(records: SearchRecord[]): void; reject(error: Error): void }>();
/** The bundles being written, settled when done or failed. */
let writing: Promise<void> = Promise.resolve();

port.on("message", (message: ToSearchThread) => {
  if (message.type === "records") {
    asked.get(message.shard)?.resolve(message.records);
    asked.delete(message.shard);
  } else if (message.type === "plan") {
    let first = message.first;
    const recordsOf = (shard: number) =>
      new Promise<SearchRecord[]>((resolve, reject) => {
        if (first?.shard === shard) {
          resolve(first.records);
          first = undefined;
          return;
        }
        asked.set(shard, { resolve, reject });
        send({ type: "records", shard });
      });
    writing = writeSearchBundles(message.siteDir, message.plan, recordsOf, message.cacheDir, message.previousSite).then(
      (reindexed) => send({ type: "done", reindexed }),
      (error: unknown) => send({ type: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === "close") {
    // Closed while writing (a build that failed after starting its index early): Pagefind's
    // calls and the records asked for fail at once, and the writing stops before the thread is
    // ended, so that no file operation of it is still under way when the caller removes the folder.
    closing = true;
    for (const { reject } of asked.values()) reject(new Error("the search index was stopped"));
    asked.clear();
    void warm
      .then(closePagefind)
      .catch(() => {})
      .then(() => Promise.race([writing, new Promise((resolve) => setTimeout(resolve, 2000).unref())]))
      .then(() => exited(2000))
      .then(() => send({ type: "closed" }));
  }
});
