import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { DigestResult } from "../digest/build.ts";
import { provideDigest } from "./digest-store.ts";
import { PROJECT_ROOT } from "./project.ts";
import { buildSearchIndex } from "./search-index.ts";
import { siteConfig } from "./site-config.ts";
import { writeSitemap } from "./sitemap.ts";
import { containOutput } from "./containment.ts";
import { ensureTypeScriptLoader } from "./typescript-loader.ts";

export interface RenderOptions {
  contentDir: string;
  outputDir: string;
  /** Receives Eleventy's own warnings and errors. */
  log?: (line: string) => void;
}

export interface RenderResult {
  pages: number;
}

/**
 * Renders a computed digest with Eleventy into a fresh folder beside the output, then swaps it
 * in: a failed render leaves the previous site exactly as it was.
 */
export async function renderSite(result: DigestResult, options: RenderOptions): Promise<RenderResult> {
  const contentDir = path.resolve(options.contentDir);
  const outputDir = path.resolve(options.outputDir);
  const staging = `${outputDir}.staging-${process.pid}`;
  const retired = `${outputDir}.old-${process.pid}`;
  provideDigest(contentDir, result);
  ensureTypeScriptLoader();
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(outputDir), { recursive: true });

  const previousCwd = process.cwd();
  const previousContent = process.env.DATELINE_CONTENT;
  process.env.DATELINE_CONTENT = contentDir;
  // Eleventy resolves templates/, public/ and the config from the working directory.
  process.chdir(PROJECT_ROOT);
  let pages = 0;
  try {
    const elev = new Eleventy("templates", staging, {
      configPath: ".eleventy.ts",
      quietMode: true,
      source: "script",
      config: containOutput(staging),
    });
    const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
    elev.logger.overrideLogger({ log: () => {}, info: () => {}, warn: (m: string) => log(m), error: (m: string) => log(m) });
    await elev.init();
    quietBenchmarks(elev);
    const [, templates] = (await elev.write()) as unknown as [unknown, unknown[]];
    pages = templates.length;
    // Over the complete staging folder, before the swap: what readers get is always whole.
    const site = siteConfig();
    await writeSitemap(staging, result.digest, site);
    await buildSearchIndex(staging, result.digest, site);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    process.chdir(previousCwd);
    if (previousContent === undefined) delete process.env.DATELINE_CONTENT;
    else process.env.DATELINE_CONTENT = previousContent;
  }
  await swapIn(staging, outputDir, retired);
  return { pages };
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

async function swapIn(staging: string, outputDir: string, retired: string): Promise<void> {
  let hadPrevious = true;
  try {
    await rename(outputDir, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadPrevious = false;
  }
  try {
    await rename(staging, outputDir);
  } catch (error) {
    if (hadPrevious) await rename(retired, outputDir);
    throw error;
  }
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
}
