import type { DigestWithThreads } from "./search-facets.ts";
import { searchRecordUrls } from "./search-records.ts";
import { bundlePath, shardsInUse, type ShardOptions } from "./search-split.ts";

// The split itself lives in search-split.ts, which the search-index thread loads without the
// digest's modules; this module adds the bundle list the search page needs, made from a digest.
export { bundlePath, DEFAULT_SHARD_SIZE, shardCount, shardOf, shardsInUse, type ShardOptions } from "./search-split.ts";

/**
 * The search bundles of a site, relative to its root, the primary one first: what the search
 * page merges (global data `searchBundles`). A pure function of the digest, in step with what
 * `buildSearchIndex` writes for the same digest and options.
 */
export function searchBundles(digest: DigestWithThreads, options: ShardOptions = {}): string[] {
  return shardsInUse(searchRecordUrls(digest), options).used.map(bundlePath);
}
