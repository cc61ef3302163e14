import { median } from "../lib/stats.ts";
import type { Metric } from "./metric.ts";

/**
 * Time of the cross-linking stage alone: the corpus is built into a digest with
 * `buildDigest` (untimed), then `crossLink(digest.reports, {events})` from
 * src/digest/crosslinks.ts is timed again on its own. Entity names are not passed (the digest
 * keeps them per entity, not per report), so related-report scoring does slightly less work
 * than inside the build. Reports n/a, with the reason, while either entry point is missing or fails.
 */
export async function crossLinkTiming(contentDir: string, runs: number): Promise<Metric> {
  let buildDigest: (dir: string) => Promise<{ digest: { reports: unknown[]; events: unknown[] } }>;
  let crossLink: (reports: unknown[], options: { events: unknown[] }) => { groups: unknown[] };
  try {
    ({ buildDigest } = (await import("../../src/digest/build.ts")) as unknown as { buildDigest: typeof buildDigest });
    ({ crossLink } = (await import("../../src/digest/crosslinks.ts")) as unknown as { crossLink: typeof crossLink });
    if (typeof buildDigest !== "function" || typeof crossLink !== "function") throw new Error("buildDigest or crossLink is not exported");
  } catch (error) {
    return { value: null, unit: "s", note: `n/a: ${(error as Error).message.split("\n")[0]}` };
  }
  let digest: { reports: unknown[]; events: unknown[] };
  try {
    ({ digest } = await buildDigest(contentDir));
  } catch (error) {
    return { value: null, unit: "s", note: `n/a: buildDigest failed: ${(error as Error).message.split("\n")[0]}` };
  }
  try {
    const times: number[] = [];
    let groups = 0;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      groups = crossLink(digest.reports, { events: digest.events }).groups.length;
      times.push((performance.now() - started) / 1000);
    }
    const value = median(times);
    return { value, unit: "s", note: `crossLink over ${digest.reports.length} reports (events, no entity names): ${groups} passage groups, median of ${runs}` };
  } catch (error) {
    return { value: null, unit: "s", note: `n/a: crossLink failed: ${(error as Error).message.split("\n")[0]}` };
  }
}
