import { processIO, wantsHelp, type Command, type CommandIO } from "./command.ts";
import { commands } from "./commands/index.ts";

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    "Usage: dateline <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `dateline <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/** Runs the CLI with argv (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name === undefined ? 1 : 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`dateline: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    io.stdout(command.help.endsWith("\n") ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`dateline ${name}: ${message}\n`);
    return 1;
  }
}
