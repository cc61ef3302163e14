import type UserConfig from "@11ty/eleventy/UserConfig";
import assetsPlugin from "./src/site/assets-plugin.ts";
import dataPlugin from "./src/site/data-plugin.ts";
import filtersPlugin from "./src/site/filters-plugin.ts";

/**
 * Eleventy renders what the pipeline in src/ computed: templates/ → _site/.
 * `dateline build` runs it; `npx tsx node_modules/.bin/eleventy --config=.eleventy.ts` works too.
 */
export default function (eleventyConfig: UserConfig) {
  eleventyConfig.addPlugin(dataPlugin, { contentDir: process.env.DATELINE_CONTENT ?? "content" });
  eleventyConfig.addPlugin(filtersPlugin);
  eleventyConfig.addPlugin(assetsPlugin);
  eleventyConfig.setQuietMode(true);
  return {
    dir: { input: "templates", includes: "_includes", data: "_data" },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
