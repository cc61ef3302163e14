import { fileURLToPath } from "node:url";

/** The Dateline project folder: where templates/, public/ and .eleventy.ts live. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
