import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CorpusFile } from "../generate.ts";

const SITE = fileURLToPath(new URL("./site/", import.meta.url));
export const STOCK_BUILD_SCRIPT = fileURLToPath(new URL("./build.js", import.meta.url));

/** Where a prepared stock site lives; input and output are relative to cwd. */
export interface StockSite {
  cwd: string;
  input: string;
  output: string;
}

/**
 * Lays out the stock site in dir: the layout and index from bench/stock/site, the corpus in
 * reports/, and a directory data file giving every report the layout and the "report" tag.
 * Paths handed to Eleventy stay relative to cwd: with an absolute input path Eleventy 3.1.7
 * does not pick up directory data files (seen while writing this harness).
 */
export function prepareStockSite(files: readonly CorpusFile[], dir: string): StockSite {
  rmSync(dir, { recursive: true, force: true });
  const input = join(dir, "in");
  const reports = join(input, "reports");
  mkdirSync(reports, { recursive: true });
  cpSync(SITE, input, { recursive: true });
  for (const { file, content } of files) writeFileSync(join(reports, file), content);
  writeFileSync(join(reports, "reports.11tydata.json"), `${JSON.stringify({ layout: "layout.njk", tags: ["report"] }, null, 2)}\n`);
  return { cwd: dir, input: "in", output: "out" };
}
