import { readFileSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
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

/**
 * Every HTML page Eleventy wrote into `siteDir` (whoever's template made it), except those
 * marked `noindex` (the 404 page). Report pages carry their date as `lastmod`.
 */
export async function collectSitemap(siteDir: string, digest: Digest): Promise<SitemapEntry[]> {
  const dates = new Map(digest.reports.map((r) => [r.url, r.date]));
  const entries: SitemapEntry[] = [];
  for (const e of await readdir(siteDir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".html")) continue;
    const file = path.join(e.parentPath, e.name);
    const rel = path.relative(siteDir, file).split(path.sep).join("/");
    if (rel.startsWith("pagefind/")) continue;
    // Read synchronously: one page after another, and the promise API cost several times the
    // reading itself in CPU (issue 8).
    if (NOINDEX.test(readFileSync(file, "utf8"))) continue;
    const sitePath = `/${rel}`.replace(/(^|\/)index\.html$/, "$1");
    entries.push({ path: sitePath, lastmod: dates.get(sitePath) ?? null });
  }
  return entries;
}

export async function writeSitemap(siteDir: string, digest: Digest, site: SiteConfig): Promise<number> {
  const entries = await collectSitemap(siteDir, digest);
  await writeFile(path.join(siteDir, "sitemap.xml"), sitemapXml(entries, site));
  return entries.length;
}
