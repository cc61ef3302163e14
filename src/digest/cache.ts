import { createHash } from "node:crypto";
import path from "node:path";
import type { LoadedReport } from "../content/load.ts";
import type { StoryConfig } from "../content/story.ts";
import type { ReportAnalysis } from "./analyze.ts";
import { BlobFile } from "./blob-file.ts";
import { hashTree } from "./tree-hash.ts";

/**
 * The per-report analysis cache: one file per content folder under `.cache/`, mapping each
 * report file to the hash of what was analyzed and the result. The hash covers the report
 * (front matter and body), the story configuration and the source code of the pipeline, so a
 * change to any of them re-analyzes exactly what it affects. Deleting `.cache/` is always safe.
 *
 * Each analysis is its own v8-serialized blob in the file (blob-file.ts), so a rebuild after one
 * edit deserializes each analysis straight from the file's bytes and serializes only what was
 * re-analyzed.
 */
const FORMAT = "dateline-analysis-3";

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
  hashTree(hash, srcDir, "", (f) => f.endsWith(".ts") && !NOT_ANALYSIS.test(f));
  return hash.digest("hex");
}

export function reportHash(report: LoadedReport, storyHash: string): string {
  return createHash("sha256").update(storyHash).update(JSON.stringify(report)).digest("hex");
}

export function storyHash(story: StoryConfig | null): string {
  return createHash("sha256").update(JSON.stringify(story)).digest("hex");
}

/** The cache folder a build of `contentDir` uses unless told otherwise: `.cache/` beside it. */
export function defaultCacheDir(contentDir: string): string {
  return path.join(path.dirname(path.resolve(contentDir)), ".cache");
}

/** Where a content folder's cache files go: `<cacheDir>/<kind>-<hash of the folder's path>.v8`. */
export function cacheFile(cacheDir: string, contentDir: string, kind: string): string {
  const key = createHash("sha256").update(path.resolve(contentDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, `${kind}-${key}.v8`);
}

export class AnalysisCache {
  hits = 0;
  misses = 0;

  private constructor(private readonly store: BlobFile) {}

  /** Opens the cache of a content folder; a missing, stale or unreadable cache starts empty. */
  static async open(cacheDir: string, contentDir: string, version: string): Promise<AnalysisCache> {
    return new AnalysisCache(await BlobFile.open(cacheFile(cacheDir, contentDir, "analysis"), FORMAT, version));
  }

  /** The cached analysis of `file` made from `hash`; a damaged entry is a miss, replaced when the report is analyzed again. */
  get(file: string, hash: string): ReportAnalysis | undefined {
    const analysis = this.store.value<ReportAnalysis>(file, hash);
    if (analysis) this.hits++;
    else this.misses++;
    return analysis;
  }

  set(file: string, hash: string, analysis: ReportAnalysis): void {
    this.store.put(file, hash, analysis);
  }

  /** Keeps only the given files (reports deleted from the folder leave the cache). */
  retain(files: ReadonlySet<string>): void {
    this.store.retain(files);
  }

  save(): Promise<void> {
    return this.store.save();
  }
}
