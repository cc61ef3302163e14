// The yardstick: a stock Eleventy 3 site as a newcomer would write it. Markdown goes through
// Eleventy's default markdown-it, every report gets one Nunjucks layout (via a directory
// data file the benchmark writes next to the reports) and an index lists them all.
// Deliberately nothing else: no plugins, no transforms, no extra collections.
export default function (eleventyConfig) {
  eleventyConfig.setQuietMode(true);
}
