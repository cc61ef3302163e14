import type UserConfig from "@11ty/eleventy/UserConfig";
import { crossLinkedHtml } from "./crosslinks-html.ts";

/**
 * Cross-link filters (issue 5):
 * `{{ report.html | crossLinked(digest.crossLinks.reports[report.slug], digest.reports) | safe }}`.
 */
export default function crossLinksPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("crossLinked", crossLinkedHtml);
}
