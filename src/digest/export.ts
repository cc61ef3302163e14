import { perObject } from "./stage-memo.ts";
import { toContractTally } from "./tallies.ts";
import type { Digest } from "./types.ts";

/**
 * The public `digest.json`: a projection of the model with exactly the contract's fields.
 * Later versions add fields; none is ever removed or renamed.
 */
export function toDigestJson(digest: Digest): string {
  return `${JSON.stringify(digestExport(digest), null, 2)}\n`;
}

// An entry of the export is made once per report, event or entity of the digest (perObject): a
// long-lived build process hands its next build the same objects for what an edit left
// unchanged (src/digest/session.ts), so their entries are the same objects too, and their JSON
// is not made again (src/site/json-file.ts).
const reportEntry = perObject((r: Digest["reports"][number]) => ({
  slug: r.slug,
  url: r.url,
  title: r.title,
  date: r.date,
  summary: r.summary,
  paragraphs: r.paragraphs.map((p) => ({ id: p.id, text: p.text })),
  topics: r.topics,
  related: r.related.map((x) => ({ slug: x.slug, reasons: x.reasons })),
}));

const eventEntry = perObject((e: Digest["events"][number]) => ({ id: e.id, date: e.date, text: e.text, topics: e.topics, sources: e.sources }));

const entityEntry = perObject((e: NonNullable<Digest["entities"]>[number]) => ({
  name: e.name,
  slug: e.slug,
  kind: e.kind,
  url: `/entities/${e.slug}/`,
  variants: e.variants,
  reports: e.reports,
}));

/** What `digest.json` holds, as an object (a large site writes it piece by piece). */
export function digestExport(digest: Digest) {
  return {
    reports: digest.reports.map(reportEntry),
    events: digest.events.map(eventEntry),
    // People, organizations and places the reports name (src/digest/entities.ts).
    entities: (digest.entities ?? []).map(entityEntry),
    tallies: digest.tallies.map(toContractTally),
  };
}
