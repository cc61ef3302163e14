import path from "node:path";
import type { LoadedReport } from "./load.ts";
import type { Problem } from "./problems.ts";
import { loadStoryIfPresent, StoryConfigError, type StoryConfig } from "./story.ts";

/** The story file of a content folder. */
export function storyFile(contentDir: string): string {
  return path.join(contentDir, "story.yaml");
}

/**
 * The problems of a content folder's story configuration, as `dateline check` lists them: every
 * issue of `story.yaml` (with line and column), and every front-matter `threads:` entry that
 * names no configured thread (or that is given when there is no story file at all).
 */
export async function storyProblems(
  contentDir: string,
  reports: readonly Pick<LoadedReport, "file" | "meta">[],
): Promise<{ story: StoryConfig | null; problems: Problem[] }> {
  let story: StoryConfig | null = null;
  const problems: Problem[] = [];
  try {
    story = await loadStoryIfPresent(storyFile(contentDir), "story.yaml");
  } catch (error) {
    if (!(error instanceof StoryConfigError)) throw error;
    for (const issue of error.issues) {
      problems.push({ severity: "error", file: issue.file, line: issue.line, column: issue.column, message: issue.message });
    }
    return { story: null, problems };
  }
  const known = new Set(story?.threads.map((t) => t.slug) ?? []);
  for (const report of reports) {
    for (const entry of report.meta.threads ?? []) {
      const slug = entry.replace(/^[+-]/, "");
      if (known.has(slug)) continue;
      problems.push({
        severity: "error",
        file: report.file,
        message: story
          ? `"threads" names an unknown thread "${slug}"`
          : `"threads" names "${slug}", but the content folder has no story.yaml to define threads`,
        fix: story ? `use one of: ${[...known].join(", ")}` : "add story.yaml with the threads, or remove the threads line",
      });
    }
  }
  return { story, problems };
}
