import crypto, { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * How the search index is split, and the cache key of a shard: the part of the search code that
 * both the main thread and the search-index thread load. It imports nothing but Node's own modules, so
 * the thread starts without loading the digest's modules (compromise and the rest).
 *
 * Records go to shards by a hash of their URL, so a record stays in its shard from build to
 * build and an edit re-indexes only the shards that hold changed records. Each shard is a
 * Pagefind bundle of its own: shard 0 at `/pagefind/` (where the UI's script and styles are
 * served), shard k at `/pagefind/shard-k/`; the search page merges them.
 */

/** Records per shard aimed at: Pagefind writes a bundle of this size in about a second. */
export const DEFAULT_SHARD_SIZE = 1750;

export interface ShardOptions {
  /**
   * Records per shard aimed at (tests force small shards). Default: `DATELINE_SEARCH_SHARD_SIZE`
   * (the whole site, the search page's bundle list included, reads it), else DEFAULT_SHARD_SIZE.
   */
  shardSize?: number;
}

/** `DATELINE_SEARCH_SHARD_SIZE` when it is a positive whole number, else DEFAULT_SHARD_SIZE. */
function defaultShardSize(): number {
  const n = Number(process.env.DATELINE_SEARCH_SHARD_SIZE);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_SHARD_SIZE;
}

/** Number of shards for `records` records: 1 for small sites. Records hash to
 * shards unevenly, so with very small shards (tests) some may be empty. */
export function shardCount(records: number, options: ShardOptions = {}): number {
  const size = options.shardSize ?? defaultShardSize();
  if (!(size >= 1)) throw new Error(`search shard size must be at least 1, got ${size}`);
  return Math.max(1, Math.ceil(records / size));
}

/** SHA-256 of a text: the one-shot `crypto.hash` (Node 20.12+, a third of the time), else a Hash. */
const sha256: (text: string) => Buffer =
  typeof crypto.hash === "function" ? (text) => crypto.hash("sha256", text, "buffer") : (text) => createHash("sha256").update(text).digest();

/** The shard of a record: a stable hash of its URL (no state, no order), modulo the count. */
export function shardOf(url: string, shards: number): number {
  if (shards <= 1) return 0;
  return sha256(url).readUInt32BE(0) % shards;
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
  return { shards, used: usedShards(urls.map((u) => shardOf(u, shards))) };
}

/** The shards that get a bundle, in order, given the shard of each record (see `shardsInUse`). */
export function usedShards(shardOfRecord: Iterable<number>): number[] {
  return [...new Set([0, ...shardOfRecord])].sort((a, b) => a - b);
}

/**
 * A record as Pagefind gets it (search-records.ts makes them). Reports and thread pages are
 * small HTML documents; timeline entries are custom records.
 */
export type SearchRecord =
  | { kind: "html"; url: string; html: string }
  | { kind: "record"; url: string; title: string; content: string; filters: Record<string, string[]> };

/**
 * Bumped whenever the bundles written for the same records would differ (a change to
 * pagefind-stable.ts, to the Pagefind configuration, to the bundle layout) or the key is
 * computed differently: old cache entries then stop matching.
 */
const FORMAT_VERSION = 2;

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

/**
 * A shard's cache key: a fingerprint of its records in order, the language, the Pagefind version
 * and the format. Every text is hashed as it is behind its length (no JSON escaping of whole
 * report bodies: that cost ten times the hashing).
 */
export function fingerprint(records: Iterable<SearchRecord>, language: string): string {
  const hash = createHash("sha256").update(JSON.stringify({ format: FORMAT_VERSION, pagefind: pagefindVersion(), language }));
  const text = (s: string) => hash.update(`\n${s.length}:`).update(s);
  for (const r of records) {
    text(r.kind);
    text(r.url);
    if (r.kind === "html") text(r.html);
    else {
      text(r.title);
      text(r.content);
      text(JSON.stringify(r.filters));
    }
  }
  return hash.digest("hex");
}

/** Cache entry names are fingerprints; anything else in the cache folder is not an entry. */
export const FINGERPRINT = /^[0-9a-f]{64}$/;

/** Whether the cache holds a complete bundle under this key (entries get their name when whole). */
export function isCached(cacheDir: string | undefined, key: string): boolean {
  return cacheDir !== undefined && existsSync(path.join(cacheDir, key, "pagefind-entry.json"));
}

/**
 * What the search-index thread is asked to write: every shard that gets a bundle, with its
 * cache key, and which of them must be indexed. Made on the side that holds the digest,
 * shard by shard (search-index.ts `planSearchIndex`); the records themselves travel only for
 * the shards to index, one shard at a time, when the writer asks for them.
 */
/** A shard and the fingerprint of its records (its cache key). */
export interface ShardKey {
  shard: number;
  key: string;
}

/**
 * Where the bundles go (search-bundles.ts `writeSearchBundles`), and the shards of the site as it
 * is now that a rebuild may leave where they are: the last build's, each still the bundle that
 * build left (render-manifest.ts `intactShards`).
 */
export interface SearchTarget {
  dir: string;
  previous?: ShardKey[];
}

export function searchTarget(dir: string, previous: readonly ShardKey[] | undefined): SearchTarget {
  return { dir: path.resolve(dir), ...(previous ? { previous: [...previous] } : {}) };
}

export interface SearchPlan {
  language: string;
  /** Pages indexed (reports and thread pages) and timeline entries. */
  pages: number;
  entries: number;
  /** Shards in use, in order, each with its fingerprint. */
  shards: ShardKey[];
  /** Shards to index, in order: not in the cache, and the first of any fingerprint. */
  stale: number[];
}
