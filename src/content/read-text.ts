/** Decoding a content file's bytes into text, or saying exactly why it cannot be. */
export type DecodeResult = { ok: true; text: string } | { ok: false; message: string; fix: string; line?: number };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * UTF-8 only: a byte-order mark is dropped and CRLF/CR line endings become LF, so offsets and
 * line numbers mean the same thing whatever editor wrote the file.
 */
export function decodeContent(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    return { ok: false, message: "the file is empty", fix: "write the report's front matter and text, or delete the file" };
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
    return {
      ok: false,
      message: `the text is not valid UTF-8 (first bad byte on line ${lineAt(bytes, firstInvalidUtf8(bytes))})`,
      fix: "re-save the file as UTF-8 in your editor (e.g. \"Save with encoding → UTF-8\")",
      line: lineAt(bytes, firstInvalidUtf8(bytes)),
    };
  }
  return { ok: true, text: text.replace(/\r\n?/g, "\n") };
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
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
