import { scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";
import { slugify } from "./tallies.ts";
import type { Tally } from "./types.ts";

/**
 * Build-time SVG chart of one measure's figures over time: no client JavaScript.
 *
 * - Time runs on a UTC scale (d3-scale `scaleUtc`) over the as-of dates; values on a linear
 *   scale from zero with "nice" ticks. A line (d3-shape) joins, in date order, the running totals
 *   counted from the same date ("since October 17"), and separately the figures without one. Where
 *   figures disagree on the same date the line runs through both, and those points are drawn
 *   as conflicts (class "conflict", a second ring).
 * - Accessible: the <svg> is labelled by the chart's <title> and <desc> (aria-labelledby); the
 *   description summarises the data and says the full data is in the table below the chart
 *   (tally-table.ts). Each point is an <a href> to its source paragraph, named by its own <title>
 *   ("66 as of 2023-11-30 (since 2023-10-17)") and reachable by keyboard. The <svg> has
 *   role="group", not role="img": an image's content is presentational, so links inside one are
 *   lost to assistive technology (axe rule nested-interactive); a labelled group keeps both the
 *   chart's name and its links.
 * - Deterministic: coordinates are printed with at most one decimal, points are sorted, ids
 *   derive from the measure's slug.
 * - Every point carries `data-id`, `data-as-of`, `data-value`, `data-qualifier` so the chart's
 *   data can be checked against digest.json.
 */

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Prefix for element ids, unique on the page; defaults to "chart-<measure slug>". */
  idPrefix?: string;
}

export interface ChartPoint {
  id: string;
  asOf: string;
  value: number;
  qualifier: Tally["qualifier"];
  url: string;
  label: string;
  since: string | null;
  conflict: boolean;
}

