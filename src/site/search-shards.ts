import { createHash } from "node:crypto";
import type { DigestWithThreads } from "./search-facets.ts";
import { searchRecordUrls } from "./search-records.ts";

/**
 * How the search index is split. Records go to shards by a hash of their URL, so a record
 * stays in its shard from build to build and an edit re-indexes only the shard that holds it.
 * Each shard is a Pagefind bundle of its own: shard 0 at `/pagefind/` (where the UI's script
 * and styles are served), shard k at `/pagefind/shard-k/`; the search page merges them.
 */

/** Records per shard aimed at: Pagefind writes a bundle of this size in about a second. */
export const DEFAULT_SHARD_SIZE = 1750;

export interface ShardOptions {
  /** Records per shard aimed at (tests force small shards). Default DEFAULT_SHARD_SIZE. */
  shardSize?: number;
}

/** Number of shards for `records` records: 1 for small sites. Records hash to
 * shards unevenly, so with very small shards (tests) some may be empty. */
export function shardCount(records: number, options: ShardOptions = {}): number {
  const size = options.shardSize ?? DEFAULT_SHARD_SIZE;
  if (!(size >= 1)) throw new Error(`search shard size must be at least 1, got ${size}`);
  return Math.max(1, Math.ceil(records / size));
}

/** The shard of a record: a stable hash of its URL (no state, no order), modulo the count. */
export function shardOf(url: string, shards: number): number {
  if (shards <= 1) return 0;
  return createHash("sha256").update(url).digest().readUInt32BE(0) % shards;
}

/** Folder of shard `k`'s bundle, relative to the site root ("pagefind/", "pagefind/shard-1/"). */
export function bundlePath(k: number): string {
  return k === 0 ? "pagefind/" : `pagefind/shard-${k}/`;
}

/**
 * The shards that get a bundle: those holding records, and always shard 0, which serves the
 * UI's script and styles (Pagefind cannot merge a bundle without records).
 */
export function shardsInUse(urls: readonly string[], options: ShardOptions = {}): { shards: number; used: number[] } {
  const shards = shardCount(urls.length, options);
  const used = new Set([0, ...urls.map((u) => shardOf(u, shards))]);
  return { shards, used: [...used].sort((a, b) => a - b) };
}

/**
 * The search bundles of a site, relative to its root, the primary one first: what the search
 * page merges (global data `searchBundles`). A pure function of the digest, in step with what
 * `buildSearchIndex` writes for the same digest and options.
 */
export function searchBundles(digest: DigestWithThreads, options: ShardOptions = {}): string[] {
  return shardsInUse(searchRecordUrls(digest), options).used.map(bundlePath);
}
