import { loadContent } from "../content/load.ts";
import { ContentError, type Problem } from "../content/problems.ts";
import { analyzeReport } from "./report.ts";
import { datedStatements } from "./statements.ts";
import type { Digest, Report } from "./types.ts";

export interface DigestResult {
  digest: Digest;
  /** Warnings (errors throw a ContentError). */
  problems: Problem[];
}

/** Cross-report stages over the analyzed reports, in order. */
export function assembleDigest(reports: Report[]): Digest {
  const events = datedStatements(reports);
  return { reports, events, tallies: [] };
}

/** content folder → validated reports → per-report pipeline → cross-report stages → digest. */
export async function buildDigest(contentDir: string): Promise<DigestResult> {
  const { reports: loaded, problems } = await loadContent(contentDir);
  if (problems.some((p) => p.severity === "error")) throw new ContentError(problems, contentDir);
  const reports = loaded.map(analyzeReport);
  // Newest first is how readers meet reports; the digest keeps that order.
  reports.sort((a, b) => (a.datetime === b.datetime ? a.slug.localeCompare(b.slug) : a.datetime < b.datetime ? 1 : -1));
  return { digest: assembleDigest(reports), problems };
}
