/**
 * A light sentence splitter for ledes and summaries. It keeps abbreviations ("Dec.", "U.S.",
 * "Gen.", initials) and decimal numbers inside the sentence. Kept small and dependency-free
 * because it runs on every imported lede; the timeline has its own clause-level splitter.
 */
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep st jr sr inc ltd co corp no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m".split(
    " ",
  ),
);

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const re = /[.!?]+["”’)]*(?=\s+["“‘(]?[A-Z0-9\u0600-\u06FF])/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    const before = text.slice(start, m.index);
    const lastWord = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase() ?? "";
    if (m[0].startsWith(".") && (ABBREVIATIONS.has(lastWord.replace(/\.$/, "")) || /^[a-z]$/i.test(lastWord))) continue;
    sentences.push(text.slice(start, end).trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
