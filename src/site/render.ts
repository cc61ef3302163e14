import { mkdir, readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { DigestResult } from "../digest/build.ts";
import { provideDigest } from "./digest-store.ts";
import { PROJECT_ROOT } from "./project.ts";
import { intactShards, loadManifest, manifestFile, manifestOf, renderCodeVersion, reusablePages, saveManifest, type RenderManifest } from "./render-manifest.ts";
import { outputPathOf, planRender, type PlannedPage, type RenderPlan } from "./render-plan.ts";
import { commitInPlace, emptyTrash, siteFiles, swapIn } from "./site-commit.ts";
import { startSearchIndex, type SearchIndexJob } from "./search-thread.ts";
import type { SearchIndexResult } from "./search-index.ts";
import { renderCacheDir, renderSearchOptions } from "./render-search.ts";
import { siteConfig } from "./site-config.ts";
import { siteData } from "./site-data.ts";
import { isNoindex, writeSitemap, type BuiltPage } from "./sitemap.ts";
import { containOutput } from "./containment.ts";
import { giveMemoryBack, releaseFreedMemory } from "./memory.ts";
import { writeDataFiles } from "./data-files.ts";
import type { JsonTexts } from "./json-file.ts";
import { ensureTypeScriptLoader } from "./typescript-loader.ts";

export interface RenderOptions {
  contentDir: string;
  outputDir: string;
  /** Receives Eleventy's own warnings and errors. */
  log?: (line: string) => void;
  /** Cache folder (default: `.cache/` beside the content folder), for the render manifest. */
  cacheDir?: string;
  /** Most planned pages per Eleventy run (default PAGES_PER_RUN). */
  pagesPerRun?: number;
  /**
   * The search-index thread, started by the caller before the digest was computed (its
   * modules and Pagefind's process load meanwhile); by default it starts here. Ended either way.
   */
  search?: SearchIndexJob;
  /**
   * What a long-lived build process (`dateline serve`) keeps from one render to the next: the
   * data files' texts of the entries an edit left unchanged (json-file.ts). None by default.
   */
  texts?: JsonTexts;
}

/**
 * Most planned pages (reports, story and timeline pages) one Eleventy run renders. Eleventy
 * keeps every page of a run in memory until the run ends: a large site renders in several runs,
 * one after the other, so memory stays bounded whatever the number of reports.
 */
export const PAGES_PER_RUN = 1000;

/**
 * Most model characters (PlannedPage.weight) one Eleventy run renders, about what 1,000 report
 * pages weigh: the topic timelines of a large site, megabytes each, are spread over the runs
 * instead of all landing in the last one (at 10,000 reports they made it the build's peak).
 */
export const WEIGHT_PER_RUN = 25_000_000;

export interface RenderResult {
  /** Files Eleventy made, or pages the build left in place from the previous site. */
  pages: number;
  /** Of those, pages left in place unchanged from the previous site. */
  reused: number;
}

/**
 * Renders a computed digest with Eleventy into a staging folder beside the output, then puts it
 * in the site (site-commit.ts): a failed render leaves the previous site exactly as it was.
 * Report, story and timeline pages whose model is unchanged since the previous build are not
 * rendered again (render-plan.ts, render-manifest.ts): a rebuild leaves them where they are and
 * moves in only what it rendered; a build that renders everything swaps in a whole new folder.
 */
export async function renderSite(result: DigestResult, options: RenderOptions): Promise<RenderResult> {
  const search = options.search ?? startSearchIndex();
  try {
    return await render(result, options, search);
  } finally {
    await search.cancel(); // a no-op once it has indexed; ends the thread if the render failed first
  }
}

async function render(result: DigestResult, options: RenderOptions, searchJob: SearchIndexJob): Promise<RenderResult> {
  const contentDir = path.resolve(options.contentDir);
  const outputDir = path.resolve(options.outputDir);
  const staging = `${outputDir}.staging-${process.pid}`;
  const cacheDir = renderCacheDir(options);
  const manifestPath = manifestFile(cacheDir, outputDir);
  // Folders retired by earlier builds whose deletion did not finish (site-commit.ts).
  const trash = path.join(cacheDir, "trash");
  await emptyTrash(trash);
  // What the digest's stages left behind goes before the render starts (memory.ts).
  giveMemoryBack(result.digest.reports.length);
  ensureTypeScriptLoader();
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(outputDir), { recursive: true });
  // The search index is made from the digest, not the pages: a worker thread and Pagefind's own
  // process build it on the other core while the pages are planned and rendered. It starts
  // before anything else here, so that a rebuild's few stale shards are done by the time the
  // pages are. Its plan (made here) goes to the thread before the pages are planned: handed
  // over at the render's first pause, it reached the thread only after the page fingerprints,
  // and re-indexing a shard beside the render then outlasted the render by 1.5–2 s at 4,000
  // reports (issue 8). A build that started it earlier still, before the digest's cross-links
  // (render-search.ts `startSiteSearch`), only names the folder here. The last build's manifest
  // says which shards the site holds: those unchanged stay where they are.
  const previous = await loadManifest(manifestPath);
  const previousBundles = intactShards(previous, outputDir);
  const search = searchJob.started
    ? searchJob.placeIn(staging, previousBundles)
    : searchJob.index(staging, result.digest, siteConfig(process.env, result.digest.story), {
        ...renderSearchOptions(options),
        ...(previousBundles ? { previousBundles } : {}),
      });
  search.catch(() => {}); // a failure is reported where it is awaited, below
  await searchJob.planned();
  const previousCwd = process.cwd();
  const previousContent = process.env.DATELINE_CONTENT;
  let plan: RenderPlan;
  const built: BuiltPage[] = [];
  let reuse: Set<string>;
  let indexed: SearchIndexResult;
  // The previous build's manifest, when this build goes into the site in place (site-commit.ts).
  let inPlace: RenderManifest | null = null;
  try {
    const data = siteData(result.digest);
    plan = planRender(data, renderCodeVersion(PROJECT_ROOT));
    reuse = reusablePages(plan, previous, outputDir);
    // Some unchanged pages are in the site: the rebuild leaves them there. Otherwise (a first
    // build, a change every page prints, a site replaced by hand) it makes a whole new site.
    if (reuse.size > 0) inPlace = previous;
    const perRun = options.pagesPerRun ?? PAGES_PER_RUN;
    const toRender = plan.pages.filter((p) => !reuse.has(p.url));
    // A few pages (a small site, a rebuild after an edit) render with the one-page templates (home,
    // archive, feeds…) in one run; many go in runs of their own after those, so the largest
    // outputs never share a run with a thousand pages.
    const runs =
      toRender.length <= perRun / 4 && weightOf(toRender) <= WEIGHT_PER_RUN / 4
        ? [toRender.map((p) => p.url)]
        : [[], ...renderRuns(toRender, perRun, WEIGHT_PER_RUN)];
    const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
    const single = await singlePageTemplates(path.join(PROJECT_ROOT, "templates"));
    process.env.DATELINE_CONTENT = contentDir;
    // Eleventy resolves templates/, public/ and the config from the working directory.
    process.chdir(PROJECT_ROOT);
    built.push(...[...reuse].map((url) => ({ url })));
    for (const [i, urls] of runs.entries()) {
      provideDigest(contentDir, result, new Set(urls));
      built.push(...(await runEleventy(staging, i === 0 ? [] : single, log)));
      // The written pages' buffers, freed among the run's other allocations (memory.ts).
      releaseFreedMemory();
    }
    // The data files after the pages: the search index, on the other core, has more time.
    // The last runs' garbage goes first: the data files' pieces would pile up on top of it, and
    // the process then waits for the search index holding all of it (memory.ts).
    giveMemoryBack(result.digest.reports.length);
    built.push(...(await writeDataFiles(staging, data, options.texts)));
    // Every page, rendered now or left in the site, before anything goes in: readers never get a
    // sitemap that lists pages not there yet.
    await writeSitemap(staging, built, result.digest, data.site);
    indexed = await search;
  } catch (error) {
    // Let a running index finish writing before its folder is removed.
    await search.catch(() => {});
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    provideDigest(contentDir, result);
    process.chdir(previousCwd);
    if (previousContent === undefined) delete process.env.DATELINE_CONTENT;
    else process.env.DATELINE_CONTENT = previousContent;
  }
  // From here the site changes: the manifest must never describe a site that is being replaced
  // (a build stopped half-way leaves none, and the next build makes a whole new site).
  await rm(manifestPath, { force: true });
  let files: string[];
  if (inPlace) {
    const kept = [...reuse].map((url) => path.normalize(outputPathOf(url)!)); // reusable pages have a path (reusablePages)
    files = await commitInPlace(staging, outputDir, inPlace.files, kept, trash, indexed);
  } else {
    files = siteFiles(staging);
    await swapIn(staging, outputDir, trash, indexed);
  }
  await saveManifest(manifestPath, manifestOf(plan, outputDir, files, indexed.bundles));
  return { pages: built.length, reused: reuse.size };
}

