import type { LoadedReport } from "../content/load.ts";
import type { StoryConfig } from "../content/story.ts";
import { entitiesInText, extractEntities, type ReportEntityMention } from "./entities.ts";
import { extractEvents, type EventMention } from "./events.ts";
import { passageFeatures, type PassageFeatures } from "./passage-features.ts";
import { analyzeReport } from "./report.ts";
import { extractTallies, type TallyMention } from "./tallies.ts";
import { classify, reportThreads } from "./threads.ts";
import type { Report } from "./types.ts";

/**
 * Everything the build learns from one report on its own: the rendered report and the
 * mentions (events, figures, names) that the cross-report stages merge. Plain data (objects,
 * arrays, typed arrays) that structured clone and v8 serialization carry, so it can be computed
 * in a worker thread and cached by content hash.
 */
export interface ReportAnalysis {
  report: Report;
  events: EventMention[];
  tallies: TallyMention[];
  entities: ReportEntityMention[];
  /** What the shared-passage stage needs of the report's paragraphs (kept in the cache). */
  passages: PassageFeatures;
}

/** The per-report stage of the build. */
export function analyzeLoaded(loaded: LoadedReport, story: StoryConfig | null): ReportAnalysis {
  const report = analyzeReport(loaded);
  const entities = extractEntities(report, story);
  let events: EventMention[];
  if (story) {
    // With a story configured, a report's topics are its threads, and each event's topics are
    // the threads its own sentence is about (not every thread of the report it came from).
    report.topics = reportThreads(report, entities, story, loaded.meta.threads);
    events = extractEvents(
      { ...report, topics: [], tags: [] },
      { classify: (text) => classify(text, entitiesInText(text, story), story) },
    );
  } else {
    events = extractEvents(report);
  }
  const tallies = extractTallies(report, story);
  return { report, events, tallies, entities, passages: passageFeatures(report.paragraphs) };
}
