import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir, unlink } from "node:fs/promises";
import path from "node:path";
import { filesUnder } from "../digest/tree-hash.ts";
import { folderMaker, inLanes, linkTree } from "./link-files.ts";
import { bundlePath } from "./search-split.ts";

/**
 * How a finished build goes into the site folder. The render writes into a staging folder
 * beside the site; nothing in the site changes before the build has succeeded.
 *
 * - A build that renders the site from nothing (the first, or after a change every page
 *   prints) has the whole site in staging, and `swapIn` replaces the site with it in one rename.
 * - A rebuild after an edit has in staging only what it rendered again: the pages whose model
 *   changed, the one-off pages, the data files and the search bundles. `commitInPlace` moves
 *   those into the site over the files they replace (each a rename: a reader gets the old page
 *   or the new one, never half of one) and deletes the files this build no longer makes. The
 *   unchanged pages are never touched (issue 8: carrying ~4,700 unchanged pages and ~12,700
 *   search files of a 4,000-report site into a new folder, then deleting the old folder, cost
 *   more than all the rest of the file work of a rebuild).
 *
 * Files are named relative to the site folder; the search bundles (`pagefind/`) are never
 * listed: they are replaced as a whole, or shard by shard when the build kept some of them where
 * they are (`SearchCommit`).
 */

/** The site's search bundles, replaced as a whole. */
const SEARCH_FOLDER = "pagefind";

/** Folders of shard k > 0 inside the bundles' folder (search-split.ts `bundlePath`), whose own files are shard 0's. */
const SHARD_FOLDER = /^shard-(\d+)$/;

/**
 * What the search index left out of the staging folder (search-bundles.ts): the shards it kept
 * where they are in the site, and the shards the new site has.
 */
export interface SearchCommit {
  kept: readonly number[];
  bundles: readonly { shard: number }[];
}

/** File calls in flight at once when moving and deleting files. */
const LANES = 16;

/**
 * The files of a site folder outside its search bundles, sorted. The bundles' folder is not
 * walked at all: it holds most of a site's files (~12,700 of ~17,000 at 4,000 reports).
 */
export function siteFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === SEARCH_FOLDER) continue;
    if (entry.isFile()) files.push(entry.name);
    else if (entry.isDirectory()) for (const file of filesUnder(path.join(dir, entry.name))) files.push(path.join(entry.name, file));
  }
  return files.sort();
}

/**
 * Moves what a rebuild wrote into `staging` over the site in `outputDir`, and deletes the files
 * of the previous build (`previous`) that are neither written now nor `kept` (the unchanged
 * pages left in place), with the folders that leaves empty. Files in the site that no build
 * made are left alone. Returns the files the site now has (outside its search bundles).
 */
export async function commitInPlace(
  staging: string,
  outputDir: string,
  previous: readonly string[],
  kept: Iterable<string>,
  trash: string,
  search?: SearchCommit,
): Promise<string[]> {
  const written = siteFiles(staging);
  const folder = folderMaker();
  await inLanes(
    written,
    async (file) => {
      const to = path.join(outputDir, file);
      await folder(path.dirname(to));
      await rename(path.join(staging, file), to);
    },
    LANES,
  );
  await replaceSearch(path.join(staging, SEARCH_FOLDER), path.join(outputDir, SEARCH_FOLDER), trash, search);
  const now = new Set([...written, ...kept]);
  const stale = previous.filter((file) => !now.has(file));
  await inLanes(stale, (file) => unlink(path.join(outputDir, file)).catch(notMissing), LANES);
  await pruneEmptyFolders(outputDir, stale);
  await rm(staging, { recursive: true, force: true });
  return [...now].sort();
}

/** Removes the folders of `files` (and their parents, inside `root`) that are now empty. */
async function pruneEmptyFolders(root: string, files: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) for (let dir = path.dirname(file); dir !== "." && dir !== path.sep; dir = path.dirname(dir)) folders.add(dir);
  // Deepest first, so that a parent is tried once its children are gone.
  const deepestFirst = [...folders].sort((a, b) => b.split(path.sep).length - a.split(path.sep).length || (a < b ? -1 : 1));
  for (const dir of deepestFirst) await rmdir(path.join(root, dir)).catch(() => {}); // not empty, or gone: either is fine
}

/**
 * Puts `from` (a folder) in place of `to`, the folder it replaces going to the trash; without
 * `from`, `to` stays as it is.
 */
