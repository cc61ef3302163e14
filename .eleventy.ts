import type UserConfig from "@11ty/eleventy/UserConfig";
import { HtmlBasePlugin } from "@11ty/eleventy";
import assetsPlugin from "./src/site/assets-plugin.ts";
import dataPlugin from "./src/site/data-plugin.ts";
import filtersPlugin from "./src/site/filters-plugin.ts";
import crossLinksPlugin from "./src/site/crosslinks-plugin.ts";
import { siteConfig } from "./src/site/site-config.ts";
import rssPlugin from "@11ty/eleventy-plugin-rss";

/**
 * Eleventy renders what the pipeline in src/ computed: templates/ → _site/.
 * `dateline build` runs it; `npx tsx node_modules/.bin/eleventy --config=.eleventy.ts` works too.
 */
export default function (eleventyConfig: UserConfig) {
  eleventyConfig.addPlugin(dataPlugin, { contentDir: process.env.DATELINE_CONTENT ?? "content" });
  eleventyConfig.addPlugin(filtersPlugin);
  eleventyConfig.addPlugin(crossLinksPlugin);
  eleventyConfig.addPlugin(assetsPlugin);
  // Root-relative URLs in HTML ("/timeline/") get the path prefix; the RSS plugin adds feed filters.
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.setQuietMode(true);
  return {
    dir: { input: "templates", includes: "_includes", data: "_data" },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
    // DATELINE_PATH_PREFIX: deploy under a subfolder ("/news/"); links are rewritten to match.
    pathPrefix: siteConfig().pathPrefix,
  };
}
