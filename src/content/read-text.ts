/** Decoding a content file's bytes into text, or saying exactly why it cannot be. */
export type DecodeResult =
  | {
      ok: true;
      text: string;
      /** Invisible control characters (pasted from word processors) replaced by spaces: how many, and the first one's line. */
      controls?: { count: number; line: number };
    }
  | { ok: false; message: string; fix: string; line?: number; column?: number };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * C0 controls other than tab and line feed, DEL, the C1 controls and U+FFFE/U+FFFF: invisible,
 * meaningless in a report, and (but for DEL and C1) invalid in the XML of feeds. Word processors paste them (vertical tab for a line
 * break, form feed for a page break), so they are replaced by a space (keeping line and column
 * numbers) and reported as a warning rather than rejected.
 */
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

/**
 * UTF-8 only: a byte-order mark is dropped and CRLF/CR line endings become LF, so offsets and
 * line numbers mean the same thing whatever editor wrote the file.
 */
export function decodeContent(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    return { ok: false, message: "the file is empty", fix: "write the report's front matter and text, or delete the file" };
  }
  if (looksLikeUtf16(bytes)) {
    return {
      ok: false,
      message: "the text is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8",
      fix: "re-save the file as UTF-8 in your editor (e.g. \"Save with encoding → UTF-8\")",
      line: 1,
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      message: "this is a binary file, not a Markdown report (it contains NUL bytes)",
      fix: "keep only .md text reports in the content folder",
      line: lineAt(bytes, nul),
    };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return {
      ok: false,
      message: `the text is not valid UTF-8 (first bad byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} on line ${lineAt(bytes, bad)}); it is probably in a legacy encoding such as Windows-1252 or Latin-1`,
      fix: "re-save the file as UTF-8 in your editor (e.g. \"Save with encoding → UTF-8\")",
      line: lineAt(bytes, bad),
      column: columnAt(bytes, bad),
    };
  }
  text = text.replace(/\r\n?/g, "\n");
  const first = text.search(CONTROL);
  if (first === -1) return { ok: true, text };
  const count = text.match(CONTROL)!.length;
  const line = text.slice(0, first).split("\n").length;
  return { ok: true, text: text.replace(CONTROL, " "), controls: { count, line } };
}

/** A UTF-16 file without NULs is rare, but its byte-order marks are telling. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** 1-based column, counted in characters of the valid text before the offset on its line. */
function columnAt(bytes: Uint8Array, offset: number): number {
  let start = offset;
  while (start > 0 && bytes[start - 1] !== 0x0a) start--;
  return new TextDecoder("utf-8").decode(bytes.subarray(start, offset)).length + 1;
}

/** Offset of the first byte that breaks UTF-8 (lead/continuation structure and overlongs). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    if (need > 0) {
      try {
        decoder.decode(bytes.subarray(i, i + need + 1));
      } catch {
        return i;
      }
    }
    i += need + 1;
  }
  return bytes.length;
}
