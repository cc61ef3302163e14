#!/usr/bin/env node
// Entry point of the `dateline` command: loads the TypeScript CLI through tsx,
// resolved from this file's location so it works from any working directory.
import { register } from "tsx/esm/api";

register();
globalThis[Symbol.for("dateline.tsx-registered")] = true;
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
