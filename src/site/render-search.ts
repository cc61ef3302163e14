import path from "node:path";
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
  return folders.cacheDir ?? path.join(path.dirname(path.resolve(folders.contentDir)), ".cache");
}

/** How a render indexes its site: bundles cached under `<cache>/search/`, unchanged files linked from the site as it is. */
export function renderSearchOptions(folders: RenderFolders): SearchIndexOptions {
  return { cacheDir: path.join(renderCacheDir(folders), "search"), previousSite: path.resolve(folders.outputDir) };
}

/**
 * Starts the search index of the site `renderSite` will render into `folders`, from the
 * digest's content, before the cross-link stage (build.ts ContentHook): the same plan and
 * bundles as when the render starts it, made while the cross-links are computed on the
 * other core. `renderSite` given the same job then only names the folder (search-thread.ts).
 */
export function startSiteSearch(job: SearchIndexJob, content: DigestContent, folders: RenderFolders): void {
  job.start(content, siteConfig(process.env, content.story), renderSearchOptions(folders));
}
