import { mkdir, open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";

/**
 * One cache file of named entries, each the hash of what it was made from and a v8-serialized
 * value: the storage under the analysis cache (cache.ts) and the parse cache (parse-cache.ts).
 *
 * Layout: the format name, the blobs, then a JSON header (code version, and per entry its name,
 * hash and blob length, in the order of the blobs) and the header's length in 4 bytes. Reading
 * keeps each blob as a view into the file's bytes; writing puts back the unchanged blobs as they
 * were read (issue 8: re-serializing the whole cache was 0.2 s of CPU a rebuild at 4,000
 * reports). A new value is kept as it is until the file is saved, then serialized and written a
 * piece at a time (the header goes last, once every blob's length is known): serialized when
 * stored, a first build's 10,000 analyses were 126 MB of small buffers, held until the save and
 * then left as fragmented memory the process kept for the rest of the build. A file of another
 * format or code version, or a damaged one, is discarded, never trusted.
 */
type BlobEntry = { hash: string; blob: Uint8Array } | { hash: string; value: unknown };

interface Header {
  version: string;
  /** [name, hash, blob length], in the order of the blobs. */
  entries: [string, string, number][];
}

export class BlobFile {
  private entries = new Map<string, BlobEntry>();
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly magic: Buffer,
    private readonly version: string,
  ) {}

  /** Opens (reads) `file`; a missing, stale or unreadable file starts empty. */
  static async open(file: string, format: string, version: string): Promise<BlobFile> {
    const store = new BlobFile(file, Buffer.from(`${format}\n`), version);
    try {
      store.entries = store.parse(await readFile(file));
    } catch {
      // No file yet, or one of another version or format, or a damaged one: start afresh.
    }
    return store;
  }

  /**
   * The value stored under `name` when it was made from `hash` (v8-deserialized); undefined when
   * there is none, it was made from something else, or its blob is damaged (it is then replaced
   * by the next `put`).
   */
  value<T>(name: string, hash: string): T | undefined {
    const entry = this.entries.get(name);
    if (!entry || entry.hash !== hash) return undefined;
    if (!("blob" in entry)) return entry.value as T;
    try {
      return deserialize(entry.blob) as T;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores `value` under `name`, as made from `hash`. It is serialized when the file is saved:
   * it must not be changed in between (the caches store values nothing alters).
   */
  put(name: string, hash: string, value: unknown): void {
    this.entries.set(name, { hash, value });
    this.dirty = true;
  }

  /** Keeps only the given names. */
  retain(names: ReadonlySet<string>): void {
    for (const name of this.entries.keys()) {
      if (!names.has(name)) {
        this.entries.delete(name);
        this.dirty = true;
      }
    }
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const handle = await open(tmp, "w");
    try {
      const header: Header = { version: this.version, entries: [] };
      let pending: Uint8Array[] = [this.magic];
      let size = this.magic.length;
      const flush = async () => {
        await handle.writev(pending);
        pending = [];
        size = 0;
      };
      for (const [name, entry] of this.entries) {
        const blob = "blob" in entry ? entry.blob : serialize(entry.value);
        header.entries.push([name, entry.hash, blob.length]);
        pending.push(blob);
        size += blob.length;
        if (size >= 1 << 20) await flush();
      }
      const json = Buffer.from(JSON.stringify(header));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(json.length);
      pending.push(json, length);
      await flush();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
    this.dirty = false;
  }

  /** The entries of a file; throws when it is not one of this format, or is of another code version. */
  private parse(data: Buffer): Map<string, BlobEntry> {
    const magic = this.magic;
    if (data.length < magic.length + 4 || !data.subarray(0, magic.length).equals(magic)) throw new Error("not a cache file of this format");
    const jsonLength = data.readUInt32LE(data.length - 4);
    const headerAt = data.length - 4 - jsonLength;
    if (headerAt < magic.length) throw new Error("truncated cache file");
    const header = JSON.parse(data.toString("utf8", headerAt, data.length - 4)) as Header;
    if (header.version !== this.version) throw new Error("cache of another code version");
    let at = magic.length;
    const entries = new Map<string, BlobEntry>();
    for (const [name, hash, length] of header.entries) {
      if (at + length > headerAt) throw new Error("truncated cache file");
      entries.set(name, { hash, blob: data.subarray(at, at + length) });
      at += length;
    }
    if (at !== headerAt) throw new Error("stray bytes in the cache file");
    return entries;
  }
}
