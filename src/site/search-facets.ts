import type { Digest } from "../digest/types.ts";

/** A thread as the story configuration names it. */
interface ThreadLike {
  slug: string;
  title: string;
}

/**
 * What the search records are made of: a digest's reports, timeline events, figures and story
 * (content/story.yaml, whose threads name the topics). Not its cross-links: a build hands these
 * parts to the search index before the cross-report linking runs (build.ts `DigestParts`).
 */
export type DigestWithThreads = Pick<Digest, "story" | "reports" | "events" | "tallyGroups"> & { story?: { threads: readonly ThreadLike[] } | null };

export interface SearchFacets {
  /** "2024" */
  year: string;
  /** Titles of the threads, in the story's order. */
  threads: string[];
}

/**
 * Search filters of a report or timeline entry: its year, and the titles of its threads
 * (`slugs` that are not threads of the story, such as free tags, are left out).
 */
export function searchFacets(slugs: readonly string[], date: string, digest: DigestWithThreads): SearchFacets {
  const wanted = new Set(slugs);
  const threads = (digest.story?.threads ?? []).filter((t) => wanted.has(t.slug)).map((t) => t.title);
  return { year: date.slice(0, 4), threads };
}
