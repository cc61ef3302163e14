import type { Hash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Feeds `hash` every file under `dir` that `keep` accepts (by its path relative to `dir`), in
 * sorted order, each as `label` + its relative path + NUL, then its bytes: a version of the code
 * in that folder, for cache keys (the analysis cache, cache.ts; the render manifest,
 * src/site/render-manifest.ts).
 */
export function hashTree(hash: Hash, dir: string, label = "", keep: (file: string) => boolean = () => true): void {
  for (const file of filesUnder(dir).filter(keep)) hash.update(`${label}${file}\0`).update(readFileSync(path.join(dir, file)));
}

/** Every file under `dir`, as paths relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
