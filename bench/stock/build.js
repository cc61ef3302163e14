// Builds the stock yardstick site in its own process: node bench/stock/build.js INPUT OUTPUT
// Run as a child of bench/run.ts so its time and peak memory are measured in isolation.
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write("Usage: node bench/stock/build.js INPUT OUTPUT\n");
  process.exit(2);
}
const configPath = fileURLToPath(new URL("./eleventy.config.js", import.meta.url));
const elev = new Eleventy(input, output, { configPath, quietMode: true });
await elev.write();
