import { linkSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { linkTree } from "./link-files.ts";
import { stabilizePagefind } from "./pagefind-stable.ts";
import { bundlePath, FINGERPRINT, type SearchPlan, type SearchRecord, type SearchTarget, type ShardKey } from "./search-split.ts";

/**
 * The writing half of the search index: Pagefind bundles for a plan (search-split.ts), on the
 * search-index thread (search-worker.ts) or in the calling thread (`buildSearchIndex`). It never
 * sees the digest: the records of a shard to index arrive when it asks for them, one shard at a
 * time, and are let go once Pagefind has them. Its imports stay light (no digest modules).
 */

/** Gives the records of one shard, in record order. */
export type ShardRecords = (shard: number) => Promise<SearchRecord[]>;

const check = (what: string, response: { errors: string[] }): void => {
  if (response.errors.length > 0) throw new Error(`Pagefind ${what}: ${response.errors.join("; ")}`);
};

/**
 * Bundle files whose names Pagefind derives from their content: a page's fragment, a chunk of
 * the word index. An edit changes one fragment and a few chunks of its shard; the rest of a
 * re-indexed shard is what its bundle in the site already holds.
 */
const CONTENT_NAMED = /^(fragment|index)\//;

/**
 * `file` linked from the same path under `previous` when the file there has these bytes (true),
 * or nothing done (false). Only content-named files (CONTENT_NAMED): the others are rewritten
 * in place by stabilizePagefind, which must never write into a file another bundle shares.
 */
function linkUnchanged(previous: string | undefined, file: string, content: Uint8Array, to: string): boolean {
  if (previous === undefined || !CONTENT_NAMED.test(file)) return false;
  const from = path.join(previous, file);
  try {
    const before = readFileSync(from);
    if (before.length !== content.length || !before.equals(content)) return false;
    linkSync(from, to);
    return true;
  } catch {
    return false; // not there, or not linkable: written instead
  }
}

/**
 * Indexes one shard's records into a Pagefind bundle at `outputPath`, in canonical form.
 * `previous`: the shard's bundle in the current site, if any; its files that the new bundle has
 * unchanged are linked from it rather than written.
 */
async function writeBundle(records: readonly SearchRecord[], language: string, outputPath: string, previous?: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  try {
    // Pagefind's service handles its messages one at a time, in the order they arrive, so the
    // records are all sent at once instead of waiting for each reply: the same index, without
    // a round trip per record (a third less time adding a shard at 4,000 reports).
    const added = records.map((r) =>
      r.kind === "html"
        ? index.addHTMLFile({ url: r.url, content: r.html })
        : index.addCustomRecord({ url: r.url, content: r.content, language, meta: { title: r.title }, filters: r.filters }),
    );
    for (const response of await Promise.all(added)) check("record", response);
    // The bundle's files are taken in memory and written here, not by Pagefind's writeFiles: its
    // process answers before its writes have reached the files (Tokio file writes complete in
    // the background), and reading the bundle at once then sometimes found pagefind-entry.json
    // still empty. Same bytes either way (both are Pagefind's own serialization).
    const { files, errors } = await index.getFiles();
    check("files", { errors });
    // Written synchronously, each folder made once: a shard is some 1,700 small files, and an
    // awaited mkdir and write per file, behind the links on Node's thread pool, took 1.8 s of a
    // 4,000-report rebuild that re-indexes one shard (issue 8). On the search-index thread,
    // blocking holds up nothing else. A file the shard's bundle in the site has with the same
    // bytes is linked instead: creating a file costs this file system ten times a link, and
    // after an edit nearly all of a shard's files are unchanged.
    const made = new Set<string>();
    for (const file of files) {
      const to = path.join(outputPath, file.path);
      const dir = path.dirname(to);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      if (!linkUnchanged(previous, file.path, file.content, to)) writeFileSync(to, file.content);
    }
  } finally {
    await index.deleteIndex();
  }
  await stabilizePagefind(outputPath);
}

/**
 * Starts Pagefind's process ahead of the first shard to index (the search-index thread does
 * this while the digest is still being computed). Starting it is most of what creating an
 * index costs; the index made here is deleted at once. Harmless when nothing is indexed:
 * `writeSearchBundles` closes Pagefind in the end either way.
 */
export async function warmUpPagefind(): Promise<void> {
  const { index } = await pagefind.createIndex({});
  await index?.deleteIndex();
}

/** Closes Pagefind's process, if one was started. */
export async function closePagefind(): Promise<void> {
  await pagefind.close();
}

/**
 * Writes the bundles of `plan` into `<site>/pagefind/`. Stale shards are indexed one after
 * the other, their records asked for one shard ahead (at most two shards' records are held at
 * once); meanwhile the cached bundles are hard-linked into the site. With `cacheDir`, new
 * bundles are written into it under their key and entries this plan does not use are removed;
 * without it, they are written beside the site and moved in. `previousSite`: the site as it is
 * now (the output folder, when `site` is its staging folder); a re-indexed shard links the
 * files its bundle there has unchanged instead of writing them.
 * `site` may come later than the plan (a promise): with `cacheDir`, the stale shards are
 * indexed into the cache meanwhile, and nothing is put in the site before the folder is known.
 * A shard that `site.previous` (the intact bundles of `previousSite`, from the last build) has
 * under the same key is not put in the folder at all: it stays where it
 * is in the site (site-commit.ts replaces the others shard by shard). Returns the number of
 * shards indexed and the shards kept so.
 */
export async function writeSearchBundles(
  site: SearchTarget | Promise<SearchTarget>,
  plan: SearchPlan,
  recordsOf: ShardRecords,
  cacheDir?: string,
  previousSite?: string,
): Promise<{ reindexed: number; kept: number[] }> {
  const cache = cacheDir === undefined ? null : path.resolve(cacheDir);
  // Without a cache, the bundles are written beside the site folder, which must be known first.
  const known = cache === null ? await site : undefined;
  const workDir = cache ?? `${path.resolve(known!.dir)}.search-${process.pid}`;
  const entry = (key: string) => path.join(workDir, key);
  const keyOf = new Map(plan.shards.map((s) => [s.shard, s.key]));
  // The first shard to index is asked for now: its records come while the folders are set up.
  let ask = 0;
  const fetchNext = (): Promise<SearchRecord[]> | undefined => {
    const next = ask < plan.stale.length ? recordsOf(plan.stale[ask++]!) : undefined;
    next?.catch(() => {}); // awaited in turn
    return next;
  };
  let next = fetchNext();
  try {
    await mkdir(workDir, { recursive: true });
    // The site folder is prepared only once it is named, and once: by whichever of the two
    // tasks below (linking cached bundles, placing indexed ones) needs it first.
    // A shard is placed from the cache at once unless its bundle is still to be written: it is
    // stale, or has the key of a stale shard (the planner marks only the first of each key).
    const staleKeys = new Set(plan.stale.map((k) => keyOf.get(k)!));
    const later = plan.shards.filter((s) => staleKeys.has(s.key)).map((s) => s.shard);
    let ready: Promise<{ dir: string; kept: Set<number> }> | undefined;
    const siteFolder = (): Promise<{ dir: string; kept: Set<number> }> =>
      (ready ??= (async () => {
        const target = known ?? (await site);
        await rm(path.join(target.dir, "pagefind"), { recursive: true, force: true });
        await mkdir(target.dir, { recursive: true });
        return { dir: target.dir, kept: keptShards(plan, staleKeys, previousSite === undefined ? undefined : target.previous) };
      })());
    const place = async (shard: number): Promise<void> => {
      const { dir } = await siteFolder();
      const to = path.join(dir, bundlePath(shard));
      if (cache) await linkTree(entry(keyOf.get(shard)!), to);
      else {
        await mkdir(path.dirname(to), { recursive: true });
        await rename(entry(keyOf.get(shard)!), to);
      }
    };

    const indexing = (async () => {
      for (const shard of plan.stale) {
        const records = await next!;
        // Ask for the next shard before indexing this one: its records travel while Pagefind works.
        next = fetchNext();
        const key = keyOf.get(shard)!;
        const temp = path.join(workDir, `.tmp-${process.pid}-${key}`);
        await rm(temp, { recursive: true, force: true });
        await writeBundle(records, plan.language, temp, previousSite === undefined ? undefined : path.join(previousSite, bundlePath(shard)));
        records.length = 0;
        // A finished bundle appears under its key at once, never half written.
        await rm(entry(key), { recursive: true, force: true });
        await rename(temp, entry(key));
      }
    })();
    // Cached bundles are linked in on Node's thread pool (link-files.ts) while Pagefind indexes.
    const linking = (async () => {
      const { kept } = await siteFolder();
      for (const { shard, key } of plan.shards) if (!staleKeys.has(key) && !kept.has(shard)) await place(shard);
    })();
    const outcomes = await Promise.allSettled([indexing, linking]);
    for (const o of outcomes) if (o.status === "rejected") throw o.reason;
    for (const shard of later) await place(shard);
    if (cache) await prune(cache, new Set(keyOf.values()));
    return { reindexed: plan.stale.length, kept: [...(await siteFolder()).kept] };
  } finally {
    await next?.catch(() => {});
    if (!cache) await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * The shards that stay where they are in the previous site: the same key as its intact bundle
 * there (`previous`), and not being indexed again.
 */
function keptShards(plan: SearchPlan, staleKeys: ReadonlySet<string>, previous: readonly ShardKey[] | undefined): Set<number> {
  const before = new Map((previous ?? []).map((s) => [s.shard, s.key]));
  return new Set(plan.shards.filter(({ shard, key }) => before.get(shard) === key && !staleKeys.has(key)).map((s) => s.shard));
}

/** Removes the cache entries (and leftover temporary bundles) that this build did not use. */
async function prune(cacheDir: string, used: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    const leftover = name.startsWith(`.tmp-${process.pid}-`);
    if ((FINGERPRINT.test(name) && !used.has(name)) || leftover) await rm(path.join(cacheDir, name), { recursive: true, force: true });
  }
}
