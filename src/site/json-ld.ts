import type { Report } from "../digest/types.ts";
import { absoluteUrl, type SiteConfig } from "./site-config.ts";

/**
 * JSON for a `<script type="application/ld+json">` element. JSON.stringify alone is not safe
 * there: a title containing `</script>` or `<!--` would end the element early, so `<`, `>`
 * and `&` are written as JSON \u escapes (still the same JSON value), and so are U+2028/U+2029.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** schema.org headlines are cut at 110 characters by the search engines that read them. */
function headline(title: string): string {
  if (title.length <= 110) return title;
  const cut = title.slice(0, 109);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 60)).trimEnd()}…`;
}

/** The schema.org NewsArticle object of a report page. */
export function newsArticle(report: Report, site: SiteConfig): Record<string, unknown> {
  const url = absoluteUrl(site, report.url);
  const publisher = { "@type": "Organization", name: site.title, url: absoluteUrl(site, "/") };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: headline(report.title),
    description: report.summary,
    datePublished: report.datetime,
    url,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    inLanguage: site.language,
    author: report.source ? { "@type": "Organization", name: report.source } : publisher,
    publisher,
    isPartOf: { "@type": "WebSite", name: site.title, url: absoluteUrl(site, "/") },
    ...(report.topics.length > 0 ? { articleSection: report.topics } : {}),
    ...(report.tags.length > 0 ? { keywords: report.tags.join(", ") } : {}),
    wordCount: report.paragraphs.reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0),
  };
}
