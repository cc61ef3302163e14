/**
 * A fast path for the front matter most reports have: one `key: value` a line, each value a
 * double-quoted string without escapes, a lower-case word or slug that is not a number, a
 * YYYY-MM-DD date, true or false, or a flow list of such words ("tags: [iraq, al-sudani]").
 *
 * Hand-written because the YAML parser was most of the cost of loading (issue 8); it reads only
 * this subset and gives up (returns undefined) on anything else — comments, quotes with escapes,
 * numbers, nulls, indentation, repeated keys, blank or trailing-space lines — so that the `yaml`
 * package reads every other file, with its errors and warnings. For the subset it accepts, the
 * result is what `yaml`'s core schema gives (tests/content/simple-front-matter.test.ts compares them).
 */

/** A lower-case key (never true, false or null, which YAML reads as other than strings). */
const LINE = /^([a-z][a-z_]*): (.*)$/;
/** A double-quoted YAML string with nothing to unescape or fold, and no character YAML refuses. */
const QUOTED = /^"([^"\\\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]*)"$/;
/** A plain word or slug: lower-case letters and digits, single hyphens between them. */
const WORD = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/**
 * The words of that alphabet that YAML's core schema reads as numbers: its int, octal, hex and
 * exponent-float patterns (node_modules/yaml/dist/schema/core), less the signs and dots WORD
 * never has.
 */
const NUMBER = /^(?:[0-9]+|0o[0-7]+|0x[0-9a-f]+|[0-9]+e-?[0-9]+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LIST = /^\[([a-z0-9, -]*)\]$/;
/** Plain words that the core schema reads as something other than a string. */
const NOT_STRINGS = new Set(["true", "false", "null"]);

function plainWord(text: string): boolean {
  return WORD.test(text) && !NUMBER.test(text) && !NOT_STRINGS.has(text);
}

/**
 * The data of a front-matter block in the simple subset, or undefined when the block is anything
 * else. `source` is the text between the `---` lines as gray-matter hands it over.
 */
export function parseSimpleFrontMatter(source: string): Record<string, unknown> | undefined {
  const lines = source.split("\n");
  // gray-matter's block starts with the newline after the opening `---`.
  if (lines[0] === "") lines.shift();
  if (lines.length === 0) return undefined;
  const data: Record<string, unknown> = {};
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m) return undefined;
    const [, key, value] = m as unknown as [string, string, string];
    if (Object.hasOwn(data, key) || NOT_STRINGS.has(key)) return undefined;
    const quoted = QUOTED.exec(value);
    if (quoted) data[key] = quoted[1];
    else if (value === "true" || value === "false") data[key] = value === "true";
    else if (DATE.test(value) || plainWord(value)) data[key] = value;
    else {
      const list = LIST.exec(value);
      if (!list) return undefined;
      const inner = list[1]!;
      if (inner === "") data[key] = [];
      else {
        const items = inner.split(", ");
        if (!items.every(plainWord)) return undefined;
        data[key] = items;
      }
    }
  }
  return data;
}
