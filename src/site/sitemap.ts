import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Digest } from "../digest/types.ts";
import { absoluteUrl, type SiteConfig } from "./site-config.ts";

export interface SitemapEntry {
  /** Site path: "/reports/x/". */
  path: string;
  /** "YYYY-MM-DD" when the page has a publication date. */
  lastmod: string | null;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** sitemaps.org XML for the given pages, sorted by path so that builds are reproducible. */
export function sitemapXml(entries: readonly SitemapEntry[], site: SiteConfig): string {
  const rows = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => {
      const lastmod = e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : "";
      return `  <url><loc>${escapeXml(absoluteUrl(site, e.path))}</loc>${lastmod}</url>`;
    });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${rows.join("\n")}\n</urlset>\n`;
}

const NOINDEX = /<meta\s+name="robots"\s+content="[^"]*noindex/i;

/** Whether a page asks search engines to leave it out (the 404 page). */
export function isNoindex(html: string): boolean {
  return NOINDEX.test(html);
}

/** A page as a build knows it, written now or left in the site by the previous build. */
export interface BuiltPage {
  /** Site path as Eleventy gives it: "/reports/x/", "/feed.xml". */
  url: string;
  noindex?: boolean;
}

/**
 * The sitemap entries of a build: every HTML page, except those marked `noindex`. Report
 * pages carry their date as `lastmod`. Works from what the build rendered and left in place,
 * without reading the site back from disk.
 */
export function collectSitemap(pages: Iterable<BuiltPage>, digest: Digest): SitemapEntry[] {
  const dates = new Map(digest.reports.map((r) => [r.url, r.date]));
  const entries: SitemapEntry[] = [];
  for (const page of pages) {
    const isHtml = page.url.endsWith("/") || page.url.endsWith(".html");
    if (!isHtml || page.noindex) continue;
    entries.push({ path: page.url, lastmod: dates.get(page.url) ?? null });
  }
  return entries;
}

export async function writeSitemap(siteDir: string, pages: Iterable<BuiltPage>, digest: Digest, site: SiteConfig): Promise<number> {
  const entries = collectSitemap(pages, digest);
  await writeFile(path.join(siteDir, "sitemap.xml"), sitemapXml(entries, site));
  return entries.length;
}
