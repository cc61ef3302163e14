// Preloaded into a benchmarked child (node --import) when GNU time is missing: writes the
// process's peak resident set size in KiB, then its user and system CPU seconds, to
// $BENCH_MAXRSS_FILE when it exits (the format of GNU time -f "%M %U %S").
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_MAXRSS_FILE;
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(target, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
  });
}
