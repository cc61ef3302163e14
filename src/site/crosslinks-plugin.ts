import type UserConfig from "@11ty/eleventy/UserConfig";
import { crossLinkedHtml } from "./crosslinks-html.ts";

/**
 * Cross-link filters (issue 5):
 * `{{ report.html | crossLinked(links, titles) | safe }}`, `titles` giving at least the title and date
 * of each report the links name (render-plan.ts ReportPage).
 */
export default function crossLinksPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("crossLinked", crossLinkedHtml);
}
