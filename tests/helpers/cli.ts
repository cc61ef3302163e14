import { main } from "../../src/cli/main.ts";

/** Runs the dateline CLI in-process and captures what it prints. */
export async function runCli(args: string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: async () => "",
    cwd,
  });
  return { code, stdout, stderr };
}
