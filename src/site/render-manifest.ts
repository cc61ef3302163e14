import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { hashTree } from "../digest/tree-hash.ts";
import { outputPathOf, type RenderPlan } from "./render-plan.ts";
import { bundlePath, type ShardKey } from "./search-split.ts";

/**
 * What a build rendered (issue 8): per planned page, its fingerprint and the size and
 * modification time of the file written. Kept in the cache folder (`.cache/render/`, one file
 * per output folder), never in the site. A later build reuses a page only when its fingerprint
 * is unchanged and the file in the current site is still the one written then, so a site
 * edited or replaced by hand is rendered again, not trusted. Deleting the cache is safe.
 */
export interface ManifestEntry {
  fingerprint: string;
  size: number;
  mtimeMs: number;
}

/**
 * A search shard as the site holds it: its key, and the size and modification time of its
 * bundle's `pagefind-entry.json`, checked as pages are (`intactShards`).
 */
export interface ManifestShard extends ShardKey {
  size: number;
  mtimeMs: number;
}

export interface RenderManifest {
  format: typeof FORMAT;
  siteWide: string;
  /** By page URL. */
  pages: Record<string, ManifestEntry>;
  /**
   * Every file the build put into the site outside its search bundles (site-commit.ts
   * `siteFiles`), so that a rebuild in place can delete those it no longer makes.
   */
  files: string[];
  /**
   * The site's search shards and their keys: a rebuild leaves a shard whose key is unchanged
   * where it is (search-bundles.ts). Absent: every shard goes in anew.
   */
  search?: ManifestShard[];
}

const FORMAT = "dateline-render-2";

/** The manifest file of an output folder, in the cache folder. */
export function manifestFile(cacheDir: string, outputDir: string): string {
  const key = createHash("sha256").update(path.resolve(outputDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, "render", `${key}.json`);
}

export async function loadManifest(file: string): Promise<RenderManifest | null> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<RenderManifest>;
    if (parsed.format !== FORMAT || typeof parsed.siteWide !== "string" || typeof parsed.pages !== "object" || !parsed.pages) return null;
    if (!Array.isArray(parsed.files) || !parsed.files.every((f) => typeof f === "string")) return null;
    const shardKey = (s: unknown): boolean => {
      const x = s as Partial<ManifestShard> | null;
      return typeof x === "object" && x !== null && Number.isInteger(x.shard) && typeof x.key === "string" && typeof x.size === "number" && typeof x.mtimeMs === "number";
    };
    if (parsed.search !== undefined && !(Array.isArray(parsed.search) && parsed.search.every(shardKey))) return null;
    return parsed as RenderManifest;
  } catch {
    return null; // missing or unreadable: render everything
  }
}

export async function saveManifest(file: string, manifest: RenderManifest): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(manifest)}\n`);
}

function fileState(file: string): { size: number; mtimeMs: number } | null {
  try {
    const s = statSync(file);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

/**
 * The planned pages that need no rendering: same site-wide inputs, same fingerprint, and the
 * file in `outputDir` untouched since it was written. (Synchronous stats: thousands of them,
 * and the promise API costs several times the call itself.)
 */
export function reusablePages(plan: RenderPlan, previous: RenderManifest | null, outputDir: string): Set<string> {
  const reuse = new Set<string>();
  if (!previous || previous.siteWide !== plan.siteWide) return reuse;
  for (const page of plan.pages) {
    const before = previous.pages[page.url];
    const rel = outputPathOf(page.url);
    if (!before || before.fingerprint !== page.fingerprint || rel === null) continue;
    const now = fileState(path.join(outputDir, rel));
    if (now && now.size === before.size && now.mtimeMs === before.mtimeMs) reuse.add(page.url);
  }
  return reuse;
}

/**
 * The search shards of the previous build still in `outputDir` as it left them: the entry file of
 * each bundle unchanged (size and modification time, as `reusablePages` checks pages), so that
 * a bundle removed, or another build's in its place, is not taken for it. A rebuild leaves these
 * where they are when their key is unchanged (search-bundles.ts). The bundles' other files are
 * trusted as the cache entries they share files with.
 */
export function intactShards(previous: RenderManifest | null, outputDir: string): ShardKey[] | undefined {
  return previous?.search
    ?.filter((s) => {
      const now = fileState(path.join(outputDir, bundlePath(s.shard), "pagefind-entry.json"));
      return now !== null && now.size === s.size && now.mtimeMs === s.mtimeMs;
    })
    .map(({ shard, key }) => ({ shard, key }));
}

/** The manifest of a finished build, read from the pages as they lie in `siteDir`; `files`, `search`: see RenderManifest. */
export function manifestOf(plan: RenderPlan, siteDir: string, files: string[], bundles?: readonly ShardKey[]): RenderManifest {
  const pages: Record<string, ManifestEntry> = {};
  for (const page of plan.pages) {
    const rel = outputPathOf(page.url);
    const state = rel === null ? null : fileState(path.join(siteDir, rel));
    if (state) pages[page.url] = { fingerprint: page.fingerprint, ...state };
  }
  const search = bundles?.flatMap(({ shard, key }) => {
    const state = fileState(path.join(siteDir, bundlePath(shard), "pagefind-entry.json"));
    return state ? [{ shard, key, ...state }] : [];
  });
  return { format: FORMAT, siteWide: plan.siteWide, pages, files, ...(search ? { search } : {}) };
}

/**
 * A hash of what turns page models into HTML: the code under `src/`, the templates, the
 * Eleventy configuration and the locked dependency versions.
 */
export function renderCodeVersion(projectRoot: string): string {
  const hash = createHash("sha256").update(FORMAT);
  for (const root of ["src", "templates"]) hashTree(hash, path.join(projectRoot, root), `${root}/`);
  for (const file of [".eleventy.ts", "package-lock.json"]) {
    try {
      hash.update(`${file}\0`).update(readFileSync(path.join(projectRoot, file)));
    } catch {
      // an installed copy may ship without its lockfile
    }
  }
  return hash.digest("hex");
}
