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
 */
interface CacheFile {
  version: string;
  entries: Record<string, { hash: string; analysis: ReportAnalysis }>;
}

const FORMAT = "dateline-analysis-1";

/** Hash of every source file under `src/` (sorted), so a code change invalidates the cache. */
export async function codeVersion(srcDir: string): Promise<string> {
  const hash = createHash("sha256").update(FORMAT);
  const files = (await readdir(srcDir, { recursive: true })).filter((f) => f.endsWith(".ts")).sort();
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
  private entries: CacheFile["entries"] = {};
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
      const data = deserialize(await readFile(cache.file)) as CacheFile;
      if (data.version === version) cache.entries = data.entries;
    } catch {
      // No cache yet, or one from another version: start afresh.
    }
    return cache;
  }

  get(file: string, hash: string): ReportAnalysis | undefined {
    const entry = this.entries[file];
    if (entry && entry.hash === hash) {
      this.hits++;
      return entry.analysis;
    }
    this.misses++;
    return undefined;
  }

  set(file: string, hash: string, analysis: ReportAnalysis): void {
    this.entries[file] = { hash, analysis };
    this.dirty = true;
  }

  /** Keeps only the given files (reports deleted from the folder leave the cache). */
  retain(files: ReadonlySet<string>): void {
    for (const file of Object.keys(this.entries)) {
      if (!files.has(file)) {
        delete this.entries[file];
        this.dirty = true;
      }
    }
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, serialize({ version: this.version, entries: this.entries } satisfies CacheFile));
    await rename(tmp, this.file);
    this.dirty = false;
  }
}
