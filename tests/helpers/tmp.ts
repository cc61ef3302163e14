import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, onTestFinished } from "vitest";

const remove = (dir: string) => rm(dir, { recursive: true, force: true });

/**
 * Folders made outside a test (in a `beforeAll`, at a file's top level), removed after the
 * file's tests. Registered when a test file imports this module: an `afterAll` registered
 * from inside a test or a hook never runs, and such folders used to stay behind, ~50 a run.
 */
const untilFileEnds = new Set<string>();
afterAll(async () => {
  await Promise.all([...untilFileEnds].map(remove));
  untilFileEnds.clear();
});

/** A fresh temporary folder, removed when the test that made it ends, or after the file's tests. */
export async function tempDir(prefix = "dateline-test-"): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    onTestFinished(() => remove(dir));
  } catch {
    untilFileEnds.add(dir); // not inside a test
  }
  return dir;
}
