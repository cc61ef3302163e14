import type { DigestContent } from "../digest/types.ts";

/** A thread as the story configuration names it. */
interface ThreadLike {
  slug: string;
  title: string;
}

/** A digest that may carry its story (content/story.yaml), whose threads name the topics. */
export type DigestWithThreads = DigestContent & { story?: { threads: readonly ThreadLike[] } | null };

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
