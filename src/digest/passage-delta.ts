/**
 * What changed in the shared passages between two builds, by report: what the related-report
 * and novelty stages of a long-lived build process (`dateline serve`) update from, instead of
 * redoing (related.ts RelatedMemory, novelty.ts NoveltyMemory).
 */
import type { SharedPassage } from "./passages.ts";
import { perObject, perObjectWith, sameData } from "./stage-memo.ts";

/**
 * The shared passages of each report (by `at.report`), in the order of the list. Made once per
 * list: the cross-link stage's listing, related reports and novelty all read it. Not altered.
 */
export const passagesByReport = perObject((passages: readonly SharedPassage[]): ReadonlyMap<string, readonly SharedPassage[]> => {
  const byReport = new Map<string, SharedPassage[]>();
  for (const passage of passages) {
    const list = byReport.get(passage.at.report);
    if (list) list.push(passage);
    else byReport.set(passage.at.report, [passage]);
  }
  return byReport;
});

const otherPassages = perObjectWith<ReadonlyMap<string, readonly SharedPassage[]>, ReadonlySet<string>>();

/**
 * The reports whose shared passages differ, in any field, between `before` and `after`
 * (passagesByReport of each). An update of the passage stage hands over the last build's
 * objects for what it did not list again (passages.ts), so most are recognized at once. Made
 * once per pair of builds: related reports and novelty both ask. Not altered.
 */
export function reportsWithOtherPassages(before: ReadonlyMap<string, readonly SharedPassage[]>, after: ReadonlyMap<string, readonly SharedPassage[]>): ReadonlySet<string> {
  return otherPassages(after, [before], () => {
    const changed = new Set<string>();
    for (const [report, list] of after) if (!sameData(list, before.get(report))) changed.add(report);
    for (const report of before.keys()) if (!after.has(report)) changed.add(report);
    return changed;
  });
}
