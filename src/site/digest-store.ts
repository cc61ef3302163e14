import path from "node:path";
import { buildDigest, type DigestResult } from "../digest/build.ts";

/**
 * The digest of each content folder, computed once per process. `dateline build` computes it
 * before starting Eleventy (so content errors stop the build before anything is written) and
 * hands it over here; `eleventy --serve` computes it on demand and again after each change.
 */
const store = new Map<string, Promise<DigestResult>>();

export function provideDigest(contentDir: string, result: DigestResult): void {
  store.set(path.resolve(contentDir), Promise.resolve(result));
}

export function digestFor(contentDir: string): Promise<DigestResult> {
  const key = path.resolve(contentDir);
  let result = store.get(key);
  if (!result) {
    result = buildDigest(key);
    store.set(key, result);
  }
  return result;
}

/** Forgets computed digests (the dev server calls it when content or code changes). */
export function forgetDigests(): void {
  store.clear();
}
