import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Where the two raw wire reports of the first story are: `DATELINE_SEEDS` when set, else
 * `../shared/seeds/` beside the project (where the brief puts them), else beside the repository
 * this one was cloned from, when that is a folder on this machine (a clean clone in a temporary
 * folder, as CI makes). The seeds are not the project's to copy, so a test that needs them fails,
 * saying where it looked, when none of these holds them.
 */
export function seedsDir(): string {
  const tried = [process.env.DATELINE_SEEDS, path.resolve(ROOT, "../shared/seeds"), originSeeds()].filter((d): d is string => Boolean(d));
  const found = tried.find((dir) => existsSync(dir));
  if (!found) throw new Error(`the seed reports are in none of ${tried.join(", ")}; set DATELINE_SEEDS to their folder`);
  return found;
}

/** The seed files, in name order. */
export async function seedFiles(): Promise<string[]> {
  const dir = seedsDir();
  return (await readdir(dir)).sort().map((f) => path.join(dir, f));
}

function originSeeds(): string | undefined {
  try {
    const origin = execFileSync("git", ["config", "--get", "remote.origin.url"], { cwd: ROOT, encoding: "utf8" }).trim();
    return path.isAbsolute(origin) ? path.resolve(origin, "../shared/seeds") : undefined;
  } catch {
    return undefined; // not a clone, or no git
  }
}
