import path from "node:path";
import { loadContent, type LoadedReport } from "../content/load.ts";
import { ContentError, type Problem } from "../content/problems.ts";
import { loadStoryIfPresent, type StoryConfig } from "../content/story.ts";
import { analyzeLoaded, type ReportAnalysis } from "./analyze.ts";
import { crossLink } from "./crosslinks.ts";
import { indexEntities } from "./entities.ts";
import { mergeEvents } from "./merge.ts";
import { compareReports } from "./report-order.ts";
import { groupTallies, toContractTally } from "./tallies.ts";
import type { Digest } from "./types.ts";

export interface DigestResult {
  digest: Digest;
  /** Warnings (errors throw a ContentError). */
  problems: Problem[];
}

/** The cross-report stages over the per-report analyses, in order. Deterministic. */
export function assembleDigest(analyses: readonly ReportAnalysis[], story: StoryConfig | null): Digest {
  // Newest first is how readers meet reports; ties by slug so the order never depends on input order.
  const ordered = [...analyses].sort((a, b) => -compareReports(a.report, b.report));
  const reports = ordered.map((a) => a.report);
  const events = mergeEvents(ordered.flatMap((a) => a.events));
  const tallyGroups = groupTallies(ordered.flatMap((a) => a.tallies));
  const mentions = new Map(ordered.map((a) => [a.report.slug, a.entities] as const));
  const entities = indexEntities(reports, mentions, story);
  const entityNames = new Map(ordered.map((a) => [a.report.slug, [...new Set(a.entities.map((e) => e.name))].sort()] as const));
  const crossLinks = crossLink(reports, { events, entities: entityNames });
  for (const report of reports) {
    report.related = (crossLinks.reports[report.slug]?.related ?? []).map(({ slug, score, reasons }) => ({ slug, score, reasons }));
  }
  return { story, reports, events, tallies: tallyGroups.tallies.map(toContractTally), tallyGroups, entities, crossLinks };
}

/** Runs the per-report stage over every loaded report. */
export type Analyzer = (reports: readonly LoadedReport[], story: StoryConfig | null) => Promise<ReportAnalysis[]>;

export const analyzeInProcess: Analyzer = async (reports, story) => reports.map((r) => analyzeLoaded(r, story));

/** content folder → validated reports (+ story.yaml) → per-report stage → cross-report stages → digest. */
export async function buildDigest(contentDir: string, analyze: Analyzer = analyzeInProcess): Promise<DigestResult> {
  const storyFile = path.join(contentDir, "story.yaml");
  const [{ reports: loaded, problems }, story] = await Promise.all([
    loadContent(contentDir),
    loadStoryIfPresent(storyFile, path.relative(process.cwd(), storyFile) || storyFile),
  ]);
  if (problems.some((p) => p.severity === "error")) throw new ContentError(problems, contentDir);
  const analyses = await analyze(loaded, story);
  return { digest: assembleDigest(analyses, story), problems };
}
