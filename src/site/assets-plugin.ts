import type UserConfig from "@11ty/eleventy/UserConfig";

/** Copies `public/` (styles, icons) to the root of the output as it is. */
export default function assetsPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addPassthroughCopy({ public: "/" });
}
