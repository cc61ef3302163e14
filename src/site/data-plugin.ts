import type UserConfig from "@11ty/eleventy/UserConfig";
import { toDigestJson } from "../digest/export.ts";
import { reportArchive } from "./archive.ts";
import { digestFor, forgetDigests, selectionFor } from "./digest-store.ts";
import { buildFeeds } from "./feeds.ts";
import { pageMeta } from "./page-meta.ts";
import { searchBundles } from "./search-shards.ts";
import { itemsToRender, pageModels } from "./render-plan.ts";
import type { SiteConfig } from "./site-config.ts";
import { siteData, type SiteData } from "./site-data.ts";

export interface DataPluginOptions {
  /** The content folder whose digest the site renders. */
  contentDir: string;
}

async function dataFor(contentDir: string): Promise<SiteData> {
  return siteData((await digestFor(contentDir)).digest);
}

/** The site settings, titled after the story of `content/story.yaml` when there is one. */
export async function siteFor(contentDir: string): Promise<SiteConfig> {
  return (await dataFor(contentDir)).site;
}

/**
 * Global data for the templates: `digest` (the model), `digestJson` (the export), `site`,
 * `feeds` (Atom entries and the JSON Feed), `archive` (reports by month), `storyPages` (threads,
 * entities, tallies), `timeline` and `timelineJs` (timeline-data.ts), `siteIndex` (per report:
 * previous/next, JSON-LD, threads, search filters), and `renderPlan` / `timelineShared`: the
 * models of the paginated pages this build renders (render-plan.ts). The base layout gets each
 * page's meta (titles, description, canonical URL, navigation, breadcrumbs) from the `pageMeta`
 * function, a lookup in `siteIndex` (see page-meta.ts).
 */
export default function dataPlugin(eleventyConfig: UserConfig, options: DataPluginOptions): void {
  const data = () => dataFor(options.contentDir);
  // Under `dateline serve`, a change to a report recomputes the digest before the rebuild.
  eleventyConfig.addWatchTarget(`${options.contentDir}/**/*.md`);
  eleventyConfig.on("eleventy.beforeWatch", () => forgetDigests());
  eleventyConfig.addGlobalData("site", async () => (await data()).site);
  eleventyConfig.addGlobalData("digest", async () => (await data()).digest);
  eleventyConfig.addGlobalData("digestJson", async () => toDigestJson((await data()).digest));
  eleventyConfig.addGlobalData("feeds", async () => buildFeeds((await data()).digest, (await data()).site));
  eleventyConfig.addGlobalData("archive", async () => reportArchive((await data()).digest.reports));
  // The search page merges these Pagefind bundles (search-shards.ts).
  eleventyConfig.addGlobalData("searchBundles", async () => searchBundles((await digestFor(options.contentDir)).digest));
  // Thread, entity and tallies pages (src/digest/story-pages.ts).
  eleventyConfig.addGlobalData("storyPages", async () => (await data()).storyPages);
  // Timeline pages, topic timelines, "On the timeline" of report pages, TimelineJS export.
  eleventyConfig.addGlobalData("timeline", async () => (await data()).timeline.site);
  eleventyConfig.addGlobalData("timelineJs", async () => (await data()).timeline.timelineJs);
  // Computed once per build; pages look their part up by URL (no per-page computed data).
  eleventyConfig.addGlobalData("siteIndex", async () => (await data()).siteIndex);
  // The paginated templates page over these: every page, or those this build must render.
  eleventyConfig.addGlobalData("renderPlan", async () => itemsToRender(pageModels(await data()).items, selectionFor(options.contentDir)));
  eleventyConfig.addGlobalData("timelineShared", async () => pageModels(await data()).timelineShared);
  eleventyConfig.addNunjucksGlobal("pageMeta", pageMeta);
}
