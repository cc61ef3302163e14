import type { LoadedReport, ParseMemo, ParseOutcome } from "../content/load.ts";
import type { StoryConfig } from "../content/story.ts";
import type { ReportAnalysis } from "./analyze.ts";
import { buildDigest, cachedAnalyzer, type Analyzer, type CachedAnalyzerOptions, type ContentHook, type DigestResult } from "./build.ts";
import { AnalysisCache, reportHash, storyHash } from "./cache.ts";
import { ParseCache, bytesHash } from "./parse-cache.ts";
import { analyzeParallel } from "./pool.ts";
import { StageMemo } from "./stage-memo.ts";

interface Kept<T> {
  hash: string;
  value: T;
}

/**
 * The builds of a long-lived process (`dateline serve`'s build process, src/site/dev-worker.ts):
 * what one build learned stays in memory for the next (issue 8). A rebuild after an edit parses
 * and analyzes only the files that changed, without reading the cache files, and the
 * cross-report stages whose inputs did not change are not run again (stage-memo.ts).
 *
 * The first build of a session goes through the cache files (`.cache/`, as `dateline build`
 * does), so that a restarted server starts warm. What later builds parse and analyze is written
 * back to those files by `persist()`, which the build process calls once it has reported the
 * build: off the path between an edit and the reloaded page.
 *
 * Every build gives exactly what `buildDigest` with the caches gives for the same files
 * (tests/digest/incremental.test.ts).
 */
export class BuildSession {
  private parses = new Map<string, Kept<ParseOutcome>>();
  private analyses = new Map<string, Kept<ReportAnalysis>>();
  /** Files parsed or analyzed since the cache files were last written. */
  private readonly unsaved = { parses: new Set<string>(), analyses: new Set<string>() };
  private readonly stages = new StageMemo();
  /** The analyzer of `dateline build`, for a cold start: through the analysis cache file. */
  private readonly fromFiles: Analyzer;
  private readonly caches: NonNullable<Analyzer["caches"]>;
  private builds = 0;
  /** What the last build found in memory, and what it parsed and analyzed. */
  last = { parsed: 0, analyzed: 0, stagesReused: 0 };

  constructor(
    private readonly contentDir: string,
    private readonly options: CachedAnalyzerOptions = {},
  ) {
    this.fromFiles = cachedAnalyzer(contentDir, {
      ...options,
      onCache: (hits, misses) => {
        this.last.analyzed = misses;
        options.onCache?.(hits, misses);
      },
    });
    // Its code version (a hash of src/) is computed once per session.
    this.caches = this.fromFiles.caches!;
  }

  /** Builds the digest of the content folder as it is now (`onContent`: build.ts ContentHook). */
  async build(onContent?: ContentHook): Promise<DigestResult> {
    const cold = this.builds++ === 0 || this.analyses.size === 0;
    const stagesBefore = this.stages.counts.reused;
    this.last = { parsed: 0, analyzed: 0, stagesReused: 0 };
    const disk = cold ? await ParseCache.open(this.caches.dir, this.contentDir, await this.caches.version()) : undefined;
    const parses = new Map<string, Kept<ParseOutcome>>();
    const memo: ParseMemo = {
      parse: (file, bytes, compute) => {
        const hash = bytesHash(bytes);
        const kept = this.parses.get(file);
        let value: ParseOutcome | undefined;
        if (kept && kept.hash === hash) {
          value = kept.value;
          disk?.keep(file); // parsed by an earlier build of the session that failed: kept in the file
        } else value = disk?.lookup(file, hash);
        if (!value) {
          this.last.parsed++;
          value = compute(file, bytes);
          if (disk) disk.remember(file, hash, value);
          else this.unsaved.parses.add(file);
        }
        parses.set(file, { hash, value });
        return value;
      },
    };
    let result: DigestResult;
    try {
      result = await buildDigest(this.contentDir, this.analyzer(cold), { parse: memo, stages: this.stages }, onContent);
    } finally {
      // Files gone from the folder leave memory (what a failed build parsed stays: it is valid).
      for (const [file, kept] of parses) this.parses.set(file, kept);
      for (const file of this.parses.keys()) if (!parses.has(file)) this.parses.delete(file);
      await disk?.save();
    }
    this.last.stagesReused = this.stages.counts.reused - stagesBefore;
    return result;
  }

  /**
   * Loads the code that analyzes a report (the Markdown processor, the date tagger, the language
   * model: some 150 modules) ahead of need. A session whose first build came from the cache files
   * has not loaded it, and the first edit would otherwise wait for it (0.3–0.5 s). The build
   * process calls it once a build is reported, off the path between an edit and the reload.
   */
  async prepare(): Promise<void> {
    await import("./analyze.ts");
  }

  /** Writes what the builds since the last call parsed and analyzed to the cache files. */
  async persist(): Promise<void> {
    const version = await this.caches.version();
    const { parses, analyses } = this.unsaved;
    if (parses.size > 0) {
      const cache = await ParseCache.open(this.caches.dir, this.contentDir, version);
      for (const [file, kept] of this.parses) {
        if (parses.has(file)) cache.remember(file, kept.hash, kept.value);
        else cache.keep(file);
      }
      await cache.save();
      parses.clear();
    }
    if (analyses.size > 0) {
      const cache = await AnalysisCache.open(this.caches.dir, this.contentDir, version);
      for (const file of analyses) {
        const kept = this.analyses.get(file);
        if (kept) cache.set(file, kept.hash, kept.value);
      }
      cache.retain(new Set(this.analyses.keys()));
      await cache.save();
      analyses.clear();
    }
  }

  /** Analyses from memory; the others from the cache files (a cold start) or analyzed. */
  private analyzer(cold: boolean): Analyzer {
    return async (reports: readonly LoadedReport[], story: StoryConfig | null) => {
      const sh = storyHash(story);
      const hashes = reports.map((r) => reportHash(r, sh));
      const results: Array<ReportAnalysis | undefined> = reports.map((r, i) => {
        const kept = this.analyses.get(r.file);
        return kept && kept.hash === hashes[i] ? kept.value : undefined;
      });
      const todo = reports.flatMap((_, i) => (results[i] ? [] : [i]));
      // On a cold start, `fromFiles` counts what it analyzed (onCache).
      this.last.analyzed = cold ? 0 : todo.length;
      if (todo.length > 0) {
        const fresh = cold ? await this.fromFiles(reports, story) : await analyzeParallel(todo.map((i) => reports[i]!), story, this.options);
        todo.forEach((i, k) => {
          results[i] = cold ? fresh[i]! : fresh[k]!;
          if (!cold) this.unsaved.analyses.add(reports[i]!.file);
        });
      }
      const kept = new Map<string, Kept<ReportAnalysis>>();
      reports.forEach((r, i) => kept.set(r.file, { hash: hashes[i]!, value: results[i]! }));
      this.analyses = kept;
      return results as ReportAnalysis[];
    };
  }
}
