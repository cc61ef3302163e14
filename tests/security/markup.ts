import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { reportSchema } from "../../src/markdown/sanitize-schema.ts";

/** Elements that can run code, load other documents, or redirect and submit the page. */
const NEVER = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "input", "button", "textarea", "select", "portal"]);
const URL_PROPERTIES = ["href", "src", "action", "formAction", "xLinkHref", "poster", "cite", "data", "background", "srcSet", "ping"];
const EXECUTABLE_URL = /^(?:javascript|data|vbscript):/;

/** Browsers ignore ASCII whitespace and controls inside a scheme ("java\tscript:"); so does this check. */
function scheme(value: string): string {
  return value.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
}

function propertyText(value: unknown): string {
  return Array.isArray(value) ? value.join(" ") : String(value);
}

/**
 * Every way a built page could run code it did not bring itself: scripts other than the site's
 * own files and JSON-LD data, event-handler attributes, executable URLs, embedding and form
 * elements, `<meta http-equiv>` other than the CSP. Returns one line per finding (empty = clean).
 */
export function unsafeInPage(html: string): string[] {
  return findings(fromHtml(html), "page");
}

/**
 * The same for a report body's sanitized HTML, plus the strict schema: only its elements and
 * attributes, ids only p1, p2, … (unique).
 */
export function unsafeInFragment(html: string): string[] {
  const found = findings(fromHtml(html, { fragment: true }), "fragment");
  const allowedTags = new Set(reportSchema.tagNames ?? []);
  const attributes = reportSchema.attributes ?? {};
  const allowed = (tag: string, prop: string): boolean =>
    [...(attributes[tag] ?? []), ...(attributes["*"] ?? [])].some((a) => (Array.isArray(a) ? a[0] : a) === prop) || (tag === "p" && prop === "id");
  const ids = new Set<string>();
  visit(fromHtml(html, { fragment: true }), "element", (node: Element) => {
    if (!allowedTags.has(node.tagName)) found.push(`<${node.tagName}> is not in the schema`);
    for (const prop of Object.keys(node.properties)) {
      if (!allowed(node.tagName, prop)) found.push(`<${node.tagName} ${prop}> is not in the schema`);
    }
    if (node.properties.id !== undefined) {
      const id = String(node.properties.id);
      if (!/^p\d+$/.test(id) || ids.has(id)) found.push(`id="${id}" is not a unique paragraph id`);
      ids.add(id);
    }
  });
  return found;
}

function findings(tree: Root, mode: "page" | "fragment"): string[] {
  const found: string[] = [];
  visit(tree, "element", (node: Element) => {
    const tag = node.tagName;
    const props = node.properties;
    if (NEVER.has(tag)) found.push(`<${tag}>`);
    if (tag === "script") {
      const type = String(props.type ?? "");
      const src = props.src === undefined ? undefined : String(props.src);
      if (mode === "fragment") found.push("<script>");
      else if (type === "application/ld+json") {
        try {
          JSON.parse(toString(node));
        } catch {
          found.push("<script type=application/ld+json> that is not JSON");
        }
      } else if (src === undefined || !src.startsWith("/") || src.startsWith("//") || toString(node).trim() !== "") {
        found.push(`<script${src ? ` src="${src}"` : ""}> that is not the site's own file`);
      }
    }
    if (tag === "meta" && props.httpEquiv !== undefined && propertyText(props.httpEquiv).toLowerCase() !== "content-security-policy") {
      found.push(`<meta http-equiv="${propertyText(props.httpEquiv)}">`);
    }
    if (mode === "fragment" && ["style", "link", "meta", "svg", "math", "img", "template", "noscript"].includes(tag)) found.push(`<${tag}>`);
    for (const [prop, value] of Object.entries(props)) {
      if (/^on/i.test(prop)) found.push(`<${tag} ${prop}>`);
      if (mode === "fragment" && prop === "style") found.push(`<${tag} style>`);
      if (URL_PROPERTIES.includes(prop) && EXECUTABLE_URL.test(scheme(propertyText(value)))) found.push(`<${tag} ${prop}="${propertyText(value)}">`);
    }
  });
  return found;
}
