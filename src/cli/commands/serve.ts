import path from "node:path";
import type { Command } from "../command.ts";
import { parseCommandArgs } from "../args.ts";
import { siteConfig } from "../../site/site-config.ts";

const help = `Usage: dateline serve [--content DIR] [--output DIR] [--port N]

Builds the site and serves it on http://localhost:PORT with live reload: editing a report,
a template, a stylesheet or the code under src/ rebuilds the site and reloads the browser.
A build that fails keeps the previous site served and prints why.

Options:
  --content DIR  folder of Markdown reports (default: content)
  --output DIR   folder to build into and serve (default: _site)
  --port N       port to listen on (default: 8080)
  -h, --help     show this help
`;

export const serveCommand: Command = {
  name: "serve",
  summary: "build, serve on localhost and rebuild on every change",
  help,
  async run(args, io) {
    const { values } = parseCommandArgs("serve", args, {
      content: { type: "string" },
      output: { type: "string" },
      port: { type: "string" },
    });
    const contentDir = path.resolve(io.cwd, values.content ?? "content");
    const outputDir = path.resolve(io.cwd, values.output ?? "_site");
    const port = Number(values.port ?? 8080);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
    // Loaded only for this command: the dev server brings an HTTP and WebSocket stack.
    const { startDevServer } = await import("../../site/dev-server.ts");
    const server = await startDevServer({
      contentDir,
      outputDir,
      port,
      pathPrefix: siteConfig().pathPrefix,
      log: (line) => io.stderr(`${line}\n`),
    });
    io.stdout(`Serving ${path.relative(io.cwd, contentDir) || "."} on ${server.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    await server.close();
    return 0;
  },
};
