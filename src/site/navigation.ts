import { perObject, perObjectWith } from "../digest/stage-memo.ts";
import type { Report } from "../digest/types.ts";

/** A link the templates print as it is. */
export interface Link {
  label: string;
  url: string;
}

/** A main-navigation item: `current` is "page" on the section's own page, "location" inside it. */
export interface NavItem extends Link {
  current: "page" | "location" | null;
}

/** The site's sections, in navigation order; `/` is the home page. */
export const SECTIONS: readonly Link[] = [
  { label: "Latest", url: "/" },
  { label: "Timeline", url: "/timeline/" },
  { label: "Threads", url: "/threads/" },
  { label: "Tallies", url: "/tallies/" },
  { label: "Reports", url: "/reports/" },
  { label: "Entities", url: "/entities/" },
  { label: "Search", url: "/search/" },
];

/** What the digest offers: thread, tallies and entity sections are shown only when it has them. */
export interface SectionAvailability {
  threads: boolean;
  entities: boolean;
  tallies?: boolean;
}

export function availableSections(has: SectionAvailability): Link[] {
  return SECTIONS.filter((s) =>
    s.url === "/threads/" ? has.threads : s.url === "/entities/" ? has.entities : s.url === "/tallies/" ? has.tallies === true : true,
  );
}

/** The section a page belongs to: the longest section URL that prefixes it (home only for "/"). */
export function sectionOf(pageUrl: string, sections: readonly Link[]): Link | null {
  let best: Link | null = null;
  for (const s of sections) {
    const inside = s.url === "/" ? pageUrl === "/" : pageUrl.startsWith(s.url);
    if (inside && (!best || s.url.length > best.url.length)) best = s;
  }
  return best;
}

export function navItems(pageUrl: string, sections: readonly Link[]): NavItem[] {
  const section = sectionOf(pageUrl, sections);
  return sections.map((s) => ({
    ...s,
    current: s.url === pageUrl ? "page" : s === section ? "location" : null,
  }));
}

/**
 * The trail from home to a page below a section: Home › Section › Page. Top-level pages get
 * none (the main navigation already says where the reader is). Report pages always sit under
 * Reports; other pages under their section when it exists.
 */
export function breadcrumbs(pageUrl: string, title: string, sections: readonly Link[]): Link[] {
  if (pageUrl === "/" || pageUrl.split("/").filter(Boolean).length < 2) return [];
  const section = sectionOf(pageUrl, sections);
  const trail: Link[] = [{ label: "Home", url: "/" }];
  if (section && section.url !== "/" && section.url !== pageUrl) trail.push(section);
  trail.push({ label: title, url: pageUrl });
  return trail;
}

export interface Neighbours {
  /** The report published just before (older). */
  previous: (Link & { date: string }) | null;
  /** The report published just after (newer). */
  next: (Link & { date: string }) | null;
}

/** A report as a neighbour link, one object per report. */
const neighbourLink = perObject((r: Report): Link & { date: string } => ({ label: r.title, url: r.url, date: r.date }));

/** A report's neighbours, the same object while its neighbours are the same reports (issue 8: a long-lived build process). */
const neighboursOf = perObjectWith<Report, Neighbours>();

/**
 * Previous/next report in publication order (date-time, then slug, as the digest orders them),
 * computed once per report list.
 */
export const reportNeighbours = perObject((reports: readonly Report[]): Map<string, Neighbours> => {
  const chronological = [...reports].sort((a, b) =>
    a.datetime === b.datetime ? a.slug.localeCompare(b.slug) : a.datetime < b.datetime ? -1 : 1,
  );
  const map = new Map<string, Neighbours>();
  chronological.forEach((r, i) => {
    const [previous, next] = [chronological[i - 1], chronological[i + 1]];
    map.set(
      r.slug,
      neighboursOf(r, [previous, next], () => ({ previous: previous ? neighbourLink(previous) : null, next: next ? neighbourLink(next) : null })),
    );
  });
  return map;
});
