// Preloaded into a benchmarked child (node --import) when GNU time is missing: writes the
// process's peak resident set size, in KiB, to $BENCH_MAXRSS_FILE when it exits.
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_MAXRSS_FILE;
if (target) {
  process.on("exit", () => {
    writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
