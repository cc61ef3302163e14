import { createRequire } from "node:module";
import type Nlp from "compromise";

/**
 * compromise, loaded from its one-file CommonJS build. Its ES module entry is some 220 files:
 * through the TypeScript loader (tsx) every one is a round trip to the loader's thread, about a
 * second of start-up on a busy machine for each thread that loads it (the build's main thread,
 * every analysis worker, the search worker). The CommonJS build is the same release in one file,
 * three to four times faster to load (issue 8).
 */
export const nlp = createRequire(import.meta.url)("compromise") as typeof Nlp;