const MARGIN = { top: 16, right: 24, bottom: 36, left: 56 };

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Fixed, locale-free number printing: at most one decimal, no "-0". */
function fixed(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** 2500 → "2,500", 1.25 → "1.25": the same bytes whatever the ICU build or locale. */
export function groupDigits(value: number): string {
  const [whole, fraction] = String(Math.round(value * 100) / 100).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** "at least 60", "about 2,500": a figure as a reader says it. */
export function figureLabel(value: number, qualifier: Tally["qualifier"]): string {
  const digits = groupDigits(value);
  return qualifier === "exactly" ? digits : `${qualifier} ${digits}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function utcDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** The points a chart draws for one measure, in date then value order. */
export function chartPoints(
  measure: string,
  tallies: readonly (Tally & { conflicts?: readonly string[] })[],
): ChartPoint[] {
  return tallies
    .filter((t) => t.measure === measure)
    .map((t) => ({
      id: t.id,
      asOf: t.asOf,
      value: t.value,
      qualifier: t.qualifier,
      url: t.sources[0]?.url ?? "",
      since: t.since,
      label: `${figureLabel(t.value, t.qualifier)} as of ${t.asOf}${t.since ? ` (since ${t.since})` : ""}`,
      conflict: (t.conflicts?.length ?? 0) > 0,
    }))
    .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.value - b.value || (a.id < b.id ? -1 : 1)));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Tick label for a UTC date: "Nov 2023" on month starts, "26 Dec" otherwise. Locale-free. */
function dateTick(date: Date, spanDays: number): string {
  const month = MONTHS[date.getUTCMonth()]!;
  if (spanDays > 120 || date.getUTCDate() === 1) return `${month} ${date.getUTCFullYear()}`;
  return `${date.getUTCDate()} ${month}`;
}

/** The SVG chart of one measure (see the module comment). Empty string when it has no figures. */
export function renderTallyChart(
  measure: string,
  tallies: readonly (Tally & { conflicts?: readonly string[] })[],
  options: ChartOptions = {},
): string {
  const points = chartPoints(measure, tallies);
  if (points.length === 0) return "";
  const width = options.width ?? 560;
  const height = options.height ?? 260;
  const id = options.idPrefix ?? `chart-${slugify(measure)}`;
  const dates = points.map((p) => utcDay(p.asOf).getTime());
  let lo = Math.min(...dates);
  let hi = Math.max(...dates);
  const DAY = 86_400_000;
  // Pad the domain so that no point sits on the frame.
  const pad = Math.max(3 * DAY, Math.round((hi - lo) * 0.06 / DAY) * DAY);
  lo -= pad;
  hi += pad;
  const spanDays = (hi - lo) / DAY;
  const x = scaleUtc()
    .domain([new Date(lo), new Date(hi)])
    .range([MARGIN.left, width - MARGIN.right]);
  const maxValue = Math.max(...points.map((p) => p.value));
  const y = scaleLinear()
    .domain([0, maxValue > 0 ? maxValue * 1.1 : 1])
    .nice(5)
    .range([height - MARGIN.bottom, MARGIN.top]);
  const draw = line<ChartPoint>()
    .x((p) => x(utcDay(p.asOf)))
    .y((p) => y(p.value))
    .digits(1);
  // One line per counting baseline: running totals "since October 17" are joined to each other,
  // never to figures without a since-date (levels such as troop numbers, joined among themselves)
  // or to a count from another start date.
  const series = new Map<string, ChartPoint[]>();
  for (const p of points) {
    const key = p.since ?? "";
    const list = series.get(key);
    if (list) list.push(p);
    else series.set(key, [p]);
  }
  const paths = [...series.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([, list]) => list.length > 1)
    .map(([since, list]) => ({ since, d: draw(list) ?? "" }));

  const first = points[0]!;
  const last = points[points.length - 1]!;
  const values = points.map((p) => p.value);
  const conflictDates = [...new Set(points.filter((p) => p.conflict).map((p) => p.asOf))];
  const desc = [
    `${points.length} figure${points.length === 1 ? "" : "s"} for ${measure}`,
    first.asOf === last.asOf ? `as of ${first.asOf}` : `from ${first.asOf} to ${last.asOf}`,
    Math.min(...values) === Math.max(...values)
      ? `all ${figureLabel(first.value, "exactly")}`
      : `ranging from ${figureLabel(Math.min(...values), "exactly")} to ${figureLabel(Math.max(...values), "exactly")}`,
  ].join(", ");
  const conflictNote = conflictDates.length
    ? ` Sources disagree on ${conflictDates.join(", ")}.`
    : "";

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="tally-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="13" fill="currentColor" role="group" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeXml(`${capitalize(measure)}: figures over time`)}</title>`,
    `<desc id="${id}-desc">${escapeXml(`${desc}.${conflictNote} The data and sources are in the table below the chart.`)}</desc>`,
  );
  out.push(`<g class="axis axis-y">`);
  // Counts are whole numbers: no "3.5" tick on a chart of three facilities.
  const wholeNumbers = points.every((p) => Number.isInteger(p.value));
  for (const tick of y.ticks(5).filter((t) => !wholeNumbers || Number.isInteger(t))) {
    const ty = fixed(y(tick));
    out.push(
      `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${ty}" y2="${ty}" class="grid" stroke="currentColor" stroke-opacity="0.15"/>`,
      `<text x="${MARGIN.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${escapeXml(groupDigits(tick))}</text>`,
    );
  }
  out.push(`</g>`, `<g class="axis axis-x">`);
  const baseline = fixed(height - MARGIN.bottom);
  out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${baseline}" y2="${baseline}" class="baseline" stroke="currentColor"/>`);
  for (const tick of x.ticks(Math.max(2, Math.min(6, Math.floor((width - MARGIN.left - MARGIN.right) / 100))))) {
    const tx = fixed(x(tick));
    out.push(
      `<line x1="${tx}" x2="${tx}" y1="${baseline}" y2="${fixed(height - MARGIN.bottom + 5)}" class="tick" stroke="currentColor"/>`,
      `<text x="${tx}" y="${fixed(height - MARGIN.bottom + 18)}" text-anchor="middle">${escapeXml(dateTick(tick, spanDays))}</text>`,
    );
  }
  out.push(`</g>`);
  for (const { since, d } of paths) {
    const attr = since ? ` data-since="${since}"` : "";
    out.push(`<path class="line"${attr} d="${d}" fill="none" stroke="currentColor" stroke-width="1.5"/>`);
  }
  out.push(`<g class="points">`);
  for (const p of points) {
    const cx = fixed(x(utcDay(p.asOf)));
    const cy = fixed(y(p.value));
    out.push(
      `<a href="${escapeXml(p.url)}" class="point${p.conflict ? " conflict" : ""}" data-id="${escapeXml(p.id)}" data-as-of="${p.asOf}" data-value="${p.value}" data-qualifier="${escapeXml(p.qualifier)}">`,
      `<title>${escapeXml(p.label)}</title>`,
      p.conflict ? `<circle cx="${cx}" cy="${cy}" r="8" class="conflict-ring" fill="none" stroke="#b00020" stroke-width="2"/>` : "",
      `<circle cx="${cx}" cy="${cy}" r="4" fill="currentColor"/>`,
      `</a>`,
    );
  }
  out.push(`</g>`, `</svg>`);
  return out.filter(Boolean).join("\n");
}
