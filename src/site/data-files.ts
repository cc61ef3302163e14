import { mkdir } from "node:fs/promises";
import path from "node:path";
import { digestExport } from "../digest/export.ts";
import { writePrettyJson, type JsonTexts } from "./json-file.ts";
import type { SiteData } from "./site-data.ts";
import type { BuiltPage } from "./sitemap.ts";
import { timelineJs } from "./timeline-data.ts";

/**
 * The machine-readable files of a site: `/digest.json` (the export, src/digest/export.ts) and
 * `/timeline.timelinejs.json` (TimelineJS3). They are data, not pages, so they are written
 * here rather than through a template, piece by piece (json-file.ts): through Eleventy they
 * were global data strings held for the whole render (over 140 MB at 10,000 reports), and
 * even made once and written, the text and its bytes doubled the build's peak memory (issue 8).
 * `texts`: a long-lived build process's pieces of earlier builds (json-file.ts JsonTexts).
 */
export async function writeDataFiles(siteDir: string, data: SiteData, texts?: JsonTexts): Promise<BuiltPage[]> {
  const files: Array<[url: string, make: () => unknown]> = [
    ["/digest.json", () => digestExport(data.digest)],
    ["/timeline.timelinejs.json", () => timelineJs(data.digest, data.timeline.site, data.site.title, texts !== undefined)],
  ];
  await mkdir(siteDir, { recursive: true });
  for (const [url, make] of files) writePrettyJson(path.join(siteDir, url), make(), texts);
  return files.map(([url]) => ({ url }));
}
