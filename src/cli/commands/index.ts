import type { Command } from "../command.ts";
import { buildCommand } from "./build.ts";
import { checkCommand } from "./check.ts";
import { datesCommand } from "./dates.ts";
import { importCommand } from "./import.ts";
import { serveCommand } from "./serve.ts";

/** Every `dateline` sub-command, in the order `--help` lists them. */
export const commands: Command[] = [buildCommand, checkCommand, datesCommand, importCommand, serveCommand];