/**
 * The templates that make one page each: all but those that page over the render plan
 * (`pagination = { data: "renderPlan.…" }`), which make the planned pages (render-plan.ts).
 */
async function singlePageTemplates(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith(".njk"));
  const texts = await Promise.all(names.map((name) => readFile(path.join(dir, name), "utf8")));
  return names.filter((_, i) => !/data:\s*["']renderPlan\./.test(texts[i]!));
}

const weightOf = (pages: readonly PlannedPage[]): number => pages.reduce((sum, p) => sum + p.weight, 0);

/**
 * The pages' URLs in runs of at most `perRun` pages and `maxWeight` weight (a page heavier than
 * that runs alone). The heaviest pages are dealt out first, one to a run, so that no run gets
 * several of them; the rest fill the runs in plan order.
 */
export function renderRuns(pages: readonly PlannedPage[], perRun: number, maxWeight: number): string[][] {
  const runs: Array<{ urls: string[]; weight: number }> = [];
  const heavy = maxWeight / 10;
  const byWeight = [...pages].filter((p) => p.weight >= heavy).sort((a, b) => b.weight - a.weight || (a.url < b.url ? -1 : 1));
  const add = (page: PlannedPage, from: number): number => {
    let i = from;
    while (i < runs.length && (runs[i]!.urls.length >= perRun || (runs[i]!.urls.length > 0 && runs[i]!.weight + page.weight > maxWeight))) i++;
    if (i === runs.length) runs.push({ urls: [], weight: 0 });
    runs[i]!.urls.push(page.url);
    runs[i]!.weight += page.weight;
    return i;
  };
  // One heavy page per run, heaviest first: as many runs as the whole needs, at least.
  const needed = Math.max(Math.ceil(pages.length / perRun), Math.ceil(weightOf(pages) / maxWeight), 1);
  for (let i = 0; i < needed; i++) runs.push({ urls: [], weight: 0 });
  byWeight.forEach((page, k) => add(page, k % runs.length));
  let at = 0;
  for (const page of pages) if (page.weight < heavy) at = add(page, at);
  return runs.filter((r) => r.urls.length > 0).map((r) => r.urls);
}

/** One Eleventy run into `staging`, leaving out the given templates; what it wrote. */
async function runEleventy(staging: string, skip: readonly string[], log: (line: string) => void): Promise<BuiltPage[]> {
  const contain = containOutput(staging);
  const elev = new Eleventy("templates", staging, {
    configPath: ".eleventy.ts",
    quietMode: true,
    source: "script",
    config: (eleventyConfig: Parameters<typeof contain>[0]) => {
      contain(eleventyConfig);
      for (const file of skip) eleventyConfig.ignores.add(`templates/${file}`);
      // public/ is copied by the first run; the others would copy it again.
      if (skip.length > 0) eleventyConfig.addPassthroughCopy = () => eleventyConfig;
    },
  });
  elev.logger.overrideLogger({ log: () => {}, info: () => {}, warn: (m: string) => log(m), error: (m: string) => log(m) });
  await elev.init();
  quietBenchmarks(elev);
  const [, written] = (await elev.write()) as unknown as [unknown, Array<{ url: string | false; content?: unknown }>];
  // Only what the sitemap needs: the pages' HTML is let go with the run.
  return written.flatMap((t) =>
    typeof t.url === "string" ? [{ url: t.url, ...(typeof t.content === "string" && isNoindex(t.content) ? { noindex: true } : {}) }] : [],
  );
}

/**
 * Eleventy prints timing hints ("[11ty] Benchmark 98ms 9% …") straight to the console, past the
 * logger, when one step takes over 8% of a build: noise that comes and goes with machine load.
 * Its benchmark groups made while loading the configuration ignore quiet mode, so mute them.
 */
function quietBenchmarks(elev: Eleventy): void {
  type Group = { setIsVerbose(verbose: boolean): void };
  const bench = (elev as unknown as { bench?: { setVerboseOutput?(v: boolean): void; benchmarkGroups?: Record<string, Group> } }).bench;
  bench?.setVerboseOutput?.(false);
  for (const group of Object.values(bench?.benchmarkGroups ?? {})) group.setIsVerbose(false);
}
