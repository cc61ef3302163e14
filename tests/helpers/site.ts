import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import type { Element } from "hast";

/** Every HTML page of a built site, by URL path ("/reports/x/"). */
export async function readPages(siteDir: string): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith(".html")) continue;
    const rel = path.relative(siteDir, path.join(e.parentPath, e.name)).split(path.sep).join("/");
    const url = `/${rel}`.replace(/index\.html$/, "").replace(/\.html$/, "");
    pages.set(url, await readFile(path.join(e.parentPath, e.name), "utf8"));
  }
  return pages;
}

export interface PageIndex {
  ids: Set<string>;
  links: string[];
}

export function indexPage(html: string): PageIndex {
  const tree = fromHtml(html);
  const ids = new Set(selectAll("[id]", tree).map((el) => String((el as Element).properties.id)));
  const links = selectAll("a[href], link[href]", tree).map((el) => String((el as Element).properties.href));
  return { ids, links };
}

/** Internal links (and their #fragments) that do not resolve within the built site. */
export async function brokenLinks(siteDir: string): Promise<string[]> {
  const pages = await readPages(siteDir);
  const index = new Map([...pages].map(([url, html]) => [url, indexPage(html)]));
  const broken: string[] = [];
  for (const [from, { links }] of index) {
    for (const href of links) {
      if (/^[a-z]+:/i.test(href) || href.startsWith("//")) continue;
      const resolved = new URL(href, `http://site${from}`);
      const target = resolved.pathname;
      const fragment = decodeURIComponent(resolved.hash.slice(1));
      const page = index.get(target);
      if (!page) {
        try {
          await readFile(path.join(siteDir, target));
          if (!fragment) continue;
        } catch {
          /* reported below */
        }
        broken.push(`${from} → ${href} (no such page)`);
        continue;
      }
      if (fragment && !page.ids.has(fragment)) broken.push(`${from} → ${href} (no #${fragment} on the page)`);
    }
  }
  return broken;
}
