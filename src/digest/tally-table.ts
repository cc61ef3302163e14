import { capitalize, escapeXml as escapeHtml, figureLabel } from "./chart.ts";
import { slugify, type TallyConflict } from "./tallies.ts";
import type { Report, Tally } from "./types.ts";

/**
 * The HTML beside each tallies chart: the data as a table (the accessible form of the chart,
 * with every source linked) and the figures that disagree, side by side with their sources.
 * Plain strings, so any template engine can include them unescaped.
 */

type TableTally = Tally & { conflicts?: readonly string[] };

function sourceLinks(t: Tally, titles: ReadonlyMap<string, string>): string {
  return t.sources
    .map((s) => `<a href="${escapeHtml(s.url)}">${escapeHtml(titles.get(s.report) ?? s.report)}, ¶${escapeHtml(s.paragraph.replace(/^p/, ""))}</a>`)
    .join("; ");
}

function titleMap(reports: readonly Pick<Report, "slug" | "title">[]): Map<string, string> {
  return new Map(reports.map((r) => [r.slug, r.title]));
}

/** The data table of one measure, rows in as-of then value order; conflicting rows flagged. */
export function renderTallyTable(
  measure: string,
  tallies: readonly TableTally[],
  reports: readonly Pick<Report, "slug" | "title">[] = [],
): string {
  const titles = titleMap(reports);
  const rows = tallies
    .filter((t) => t.measure === measure)
    .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.value - b.value));
  if (rows.length === 0) return "";
  const out = [
    `<table class="tally-table" id="table-${slugify(measure)}">`,
    `<caption>${escapeHtml(capitalize(measure))}: the figures and their sources</caption>`,
    `<thead><tr><th scope="col">As of</th><th scope="col">Figure</th><th scope="col">Counted since</th><th scope="col">Sources</th></tr></thead>`,
    `<tbody>`,
  ];
  for (const t of rows) {
    const conflict = (t.conflicts?.length ?? 0) > 0;
    out.push(
      `<tr id="${escapeHtml(t.id)}"${conflict ? ' class="conflict"' : ""} data-as-of="${t.asOf}" data-value="${t.value}">` +
        `<td><time datetime="${t.asOf}">${t.asOf}</time></td>` +
        `<td>${escapeHtml(figureLabel(t.value, t.qualifier))}${conflict ? ' <strong class="flag">(sources disagree)</strong>' : ""}</td>` +
        `<td>${t.since ? `<time datetime="${t.since}">${t.since}</time>` : "—"}</td>` +
        `<td>${sourceLinks(t, titles)}</td></tr>`,
    );
  }
  out.push(`</tbody>`, `</table>`);
  return out.join("\n");
}

/** Each disagreement of one measure: the figures side by side, each with its sentence and sources. */
export function renderConflicts(
  measure: string,
  conflicts: readonly TallyConflict[],
  tallies: readonly TableTally[],
  reports: readonly Pick<Report, "slug" | "title">[] = [],
): string {
  const titles = titleMap(reports);
  const byId = new Map(tallies.map((t) => [t.id, t]));
  const mine = conflicts.filter((c) => c.measure === measure);
  if (mine.length === 0) return "";
  const out = [`<div class="tally-conflicts">`];
  for (const c of mine) {
    out.push(
      `<section class="conflict" aria-label="${escapeHtml(`Figures that disagree for ${c.asOf}`)}">`,
      `<h4>Sources disagree: ${escapeHtml(measure)} as of <time datetime="${c.asOf}">${c.asOf}</time></h4>`,
      `<div class="side-by-side">`,
    );
    for (const id of c.tallies) {
      const t = byId.get(id);
      if (!t) continue;
      out.push(
        `<figure><figcaption><strong>${escapeHtml(figureLabel(t.value, t.qualifier))}</strong></figcaption>` +
          `<blockquote>${escapeHtml(t.text)}</blockquote><p>${sourceLinks(t, titles)}</p></figure>`,
      );
    }
    out.push(`</div>`, `</section>`);
  }
  out.push(`</div>`);
  return out.join("\n");
}
