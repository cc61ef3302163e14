import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { filesUnder } from "../../src/digest/tree-hash.ts";

/** Every file below `dir`, as sorted paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  return filesUnder(dir);
}

/** Every file below `dir` with its bytes, by path relative to it (sorted). */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const tree = new Map<string, Buffer>();
  for (const file of await listFiles(dir)) tree.set(file, await readFile(path.join(dir, file)));
  return tree;
}

/** The files (relative paths, sorted) that are in only one of two folders, or differ in bytes. */
export async function treeDifferences(a: string, b: string): Promise<string[]> {
  const [x, y] = await Promise.all([readTree(a), readTree(b)]);
  const names = [...new Set([...x.keys(), ...y.keys()])].sort();
  return names.filter((n) => !x.get(n) || !y.get(n) || !x.get(n)!.equals(y.get(n)!));
}

/**
 * Waits until a trash folder (site-commit.ts: folders a detached process deletes) is empty, or
 * a minute has passed; what is left in it.
 */
export async function emptied(trash: string): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  let left = await readdir(trash).catch(() => []);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = await readdir(trash).catch(() => []);
  }
  return left;
}
