import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Giving memory back between the phases of a render (src/site/render.ts, issue 8): after the
 * digest, after each Eleventy run, before the data files. Nothing here changes what a build
 * makes.
 */

/**
 * From this many reports on, a build collects its garbage between phases. Below, the peak stays
 * far under the bound (664 MiB at 4,000 reports) and each collection would only add ~0.1 s to
 * the critical path of a rebuild.
 */
export const COLLECT_FROM_REPORTS = 5000;

/**
 * One full collection of the V8 heap, on a site of at least COLLECT_FROM_REPORTS reports. The
 * cross-report stages leave their garbage behind (at 10,000 reports ~300 MB of heap and typed
 * arrays freed only by a full collection), and the render would otherwise start its first
 * Eleventy run on top of it. One collection of the ~300 MB the render needs costs ~0.2 s at
 * 10,000 reports. `gc` is exposed for the purpose and taken from a fresh context, which leaves
 * this one's globals as they were. Returns whether it ran.
 */
export function collectGarbage(reports: number): boolean {
  if (reports < COLLECT_FROM_REPORTS) return false;
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (() => void) | undefined;
  setFlagsFromString("--no-expose-gc");
  gc?.();
  return gc !== undefined;
}

type Trim = (pad: number) => number;
let trim: Trim | null | undefined;

/**
 * Hands the memory the C allocator holds free back to the system (glibc's `malloc_trim(0)`,
 * called through the koffi FFI library). The buffers of a build's analysis results, its cache
 * file and its written pages are freed among longer-lived allocations; glibc keeps such
 * fragmented free memory mapped, and at 10,000 reports it held ~130 MB of it through the whole
 * render (measured: calling `malloc_trim` from a debugger lowered the build's resident memory
 * from 906 to 778 MB). Elsewhere than on glibc (musl, macOS, Windows) it does nothing. Returns
 * whether it ran.
 */
export function releaseFreedMemory(): boolean {
  if (trim === undefined) trim = loadTrim();
  if (!trim) return false;
  trim(0);
  return true;
}

/**
 * Between two phases of a build: the garbage of the one before goes (on a large site), and so
 * does the memory the C allocator holds free.
 */
export function giveMemoryBack(reports: number): void {
  collectGarbage(reports);
  releaseFreedMemory();
}

function loadTrim(): Trim | null {
  if (process.platform !== "linux") return null;
  try {
    const koffi = createRequire(import.meta.url)("koffi") as typeof import("koffi");
    return koffi.load("libc.so.6").func("int malloc_trim(size_t pad)") as Trim;
  } catch {
    return null; // not glibc, or no koffi build for this machine
  }
}
