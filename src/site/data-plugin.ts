import type UserConfig from "@11ty/eleventy/UserConfig";
import { toDigestJson } from "../digest/export.ts";
import { storyPages } from "../digest/story-pages.ts";
import { reportArchive } from "./archive.ts";
import { digestFor, forgetDigests } from "./digest-store.ts";
import { buildFeeds } from "./feeds.ts";
import { buildSiteIndex, pageMeta } from "./page-meta.ts";
import { searchBundles } from "./search-shards.ts";
import { siteConfig, type SiteConfig } from "./site-config.ts";
import { timelineData } from "./timeline-data.ts";

export interface DataPluginOptions {
  /** The content folder whose digest the site renders. */
  contentDir: string;
}

/** The site settings, titled after the story of `content/story.yaml` when there is one. */
export async function siteFor(contentDir: string): Promise<SiteConfig> {
  // The digest already read and validated story.yaml: no second read per global.
  return siteConfig(process.env, (await digestFor(contentDir)).digest.story);
}

/**
 * Global data for the templates: `digest` (the model), `digestJson` (the export), `site`,
 * `feeds` (Atom entries and the JSON Feed), `archive` (reports by month), `storyPages` (threads,
 * entities, tallies), `timeline` and `timelineJs` (timeline-data.ts), and `siteIndex` (per
 * report: previous/next, JSON-LD, threads, search filters). The base layout gets each page's
 * meta (titles, description, canonical URL, navigation, breadcrumbs) from the `pageMeta`
 * function, a lookup in `siteIndex` (see page-meta.ts).
 */
export default function dataPlugin(eleventyConfig: UserConfig, options: DataPluginOptions): void {
  // Under `dateline serve`, a change to a report recomputes the digest before the rebuild.
  eleventyConfig.addWatchTarget(`${options.contentDir}/**/*.md`);
  eleventyConfig.on("eleventy.beforeWatch", () => forgetDigests());
  eleventyConfig.addGlobalData("site", () => siteFor(options.contentDir));
  eleventyConfig.addGlobalData("digest", async () => (await digestFor(options.contentDir)).digest);
  eleventyConfig.addGlobalData("digestJson", async () => toDigestJson((await digestFor(options.contentDir)).digest));
  eleventyConfig.addGlobalData("feeds", async () =>
    buildFeeds((await digestFor(options.contentDir)).digest, await siteFor(options.contentDir)),
  );
  eleventyConfig.addGlobalData("archive", async () => reportArchive((await digestFor(options.contentDir)).digest.reports));
  // The search page merges these Pagefind bundles (search-shards.ts).
  eleventyConfig.addGlobalData("searchBundles", async () => searchBundles((await digestFor(options.contentDir)).digest));
  // Thread, entity and tallies pages (src/digest/story-pages.ts).
  eleventyConfig.addGlobalData("storyPages", async () => storyPages((await digestFor(options.contentDir)).digest));
  // Timeline pages, topic timelines, "On the timeline" of report pages, TimelineJS export.
  const timeline = async () =>
    timelineData((await digestFor(options.contentDir)).digest, (await siteFor(options.contentDir)).title);
  eleventyConfig.addGlobalData("timeline", async () => (await timeline()).site);
  eleventyConfig.addGlobalData("timelineJs", async () => (await timeline()).timelineJs);
  // Computed once per build; pages look their part up by URL (no per-page computed data).
  eleventyConfig.addGlobalData("siteIndex", async () => {
    const { digest } = await digestFor(options.contentDir);
    return buildSiteIndex(digest, await siteFor(options.contentDir), (digest.story?.threads.length ?? 0) > 0);
  });
  eleventyConfig.addNunjucksGlobal("pageMeta", pageMeta);
}
