/**
 * Measures the event-time choice of src/digest/events.ts on TimeML (TempEval-3 TBAQ-cleaned):
 * the gold TIMEX3s are given to extractEvents as the paragraphs' timexes (so the tagger is not
 * measured here), and a sentence's gold "event times" are the timexes an event of the same
 * sentence is linked to by IS_INCLUDED / INCLUDES / DURING / SIMULTANEOUS (the time of the
 * happening, not a bound such as BEFORE/AFTER).
 *
 *   precision — sentences we date whose date is one of the sentence's gold event times
 *   recall    — sentences with a past gold event time (not the DCT) that we date correctly
 *
 * Baseline: the first calendar timex of the sentence, no rules.
 *
 * Usage: node --import tsx bench/timeline-events.ts <folder of .tml files, searched recursively>
 *        (SHOW=miss or SHOW=wrong to list the sentences behind the numbers)
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { extractEvents } from "../src/digest/events.ts";
import { calendarDate, isAfter } from "../src/digest/events-date.ts";
import { splitSentences } from "../src/digest/sentences.ts";
import type { Report, ReportParagraph } from "../src/digest/types.ts";
import type { Timex, TimexType } from "../src/time/types.ts";

const ANCHOR = new Set(["IS_INCLUDED", "INCLUDES", "DURING", "SIMULTANEOUS"]);

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : f.endsWith(".tml") ? [p] : [];
    });
}

function unescape(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

interface Doc {
  dct: string;
  text: string;
  timexes: Array<Timex & { tid: string }>;
  events: Array<{ eid: string; start: number }>;
  /** tid → eids the timex anchors. */
  anchors: Map<string, Set<string>>;
}

function parse(xml: string): Doc | null {
  const dct = /<DCT><TIMEX3[^>]*value="([^"]+)"/.exec(xml)?.[1];
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1];
  if (!dct || body === undefined) return null;
  let text = "";
  const timexes: Doc["timexes"] = [];
  const events: Doc["events"] = [];
  const open: Array<{ kind: string; attrs: string; start: number }> = [];
  for (const part of body.split(/(<[^>]+>)/)) {
    if (!part.startsWith("<")) {
      text += unescape(part);
      continue;
    }
    const close = /^<\/(\w+)/.exec(part);
    if (close) {
      const o = open.pop();
      if (!o) continue;
      if (o.kind === "TIMEX3") {
        const tid = /tid="([^"]+)"/.exec(o.attrs)?.[1] ?? "";
        const type = (/type="([^"]+)"/.exec(o.attrs)?.[1] ?? "DATE") as TimexType;
        const value = /value="([^"]+)"/.exec(o.attrs)?.[1] ?? "";
        timexes.push({ tid, start: o.start, end: text.length, text: text.slice(o.start, text.length), type, value });
      } else if (o.kind === "EVENT") {
        events.push({ eid: /eid="([^"]+)"/.exec(o.attrs)?.[1] ?? "", start: o.start });
      }
      continue;
    }
    const tag = /^<(\w+)([^>]*?)(\/?)>$/.exec(part);
    if (tag && tag[3] !== "/") open.push({ kind: tag[1]!, attrs: tag[2]!, start: text.length });
  }
  const instance = new Map<string, string>();
  for (const m of xml.matchAll(/<MAKEINSTANCE[^>]*eventID="([^"]+)"[^>]*eiid="([^"]+)"/g)) instance.set(m[2]!, m[1]!);
  for (const m of xml.matchAll(/<MAKEINSTANCE[^>]*eiid="([^"]+)"[^>]*eventID="([^"]+)"/g)) instance.set(m[1]!, m[2]!);
  const anchors = new Map<string, Set<string>>();
  for (const m of xml.matchAll(/<TLINK[^>]*>/g)) {
    const l = m[0];
    const rel = /relType="([^"]+)"/.exec(l)?.[1] ?? "";
    if (!ANCHOR.has(rel)) continue;
    const tid = /\btimeID="([^"]+)"/.exec(l)?.[1] ?? /relatedToTime="([^"]+)"/.exec(l)?.[1];
    const ei = /eventInstanceID="([^"]+)"/.exec(l)?.[1] ?? /relatedToEventInstance="([^"]+)"/.exec(l)?.[1];
    const eid = ei ? instance.get(ei) : undefined;
    if (!tid || !eid) continue;
    if (!anchors.has(tid)) anchors.set(tid, new Set());
    anchors.get(tid)!.add(eid);
  }
  return { dct: dct.slice(0, 10), text, timexes, events, anchors };
}

