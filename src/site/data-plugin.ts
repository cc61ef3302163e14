import type UserConfig from "@11ty/eleventy/UserConfig";
import { reportArchive } from "./archive.ts";
import { digestFor, forgetDigests, selectionFor } from "./digest-store.ts";
import { buildFeeds } from "./feeds.ts";
import { pageMeta } from "./page-meta.ts";
import { searchBundles } from "./search-shards.ts";
import { itemsToRender, pageModels } from "./render-plan.ts";
import { siteData, type SiteData } from "./site-data.ts";

export interface DataPluginOptions {
  /** The content folder whose digest the site renders. */
  contentDir: string;
}

async function dataFor(contentDir: string): Promise<SiteData> {
  return siteData((await digestFor(contentDir)).digest);
}

/**
 * A global data value as Eleventy should hold it. Eleventy deep-copies every plain object of the
 * data cascade for each paginated template, once per run; a frozen object it takes as it is. At
 * 10,000 reports those copies of the digest and its indexes cost over a gigabyte (issue 8).
 * Templates only read global data, so each value is a frozen shallow copy (the caller's object
 * is left as it was).
 */
export function shared<T>(value: T): T {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (Object.freeze({ ...value }) as T) : value;
}

const computed = new WeakMap<SiteData, Map<string, unknown>>();

/**
 * A value derived from the site data, computed once per digest: Eleventy evaluates every global
 * on each of its runs, and a large site renders in many (render.ts).
 */
function once<T>(data: SiteData, name: string, compute: (data: SiteData) => T): T {
  let values = computed.get(data);
  if (!values) computed.set(data, (values = new Map()));
  if (!values.has(name)) values.set(name, compute(data));
  return values.get(name) as T;
}

/**
 * Global data for the templates: `digest` (the model), `site`,
 * `feeds` (Atom entries and the JSON Feed), `archive` (reports by month), `storyPages` (threads,
 * entities, tallies), `timeline` (timeline-data.ts), `siteIndex` (per report:
 * previous/next, JSON-LD, threads, search filters), and `renderPlan` / `timelineShared`: the
 * models of the paginated pages this build renders (render-plan.ts). The base layout gets each
 * page's meta (titles, description, canonical URL, navigation, breadcrumbs) from the `pageMeta`
 * function, a lookup in `siteIndex` (see page-meta.ts). `digest.json` and the TimelineJS file
 * are not templates: render.ts writes them (data-files.ts).
 */
export default function dataPlugin(eleventyConfig: UserConfig, options: DataPluginOptions): void {
  const data = () => dataFor(options.contentDir);
  const global = (name: string, compute: () => Promise<unknown>) => eleventyConfig.addGlobalData(name, async () => shared(await compute()));
  // Under `dateline serve`, a change to a report recomputes the digest before the rebuild.
  eleventyConfig.addWatchTarget(`${options.contentDir}/**/*.md`);
  eleventyConfig.on("eleventy.beforeWatch", () => forgetDigests());
  global("site", async () => (await data()).site);
  global("digest", async () => (await data()).digest);
  global("feeds", async () => once(await data(), "feeds", (d) => buildFeeds(d.digest, d.site)));
  global("archive", async () => once(await data(), "archive", (d) => reportArchive(d.digest.reports)));
  // The search page merges these Pagefind bundles (search-shards.ts).
  global("searchBundles", async () => once(await data(), "searchBundles", (d) => searchBundles(d.digest)));
  // Thread, entity and tallies pages (src/digest/story-pages.ts).
  global("storyPages", async () => (await data()).storyPages);
  // Timeline pages, topic timelines, "On the timeline" of report pages.
  global("timeline", async () => (await data()).timeline.site);
  // Computed once per build; pages look their part up by URL (no per-page computed data).
  global("siteIndex", async () => (await data()).siteIndex);
  // The paginated templates page over these: every page, or those this build must render.
  global("renderPlan", async () => itemsToRender(pageModels(await data()).items, selectionFor(options.contentDir)));
  global("timelineShared", async () => pageModels(await data()).timelineShared);
  eleventyConfig.addNunjucksGlobal("pageMeta", pageMeta);
}
