import path from "node:path";
import { defaultCacheDir } from "../digest/cache.ts";
import type { DigestContent } from "../digest/types.ts";
import type { SearchIndexOptions } from "./search-index.ts";
import type { SearchIndexJob } from "./search-thread.ts";
import { siteConfig } from "./site-config.ts";

/** Where a render reads and writes (render.ts): the folders of one content folder's site. */
export interface RenderFolders {
  contentDir: string;
  outputDir: string;
  /** Cache folder (default: `.cache/` beside the content folder). */
  cacheDir?: string;
}

/** The cache folder of a render: `cacheDir`, else `.cache/` beside the content folder. */
export function renderCacheDir(folders: RenderFolders): string {
  return folders.cacheDir ?? defaultCacheDir(folders.contentDir);
}

/** How a render indexes its site: bundles cached under `<cache>/search/`, unchanged files linked from the site as it is. */
export function renderSearchOptions(folders: RenderFolders): SearchIndexOptions {
  return { cacheDir: path.join(renderCacheDir(folders), "search"), previousSite: path.resolve(folders.outputDir) };
}

/**
 * Whether a build that analyzed `analyzed` of its `reports` anew should start its search index
 * before the cross-link stage (`startSiteSearch`): a rebuild, where at most one report in ten
 * changed. A rebuild re-indexes a shard or two, which then run beside the cross-links on the
 * core they leave idle (4,000 reports, one edit, command line: 8.17–8.50 s against 8.31–11.06 s
 * started with the render; in `dateline serve` the render stopped waiting for the index). A
 * full build indexes every shard, and Pagefind beside the cross-links and then the render made
 * it slower (4,000 reports: 33.28–33.91 s against 31.74–33.32 s; at 10,000 the ninth session
 * measured 5 s more): it starts with the render, as before.
 */
export function searchAhead(analyzed: number, reports: number): boolean {
  return analyzed * 10 <= reports;
}

/**
 * On a rebuild (`searchAhead`: `analyzed` of the content's reports were analyzed anew), starts the
 * search index of the site `renderSite` will render into `folders`, from the digest's content,
 * before the cross-link stage (build.ts ContentHook): the same plan and bundles as when the
 * render starts it, made while the cross-links are computed on the other core. `renderSite`
 * given the same job then only names the folder (search-thread.ts); otherwise it starts the
 * index itself.
 */
export function startSiteSearch(job: SearchIndexJob, content: DigestContent, folders: RenderFolders, analyzed: number): void {
  if (searchAhead(analyzed, content.reports.length)) job.start(content, siteConfig(process.env, content.story), renderSearchOptions(folders));
}
