import type UserConfig from "@11ty/eleventy/UserConfig";
import { toDigestJson } from "../digest/export.ts";
import { digestFor, forgetDigests } from "./digest-store.ts";
import { siteConfig } from "./site-config.ts";

export interface DataPluginOptions {
  /** The content folder whose digest the site renders. */
  contentDir: string;
}

/** Global data for the templates: `digest` (the model), `digestJson` (the export), `site`. */
export default function dataPlugin(eleventyConfig: UserConfig, options: DataPluginOptions): void {
  // Under `dateline serve`, a change to a report recomputes the digest before the rebuild.
  eleventyConfig.addWatchTarget(`${options.contentDir}/**/*.md`);
  eleventyConfig.on("eleventy.beforeWatch", () => forgetDigests());
  eleventyConfig.addGlobalData("site", () => siteConfig());
  eleventyConfig.addGlobalData("digest", async () => (await digestFor(options.contentDir)).digest);
  eleventyConfig.addGlobalData("digestJson", async () => toDigestJson((await digestFor(options.contentDir)).digest));
}
