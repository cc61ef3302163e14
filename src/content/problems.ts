/** One thing wrong (or suspicious) in the content, pointing at where to fix it. */
export interface Problem {
  severity: "error" | "warning";
  /** Path relative to the content folder. */
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** How to fix it, in the editor's terms. */
  fix?: string;
}

/** "content/a.md:3:7: error: message — fix" */
export function formatProblem(problem: Problem, folder = ""): string {
  const where = [folder ? `${folder.replace(/\/$/, "")}/${problem.file}` : problem.file];
  if (problem.line !== undefined) where.push(String(problem.line));
  if (problem.line !== undefined && problem.column !== undefined) where.push(String(problem.column));
  const fix = problem.fix ? `\n    fix: ${problem.fix}` : "";
  return `${where.join(":")}: ${problem.severity}: ${problem.message}${fix}`;
}

/** Thrown when content has errors; carries every problem found, not just the first. */
export class ContentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[], folder = "") {
    const errors = problems.filter((p) => p.severity === "error");
    super(
      `${errors.length} problem${errors.length === 1 ? "" : "s"} in the content:\n` +
        errors.map((p) => formatProblem(p, folder)).join("\n"),
    );
    this.name = "ContentError";
    this.problems = problems;
  }
}
