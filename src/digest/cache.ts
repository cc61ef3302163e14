import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import type { LoadedReport } from "../content/load.ts";
import type { StoryConfig } from "../content/story.ts";
import type { ReportAnalysis } from "./analyze.ts";

/**
 * The per-report analysis cache: one file per content folder under `.cache/`, mapping each
 * report file to the hash of what was analyzed and the result. The hash covers the report
 * (front matter and body), the story configuration and the source code of the pipeline, so a
 * change to any of them re-analyzes exactly what it affects. Deleting `.cache/` is always safe.
 *
 * File layout: the format name and a 4-byte header length, a JSON header (code version, and per
 * report file its hash and the byte length of its entry), then each entry's analysis as its own
 * v8-serialized blob, in header order. Per-entry blobs mean a rebuild after one edit reads the
 * file once, deserializes each analysis straight from the file's bytes, and writes back the
 * unchanged entries' bytes as they were, serializing only what was re-analyzed (issue 8:
 * re-serializing the whole cache was 0.2 s of CPU a rebuild at 4,000 reports).
 */
interface Entry {
  hash: string;
  /** The serialized analysis (from the file, or serialized when set). */
  blob: Uint8Array;
}

interface Header {
  version: string;
  /** [file, hash, blob length], in the order of the blobs. */
  entries: [string, string, number][];
}

const FORMAT = "dateline-analysis-2";
const MAGIC = Buffer.from(`${FORMAT}\n`);

/**
 * Where an analysis never comes from: the site's rendering and the command line. Editing a
 * template helper must not make the next build analyze every report again.
 */
const NOT_ANALYSIS = /^(site|cli)[\\/]/;

/**
 * Hash of every source file under `src/` (sorted) that can shape an analysis, so a change to
 * that code invalidates the cache.
 */
export async function codeVersion(srcDir: string): Promise<string> {
  const hash = createHash("sha256").update(FORMAT);
  const files = (await readdir(srcDir, { recursive: true })).filter((f) => f.endsWith(".ts") && !NOT_ANALYSIS.test(f)).sort();
  for (const file of files) {
    hash.update(file);
    hash.update(await readFile(path.join(srcDir, file)));
  }
  return hash.digest("hex");
}

export function reportHash(report: LoadedReport, storyHash: string): string {
  return createHash("sha256").update(storyHash).update(JSON.stringify(report)).digest("hex");
}

export function storyHash(story: StoryConfig | null): string {
  return createHash("sha256").update(JSON.stringify(story)).digest("hex");
}

export class AnalysisCache {
  private entries = new Map<string, Entry>();
  private dirty = false;
  hits = 0;
  misses = 0;

  private constructor(
    private readonly file: string,
    private readonly version: string,
  ) {}

  /** Opens the cache of a content folder; a missing, stale or unreadable cache starts empty. */
  static async open(cacheDir: string, contentDir: string, version: string): Promise<AnalysisCache> {
    const key = createHash("sha256").update(path.resolve(contentDir)).digest("hex").slice(0, 16);
    const cache = new AnalysisCache(path.join(cacheDir, `analysis-${key}.v8`), version);
    try {
      cache.entries = parse(await readFile(cache.file), version);
    } catch {
      // No cache yet, or one from another version or format: start afresh.
    }
    return cache;
  }

  get(file: string, hash: string): ReportAnalysis | undefined {
    const entry = this.entries.get(file);
    if (entry && entry.hash === hash) {
      try {
        const analysis = deserialize(entry.blob) as ReportAnalysis;
        this.hits++;
        return analysis;
      } catch {
        // A damaged entry is a miss; it is replaced when the report is analyzed again.
      }
    }
    this.misses++;
    return undefined;
  }

  set(file: string, hash: string, analysis: ReportAnalysis): void {
    this.entries.set(file, { hash, blob: serialize(analysis) });
    this.dirty = true;
  }

  /** Keeps only the given files (reports deleted from the folder leave the cache). */
  retain(files: ReadonlySet<string>): void {
    for (const file of this.entries.keys()) {
      if (!files.has(file)) {
        this.entries.delete(file);
        this.dirty = true;
      }
    }
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const list = [...this.entries];
    const header: Header = { version: this.version, entries: list.map(([file, e]) => [file, e.hash, e.blob.length]) };
    const json = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    await writeFile(tmp, Buffer.concat([MAGIC, length, json, ...list.map(([, e]) => e.blob)]));
    await rename(tmp, this.file);
    this.dirty = false;
  }
}

/** The entries of a cache file; throws when it is not one, or is of another code version. */
function parse(data: Buffer, version: string): Map<string, Entry> {
  if (!data.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error("not a cache file of this format");
  const jsonLength = data.readUInt32LE(MAGIC.length);
  let at = MAGIC.length + 4;
  const header = JSON.parse(data.toString("utf8", at, at + jsonLength)) as Header;
  if (header.version !== version) throw new Error("cache of another code version");
  at += jsonLength;
  const entries = new Map<string, Entry>();
  for (const [file, hash, length] of header.entries) {
    if (at + length > data.length) throw new Error("truncated cache file");
    // A view into the file's bytes, not a copy.
    entries.set(file, { hash, blob: data.subarray(at, at + length) });
    at += length;
  }
  return entries;
}
