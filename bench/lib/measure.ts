import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** One child process run: wall time from spawn to exit, and its peak resident memory. */
export interface ChildRun {
  ok: boolean;
  code: number | null;
  seconds: number;
  /** Peak RSS in MiB, or null when it could not be read. */
  peakMiB: number | null;
  /** User + system CPU seconds, less sensitive than wall time to other load on the machine. */
  cpuSeconds: number | null;
  /** Last lines of stderr, for reporting why a run failed. */
  stderrTail: string;
}

export interface ChildOptions {
  cwd: string;
  timeoutMs?: number;
}

const GNU_TIME = "/usr/bin/time";
const PRELOAD = fileURLToPath(new URL("./maxrss-preload.js", import.meta.url));

let gnuTime: boolean | undefined;
/**
 * GNU time's %M (max RSS of the waited-for process, in KiB) and %U/%S (CPU seconds, children
 * included) are preferred when installed.
 */
function hasGnuTime(): boolean {
  gnuTime ??= existsSync(GNU_TIME);
  return gnuTime;
}

export function memoryProbe(): string {
  return hasGnuTime() ? "GNU time %M" : "process.resourceUsage().maxRSS (preload)";
}

/** Runs `node ARGS` in its own process and measures it. Never throws for a failing child. */
export function runNode(args: string[], options: ChildOptions): Promise<ChildRun> {
  const scratch = mkdtempSync(join(tmpdir(), "dateline-bench-rss-"));
  const rssFile = join(scratch, "maxrss");
  const env = { ...process.env };
  let command: string;
  let argv: string[];
  if (hasGnuTime()) {
    command = GNU_TIME;
    argv = ["-o", rssFile, "-f", "%M %U %S", process.execPath, ...args];
  } else {
    // Fallback: the child reports its own maxRSS (KiB on Linux) when it exits.
    command = process.execPath;
    argv = ["--import", PRELOAD, ...args];
    env.BENCH_MAXRSS_FILE = rssFile;
  }
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, argv, { cwd: options.cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (timer) clearTimeout(timer);
      let peakMiB: number | null = null;
      let cpuSeconds: number | null = null;
      if (existsSync(rssFile)) {
        // Last line "KIB USER SYS"; GNU time puts a status line before it for a failing child.
        const lines = readFileSync(rssFile, "utf8").trim().split("\n");
        const [kib, user, sys] = (lines[lines.length - 1] ?? "").trim().split(/\s+/).map(Number);
        if (kib !== undefined && Number.isFinite(kib) && kib > 0) peakMiB = kib / 1024;
        if (user !== undefined && sys !== undefined && Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user + sys;
      }
      rmSync(scratch, { recursive: true, force: true });
      const tail = stderr.trim().split("\n").slice(-6).join("\n");
      resolve({ ok: code === 0, code, seconds, peakMiB, cpuSeconds, stderrTail: tail });
    });
  });
}
