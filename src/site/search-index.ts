import path from "node:path";
import type { DigestContent } from "../digest/types.ts";
import { closePagefind, writeSearchBundles } from "./search-bundles.ts";
import { searchRecordSource, type SearchRecord, type SearchRecordSource } from "./search-records.ts";
import { fingerprint, isCached, shardCount, shardOf, usedShards, type SearchPlan, type ShardKey, type ShardOptions, searchTarget } from "./search-split.ts";
import type { SiteConfig } from "./site-config.ts";

export interface SearchIndexOptions extends ShardOptions {
  /**
   * Folder of cached shard bundles (`.cache/search/` beside the content folder). A shard whose
   * records did not change is copied from it instead of indexed again; entries no build uses
   * any more are removed. Deleting it is always safe. Without it, every shard is indexed.
   */
  cacheDir?: string;
  /**
   * The site as it is now (the output folder, when the index is written into its staging folder):
   * a re-indexed shard links the files its bundle there has unchanged (search-bundles.ts).
   */
  previousSite?: string;
  /**
   * The bundles `previousSite` holds, by the last build's render manifest: a shard with the same
   * key is left where it is there rather than put in the new folder (search-bundles.ts).
   */
  previousBundles?: readonly ShardKey[];
}

export interface SearchIndexResult {
  /** Pages indexed: reports and thread pages. */
  pages: number;
  /** Timeline entries indexed as records of their own. */
  entries: number;
  /** Pagefind bundles the index is split into (see search-split.ts): one per shard with records. */
  shards: number;
  /** Shards indexed by Pagefind in this build; the others came from the cache. */
  reindexed: number;
  /** Every shard that gets a bundle, with its key: what the render manifest keeps for the next build. */
  bundles: ShardKey[];
  /** Shards left where they are in the previous site, not put in the new folder (site-commit.ts). */
  kept: number[];
}

/**
 * A site's records by shard, each shard's records made when asked for (search-records.ts
 * `searchRecordSource`), never all at once.
 */
export interface ShardedRecords {
  /** Shards that get a bundle, in order (search-split.ts `shardsInUse`). */
  readonly used: readonly number[];
  readonly pages: number;
  readonly entries: number;
  /** Makes the records of one shard, in record order. */
  records(shard: number): SearchRecord[];
}

/** Splits a record source into shards: the same split as `searchBundles`, from the same URLs. */
export function shardRecords(source: SearchRecordSource, options: ShardOptions = {}): ShardedRecords {
  // Each record's shard, hashed once: a shard's records are then found without hashing again.
  const shards = shardCount(source.urls.length, options);
  const shardOfRecord = new Uint32Array(source.urls.length);
  for (let i = 0; i < shardOfRecord.length; i++) shardOfRecord[i] = shardOf(source.urls[i]!, shards);
  return {
    // The shards in use, as shardsInUse (and so the search page's bundle list) counts them.
    used: usedShards(shardOfRecord),
    pages: source.pages,
    entries: source.entries,
    records(shard) {
      const out: SearchRecord[] = [];
      for (let i = 0; i < shardOfRecord.length; i++) if (shardOfRecord[i] === shard) out.push(source.record(i));
      return out;
    },
  };
}

/**
 * What to write: each shard's cache key, fingerprinted from its records as they are made, one
 * shard at a time (nothing is kept), and which shards the cache does not hold. Making a
 * shard's records again when it is indexed costs far less than holding them all meanwhile.
 */
export function planSearchIndex(sharded: ShardedRecords, language: string, cacheDir?: string): SearchPlan {
  const shards: SearchPlan["shards"] = [];
  const stale: number[] = [];
  const seen = new Set<string>();
  for (const shard of sharded.used) {
    const key = fingerprint(sharded.records(shard), language);
    shards.push({ shard, key });
    if (!seen.has(key) && !isCached(cacheDir, key)) stale.push(shard);
    seen.add(key);
  }
  return { language, pages: sharded.pages, entries: sharded.entries, shards, stale };
}

/**
 * Builds the search index of a site into `<siteDir>/pagefind/` from the digest alone: it reads
 * no HTML, so it can run while the pages are being written. Reports, thread pages and timeline
 * entries (search-records.ts) are split into shards by URL (search-split.ts); each shard is a
 * Pagefind bundle, reused from `cacheDir` when its records are unchanged. Pagefind writes
 * content-hashed file names and no timestamps, and pagefind-stable.ts puts its filter indexes
 * in canonical order, so the same digest gives the same bytes. Runs in the calling thread;
 * search-thread.ts runs the indexing on a thread of its own.
 */
export async function buildSearchIndex(siteDir: string, digest: DigestContent, site: SiteConfig, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  return indexSharded(siteDir, shardRecords(searchRecordSource(digest, site.language), options), site.language, options);
}

async function indexSharded(siteDir: string, sharded: ShardedRecords, language: string, options: SearchIndexOptions): Promise<SearchIndexResult> {
  const cacheDir = options.cacheDir === undefined ? undefined : path.resolve(options.cacheDir);
  const plan = planSearchIndex(sharded, language, cacheDir);
  try {
    const previous = options.previousSite === undefined ? undefined : path.resolve(options.previousSite);
    const { reindexed, kept } = await writeSearchBundles(searchTarget(siteDir, options.previousBundles), plan, async (shard) => sharded.records(shard), cacheDir, previous);
    return searchIndexResult(plan, reindexed, kept);
  } finally {
    if (plan.stale.length > 0) await closePagefind();
  }
}

export const searchIndexResult = (plan: SearchPlan, reindexed: number, kept: readonly number[]): SearchIndexResult => ({
  pages: plan.pages,
  entries: plan.entries,
  shards: plan.shards.length,
  reindexed,
  bundles: plan.shards.map((s) => ({ ...s })),
  kept: [...kept].sort((a, b) => a - b),
});
