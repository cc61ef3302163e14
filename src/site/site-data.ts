import { storyPages, type StoryPages } from "../digest/story-pages.ts";
import { perObjectWith } from "../digest/stage-memo.ts";
import type { Digest } from "../digest/types.ts";
import type { SectionAvailability } from "./navigation.ts";
import { buildSiteIndex, type SiteIndex } from "./page-meta.ts";
import { siteConfig, type SiteConfig } from "./site-config.ts";
import { timelineData, type TimelineData } from "./timeline-data.ts";

/**
 * The page models every template draws on, computed once per digest: the site settings, the
 * story pages (threads, entities, tallies), the timeline pages and the site index (per report:
 * neighbours, JSON-LD, threads). The Eleventy globals and the render plan share these objects.
 */
export interface SiteData {
  digest: Digest;
  site: SiteConfig;
  storyPages: StoryPages;
  timeline: TimelineData;
  siteIndex: SiteIndex;
}

/** By digest and the settings the environment gives. */
const siteDataOf = perObjectWith<Digest, SiteData>();

/** The settings the environment gives (DATELINE_URL…), as a cache key; the content folder is the digest's. */
function envKey(env: NodeJS.ProcessEnv): string {
  return JSON.stringify(Object.entries(env).filter(([k]) => k.startsWith("DATELINE_") && k !== "DATELINE_CONTENT").sort());
}

/** Which section pages a site with these story pages has (their templates make none when empty). */
export function sectionsOf(pages: StoryPages): SectionAvailability {
  return { threads: pages.threads.length > 0, entities: pages.entities.length > 0, tallies: pages.tallies.length > 0 };
}

export function siteData(digest: Digest, env: NodeJS.ProcessEnv = process.env): SiteData {
  return siteDataOf(digest, [envKey(env)], () => {
    const site = siteConfig(env, digest.story);
    const pages = storyPages(digest);
    return {
      digest,
      site,
      storyPages: pages,
      timeline: timelineData(digest),
      siteIndex: buildSiteIndex(digest, site, sectionsOf(pages)),
    };
  });
}
