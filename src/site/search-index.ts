import path from "node:path";
import * as pagefind from "pagefind";
import type { Digest } from "../digest/types.ts";
import { readableDate } from "./filters-plugin.ts";
import { stabilizePagefind } from "./pagefind-stable.ts";
import { searchFacets } from "./search-facets.ts";
import type { SiteConfig } from "./site-config.ts";
import { timelineData } from "./timeline-data.ts";

export interface SearchIndexResult {
  /** HTML pages indexed (those marked `data-pagefind-body`: reports, threads). */
  pages: number;
  /** Timeline entries indexed as records of their own. */
  entries: number;
}

/**
 * Builds the Pagefind index of a written site into `<siteDir>/pagefind/`. Pages opt in with
 * `data-pagefind-body` and carry their filters as `data-pagefind-filter`; each timeline entry
 * is added as a record of its own, so a search lands on the entry (`/timeline/#id`), with the
 * same thread and year filters. Pagefind writes content-hashed file names and no timestamps;
 * its filter indexes come out in a varying order, which pagefind-stable.ts makes canonical, so
 * the same site gives the same bytes.
 */
export async function buildSearchIndex(siteDir: string, digest: Digest, site: SiteConfig): Promise<SearchIndexResult> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: site.language });
  if (!index) throw new Error(`Pagefind: ${errors.join("; ")}`);
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join("; ")}`);
    // Where each entry sits on the (possibly paged) timeline, as the timeline pages place it.
    const { locations } = timelineData(digest, site.title).site;
    for (const event of digest.events) {
      const facets = searchFacets(event.topics, event.date, digest);
      const response = await index.addCustomRecord({
        url: locations[event.id] ?? `/timeline/#${event.id}`,
        content: event.text,
        language: site.language,
        meta: { title: `Timeline: ${readableDate(event.date)}` },
        filters: { type: ["Timeline entry"], year: [facets.year], ...(facets.threads.length > 0 ? { thread: facets.threads } : {}) },
      });
      if (response.errors.length > 0) throw new Error(`Pagefind: ${response.errors.join("; ")}`);
    }
    const bundle = path.join(siteDir, "pagefind");
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
    await stabilizePagefind(bundle);
    return { pages: added.page_count, entries: digest.events.length };
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
