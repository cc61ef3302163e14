import { describe, expect, it } from "vitest";
import { crossLink } from "../../src/digest/crosslinks.ts";
import { crossLinkedHtml } from "../../src/site/crosslinks-html.ts";
import { makeReport } from "../digest/make-report.ts";
import { story } from "../fixtures/crosslinks/story.ts";
import { retoldStory } from "../fixtures/crosslinks/retold.ts";

const reports = story.map(makeReport);
const links = crossLink(reports);
const bySlug = new Map(reports.map((r) => [r.slug, r]));

describe("crossLinkedHtml", () => {
  it("marks repeated background and links it to where it was told first and where else", () => {
    const h3 = bySlug.get("harbor-3")!;
    const html = crossLinkedHtml(h3.html, links.reports["harbor-3"], reports);
    expect(html).toContain(
      '<p id="p4" class="repeated">',
    );
    expect(html).toContain(
      '<p class="also-in"><span class="passage-label">Background</span>, first in <a href="/reports/harbor-1/#p3" dir="auto">Ferry hits barge at Eastquay (1 March 2024)</a>; also in <a href="/reports/harbor-2/#p5" dir="auto">Safety board opens ferry inquiry (4 March 2024)</a>.</p>',
    );
    // The new lead paragraph is untouched.
    expect(html).toContain(`<p id="p1">${h3.paragraphs[0]!.html}</p>`);
  });

  it("says where a first-told passage was repeated later", () => {
    const h1 = bySlug.get("harbor-1")!;
    const html = crossLinkedHtml(h1.html, links.reports["harbor-1"], reports);
    expect(html).toContain('<p id="p2" class="shared">');
    expect(html).toContain('<p class="also-in">Also in <a href="/reports/harbor-2/#p3" dir="auto">');
    expect(html).not.toContain('class="repeated"');
  });

  it("says when a passage was retold in other words", () => {
    const port = retoldStory.map(makeReport);
    const l = crossLink(port);
    const b = crossLinkedHtml(port[1]!.html, l.reports["port-b"], port);
    expect(b).toContain(
      '<p class="also-in"><span class="passage-label">Background</span>, first told in <a href="/reports/port-a/#p1" dir="auto">Fake medicine seized at Saltby (2 May 2024)</a>.</p>',
    );
    const a = crossLinkedHtml(port[0]!.html, l.reports["port-a"], port);
    expect(a).toContain('<p class="also-in">Retold in <a href="/reports/port-b/#p2" dir="auto">Saltby seizure grows (6 May 2024)</a>.</p>');
    expect(a).not.toContain('class="repeated"');
  });

  it("links every annotation to an existing paragraph of another report", () => {
    let count = 0;
    for (const report of reports) {
      const html = crossLinkedHtml(report.html, links.reports[report.slug], reports);
      for (const [, page, fragment] of html.matchAll(/href="(\/reports\/[^/]+\/)#(p\d+)"/g)) {
        const target = reports.find((r) => r.url === page);
        expect(target, page).toBeDefined();
        expect(target!.slug).not.toBe(report.slug);
        expect(target!.paragraphs.some((p) => p.id === fragment)).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(13);
  });

  it("escapes titles and leaves reports without shared passages as they were", () => {
    const evil = makeReport({ slug: "evil", date: "2024-03-02", title: "<b>Bold</b> & co", paragraphs: story[0]!.paragraphs.slice(1, 3) });
    const all = [...reports, evil];
    const l = crossLink(all);
    const html = crossLinkedHtml(bySlug.get("harbor-2")!.html, l.reports["harbor-2"], all);
    expect(html).toContain("&lt;b&gt;Bold&lt;/b&gt; &amp; co");
    expect(html).not.toContain("<b>Bold</b>");
    const orchard = bySlug.get("orchard-1")!;
    expect(crossLinkedHtml(orchard.html, links.reports["orchard-1"], reports)).toBe(orchard.html);
  });
});
