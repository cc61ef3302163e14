import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

/**
 * Pagefind 1.5 writes its filter indexes in hash-map order, which changes from run to run
 * (Pagefind/pagefind#638: fragments are stable since 1.3, "filter/metadata indexes" are not).
 * This rewrites them in a canonical order — filter values sorted, filters sorted by name —
 * and renames the files after their new content, so that the same site gives the same bytes.
 *
 * The files are gzip'd "pagefind_dcd" + CBOR (RFC 8949). Hand-written here because the
 * subset Pagefind uses (unsigned integers, text, byte strings, arrays) is tiny and no CBOR
 * library is installed; anything outside that subset throws, so a format change in a new
 * Pagefind version fails the build loudly rather than corrupting the index.
 */

const SIGNATURE = Buffer.from("pagefind_dcd");

export type Cbor = number | string | Uint8Array | Cbor[];

export function decodeCbor(bytes: Uint8Array): Cbor {
  let at = 0;
  const read = (): Cbor => {
    const head = bytes[at++]!;
    const major = head >> 5;
    const info = head & 31;
    let n: number;
    if (info < 24) n = info;
    else if (info === 24) n = bytes[at++]!;
    else if (info === 25) n = (bytes[at++]! << 8) | bytes[at++]!;
    else if (info === 26) {
      n = ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
      at += 4;
    } else throw new Error(`CBOR: unsupported length encoding ${info} at byte ${at - 1}`);
    switch (major) {
      case 0:
        return n;
      case 2:
        at += n;
        return new Uint8Array(bytes.subarray(at - n, at));
      case 3:
        at += n;
        return Buffer.from(bytes.subarray(at - n, at)).toString("utf8");
      case 4:
        return Array.from({ length: n }, read);
      default:
        throw new Error(`CBOR: unsupported major type ${major} at byte ${at - 1}`);
    }
  };
  const value = read();
  if (at !== bytes.length) throw new Error(`CBOR: ${bytes.length - at} trailing bytes`);
  return value;
}

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** Encodes with the shortest heads, as Pagefind's serializer does. */
export function encodeCbor(value: Cbor): Buffer {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new Error(`CBOR: unsupported number ${value}`);
    return head(0, value);
  }
  if (typeof value === "string") {
    const text = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([head(4, value.length), ...value.map(encodeCbor)]);
}

async function readPagefindFile(file: string): Promise<Cbor> {
  const raw = gunzipSync(await readFile(file));
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`${file}: not a Pagefind data file`);
  return decodeCbor(raw.subarray(SIGNATURE.length));
}

/** Writes a data file named `<prefix><hash of content>` and returns that name. */
async function writePagefindFile(dir: string, prefix: string, hashLength: number, ext: string, value: Cbor): Promise<string> {
  const raw = Buffer.concat([SIGNATURE, encodeCbor(value)]);
  const name = `${prefix}${createHash("sha256").update(raw).digest("hex").slice(0, hashLength)}`;
  // gzip from Node's zlib sets no file name and a zero time stamp: the bytes depend on the data only.
  await writeFile(path.join(dir, `${name}${ext}`), gzipSync(raw, { level: 9 }));
  return name;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function asArray(value: Cbor, what: string): Cbor[] {
  if (!Array.isArray(value)) throw new Error(`Pagefind ${what}: expected an array`);
  return value;
}

/** Rewrites `<siteDir>/pagefind/` filter indexes in canonical order (see the module comment). */
export async function stabilizePagefind(bundleDir: string): Promise<void> {
  const entryFile = path.join(bundleDir, "pagefind-entry.json");
  const entry = JSON.parse(await readFile(entryFile, "utf8")) as { languages: Record<string, { hash: string }> };
  for (const [language, info] of Object.entries(entry.languages)) {
    const metaFile = path.join(bundleDir, `pagefind.${info.hash}.pf_meta`);
    const meta = asArray(await readPagefindFile(metaFile), "meta");
    const filters = asArray(meta[3]!, "meta filters").map((f) => asArray(f, "meta filter") as [string, string]);
    const rewritten: Array<[string, string]> = [];
    for (const [name, hash] of filters) {
      const filterFile = path.join(bundleDir, "filter", `${hash}.pf_filter`);
      const [filterName, values] = asArray(await readPagefindFile(filterFile), "filter") as [string, Cbor[]];
      const sorted = asArray(values, "filter values")
        .map((v) => asArray(v, "filter value") as [string, number[]])
        .map(([value, pages]) => [value, [...pages].sort((a, b) => a - b)] as [string, number[]])
        .sort((a, b) => byText(a[0], b[0]));
      const newHash = await writePagefindFile(path.join(bundleDir, "filter"), `${language}_`, 7, ".pf_filter", [filterName, sorted]);
      if (newHash !== hash) await rm(filterFile);
      rewritten.push([name, newHash]);
    }
    meta[3] = rewritten.sort((a, b) => byText(a[0], b[0]));
    const newMeta = await writePagefindFile(bundleDir, `pagefind.${language}_`, 10, ".pf_meta", meta);
    const newHash = newMeta.slice("pagefind.".length);
    if (newHash !== info.hash) await rm(metaFile);
    info.hash = newHash;
  }
  await writeFile(entryFile, JSON.stringify(entry));
}
