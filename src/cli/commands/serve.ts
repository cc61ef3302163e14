import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { Command } from "../command.ts";
import { parseCommandArgs } from "../args.ts";
import { PROJECT_ROOT } from "../../site/project.ts";
import { ensureTypeScriptLoader } from "../../site/typescript-loader.ts";

const help = `Usage: dateline serve [--content DIR] [--port N]

Builds the site into _site/ and serves it on http://localhost:PORT with live reload:
editing a report or a template rebuilds and refreshes the browser.

Options:
  --content DIR  folder of Markdown reports (default: content)
  --port N       port to listen on (default: 8080)
  -h, --help     show this help
`;

export const serveCommand: Command = {
  name: "serve",
  summary: "build, serve on localhost and rebuild on every change",
  help,
  async run(args, io) {
    const { values } = parseCommandArgs("serve", args, { content: { type: "string" }, port: { type: "string" } });
    const contentDir = path.resolve(io.cwd, values.content ?? "content");
    const port = Number(values.port ?? 8080);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
    process.env.DATELINE_CONTENT = contentDir;
    process.chdir(PROJECT_ROOT);
    ensureTypeScriptLoader();
    const elev = new Eleventy("templates", "_site", { configPath: ".eleventy.ts", runMode: "serve", source: "script" });
    await elev.init();
    await elev.watch();
    await elev.serve(port);
    io.stdout(`Serving ${path.relative(io.cwd, contentDir) || "."} on http://localhost:${port}/ (Ctrl-C to stop)\n`);
    // Keep running until interrupted.
    await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    await elev.stopWatch?.();
    return 0;
  },
};
