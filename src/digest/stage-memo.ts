import { isDeepStrictEqual } from "node:util";

/**
 * The last output of each cross-report stage and the inputs it was made from, kept by a
 * long-lived build process (session.ts) between its builds: a stage whose inputs have the same
 * values as last time returns its last output instead of running again (issue 8).
 *
 * Sound because the stages are pure functions of their inputs and nothing alters an analysis
 * or a stage's output once made (the caches rely on it too). Inputs are lists of per-report
 * values; the analyses of the reports that did not change are the very same objects from build
 * to build, so only the edited reports' values are compared element by element. An edit that
 * leaves a report's events alone (most corrections) skips the event merge; one that leaves
 * its figures alone skips the tallies.
 */
export class StageMemo {
  private readonly last = new Map<string, { inputs: readonly unknown[]; output: unknown }>();
  /** Stages run, and stages whose last output was returned, since the memo was made. */
  readonly counts = { ran: 0, reused: 0 };

  /**
   * `compute()`, or the output it made last time under `name` when `inputs` hold the same
   * values as then, element by element (the same object, or a deeply equal one).
   */
  run<T>(name: string, inputs: readonly unknown[], compute: () => T): T {
    const last = this.last.get(name);
    if (last && last.inputs.length === inputs.length && last.inputs.every((input, i) => input === inputs[i] || isDeepStrictEqual(input, inputs[i]))) {
      this.counts.reused++;
      return last.output as T;
    }
    // Forgotten first: a failing stage must not leave the output of older inputs behind.
    this.last.delete(name);
    const output = compute();
    this.last.set(name, { inputs, output });
    this.counts.ran++;
    return output;
  }
}
