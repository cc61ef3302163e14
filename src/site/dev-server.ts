import { fork, type ChildProcess } from "node:child_process";
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import type { WorkerMessage } from "./dev-worker.ts";
import { PROJECT_ROOT } from "./project.ts";

export interface DevServerOptions {
  contentDir: string;
  outputDir: string;
  /** 0 picks a free port. */
  port: number;
  pathPrefix: string;
  /** Folders and files whose change rebuilds the site (default: the content, templates/, public/). */
  sitePaths?: string[];
  /** Folders and files of code: a change restarts the build process (default: src/, .eleventy.ts). */
  codePaths?: string[];
  /** Milliseconds of quiet after a change before acting on it. */
  debounceMs?: number;
  log: (line: string) => void;
}

export type BuildOutcome = Extract<WorkerMessage, { type: "built" }>;

export interface DevServer {
  /** http://localhost:PORT/ with the path prefix. */
  url: string;
  /** Resolves with the outcome of the next build to finish. */
  nextBuild(): Promise<BuildOutcome>;
  /** The build process's id (changes when code changes restart it). */
  workerPid(): number | undefined;
  close(): Promise<void>;
}

const WORKER = path.join(PROJECT_ROOT, "src/site/dev-worker.ts");
const IGNORED = /(^|[/\\])(\.|node_modules[/\\])|~$|\.swp$|\.tmp$/;

/**
 * `dateline serve`: Eleventy's dev server over the output folder (it stays up, so browsers
 * stay connected and reload after each build), and a supervised build process. Content,
 * template and asset changes ask that process to rebuild; code changes (src/, .eleventy.ts)
 * replace it with a fresh one first, since ES modules cannot be reloaded in place. Every build
 * is the real one (digest, Eleventy, sitemap, Pagefind, site-commit.ts), so what is served is
 * what `dateline build` would write.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { contentDir, outputDir, log } = options;
  const debounceMs = options.debounceMs ?? 150;
  const sitePaths = options.sitePaths ?? [contentDir, path.join(PROJECT_ROOT, "templates"), path.join(PROJECT_ROOT, "public")];
  const codePaths = options.codePaths ?? [path.join(PROJECT_ROOT, "src"), path.join(PROJECT_ROOT, ".eleventy.ts")];

  const server = EleventyDevServer.getServer("dateline", outputDir, {
    port: options.port,
    pathPrefix: options.pathPrefix,
    domDiff: false,
    portReassignmentRetryCount: 0,
    messageOnStart: () => false,
    logger: { info: () => {}, log: () => {}, error: (m) => log(m) },
  });
  server.serve(options.port);
  await server.ready();

  let worker: ChildProcess | undefined;
  let ready = false;
  let building = false;
  let pending = true; // the first build
  let closed = false;
  const waiters: Array<(outcome: BuildOutcome) => void> = [];

  const requestBuild = () => {
    if (!worker || !ready || building) {
      pending = true;
      return;
    }
    pending = false;
    building = true;
    worker.send({ type: "build" });
  };

  const onBuilt = (outcome: BuildOutcome) => {
    building = false;
    if (outcome.ok) {
      for (const w of outcome.warnings) log(w);
      log(`Built ${outcome.reports} reports, ${outcome.pages} pages in ${outcome.seconds.toFixed(2)} s; reloading browsers`);
      server.reload({ subtype: "default", files: [], build: { templates: [] } });
    } else {
      log(`Build failed; still serving the previous site:\n${outcome.error}`);
      server.sendError({ error: { message: outcome.error } });
    }
    for (const resolve of waiters.splice(0)) resolve(outcome);
    if (pending) requestBuild();
  };

  const spawnWorker = () => {
    ready = false;
    building = false;
    const child = fork(WORKER, [contentDir, outputDir], {
      cwd: PROJECT_ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim() && !line.startsWith("npm warn")) log(line);
    };
    child.stdout?.on("data", forward);
    child.stderr?.on("data", forward);
    child.on("message", (message: WorkerMessage) => {
      if (child !== worker) return;
      if (message.type === "ready") {
        ready = true;
        requestBuild();
      } else if (message.type === "built") onBuilt(message);
    });
    child.on("exit", (code, signal) => {
      if (child !== worker || closed) return;
      worker = undefined;
      log(`The build process stopped (${signal ?? `exit code ${code}`}); it restarts on the next change.`);
    });
    worker = child;
  };

  const restartWorker = () => {
    const old = worker;
    worker = undefined;
    old?.kill();
    pending = true;
    spawnWorker();
  };

  const debounced = (action: () => void) => {
    let timer: NodeJS.Timeout | undefined;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(action, debounceMs);
    };
  };
  const onSiteChange = debounced(() => {
    if (worker) requestBuild();
    else restartWorker();
  });
  const onCodeChange = debounced(() => {
    log("Code changed: restarting the build process");
    restartWorker();
  });

  const watchers: FSWatcher[] = [];
  const watchAll = (paths: string[], onChange: () => void) => {
    for (const p of paths) {
      try {
        watchers.push(
          watch(p, { recursive: true }, (_event, file) => {
            if (file && IGNORED.test(file.toString())) return;
            onChange();
          }),
        );
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  };
  watchAll(sitePaths, onSiteChange);
  watchAll(codePaths, onCodeChange);
  spawnWorker();

  return {
    url: server.getServerUrl("localhost"),
    nextBuild: () => new Promise((resolve) => waiters.push(resolve)),
    workerPid: () => worker?.pid,
    async close() {
      closed = true;
      for (const w of watchers) w.close();
      worker?.kill();
      worker = undefined;
      await server.close();
    },
  };
}
