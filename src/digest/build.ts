import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadContent, type LoadedReport, type LoadResult, type ParseMemo } from "../content/load.ts";
import { ContentError, type Problem } from "../content/problems.ts";
import { loadStoryIfPresent, type StoryConfig } from "../content/story.ts";
import type { ReportAnalysis } from "./analyze.ts";
import { AnalysisCache, codeVersion, defaultCacheDir, reportHash, storyHash } from "./cache.ts";
import type { StageMemo } from "./stage-memo.ts";
import { ParseCache } from "./parse-cache.ts";
import { analyzeParallel, type PoolOptions } from "./pool.ts";
import { crossLink } from "./crosslinks.ts";
import { PassageMemory } from "./passages.ts";
import { RelatedMemory } from "./related.ts";
import { NoveltyMemory } from "./novelty.ts";
import { indexEntities } from "./entities.ts";
import { mergeEvents } from "./merge.ts";
import { compareReports } from "./report-order.ts";
import { groupTallies, toContractTally } from "./tallies.ts";
import type { Digest, DigestContent } from "./types.ts";

export interface DigestResult {
  digest: Digest;
  /** Warnings (errors throw a ContentError). */
  problems: Problem[];
}

/**
 * Called with the digest's content as soon as it exists, before the cross-link stage (the
 * longest of the cross-report stages, on one core): a build starts its search index from it
 * there (src/site/search-thread.ts `start`). Synchronous: the stages go on when it returns.
 */
export type ContentHook = (content: DigestContent) => void;

/**
 * The cross-report stages over the per-report analyses, in order. Deterministic. `memo`: a
 * long-lived build process's last stage outputs (stage-memo.ts); a stage whose inputs are
 * unchanged since then is not run again.
 */
export function assembleDigest(analyses: readonly ReportAnalysis[], story: StoryConfig | null, memo?: StageMemo, onContent?: ContentHook): Digest {
  // The inputs are gathered only for a memo to compare: a one-off build runs each stage.
  const stage = <T>(name: string, inputs: () => readonly unknown[], compute: () => T): T => (memo ? memo.run(name, inputs(), compute) : compute());
  // Newest first is how readers meet reports; ties by slug so the order never depends on input order.
  const ordered = [...analyses].sort((a, b) => -compareReports(a.report, b.report));
  const reports = ordered.map((a) => a.report);
  const events = stage(
    "events",
    () => ordered.map((a) => a.events),
    () => mergeEvents(ordered.flatMap((a) => a.events)),
  );
  const tallyGroups = stage(
    "tallies",
    () => ordered.map((a) => a.tallies),
    () => groupTallies(ordered.flatMap((a) => a.tallies)),
  );
  const mentions = new Map(ordered.map((a) => [a.report.slug, a.entities] as const));
  // What indexEntities reads: the story, and each report's slug, URL and name mentions.
  const entities = stage(
    "entities",
    () => [storyHash(story), ...ordered.flatMap((a) => [a.report.slug, a.report.url, a.entities])],
    () => indexEntities(reports, mentions, story),
  );
  const tallies = tallyGroups.tallies.map(toContractTally);
  onContent?.({ story, reports, events, tallies, tallyGroups, entities });
  const entityNames = new Map(ordered.map((a) => [a.report.slug, [...new Set(a.entities.map((e) => e.name))].sort()] as const));
  const features = new Map(ordered.map((a) => [a.report.slug, a.passages] as const));
  // A long-lived process updates the cross-link stages from its last build where it can.
  const memories = memo
    ? {
        passageMemory: memo.kept("passages", () => new PassageMemory()),
        relatedMemory: memo.kept("related", () => new RelatedMemory()),
        noveltyMemory: memo.kept("novelty", () => new NoveltyMemory()),
      }
    : {};
  const crossLinks = crossLink(reports, { events, entities: entityNames, features, ...memories });
  // New report objects: the analyses themselves (which the cache may hold) are never altered.
  let linked = reports.map((report) => ({
    ...report,
    related: (crossLinks.reports[report.slug]?.related ?? []).map(({ slug, score, reasons }) => ({ slug, score, reasons })),
  }));
  if (memo) {
    // A long-lived process gets back last build's objects for what an edit left unchanged.
    const slugs = Object.keys(crossLinks.reports);
    const kept = memo.keepEqual("cross-links", slugs.map((slug) => [slug, crossLinks.reports[slug]!] as const));
    crossLinks.reports = Object.fromEntries(slugs.map((slug, i) => [slug, kept[i]!]));
    linked = memo.keepEqual("reports", linked.map((r) => [r.slug, r] as const));
  }
  return { story, reports: linked, events, tallies, tallyGroups, entities, crossLinks };
}

