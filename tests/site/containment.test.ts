import { access, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/build.ts";
import { OutputEscapeError, containOutput, isInside } from "../../src/site/containment.ts";
import { renderSite } from "../../src/site/render.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("isInside", () => {
  it("accepts paths below the root and nothing else", () => {
    expect(isInside("/srv/site", "/srv/site/reports/a/index.html")).toBe(true);
    expect(isInside("/srv/site", "/srv/site/index.html")).toBe(true);
    expect(isInside("/srv/site", "/srv/site/reports/../index.html")).toBe(true);
    expect(isInside("/srv/site", "/srv/site")).toBe(false);
    expect(isInside("/srv/site", "/srv/site/../site-old/index.html")).toBe(false);
    expect(isInside("/srv/site", "/srv/site-old/index.html")).toBe(false);
    expect(isInside("/srv/site", "/etc/passwd")).toBe(false);
    expect(isInside("/srv/site", "/srv/site/reports/../../x/index.html")).toBe(false);
  });
});

describe("containOutput", () => {
  type Transform = (this: { page: { outputPath?: unknown; inputPath?: unknown } }, content: unknown) => unknown;
  function transformFor(root: string): Transform {
    let transform: Transform | undefined;
    const config = { addTransform: (_name: string, fn: Transform) => void (transform = fn) };
    containOutput(root)(config as unknown as Parameters<ReturnType<typeof containOutput>>[0]);
    return transform!;
  }

  it("passes pages inside the output folder through unchanged and throws before one outside is written", () => {
    const transform = transformFor("/srv/site.staging-1");
    expect(transform.call({ page: { outputPath: "/srv/site.staging-1/reports/a/index.html", inputPath: "./templates/report.njk" } }, "<p>x</p>")).toBe("<p>x</p>");
    expect(transform.call({ page: { outputPath: false } }, "unwritten")).toBe("unwritten");
    expect(() => transform.call({ page: { outputPath: "/srv/site/index.html", inputPath: "./templates/report.njk" } }, "")).toThrow(OutputEscapeError);
    expect(() => transform.call({ page: { outputPath: "/srv/site.staging-1/../../etc/x.html" } }, "")).toThrow(/outside the output folder/);
  });
});

describe("the render step", () => {
  it("keeps every written file inside the output folder, whatever slug reaches it", async () => {
    const dir = await tempDir();
    const content = path.join(dir, "content");
    await mkdir(content);
    await writeFile(path.join(content, "a.md"), `---\ntitle: A report\ndate: 2024-01-02\n---\n\nThe talks began on January 1.\n`);
    const out = path.join(dir, "deep", "site");
    // Slug validation stops these at load time; here the digest is tampered with after it, to test what lies behind.
    for (const slug of ["../../../escaped", `${dir}/absolute`, "a/../../../../b", "%2e%2e/%2e%2e/dots"]) {
      const result = await buildDigest(content);
      const report = result.digest.reports[0]!;
      report.slug = slug;
      report.url = `/reports/${slug}/`;
      try {
        await renderSite(result, { contentDir: content, outputDir: out, log: () => {} });
      } catch (error) {
        expect(error, slug).toBeInstanceOf(OutputEscapeError);
      }
      // .cache/ beside the content folder is Dateline's own (the render manifest), never site output.
      expect((await readdir(dir)).filter((name) => name !== ".cache").sort(), slug).toEqual(["content", "deep"]);
      expect(await readdir(path.join(dir, "deep")), slug).toEqual(["site"]);
      await expect(access(path.join(dir, "absolute"))).rejects.toThrow();
    }
  }, 180_000);
});
