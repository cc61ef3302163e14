import path from "node:path";
import type { Browser } from "playwright-core";
import { expect } from "vitest";
import { launchBrowser } from "./browser.ts";
import { runCli } from "./cli.ts";
import { serveStatic } from "./static-server.ts";
import { tempDir } from "./tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ServedSite {
  url: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** Builds the default content into a temporary folder, serves it on loopback and opens Chromium. */
export async function serveDefaultSite(): Promise<ServedSite> {
  const site = path.join(await tempDir(), "site");
  expect((await runCli(["build", "--output", site], ROOT)).code).toBe(0);
  const server = await serveStatic(site);
  const browser = await launchBrowser();
  return {
    url: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