async function replaceFolder(from: string, to: string, trash: string): Promise<void> {
  const next = `${to}.new-${process.pid}`;
  try {
    await rename(from, next);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  await retire(to, trash);
  await rename(next, to);
}

/**
 * Puts the search bundles of `from` in place of those of `to`: as a whole, or, when the build
 * kept shards in the site, each shard it wrote in place of the site's (shard k's folder in one
 * rename; shard 0's own files and folders one by one), removing the shards no longer in use.
 */
async function replaceSearch(from: string, to: string, trash: string, search: SearchCommit | undefined): Promise<void> {
  if (!search || search.kept.length === 0) return replaceFolder(from, to, trash);
  const kept = new Set(search.kept);
  const used = new Set(search.bundles.map((b) => b.shard));
  const own = async (dir: string) => (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => !SHARD_FOLDER.test(e.name));
  for (const shard of [...used].sort((a, b) => a - b)) {
    if (kept.has(shard)) continue;
    if (shard > 0) {
      await mkdir(to, { recursive: true });
      const bundle = path.relative(SEARCH_FOLDER, bundlePath(shard));
      await replaceFolder(path.join(from, bundle), path.join(to, bundle), trash);
      continue;
    }
    const before = await own(to);
    const after = await own(from);
    for (const entry of after) {
      if (entry.isDirectory()) await replaceFolder(path.join(from, entry.name), path.join(to, entry.name), trash);
      else await rename(path.join(from, entry.name), path.join(to, entry.name));
    }
    const names = new Set(after.map((e) => e.name));
    for (const entry of before) if (!names.has(entry.name)) await rm(path.join(to, entry.name), { recursive: true, force: true });
  }
  for (const entry of await readdir(to, { withFileTypes: true })) {
    const shard = SHARD_FOLDER.exec(entry.name);
    if (shard && !used.has(Number(shard[1]))) await retire(path.join(to, entry.name), trash);
  }
}

/**
 * Swaps a complete site in: the site folder is replaced by `staging` in one rename, the
 * previous one going to the trash (`retire`). The search shards the build kept in the site
 * (`search`) are first linked into `staging` from there.
 */
export async function swapIn(staging: string, outputDir: string, trash: string, search?: SearchCommit): Promise<void> {
  for (const shard of search?.kept ?? []) {
    const bundle = bundlePath(shard);
    await linkTree(path.join(outputDir, bundle), path.join(staging, bundle), (name) => shard === 0 && SHARD_FOLDER.test(name));
  }
  const retired = `${outputDir}.old-${process.pid}`;
  let hadPrevious = true;
  try {
    await rename(outputDir, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadPrevious = false;
  }
  try {
    await rename(staging, outputDir);
  } catch (error) {
    if (hadPrevious) await rename(retired, outputDir);
    throw error;
  }
  if (hadPrevious) await retire(retired, trash);
}

/**
 * Moves a folder into `trash` (in the cache folder), where a process of its own deletes it,
 * outliving the build: tens of thousands of files on a large site, a second off every rebuild,
 * and deleted here they also held up the file reads and writes of the render (Node runs both
 * on one small thread pool). Whatever is left there (a build killed mid-way) is deleted the same
 * way by the next build (`emptyTrash`). Where the cache lies on another file system, the folder
 * is deleted at once. A folder that does not exist is fine.
 */
async function retire(dir: string, trash: string): Promise<void> {
  const discarded = path.join(trash, `${path.basename(dir)}-${process.pid}-${Date.now()}`);
  try {
    await mkdir(trash, { recursive: true });
    await rename(dir, discarded);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    await rm(dir, { recursive: true, force: true });
    return;
  }
  discardInBackground([discarded]);
}

/** Deletes in the background what earlier builds left in the trash. */
export async function emptyTrash(trash: string): Promise<void> {
  discardInBackground(await readdir(trash).then((names) => names.map((n) => path.join(trash, n)), () => []));
}

/** Deletes folders from a detached Node process, which goes on after this one exits. */
function discardInBackground(dirs: readonly string[]): void {
  if (dirs.length === 0) return;
  const script = 'for (const d of process.argv.slice(1)) try { require("node:fs").rmSync(d, { recursive: true, force: true }) } catch {}';
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // nothing to preload for this
  spawn(process.execPath, ["-e", script, ...dirs], { detached: true, stdio: "ignore", env }).unref();
}

const notMissing = (error: NodeJS.ErrnoException): void => {
  if (error.code !== "ENOENT") throw error;
};

