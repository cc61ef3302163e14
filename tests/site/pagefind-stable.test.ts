import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeCbor, encodeCbor, stabilizePagefind, type Cbor } from "../../src/site/pagefind-stable.ts";
import { tempDir } from "../helpers/tmp.ts";

const SIGNATURE = Buffer.from("pagefind_dcd");
const pack = (value: Cbor) => gzipSync(Buffer.concat([SIGNATURE, encodeCbor(value)]));
const unpack = (bytes: Buffer) => decodeCbor(gunzipSync(bytes).subarray(SIGNATURE.length));

describe("CBOR subset", () => {
  it("round-trips integers at every head width, text, bytes and nested arrays", () => {
    const value: Cbor = [0, 23, 24, 255, 256, 65535, 65536, 4294967295, "", "année ٢٠٢٤", new Uint8Array([1, 2, 3]), [[], ["x", [7]]]];
    const bytes = encodeCbor(value);
    expect(decodeCbor(bytes)).toEqual(value);
    // Shortest heads, as RFC 8949 preferred serialization asks.
    expect([...encodeCbor(23)]).toEqual([0x17]);
    expect([...encodeCbor(24)]).toEqual([0x18, 24]);
    expect([...encodeCbor("a")]).toEqual([0x61, 0x61]);
  });

  it("refuses what Pagefind does not write rather than guessing", () => {
    expect(() => encodeCbor(-1)).toThrow(/unsupported number/);
    expect(() => decodeCbor(Buffer.from([0xa1, 0x00, 0x00]))).toThrow(/major type 5/);
    expect(() => decodeCbor(Buffer.from([0x01, 0x02]))).toThrow(/trailing/);
  });
});

describe("stabilizePagefind", () => {
  async function bundle(order: "a" | "b"): Promise<string> {
    const dir = path.join(await tempDir(), "pagefind");
    await mkdir(path.join(dir, "filter"), { recursive: true });
    const years: Cbor[] = [["2024", [3, 1]], ["2023", [0, 2]]];
    const threads: Cbor[] = [["Talks", [0]], ["Floods", [1, 2]]];
    if (order === "b") {
      years.reverse();
      threads.reverse();
    }
    await writeFile(path.join(dir, "filter", `en_${order}1.pf_filter`), pack(["year", years]));
    await writeFile(path.join(dir, "filter", `en_${order}2.pf_filter`), pack(["thread", threads]));
    const filters = order === "a" ? [["year", `en_${order}1`], ["thread", `en_${order}2`]] : [["thread", `en_${order}2`], ["year", `en_${order}1`]];
    await writeFile(path.join(dir, `pagefind.en_meta${order}.pf_meta`), pack(["1.5.2", [["en_frag", 10]], [["a", "z", "en_idx"]], filters, [], ["title"]]));
    await writeFile(path.join(dir, "pagefind-entry.json"), JSON.stringify({ version: "1.5.2", languages: { en: { hash: `en_meta${order}`, wasm: "en", page_count: 4 } } }));
    await stabilizePagefind(dir);
    return dir;
  }

  it("writes the same files, whatever order the filters and their values came in", async () => {
    const [a, b] = await Promise.all([bundle("a"), bundle("b")]);
    const list = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).sort();
    const files = await list(a);
    expect(await list(b)).toEqual(files);
    for (const f of files.filter((f) => f.includes("."))) {
      expect((await readFile(path.join(b, f))).equals(await readFile(path.join(a, f))), f).toBe(true);
    }
    // The old names are gone and the entry points at the new meta file.
    expect(files.some((f) => f.includes("en_a1") || f.includes("en_metaa"))).toBe(false);
    const entry = JSON.parse(await readFile(path.join(a, "pagefind-entry.json"), "utf8"));
    const meta = unpack(await readFile(path.join(a, `pagefind.${entry.languages.en.hash}.pf_meta`))) as Cbor[];
    const filters = meta[3] as Array<[string, string]>;
    expect(filters.map((f) => f[0])).toEqual(["thread", "year"]);
    expect(meta.slice(0, 3)).toEqual(["1.5.2", [["en_frag", 10]], [["a", "z", "en_idx"]]]);
    const years = unpack(await readFile(path.join(a, "filter", `${filters[1]![1]}.pf_filter`)));
    expect(years).toEqual(["year", [["2023", [0, 2]], ["2024", [1, 3]]]]);
  });
});
