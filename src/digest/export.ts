import { toContractTally } from "./tallies.ts";
import type { Digest } from "./types.ts";

/**
 * The public `digest.json`: a projection of the model with exactly the contract's fields.
 * Later versions add fields; none is ever removed or renamed.
 */
export function toDigestJson(digest: Digest): string {
  return `${JSON.stringify(digestExport(digest), null, 2)}\n`;
}

/** What `digest.json` holds, as an object (a large site writes it piece by piece). */
export function digestExport(digest: Digest) {
  return {
    reports: digest.reports.map((r) => ({
      slug: r.slug,
      url: r.url,
      title: r.title,
      date: r.date,
      summary: r.summary,
      paragraphs: r.paragraphs.map((p) => ({ id: p.id, text: p.text })),
      topics: r.topics,
      related: r.related.map((x) => ({ slug: x.slug, reasons: x.reasons })),
    })),
    events: digest.events.map((e) => ({ id: e.id, date: e.date, text: e.text, topics: e.topics, sources: e.sources })),
    // People, organizations and places the reports name (src/digest/entities.ts).
    entities: (digest.entities ?? []).map((e) => ({
      name: e.name,
      slug: e.slug,
      kind: e.kind,
      url: `/entities/${e.slug}/`,
      variants: e.variants,
      reports: e.reports,
    })),
    tallies: digest.tallies.map(toContractTally),
  };
}
