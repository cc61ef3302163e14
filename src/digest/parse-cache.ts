import { createHash } from "node:crypto";
import type { ParseMemo, ParseOutcome } from "../content/load.ts";
import { BlobFile } from "./blob-file.ts";
import { cacheFile } from "./cache.ts";

const FORMAT = "dateline-parse-2";

/** What the parse cache keys a file's bytes by. SHA-1 is ample against accidental collisions and a third faster than SHA-256 here. */
export function bytesHash(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

/**
 * The parse cache: what each report file's bytes made when loaded (the validated report and
 * every problem, warnings included), keyed by a hash of the bytes, so a rebuild re-parses only
 * the files that changed and still reports every warning of every file (src/content/load.ts,
 * ParseMemo). Same file format and rules as the analysis cache (blob-file.ts): part of the
 * code version, a damaged or older file or entry is discarded, deleting it is always safe.
 */
export class ParseCache implements ParseMemo {
  hits = 0;
  misses = 0;
  private readonly seen = new Set<string>();

  private constructor(private readonly store: BlobFile) {}

  static async open(cacheDir: string, contentDir: string, version: string): Promise<ParseCache> {
    return new ParseCache(await BlobFile.open(cacheFile(cacheDir, contentDir, "parse"), FORMAT, version));
  }

  parse(file: string, bytes: Uint8Array, compute: (file: string, bytes: Uint8Array) => ParseOutcome): ParseOutcome {
    const hash = bytesHash(bytes);
    const cached = this.lookup(file, hash);
    if (cached) return cached;
    // Not cached, or a damaged entry: parsed again, and replaced.
    const outcome = compute(file, bytes);
    this.remember(file, hash, outcome);
    return outcome;
  }

  /** What `file`'s bytes of hash `hash` (bytesHash) made, when cached; counts `file` as parsed. */
  lookup(file: string, hash: string): ParseOutcome | undefined {
    this.seen.add(file);
    const cached = this.store.value<ParseOutcome>(file, hash);
    if (cached) this.hits++;
    else this.misses++;
    return cached;
  }

  /** Stores what `file`'s bytes of hash `hash` (bytesHash) made, as `parse` would have. */
  remember(file: string, hash: string, outcome: ParseOutcome): void {
    this.seen.add(file);
    this.store.put(file, hash, outcome);
  }

  /** Counts `file` as parsed, its entry unchanged (kept by `save`). */
  keep(file: string): void {
    this.seen.add(file);
  }

  /** Writes the cache back, keeping only the files parsed since it was opened. */
  save(): Promise<void> {
    this.store.retain(this.seen);
    return this.store.save();
  }
}
