import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import type { Digest } from "../digest/types.ts";
import { linkFiles } from "./link-files.ts";
import { stabilizePagefind } from "./pagefind-stable.ts";
import { searchRecords, type SearchRecord } from "./search-records.ts";
import { bundlePath, shardOf, shardsInUse, type ShardOptions } from "./search-shards.ts";
import type { SiteConfig } from "./site-config.ts";

export interface SearchIndexOptions extends ShardOptions {
  /**
   * Folder of cached shard bundles (`.cache/search/` beside the content folder). A shard whose
   * records did not change is copied from it instead of indexed again; entries no build uses
   * any more are removed. Deleting it is always safe. Without it, every shard is indexed.
   */
  cacheDir?: string;
}

export interface SearchIndexResult {
  /** Pages indexed: reports and thread pages. */
  pages: number;
  /** Timeline entries indexed as records of their own. */
  entries: number;
  /** Pagefind bundles the index is split into (see search-shards.ts): one per shard with records. */
  shards: number;
  /** Shards indexed by Pagefind in this build; the others came from the cache. */
  reindexed: number;
}

/**
 * Bumped whenever the bundles written for the same records would differ (a change to
 * pagefind-stable.ts, to the Pagefind configuration, to the bundle layout): old cache entries
 * then stop matching.
 */
const FORMAT_VERSION = 1;

let pagefindVersionMemo: string | undefined;

/** The installed Pagefind's version, found the way Node resolves the package. */
function pagefindVersion(): string {
  if (pagefindVersionMemo) return pagefindVersionMemo;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, "node_modules", "pagefind", "package.json");
    if (existsSync(file)) return (pagefindVersionMemo = String((JSON.parse(readFileSync(file, "utf8")) as { version: string }).version));
    if (path.dirname(dir) === dir) throw new Error("Pagefind: cannot find the installed package's version");
  }
}

/** A shard's cache key: its records, the language, the Pagefind version and the format. */
function fingerprint(records: readonly SearchRecord[], language: string): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ format: FORMAT_VERSION, pagefind: pagefindVersion(), language }));
  for (const r of records) hash.update(JSON.stringify(r)).update("\n");
  return hash.digest("hex");
}

const FINGERPRINT = /^[0-9a-f]{64}$/;

const check = (what: string, response: { errors: string[] }): void => {
  if (response.errors.length > 0) throw new Error(`Pagefind ${what}: ${response.errors.join("; ")}`);
};

/** Indexes one shard's records into a Pagefind bundle at `outputPath`, in canonical form. */
async function writeBundle(records: readonly SearchRecord[], language: string, outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  try {
    for (const r of records) {
      if (r.kind === "html") check("page", await index.addHTMLFile({ url: r.url, content: r.html }));
      else check("record", await index.addCustomRecord({ url: r.url, content: r.content, language, meta: { title: r.title }, filters: r.filters }));
    }
    check("write", await index.writeFiles({ outputPath }));
  } finally {
    await index.deleteIndex();
  }
  await stabilizePagefind(outputPath);
}

/**
 * Builds the search index of a site into `<siteDir>/pagefind/` from the digest alone: it reads
 * no HTML, so it can run while the pages are being written. Reports, thread pages and timeline
 * entries (search-records.ts) are split into shards by URL (search-shards.ts); each shard is
 * a Pagefind bundle, reused from `cacheDir` when its records are unchanged. Pagefind writes
 * content-hashed file names and no timestamps, and pagefind-stable.ts puts its filter indexes
 * in canonical order, so the same digest gives the same bytes.
 */
export async function buildSearchIndex(siteDir: string, digest: Digest, site: SiteConfig, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  return indexRecords(siteDir, searchRecords(digest, site.language, site.title), site.language, options);
}

/**
 * The indexing half of `buildSearchIndex`: shards, cache and Pagefind bundles for records
 * already made (search-thread.ts runs it in a worker thread). `records` is emptied as each
 * shard is handed to Pagefind.
 */
export async function indexRecords(siteDir: string, records: SearchRecord[], language: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const pages = records.filter((r) => r.kind === "html").length;
  const entries = records.length - pages;
  // The same split as searchBundles (the search page's list), from the same URLs.
  const { shards: count, used } = shardsInUse(
    records.map((r) => r.url),
    options,
  );
  const groups = new Map<number, SearchRecord[]>(used.map((k) => [k, []]));
  for (const r of records) groups.get(shardOf(r.url, count))!.push(r);
  const keys = new Map([...groups].map(([k, g]) => [k, fingerprint(g, language)]));
  // From here on the records live only in the groups of the shards still to index, each let go
  // once Pagefind has it: on a large site they are a second copy of every report's HTML.
  records.length = 0;

  // Without a cache, bundles are written beside the site and moved in; with one, into it.
  const cacheDir = options.cacheDir === undefined ? null : path.resolve(options.cacheDir);
  const workDir = cacheDir ?? `${path.resolve(siteDir)}.search-${process.pid}`;
  await mkdir(workDir, { recursive: true });
  const entry = (key: string) => path.join(workDir, key);
  const cached = (key: string) => cacheDir !== null && existsSync(path.join(entry(key), "pagefind-entry.json"));
  /** Fingerprint → the shard to index for it. */
  const stale = new Map<string, number>();
  for (const [k, key] of keys) {
    if (cached(key) || stale.has(key)) groups.delete(k);
    else stale.set(key, k);
  }
  try {
    for (const [key, k] of stale) {
      const temp = path.join(workDir, `.tmp-${process.pid}-${key}`);
      await rm(temp, { recursive: true, force: true });
      await writeBundle(groups.get(k)!, language, temp);
      groups.delete(k);
      // A finished bundle appears under its key at once, never half written.
      await rm(entry(key), { recursive: true, force: true });
      await rename(temp, entry(key));
    }
    const target = path.join(siteDir, "pagefind");
    await rm(target, { recursive: true, force: true });
    await mkdir(siteDir, { recursive: true });
    for (const [k, key] of keys) {
      const to = path.join(siteDir, bundlePath(k));
      if (cacheDir) await linkTree(entry(key), to);
      else await rename(entry(key), to);
    }
    if (cacheDir) await prune(cacheDir, new Set(keys.values()));
  } finally {
    if (stale.size > 0) await pagefind.close();
    if (!cacheDir) await rm(workDir, { recursive: true, force: true });
  }
  return { pages, entries, shards: used.length, reindexed: stale.size };
}

/**
 * Puts a cached bundle into the site as hard links (link-files.ts). Cache entries are complete
 * before they get their name, and the site is rebuilt into a fresh folder, so neither side is
 * ever written in place.
 */
async function linkTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  await mkdir(to, { recursive: true });
  const rel = (e: { parentPath: string; name: string }) => path.relative(from, path.join(e.parentPath, e.name));
  for (const e of entries) if (e.isDirectory()) await mkdir(path.join(to, rel(e)), { recursive: true });
  linkFiles(entries.filter((e) => e.isFile()).map(rel), from, to);
}

/** Removes the cache entries (and leftover temporary bundles) that this build did not use. */
async function prune(cacheDir: string, used: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    const leftover = name.startsWith(`.tmp-${process.pid}-`);
    if ((FINGERPRINT.test(name) && !used.has(name)) || leftover) await rm(path.join(cacheDir, name), { recursive: true, force: true });
  }
}
