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
  private readonly values = new Map<string, ReadonlyMap<string, unknown>>();
  private readonly state = new Map<string, unknown>();
  /** Stages run, and stages whose last output was returned, since the memo was made. */
  readonly counts = { ran: 0, reused: 0 };

  /** What a stage keeps from one build to the next under `name` (made by `make` the first time). */
  kept<T>(name: string, make: () => T): T {
    if (!this.state.has(name)) this.state.set(name, make());
    return this.state.get(name) as T;
  }

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

  /**
   * `values` (by key, in order), each replaced by the value kept under the same name and key
   * last time when the two are equal as JSON data (`sameData`): what a rebuild left unchanged is
   * then the very same object as in the last build, and later steps that remember what they
   * made of an object (the page fingerprints, src/site/render-plan.ts) need not look at it
   * again. What this call is given is kept for the next; keys not given are forgotten.
   */
  keepEqual<T>(name: string, values: ReadonlyArray<readonly [string, T]>): T[] {
    const before = this.values.get(name);
    const now = new Map<string, T>();
    const out = values.map(([key, value]) => {
      const last = before?.get(key) as T | undefined;
      const kept = last !== undefined && sameData(last, value) ? last : value;
      now.set(key, kept);
      return kept;
    });
    this.values.set(name, now);
    return out;
  }
}

/**
 * `make(source)`, made once per source object and kept as long as the object lives: for values
 * made of an object that nothing alters once made (a digest's reports, events, page models). A
 * long-lived build process hands its next build the same objects for what an edit left
 * unchanged (`keepEqual`), and what was made of them is then not made again.
 */
export function perObject<S extends object, T>(make: (source: S) => T): (source: S) => T {
  const made = new WeakMap<S, T>();
  return (source) => {
    let value = made.get(source);
    if (value === undefined) made.set(source, (value = make(source)));
    return value;
  };
}

/**
 * `make()`, or what it made last time for `owner` when `inputs` are the very same values (`===`,
 * element by element) as then: for a value made of an object and of others looked up beside it
 * (an entity's page: the entity, its events, its reports). Kept as long as `owner` lives. Like
 * `perObject`, it relies on nothing altering the inputs once made, and it pays off in a
 * long-lived build process, where an edit leaves most inputs the very same objects.
 */
export function perObjectWith<S extends object, T>(): (owner: S, inputs: readonly unknown[], make: () => T) => T {
  const made = new WeakMap<S, { inputs: readonly unknown[]; value: T }>();
  return (owner, inputs, make) => {
    const last = made.get(owner);
    if (last && last.inputs.length === inputs.length && last.inputs.every((input, i) => input === inputs[i])) return last.value;
    const value = make();
    made.set(owner, { inputs, value });
    return value;
  };
}

const isPlain = (o: object): boolean => {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
};

/**
 * Whether two values are the same JSON data: the same primitives, arrays of the same values, and
 * plain objects with the same keys in the same order (the order shows in JSON) and the same
 * values. Other objects (dates, maps, typed arrays), whose contents are not their keys, are
 * compared as `isDeepStrictEqual` compares them. Shared objects are recognized at once, so
 * comparing a value with itself costs nothing.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (!isPlain(a) || !isPlain(b)) return Object.getPrototypeOf(a) === Object.getPrototypeOf(b) && isDeepStrictEqual(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
