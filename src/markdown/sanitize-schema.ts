import { defaultSchema } from "rehype-sanitize";
import type { Options as Schema } from "rehype-sanitize";

/**
 * A strict schema for report bodies: text formatting, links, lists, quotes and tables only.
 * No ids or names from content (paragraph ids are assigned after sanitizing), no classes, no
 * styles, no images, no embedded or interactive elements, and links only to http(s) and mailto.
 */
export const reportSchema: Schema = {
  ...defaultSchema,
  tagNames: [
    "p", "br", "hr", "a", "em", "strong", "b", "i", "s", "del", "ins", "sub", "sup", "code", "pre", "kbd", "q",
    "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "cite", "time", "span",
  ],
  attributes: {
    a: ["href", "title"],
    abbr: ["title"],
    time: ["dateTime"],
    td: ["align"],
    th: ["align"],
    ol: ["start"],
    "*": ["dir", "lang"],
  },
  protocols: { href: ["http", "https", "mailto"] },
  clobber: [],
  clobberPrefix: "",
  required: {},
  strip: ["script", "style", "iframe", "object", "embed", "form", "template", "noscript", "base", "meta", "link", "svg", "math"],
};
