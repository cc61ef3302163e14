import type { Timex } from "../time/types.ts";

/**
 * The time expressions of a paragraph that overlap a stretch of it, in their given order.
 *
 * Per-sentence and per-figure stages used to scan all of a paragraph's expressions for every
 * sentence or figure, which is quadratic on a very long paragraph (issue 8). This sorts them by
 * start once and answers each query by binary search, so the work is proportional to the
 * expressions found. Hand-written: a dozen lines do not justify an interval-tree dependency.
 */
export function timexIndex(all: readonly Timex[]): (start: number, end: number) => Timex[] {
  if (all.length <= 16) return (start, end) => all.filter((t) => t.start < end && start < t.end);
  const order = all.map((_, i) => i).sort((a, b) => all[a]!.start - all[b]!.start || a - b);
  const longest = all.reduce((max, t) => Math.max(max, t.end - t.start), 0);
  return (start, end) => {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[order[mid]!]!.start < start - longest) lo = mid + 1;
      else hi = mid;
    }
    const hits: number[] = [];
    for (let k = lo; k < order.length && all[order[k]!]!.start < end; k++) {
      const i = order[k]!;
      if (start < all[i]!.end) hits.push(i);
    }
    return hits.sort((a, b) => a - b).map((i) => all[i]!);
  };
}
