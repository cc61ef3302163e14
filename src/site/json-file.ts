import { closeSync, openSync, writeSync } from "node:fs";

/**
 * The pieces `prettyJsonPieces` made of objects, kept by a long-lived build process between its
 * builds (issue 8): an object met again (the same object, which nothing alters once made) is
 * written from its bytes, not stringified again. `digest.json` of 4,000 reports is 22 MB, and an
 * edit changes a few of its entries. Kept as UTF-8 bytes, not strings: joining and encoding the
 * kept strings again for every write was most of writing the file (0.2 s of 0.3 s at 4,000
 * reports), and text with a character beyond Latin-1 takes two bytes a character as a string.
 * A one-off build keeps none: the texts would stay in memory as long as the digest.
 */
export class JsonTexts {
  private readonly byDepth = new Map<number, WeakMap<object, Buffer>>();

  /** The piece of `value` at `depth` as UTF-8, made by `make` unless kept. */
  bytes(value: object, depth: number, make: () => string): Buffer {
    let texts = this.byDepth.get(depth);
    if (!texts) this.byDepth.set(depth, (texts = new WeakMap()));
    let bytes = texts.get(value);
    if (bytes === undefined) texts.set(value, (bytes = Buffer.from(make())));
    return bytes;
  }
}

/**
 * `JSON.stringify(value, null, 2)` in pieces, byte for byte: the top object and the arrays
 * directly in it are laid out here, and each of their elements is stringified on its own and
 * indented to its depth. (A JSON string never holds a raw line break, so indenting after every
 * "\n" is exact.) Built for plain data: a value with a `toJSON` method is left to
 * JSON.stringify whole. `levels`: how many levels of objects and arrays are laid out here.
 * `texts`: the pieces of objects met before (see JsonTexts), given as bytes (only pieces made of
 * objects; without `texts` every piece is a string).
 */
export function* prettyJsonPieces(value: unknown, depth = 0, levels = 2, texts?: JsonTexts): Generator<string | Buffer> {
  const pad = (d: number) => "\n" + "  ".repeat(d);
  const hasToJson = value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function";
  if (depth >= levels || value === null || typeof value !== "object" || hasToJson) {
    const make = (): string => {
      const text = JSON.stringify(value, null, 2);
      return depth === 0 ? text : text.replaceAll("\n", pad(depth));
    };
    yield texts && value !== null && typeof value === "object" ? texts.bytes(value, depth, make) : make();
    return;
  }
  const skipped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";
  if (Array.isArray(value)) {
    if (value.length === 0) return yield "[]";
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? `[${pad(depth + 1)}` : `,${pad(depth + 1)}`;
      yield* skipped(value[i]) ? ["null"] : prettyJsonPieces(value[i], depth + 1, levels, texts);
    }
    return yield `${pad(depth)}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => !skipped(v));
  if (entries.length === 0) return yield "{}";
  for (const [i, [key, v]] of entries.entries()) {
    yield `${i === 0 ? "{" : ","}${pad(depth + 1)}${JSON.stringify(key)}: `;
    yield* prettyJsonPieces(v, depth + 1, levels, texts);
  }
  yield `${pad(depth)}}`;
}

/**
 * Writes `JSON.stringify(value, null, 2)` and a final line break to `file` without ever holding
 * the whole text: `digest.json` of 10,000 reports is over 50 MB, twice that as a string.
 *
 * The writes are synchronous, a megabyte at a time. During a build, Node's small thread pool
 * is busy hard-linking the cached search bundles into the site (search-bundles.ts; it also
 * linked the unchanged pages, before rebuilds went in place), and each asynchronous write
 * waited behind those links: writing the data files took 0.9–1.0 s of a 4,000-report rebuild,
 * 0.5–0.85 s written synchronously (issue 8).
 */
export function writePrettyJson(file: string, value: unknown, texts?: JsonTexts): void {
  const fd = openSync(file, "w");
  try {
    const chunks: Buffer[] = [];
    let strings: string[] = [];
    let size = 0;
    const encode = () => {
      if (strings.length === 0) return;
      chunks.push(Buffer.from(strings.join("")));
      strings = [];
    };
    const flush = () => {
      encode();
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      // write(2) may write less than asked (a full disk is then an error on the next call).
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      chunks.length = 0;
      size = 0;
    };
    for (const piece of prettyJsonPieces(value, 0, 2, texts)) {
      if (typeof piece === "string") strings.push(piece);
      else {
        encode();
        chunks.push(piece);
      }
      size += piece.length;
      if (size >= 1 << 20) flush();
    }
    strings.push("\n");
    flush();
  } finally {
    closeSync(fd);
  }
}
