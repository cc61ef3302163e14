import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "../command.ts";
import { parseCommandArgs } from "../args.ts";
import { ImportError, bodyKey, existingBody, parseRaw, toMarkdown } from "../../content/import.ts";
import { decodeContent } from "../../content/read-text.ts";

const help = `Usage: dateline import FILE… [--out DIR]

Reads raw wire reports (optional leading whitespace, "date YYYY-MM-DD", then the text;
paragraphs separated by blank lines) and writes one Markdown report per file into DIR
(default: content/), with front matter title, date, slug, source and summary.

The headline is derived from the lede; edit "title:" in the written file to override it.
Importing the same text again changes nothing; importing a corrected text of a report
already imported updates its body and keeps the editor's front matter.

Options:
  --out DIR   folder to write reports into (default: content)
  -h, --help  show this help
`;

interface Existing {
  file: string;
  slug?: string;
  key: string;
  markdown: string;
}

async function readExisting(dir: string): Promise<Existing[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
  } catch {
    return [];
  }
  const out: Existing[] = [];
  for (const name of names) {
    const decoded = decodeContent(await readFile(path.join(dir, name)));
    if (!decoded.ok) continue;
    try {
      const { slug, body } = existingBody(decoded.text);
      out.push({ file: name, ...(slug ? { slug } : {}), key: bodyKey(body), markdown: decoded.text });
    } catch {
      // A report with broken front matter is `dateline check`'s business, not the importer's.
    }
  }
  return out;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text, "utf8");
  await rename(tmp, file);
}

export const importCommand: Command = {
  name: "import",
  summary: "turn raw wire reports into Markdown reports in content/",
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs("import", args, { out: { type: "string" } });
    if (positionals.length === 0) throw new Error("name at least one raw report file, e.g. dateline import wire/*.txt");
    const outDir = path.resolve(io.cwd, values.out ?? "content");
    await mkdir(outDir, { recursive: true });
    const existing = await readExisting(outDir);
    const errors: string[] = [];
    let written = 0;
    for (const input of positionals) {
      const display = path.relative(io.cwd, path.resolve(io.cwd, input)) || input;
      let text: string;
      try {
        const decoded = decodeContent(await readFile(path.resolve(io.cwd, input)));
        if (!decoded.ok) {
          errors.push(`${display}${decoded.line ? `:${decoded.line}` : ""}: ${decoded.message}\n    fix: ${decoded.fix}`);
          continue;
        }
        text = decoded.text;
      } catch (error) {
        errors.push(`${display}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})\n    fix: check the path`);
        continue;
      }
      try {
        const report = toMarkdown(parseRaw(text, display), path.basename(input));
        const key = bodyKey(report.body);
        const same = existing.find((e) => e.key === key);
        if (same) {
          io.stdout(`unchanged  ${display} (already imported as ${path.relative(io.cwd, path.join(outDir, same.file))})\n`);
          continue;
        }
        const sameSlug = existing.find((e) => e.slug === report.slug);
        if (sameSlug) {
          // A corrected wire text: keep the editor's front matter, replace the body.
          const front = /^---\n[\s\S]*?\n---\n/.exec(sameSlug.markdown)?.[0] ?? "";
          const markdown = `${front}\n${report.body}`;
          await writeAtomic(path.join(outDir, sameSlug.file), markdown);
          sameSlug.key = key;
          sameSlug.markdown = markdown;
          io.stdout(`updated    ${display} → ${path.relative(io.cwd, path.join(outDir, sameSlug.file))}\n`);
          written++;
          continue;
        }
        const target = path.join(outDir, report.fileName);
        await writeAtomic(target, report.markdown);
        existing.push({ file: report.fileName, slug: report.slug, key, markdown: report.markdown });
        io.stdout(`imported   ${display} → ${path.relative(io.cwd, target)}  "${report.title}"\n`);
        written++;
      } catch (error) {
        if (error instanceof ImportError) errors.push(error.message);
        else throw error;
      }
    }
    if (errors.length > 0) {
      io.stderr(`${errors.length} file${errors.length === 1 ? "" : "s"} could not be imported:\n${errors.join("\n")}\n`);
      return 1;
    }
    if (written === 0) io.stdout("nothing new to import\n");
    return 0;
  },
};
