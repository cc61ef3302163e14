/**
 * Sentence and clause splitting for event extraction.
 *
 * Sentences end at ".", "!" or "?" (and any closing quotes or brackets) followed by white space
 * and a word, digit or opening quote — unless the word before the period is an abbreviation
 * from compromise's list ("Dec.", "Gen.", "approx.") or our own, a dotted acronym ("U.S.",
 * "a.m.", "D.C.") or a single initial ("Lloyd J. Austin"). This used to be compromise's own
 * splitter, i.e. its tokenizer run over every paragraph (≈ 1–2 ms per report even without the
 * tagger); one scan over the terminators with the same abbreviation list gives the same
 * sentences on the default and generated reports (0 of 4,281 paragraphs differ) in
 * microseconds (issue 8). Offsets are into the input, because time expressions are given as
 * offsets into the paragraph text.
 *
 * Clause splitting is hand-written (compromise has no clause segmenter that keeps offsets):
 * a sentence is cut only at strong coordination boundaries — a semicolon, or a comma followed by
 * "and", "but", "while", "whereas" or "and then" — which in reporting prose separate two
 * happenings told in one sentence ("On May 2 the army withdrew; on May 9 it returned.").
 */
import { nlp } from "./nlp.ts";

/** A stretch of a text, with offsets into it. `text === input.slice(start, end)`. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

function span(input: string, start: number, end: number): TextSpan | null {
  while (start < end && /\s/.test(input[start] ?? "")) start++;
  while (end > start && /\s/.test(input[end - 1] ?? "")) end--;
  return end > start ? { start, end, text: input.slice(start, end) } : null;
}

const ABBREVIATIONS = new Set([
  ...Object.keys((nlp.model() as unknown as { one: { abbreviations: Record<string, unknown> } }).one.abbreviations),
  ..."mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep st jr sr inc ltd co corp vs etc jan feb mar apr jun jul aug sep sept oct nov dec".split(" "),
]);
/** A terminator run, its closing quotes or brackets, then white space and a sentence opening. */
const BOUNDARY = /[.!?]+["'”’)\]]*(?=\s+["'“‘`(\[]*[\p{L}\d])/gu;
const LOWER_NEXT = /^\s+["'“‘`(\[]*\p{Ll}/u;
/** The word before a period: a dotted acronym ("U.S", "a.m", "D.C") or a plain word. */
const WORD_BEFORE = /(?:\p{L}\.)+\p{L}$|\p{L}+$/u;

/** Splits a text into sentences, each with its offsets into `text`. Deterministic. */
export function splitSentences(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
    // Before a lower-case word only a single plain period ends a sentence: not an ellipsis, and
    // not a quoted question or exclamation followed by its attribution ("Why?" he asked).
    if (m[0] !== "." && LOWER_NEXT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) continue;
    if (m[0][0] === ".") {
      const word = WORD_BEFORE.exec(text.slice(Math.max(from, m.index - 24), m.index))?.[0] ?? "";
      if (word.includes(".") || ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue;
    }
    const piece = span(text, from, m.index + m[0].length);
    if (piece) spans.push(piece);
    from = m.index + m[0].length;
  }
  const last = span(text, from, text.length);
  if (last) spans.push(last);
  return spans;
}

const CLAUSE_BREAK = /;\s+|,\s+(?=(?:and then|and|but|while|whereas)\s)/g;

/**
 * Splits one sentence (given as a span of `input`) into clauses at strong coordination
 * boundaries. The conjunction stays at the head of the following clause. Offsets are into `input`.
 */
export function splitClauses(input: string, sentence: TextSpan): TextSpan[] {
  const out: TextSpan[] = [];
  let from = sentence.start;
  CLAUSE_BREAK.lastIndex = 0;
  for (const m of sentence.text.matchAll(CLAUSE_BREAK)) {
    const cut = sentence.start + (m.index ?? 0);
    const piece = span(input, from, cut);
    if (piece) out.push(piece);
    from = cut + m[0].length;
  }
  const last = span(input, from, sentence.end);
  if (last) out.push(last);
  return out;
}
