import { register } from "tsx/esm/api";

const FLAG = Symbol.for("dateline.tsx-registered");

/**
 * Eleventy imports `.eleventy.ts` with Node's own `import()`, which needs a TypeScript loader.
 * The `dateline` bin registers tsx at start-up; anything else that renders (tests, the bench)
 * gets it registered here, once per process.
 */
export function ensureTypeScriptLoader(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[FLAG]) return;
  register();
  g[FLAG] = true;
}
