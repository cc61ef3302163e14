import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { toDigestJson } from "../digest/export.ts";
import type { SiteData } from "./site-data.ts";
import type { BuiltPage } from "./sitemap.ts";
import { timelineJsFile } from "./timeline-data.ts";

/**
 * The machine-readable files of a site: `/digest.json` (the export, src/digest/export.ts) and
 * `/timeline.timelinejs.json` (TimelineJS3). They are data, not pages, so they are written
 * here rather than through a template: each is serialized, written and let go. Through
 * Eleventy they were global data strings held for the whole render (over 70 MB at 10,000
 * reports) and rendered again on every rebuild's template run (issue 8).
 */
export async function writeDataFiles(siteDir: string, data: SiteData): Promise<BuiltPage[]> {
  const files: Array<[url: string, make: () => string]> = [
    ["/digest.json", () => toDigestJson(data.digest)],
    ["/timeline.timelinejs.json", () => timelineJsFile(data.digest, data.timeline.site, data.site.title)],
  ];
  await mkdir(siteDir, { recursive: true });
  for (const [url, make] of files) await writeFile(path.join(siteDir, url), make());
  return files.map(([url]) => ({ url }));
}
