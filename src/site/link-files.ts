import { copyFile, link, mkdir, readdir } from "node:fs/promises";
import path from "node:path";

/** Link errors that mean "no hard links here" (another file system, a file system without them). */
const CANNOT_LINK = new Set(["EXDEV", "EPERM", "ENOTSUP", "EMLINK"]);

/**
 * Puts files of one folder into another (same relative paths) as hard links: thousands of
 * files are linked in a fraction of the time a copy takes. Callers never write either side in
 * place, so sharing the files is safe and deleting either side leaves the other whole. Where
 * links cannot be made, the files are copied. On Node's thread pool, `concurrency` files at a
 * time, each folder made once: the calling thread goes on with other work meanwhile (Pagefind's
 * replies while cached search bundles are placed).
 */
export async function linkFiles(files: Iterable<string>, fromDir: string, toDir: string, concurrency = 32): Promise<void> {
  const ensure = folderMaker();
  let copy = false;
  const place = async (file: string): Promise<void> => {
    const [from, to] = [path.join(fromDir, file), path.join(toDir, file)];
    await ensure(path.dirname(to));
    if (!copy) {
      try {
        return await link(from, to);
      } catch (error) {
        if (!CANNOT_LINK.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
        copy = true;
      }
    }
    await copyFile(from, to);
  };
  await inLanes([...files], place, concurrency);
}

/**
 * Puts a folder's files into another as hard links (`linkFiles`): a cached search bundle into
 * the site, or a bundle the site keeps into a new site. `skip`: names of the top folder's entries
 * left out (the other shards' folders inside shard 0's). Both sides are complete before and never
 * written in place.
 */
export async function linkTree(from: string, to: string, skip: (name: string) => boolean = () => false): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(from, path.join(e.parentPath, e.name)));
  await linkFiles(
    files.filter((file) => !skip(file.split(path.sep)[0]!)),
    from,
    to,
  );
}

/**
 * Makes folders (and their parents) as files are put into them, each once: one plain mkdir per
 * new folder, parents first, instead of a recursive mkdir per file.
 */
export function folderMaker(): (dir: string) => Promise<void> {
  const folders = new Map<string, Promise<void>>();
  const ensure = (dir: string): Promise<void> => {
    let made = folders.get(dir);
    if (!made) {
      const parent = path.dirname(dir);
      made = (parent === dir ? Promise.resolve() : ensure(parent)).then(() =>
        mkdir(dir).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "EEXIST") throw error;
        }),
      );
      folders.set(dir, made);
    }
    return made;
  };
  return ensure;
}

/** Runs `task` over `items`, `lanes` at a time: file calls, on Node's thread pool. */
export async function inLanes<T>(items: readonly T[], task: (item: T) => Promise<unknown>, lanes: number): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}
