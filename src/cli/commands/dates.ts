import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { join, resolve, basename } from "node:path";
import { parseArgs } from "node:util";
import type { Command, CommandIO } from "../command.ts";
import { tagTimes } from "../../time/tagger.ts";
import type { Timex } from "../../time/types.ts";

const HELP = `Usage: dateline dates [--dct YYYY-MM-DD[THH:MM[:SS]]] [FILE|-]
       dateline dates --batch DIR --out DIR

Finds the time expressions of a text and prints them as a JSON array, one object per
expression: {"start", "end", "text", "type", "value"}, "anchored" when the calendar date it
implies differs from its TIMEX3 value, and "period" for an expression counted from an anchor
("A month earlier": value 2023-11, period P1M). Offsets index the input as a JavaScript string.

  FILE            text to tag; "-" or nothing reads standard input. A Markdown report with
                  front matter (starting with ---) is tagged in its body, with its "date" as
                  the publication date; offsets still index the whole file.
  --dct DATE      publication date the expressions are resolved against (default: the front
                  matter's date, else today in UTC). "none" or XXXX-XX-XX: unknown, so values
                  that would need it keep X's ("December 26" → XXXX-12-26).
  --batch DIR     tag every DIR/NAME.txt, with its publication date read from DIR/NAME.dct,
                  and write OUT/NAME.json (the layout of the TempEval-3 export tool).
  --out DIR       where --batch writes.
  -h, --help      this text.
`;

const DCT = /^(?:\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?|XXXX-XX-XX|none)$/i;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const DATE_LINE = /^date:\s*["']?(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)/m;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The body of a Markdown report and its offset, with the front matter's date if any. */
export function splitFrontMatter(text: string): { body: string; offset: number; date?: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { body: text, offset: 0 };
  const date = DATE_LINE.exec(m[1]!)?.[1]?.replace(" ", "T");
  return { body: text.slice(m[0].length), offset: m[0].length, ...(date ? { date } : {}) };
}

/** Tags a whole input (plain text or a Markdown report), offsets into the input. */
export function tagInput(text: string, dct: string | undefined): Timex[] {
  const { body, offset, date } = splitFrontMatter(text);
  const timexes = tagTimes(body, { dct: dct ?? date ?? today() });
  if (offset === 0) return timexes;
  return timexes.map((t) => ({ ...t, start: t.start + offset, end: t.end + offset }));
}

function toJson(timexes: Timex[]): string {
  const items = timexes.map((t) => {
    const o: Record<string, string | number> = { start: t.start, end: t.end, text: t.text, type: t.type, value: t.value };
    if (t.anchored !== undefined) o.anchored = t.anchored;
    if (t.period !== undefined) o.period = t.period;
    return o;
  });
  return `${JSON.stringify(items, null, 1)}\n`;
}

async function batch(dir: string, out: string, io: CommandIO): Promise<number> {
  const names = (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort();
  await mkdir(out, { recursive: true });
  for (const file of names) {
    const name = basename(file, ".txt");
    const text = await readFile(join(dir, file), "utf8");
    let dct: string | undefined;
    try {
      dct = (await readFile(join(dir, `${name}.dct`), "utf8")).trim();
    } catch {
      dct = undefined;
    }
    await writeFile(join(out, `${name}.json`), toJson(tagInput(text, dct || undefined)));
  }
  io.stderr(`dateline dates: tagged ${names.length} files into ${out}\n`);
  return 0;
}

export const datesCommand: Command = {
  name: "dates",
  summary: "find and normalize the time expressions of a text (TIMEX3 JSON)",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        dct: { type: "string" },
        batch: { type: "string" },
        out: { type: "string" },
      },
    });
    if (values.dct !== undefined && !DCT.test(values.dct)) {
      io.stderr(`dateline dates: --dct must be YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or none, got "${values.dct}"\n`);
      return 2;
    }
    if (values.batch !== undefined) {
      if (values.out === undefined) {
        io.stderr("dateline dates: --batch needs --out DIR\n");
        return 2;
      }
      return batch(resolve(io.cwd, values.batch), resolve(io.cwd, values.out), io);
    }
    if (positionals.length > 1) {
      io.stderr("dateline dates: give at most one FILE\n");
      return 2;
    }
    const file = positionals[0];
    const text = file === undefined || file === "-" ? await io.stdin() : await readFile(resolve(io.cwd, file), "utf8");
    io.stdout(toJson(tagInput(text, values.dct)));
    return 0;
  },
};
