import { median } from "../lib/stats.ts";
import type { Metric } from "./metric.ts";

/**
 * Time of the cross-linking stage alone: the corpus is built into reports with
 * `buildDigest` (untimed), then `crossLink(reports, {events})` from src/digest/crosslinks.ts
 * is timed. Reports n/a while either entry point is missing or fails.
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
  try {
    const { digest } = await buildDigest(contentDir);
    const times: number[] = [];
    let groups = 0;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      groups = crossLink(digest.reports, { events: digest.events }).groups.length;
      times.push((performance.now() - started) / 1000);
    }
    const value = median(times);
    return { value, unit: "s", note: `crossLink over ${digest.reports.length} reports: ${groups} passage groups, median of ${runs}` };
  } catch (error) {
    return { value: null, unit: "s", note: `n/a: ${(error as Error).message.split("\n")[0]}` };
  }
}
