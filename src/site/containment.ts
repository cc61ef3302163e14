import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";

/** Thrown before a page would be written outside the output folder. */
export class OutputEscapeError extends Error {
  constructor(
    readonly outputPath: string,
    readonly root: string,
    readonly inputPath: string,
  ) {
    super(`refusing to write ${outputPath} (from ${inputPath}): it is outside the output folder ${root}`);
    this.name = "OutputEscapeError";
  }
}

/** True when `file` resolves to a path strictly inside `root` (not `root` itself, not a sibling like `root-x`). */
export function isInside(root: string, file: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * Defense in depth behind slug validation: an Eleventy transform (transforms run just before a
 * page is written) that throws when a page's output path leaves `root`, so no slug, permalink or
 * front-matter value can make the build write elsewhere. The render then fails and the staging
 * folder is discarded.
 */
export function containOutput(root: string): (eleventyConfig: UserConfig) => void {
  return (eleventyConfig) => {
    eleventyConfig.addTransform("dateline-contain-output", function (this: { page: { outputPath?: unknown; inputPath?: unknown } }, content: unknown) {
      const outputPath = this.page.outputPath;
      if (typeof outputPath === "string" && !isInside(root, outputPath)) {
        throw new OutputEscapeError(outputPath, root, String(this.page.inputPath ?? "?"));
      }
      return content;
    });
  };
}