function toReport(name: string, doc: Doc): { report: Report; paragraphs: Array<{ p: ReportParagraph; base: number }> } {
  const paragraphs: Array<{ p: ReportParagraph; base: number }> = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  let i = 0;
  for (const m of doc.text.matchAll(re)) {
    const base = m.index ?? 0;
    const raw = m[0];
    if (!raw.trim()) continue;
    i++;
    const timexes = doc.timexes
      .filter((t) => t.start >= base && t.end <= base + raw.length)
      .map(({ tid: _tid, ...t }) => ({ ...t, start: t.start - base, end: t.end - base }));
    paragraphs.push({ p: { id: `p${i}`, index: i, text: raw, html: raw, timexes }, base });
  }
  const report: Report = {
    slug: name, url: "", title: name, date: doc.dct, datetime: doc.dct, summary: "", source: null,
    tags: [], topics: [], paragraphs: paragraphs.map((x) => x.p), html: "", file: name, related: [],
  };
  return { report, paragraphs };
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: bench/timeline-events.ts <tml folder>");
  process.exit(2);
}
const score = { ours: { dated: 0, right: 0, found: 0 }, base: { dated: 0, right: 0, found: 0 }, gold: 0 };
for (const file of files(dir)) {
  const doc = parse(readFileSync(file, "utf8"));
  if (!doc) continue;
  const { report, paragraphs } = toReport(file, doc);
  const mentions = extractEvents(report);
  for (const { p, base } of paragraphs) {
    for (const s of splitSentences(p.text)) {
      const inS = doc.timexes.filter((t) => t.start >= base + s.start && t.end <= base + s.end);
      const eventsInS = new Set(doc.events.filter((e) => e.start >= base + s.start && e.start < base + s.end).map((e) => e.eid));
      const gold = new Set<string>();
      for (const t of inS) {
        const cal = calendarDate(t.value);
        if (!cal || isAfter(cal.date, doc.dct)) continue;
        if ([...(doc.anchors.get(t.tid) ?? [])].some((e) => eventsInS.has(e))) gold.add(cal.date);
      }
      if (gold.size > 0) score.gold++;
      const ours = mentions.filter((m) => m.source.paragraph === p.id && m.offset >= s.start && m.offset < s.end).map((m) => m.date);
      const right = ours.some((d) => gold.has(d));
      // SHOW=miss lists the sentences with a gold event time we miss; SHOW=wrong those we date otherwise.
      const show = (gold.size > 0 && !right && process.env.SHOW === "miss") || (ours.length > 0 && !right && process.env.SHOW === "wrong");
      if (show) console.log([...gold].join(","), JSON.stringify(ours), "::", s.text.replace(/\s+/g, " ").slice(0, 300));
      if (ours.length > 0) {
        score.ours.dated++;
        if (ours.some((d) => gold.has(d))) score.ours.right++;
        if (gold.size > 0 && ours.some((d) => gold.has(d))) score.ours.found++;
      }
      const first = inS.map((t) => calendarDate(t.value)).find((c) => c && !isAfter(c.date, doc.dct));
      if (first) {
        score.base.dated++;
        if (gold.has(first.date)) {
          score.base.right++;
          score.base.found++;
        }
      }
    }
  }
}
const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);
console.log(`sentences with a gold event time: ${score.gold}`);
for (const [name, s] of [["events.ts", score.ours], ["first timex", score.base]] as const) {
  console.log(`${name.padEnd(12)} dated ${s.dated}  precision ${pct(s.right, s.dated)}  recall ${pct(s.found, score.gold)}`);
}
