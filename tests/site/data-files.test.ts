import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import { toDigestJson } from "../../src/digest/export.ts";
import { writeDataFiles } from "../../src/site/data-files.ts";
import { siteData } from "../../src/site/site-data.ts";
import { timelineData, timelineJs } from "../../src/site/timeline-data.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the data files of a site", () => {
  it("writes digest.json and the TimelineJS file, exactly the export, and names them for the sitemap", async () => {
    const { digest } = await buildDigest(path.join(ROOT, "content"));
    const data = siteData(digest, {});
    const dir = await tempDir();
    const written = await writeDataFiles(dir, data);
    expect(written.map((p) => p.url)).toEqual(["/digest.json", "/timeline.timelinejs.json"]);
    const json = await readFile(path.join(dir, "digest.json"), "utf8");
    expect(json).toBe(toDigestJson(digest));
    expect((JSON.parse(json) as { reports: unknown[] }).reports).toHaveLength(digest.reports.length);
    const timeline = await readFile(path.join(dir, "timeline.timelinejs.json"), "utf8");
    expect(timeline).toBe(`${JSON.stringify(timelineJs(digest, timelineData(digest).site, data.site.title), null, 2)}\n`);
    const events = (JSON.parse(timeline) as { events: Array<{ unique_id: string }> }).events;
    expect(events.map((e) => e.unique_id).sort()).toEqual(digest.events.map((e) => e.id).sort());
  });

  it("makes the TimelineJS data once per event list, title and report count, when asked to keep it", async () => {
    const { digest } = await buildDigest(path.join(ROOT, "content"));
    const { site } = timelineData(digest);
    expect(timelineJs(digest, site, "A story")).not.toBe(timelineJs(digest, site, "A story")); // a one-off build keeps none
    const first = timelineJs(digest, site, "A story", true);
    // Another digest object with the same events (a rebuild that changed no event): the same data.
    expect(timelineJs({ ...digest }, site, "A story", true)).toBe(first);
    const retitled = timelineJs(digest, site, "Another story", true);
    expect(retitled.title.text.headline).toBe("Another story");
    const fewer = timelineJs({ ...digest, reports: digest.reports.slice(1) }, site, "Another story", true);
    expect(fewer.title.text.text).toContain(`${digest.reports.length - 1} reports`);
  });
});
