/**
 * Report-page markup for cross-links (issue 5): each shared paragraph says where else it
 * appears — "also in" (same wording) or "retold in" (same facts, other words) — linking to the
 * same passage in the other reports; repeated background is marked (class "repeated", shown
 * quieter by public/css/crosslinks.css) and labelled as such.
 *
 * Works on the report's sanitized HTML, whose top-level paragraphs alone carry ids "p1", "p2"…
 * (rehype-paragraph-ids runs after sanitizing, so no other element can have such an id).
 */
import type { ReportCrossLinks } from "../digest/crosslinks.ts";
import type { Report, SourceRef } from "../digest/types.ts";
import { readableDate } from "./filters-plugin.ts";

const escapeHtml = (text: string): string =>
  // Most URLs and titles have nothing to escape: one test instead of four replacements (issue 8).
  /[&<>"]/.test(text) ? text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;") : text;

/** What the notes print of the reports they link to. */
export type LinkedReport = Pick<Report, "slug" | "title" | "date">;

/**
 * The links of one page's notes: each report's escaped label is made once per page (a page
 * often links the same report from several paragraphs). Nothing is kept between pages: each
 * report page passes its own list of linked reports, so a cache keyed by that list only held
 * every page's labels until the end of the render (~100 MB at 10,000 reports, issue 8).
 */
class PageLinks {
  private readonly titles: Map<string, LinkedReport>;
  private readonly labels = new Map<string, string>();

  constructor(reports: readonly LinkedReport[]) {
    this.titles = new Map(reports.map((r) => [r.slug, r]));
  }

  link(ref: SourceRef): string {
    let label = this.labels.get(ref.report);
    if (label === undefined) {
      const report = this.titles.get(ref.report);
      label = escapeHtml(report ? `${report.title} (${readableDate(report.date)})` : ref.report);
      this.labels.set(ref.report, label);
    }
    return `<a href="${escapeHtml(ref.url)}" dir="auto">${label}</a>`;
  }
}

/**
 * The report HTML with its shared paragraphs annotated. Paragraphs without cross-links are
 * left byte for byte as they were. `reports`: at least those the links name (their titles and
 * dates label the links).
 */
export function crossLinkedHtml(html: string, links: ReportCrossLinks | null | undefined, reports: readonly LinkedReport[]): string {
  if (!links || links.passages.length === 0) return html;
  const labels = new PageLinks(reports);
  const shared = new Map(links.passages.map((p) => [p.paragraph, p.alsoIn]));
  const repeated = new Map(links.repeatedParagraphs.map((p) => [p.paragraph, p.from]));
  return html.replace(/<p id="(p\d+)">([\s\S]*?)<\/p>/g, (whole, id: string, inner: string) => {
    const alsoIn = shared.get(id);
    if (!alsoIn || alsoIn.length === 0) return whole;
    const from = repeated.get(id);
    const rest = alsoIn.filter((ref) => !from || ref.report !== from.report || ref.paragraph !== from.paragraph);
    const same = rest.filter((ref) => ref.match === "text").map((ref) => labels.link(ref));
    const retold = rest.filter((ref) => ref.match === "facts").map((ref) => labels.link(ref));
    const where = [
      ...(same.length ? [`also in ${same.join(", ")}`] : []),
      ...(retold.length ? [`retold in ${retold.join(", ")}`] : []),
    ].join("; ");
    const note = from
      ? `<span class="passage-label">Background</span>, first ${from.match === "facts" ? "told in" : "in"} ${labels.link(from)}${where ? `; ${where}` : ""}.`
      : `${where.charAt(0).toUpperCase()}${where.slice(1)}.`;
    const cls = from ? ' class="repeated"' : ' class="shared"';
    return `<p id="${id}"${cls}>${inner}</p>\n<p class="also-in">${note}</p>`;
  });
}