/** Runs the per-report stage over every loaded report. */
export interface Analyzer {
  (reports: readonly LoadedReport[], story: StoryConfig | null): Promise<ReportAnalysis[]>;
  /**
   * Where this analyzer keeps its cache, when it keeps one (cachedAnalyzer): buildDigest then
   * keeps the parse cache there too, under the same version.
   */
  caches?: CacheSetup;
}

export interface CacheSetup {
  dir: string;
  /** The code version every cache file is made with (computed once). */
  version: () => Promise<string>;
}

export const analyzeInProcess: Analyzer = async (reports, story) => {
  const { analyzeLoaded } = await import("./analyze.ts"); // see analyzeParallel
  return reports.map((r) => analyzeLoaded(r, story));
};

const SRC_DIR = fileURLToPath(new URL("../", import.meta.url));

export interface CachedAnalyzerOptions extends PoolOptions {
  /** Folder of the cache file (default: `.cache/` beside the content folder). */
  cacheDir?: string;
  /** Version of the pipeline's code (default: a hash of src/); part of every cache key. */
  version?: string;
  /** Called with how many reports came from the cache and how many were analyzed. */
  onCache?: (hits: number, misses: number) => void;
}

/**
 * The analyzer `dateline build` uses: reports whose content, story and code are unchanged come
 * from the cache; the rest are analyzed on every core; the cache is then updated.
 */
export function cachedAnalyzer(contentDir: string, options: CachedAnalyzerOptions = {}): Analyzer {
  const cacheDir = options.cacheDir ?? defaultCacheDir(contentDir);
  let version: Promise<string> | undefined;
  const caches: CacheSetup = { dir: cacheDir, version: () => (version ??= options.version !== undefined ? Promise.resolve(options.version) : codeVersion(SRC_DIR)) };
  const analyze = async (reports: readonly LoadedReport[], story: StoryConfig | null): Promise<ReportAnalysis[]> => {
    const cache = await AnalysisCache.open(cacheDir, contentDir, await caches.version());
    const sh = storyHash(story);
    const hashes = reports.map((r) => reportHash(r, sh));
    const results: (ReportAnalysis | undefined)[] = reports.map((r, i) => cache.get(r.file, hashes[i]!));
    const todo = reports.flatMap((r, i) => (results[i] ? [] : [i]));
    const fresh = await analyzeParallel(
      todo.map((i) => reports[i]!),
      story,
      options,
    );
    todo.forEach((i, k) => {
      results[i] = fresh[k]!;
      cache.set(reports[i]!.file, hashes[i]!, fresh[k]!);
    });
    cache.retain(new Set(reports.map((r) => r.file)));
    await cache.save();
    options.onCache?.(cache.hits, cache.misses);
    // The cross-report stages build new objects and never alter these (the cache holds them).
    return results as ReportAnalysis[];
  };
  return Object.assign(analyze, { caches });
}

/**
 * Loads the content folder, through the parse cache when the analyzer keeps caches. A function
 * of its own so that the cache (it holds its file's bytes) can be collected once loading is done.
 */
async function loadThroughCache(contentDir: string, caches: CacheSetup | undefined): Promise<LoadResult> {
  if (!caches) return loadContent(contentDir);
  const memo = await ParseCache.open(caches.dir, contentDir, await caches.version());
  const result = await loadContent(contentDir, { memo });
  await memo.save();
  return result;
}

/** What a long-lived build process keeps between builds (session.ts). */
export interface BuildMemory {
  /** Used instead of the parse cache file. */
  parse: ParseMemo;
  stages: StageMemo;
}

/**
 * content folder → validated reports (+ story.yaml) → per-report stage → cross-report stages →
 * digest. `onContent`: see ContentHook.
 */
export async function buildDigest(contentDir: string, analyze: Analyzer = analyzeInProcess, memory?: BuildMemory, onContent?: ContentHook): Promise<DigestResult> {
  const storyFile = path.join(contentDir, "story.yaml");
  const [{ reports: loaded, problems }, story] = await Promise.all([
    memory ? loadContent(contentDir, { memo: memory.parse }) : loadThroughCache(contentDir, analyze.caches),
    loadStoryIfPresent(storyFile, path.relative(process.cwd(), storyFile) || storyFile),
  ]);
  if (problems.some((p) => p.severity === "error")) throw new ContentError(problems, contentDir);
  const analyses = await analyze(loaded, story);
  return { digest: assembleDigest(analyses, story, memory?.stages, onContent), problems };
}
