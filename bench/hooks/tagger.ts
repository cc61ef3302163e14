import matter from "gray-matter";
import type { CorpusFile } from "../generate.ts";
import type { Metric } from "./metric.ts";

type TagTimes = (text: string, options: { dct: string }) => unknown[];

/** Modules that may export the project's tagger, in order of preference. */
const TAGGER_MODULES = ["../../src/time/tagger.ts", "../../src/time/tag.ts"];

async function loadTagger(): Promise<{ tagTimes: TagTimes; from: string } | string> {
  const failures: string[] = [];
  for (const path of TAGGER_MODULES) {
    try {
      const mod = (await import(path)) as { tagTimes?: unknown };
      if (typeof mod.tagTimes === "function") return { tagTimes: mod.tagTimes as TagTimes, from: path.replace("../../", "") };
      failures.push(`${path.replace("../../", "")} has no tagTimes`);
    } catch (error) {
      failures.push(`${path.replace("../../", "")}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  return failures.join("; ");
}

/**
 * The tagger's throughput over the corpus bodies (UTF-8 MB per second, 1 MB = 10^6 bytes),
 * each body tagged with its report date as dct. Stops after budgetMs and counts what it did.
 */
export async function taggerThroughput(files: readonly CorpusFile[], budgetMs: number): Promise<Metric> {
  const tagger = await loadTagger();
  if (typeof tagger === "string") return { value: null, unit: "MB/s", note: `n/a: ${tagger}` };
  const docs = files.map(({ content }) => {
    const { data, content: body } = matter(content);
    const date = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : String(data.date);
    return { body, dct: date, bytes: Buffer.byteLength(body, "utf8") };
  });
  // Warm-up, untimed: the first calls pay for module initialisation and JIT compilation.
  try {
    for (const doc of docs.slice(0, 50)) tagger.tagTimes(doc.body, { dct: doc.dct });
  } catch (error) {
    return { value: null, unit: "MB/s", note: `n/a: tagTimes threw: ${(error as Error).message.split("\n")[0]}` };
  }
  let bytes = 0;
  let count = 0;
  let timexes = 0;
  const started = performance.now();
  try {
    for (const doc of docs) {
      timexes += tagger.tagTimes(doc.body, { dct: doc.dct }).length;
      bytes += doc.bytes;
      count++;
      if (performance.now() - started > budgetMs) break;
    }
  } catch (error) {
    return { value: null, unit: "MB/s", note: `n/a: tagTimes threw: ${(error as Error).message.split("\n")[0]}` };
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    value: bytes / 1e6 / seconds,
    unit: "MB/s",
    note: `${tagger.from}: ${count} reports, ${(bytes / 1e6).toFixed(2)} MB, ${timexes} timexes in ${seconds.toFixed(2)} s`,
  };
}
