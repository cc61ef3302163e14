import path from "node:path";
import type { Command } from "../command.ts";
import { parseCommandArgs } from "../args.ts";
import { loadContent } from "../../content/load.ts";
import { formatProblem } from "../../content/problems.ts";
import { storyProblems } from "../../content/story-check.ts";

const help = `Usage: dateline check [--content DIR]

Validates every report in DIR (default: content/) without building: front matter,
dates, slugs, encodings, and the story configuration DIR/story.yaml with the threads
the reports name. Prints every problem with its file, line and a fix, and exits
non-zero when there is any error (warnings alone exit 0).

Options:
  --content DIR  folder of Markdown reports (default: content)
  -h, --help     show this help
`;

export const checkCommand: Command = {
  name: "check",
  summary: "validate the reports without building",
  help,
  async run(args, io) {
    const { values } = parseCommandArgs("check", args, { content: { type: "string" } });
    const contentDir = path.resolve(io.cwd, values.content ?? "content");
    const shown = path.relative(io.cwd, contentDir) || ".";
    const { files = 0, problems, reports } = await loadContent(contentDir);
    // The story configuration (story.yaml) and the threads the reports' front matter names.
    problems.push(...(await storyProblems(contentDir, reports)).problems);
    // One file's problems together, top to bottom, whatever stage found them.
    const ordered = [...problems].sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
    for (const problem of ordered) io.stderr(`${formatProblem(problem, shown)}\n`);
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    io.stdout(`${files} file${files === 1 ? "" : "s"} checked: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`);
    return errors > 0 ? 1 : 0;
  },
};
