import { setFlagsFromString } from "node:v8";
import path from "node:path";
import type { Command } from "../command.ts";
import { parseCommandArgs } from "../args.ts";
import { ContentError, formatProblem } from "../../content/problems.ts";
import { StoryConfigError } from "../../content/story.ts";
import type { DigestResult } from "../../digest/build.ts";

const help = `Usage: dateline build [--content DIR] [--output DIR]

Validates every report in DIR (default: content/), runs the pipeline (paragraph ids,
dates, timeline, digest) and renders the site with Eleventy into the output folder
(default: _site/). Any content error stops the build before anything is written: the
previous site stays exactly as it was.

Options:
  --content DIR  folder of Markdown reports (default: content)
  --output DIR   folder to write the site into (default: _site)
  --quiet        no progress lines on long builds

Reports are analyzed on every core, and the results are cached by content hash in .cache/
beside the content folder: a rebuild re-analyzes only the reports that changed, renders only
the pages whose content changed (the others are kept from the previous site, checked to be
untouched) and re-indexes only the search shards that changed. Deleting .cache/ is always
safe: the next build does everything again.
  -h, --help     show this help
`;

/** Builds of at least this many reports print their progress (on stderr); smaller ones stay quiet. */
const LONG_BUILD = 1000;

/** Progress on stderr for long builds: at most one line a second, nothing for small sites. */
function progressPrinter(write: (text: string) => void): (done: number, total: number) => void {
  let last = performance.now();
  return (done, total) => {
    const now = performance.now();
    if (total < LONG_BUILD || (now - last < 1000 && done < total)) return;
    last = now;
    write(`analyzed ${done}/${total} reports\n`);
  };
}

/**
 * V8 lets the heap grow up to four times what survives a collection before it collects again;
 * a build allocates fast and lets go of most of it (pages rendered, then written), so the process
 * sat on gigabytes of garbage: 2.5 GB of memory at 10,000 reports for about 1 GB in use.
 * Growing by half at most keeps it near what is in use, at no measurable cost in time (issue 8).
 * V8 reads the factor at each collection, so setting it here, before the build, takes effect.
 */
function boundHeapGrowth(): void {
  setFlagsFromString("--heap-growing-percent=50");
}

export const buildCommand: Command = {
  name: "build",
  summary: "build the site from the reports",
  help,
  async run(args, io) {
    const { values } = parseCommandArgs("build", args, {
      content: { type: "string" },
      output: { type: "string" },
      quiet: { type: "boolean" },
    });
    const contentDir = path.resolve(io.cwd, values.content ?? "content");
    const outputDir = path.resolve(io.cwd, values.output ?? "_site");
    const shownContent = path.relative(io.cwd, contentDir) || ".";
    const started = performance.now();
    boundHeapGrowth();
    // The pipeline and Eleventy load only when this command runs, so other commands start fast.
    // The renderer (Eleventy, Pagefind) starts loading now, beside the digest, not after it.
    const rendering = import("../../site/render.ts");
    rendering.catch(() => {}); // awaited below; a content error may end the build first
    // So does the search-index thread (its modules, Pagefind's process), on the other core.
    const search = (await import("../../site/search-thread.ts")).startSearchIndex();
    const { startSiteSearch } = await import("../../site/render-search.ts");
    const { buildDigest, cachedAnalyzer } = await import("../../digest/build.ts");
    let result: DigestResult;
    let analyzed = 0;
    try {
      const progress = values.quiet ? undefined : progressPrinter(io.stderr);
      result = await buildDigest(
        contentDir,
        cachedAnalyzer(contentDir, {
          ...(progress ? { onProgress: progress } : {}),
          onCache: (_, misses) => (analyzed = misses),
        }),
        undefined,
        // A rebuild's index starts from the digest's content, while its cross-links are computed (render-search.ts).
        (content) => startSiteSearch(search, content, { contentDir, outputDir }, analyzed),
      );
    } catch (error) {
      await search.cancel();
      if (error instanceof ContentError || error instanceof StoryConfigError) {
        io.stderr(`${error.message}\n\nNothing was written; the previous site is unchanged.\n`);
        return 1;
      }
      throw error;
    }
    for (const warning of result.problems) io.stderr(`${formatProblem(warning, shownContent)}\n`);
    const { reports, events, tallies } = result.digest;
    const long = !values.quiet && reports.length >= LONG_BUILD;
    if (long) io.stderr(`${reports.length} reports → ${events.length} timeline events, ${tallies.length} figures; rendering pages…\n`);
    const { renderSite } = await rendering;
    const { pages, reused } = await renderSite(result, { contentDir, outputDir, search, log: (line) => io.stderr(`${line}\n`) });
    if (long) io.stderr(`${pages - reused} pages rendered, ${reused} unchanged pages kept from the previous build\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    io.stdout(
      `Built ${reports.length} reports, ${events.length} events, ${pages} pages in ${seconds} s → ${path.relative(io.cwd, outputDir) || "."}/\n`,
    );
    return 0;
  },
};
