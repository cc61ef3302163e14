import path from "node:path";
import { buildDigest, type DigestResult } from "../digest/build.ts";

/**
 * The digest of each content folder, computed once per process. `dateline build` computes it
 * before starting Eleventy (so content errors stop the build before anything is written) and
 * hands it over here, with the pages the build renders (the others stay as the previous build
 * left them, see render-plan.ts); `eleventy --serve` computes it on demand and again after
 * each change, and renders every page.
 */
interface Store {
  digests: Map<string, Promise<DigestResult>>;
  selections: Map<string, ReadonlySet<string>>;
}

// One store per process, not per module instance: Eleventy imports the configuration (and with
// it this module) through Node's loader, while a test runner may have loaded `dateline build`
// through its own; both must see the digest the build provided.
const KEY = Symbol.for("dateline.digest-store");
const shared = globalThis as typeof globalThis & { [KEY]?: Store };
const { digests: store, selections } = (shared[KEY] ??= { digests: new Map(), selections: new Map() });

export function provideDigest(contentDir: string, result: DigestResult, only?: ReadonlySet<string>): void {
  const key = path.resolve(contentDir);
  store.set(key, Promise.resolve(result));
  if (only) selections.set(key, only);
  else selections.delete(key);
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

/** The URLs of the planned pages to render, or undefined for all of them. */
export function selectionFor(contentDir: string): ReadonlySet<string> | undefined {
  return selections.get(path.resolve(contentDir));
}

/** Forgets computed digests (the dev server calls it when content or code changes). */
export function forgetDigests(): void {
  store.clear();
  selections.clear();
}
