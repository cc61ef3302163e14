import { splitSentences } from "./sentences.ts";

/** Headlines are cut to at most this many characters. */
export const HEADLINE_MAX = 90;
const MIN_WORDS = 4;

/** Words that open a subordinate clause or phrase: a headline may end just before them. */
const CLAUSE_OPENERS = new Set(
  "after before while when which who whose that as amid following despite because since until although though where whereas from on in at with without during against".split(
    " ",
  ),
);
/** Phrase boundaries used only when no clause boundary fits ("the process | of withdrawing"). */
const WEAK_OPENERS = new Set(["of", "and", "but", "or"]);
/** Words a headline must not end on. */
const DANGLING = new Set("the a an of and or but to in on at by for with from as its their his her this that is are was were be has have had".split(" "));

/**
 * What a headline can drop, tried in order until the sentence fits: parentheses, attribution
 * (", officials said"), comma-delimited asides (", after …,", ", which …,") and appositives
 * (", a small library in Mosul,").
 */
const REDUCTIONS: Array<[RegExp, string]> = [
  [/\s*\([^()]*\)/g, ""],
  [/,\s+(?:[^,]{1,60}?\s)?(?:said|says|reported|reports|announced|told [^,.]{1,40}?)(?:\s+on\s+\w+(?:\s+\d{1,2})?)?(?=\s*(?:[,.]|$))/gi, ""],
  [/,\s+(?:after|before|while|when|where|which|who|whose|according to|as|amid|following|despite|citing|in a|in an)\b[^,]*(?:,\s*|$)/gi, " "],
  [/,\s+(?:a|an|the)\s[^,]*,\s*/gi, " "],
];

/**
 * A concise headline from a report's lede: the first sentence, with comma-delimited asides
 * dropped, cut at a clause or phrase boundary so it fits in HEADLINE_MAX characters, never
 * mid-word and never ending on a function word. Editors override it with `title:`.
 */
export function deriveHeadline(lede: string): string {
  const first = splitSentences(lede.replace(/\s+/g, " ").trim())[0] ?? "";
  let sentence = stripEnd(first);
  for (const [pattern, replacement] of REDUCTIONS) {
    if (sentence.length <= HEADLINE_MAX) break;
    const reduced = stripEnd(sentence.replace(pattern, replacement).replace(/\s+/g, " ").replace(/\s+,/g, ","));
    if (reduced.split(" ").length >= MIN_WORDS) sentence = reduced;
  }
  if (sentence.length <= HEADLINE_MAX) return capitalize(sentence);
  return capitalize(cutAtBoundary(sentence));
}

function cutAtBoundary(sentence: string): string {
  const words = sentence.split(" ");
  let best: string | undefined;
  let bestScore = -Infinity;
  let length = 0;
  for (let i = 0; i < words.length - 1; i++) {
    length += (i === 0 ? 0 : 1) + words[i]!.length;
    if (length > HEADLINE_MAX) break;
    if (i + 1 < MIN_WORDS) continue;
    const word = words[i]!;
    const next = words[i + 1]!.toLowerCase().replace(/[^a-z-]/g, "");
    const punctuation = /[,;:]$/.test(word) || next === "—" || next === "–";
    const opener = CLAUSE_OPENERS.has(next);
    const weak = WEAK_OPENERS.has(next);
    if (!punctuation && !opener && !weak) continue;
    const candidate = stripEnd(words.slice(0, i + 1).join(" "));
    const last = candidate.split(" ").at(-1)!.toLowerCase();
    if (DANGLING.has(last)) continue;
    // Prefer punctuation over phrase boundaries, and longer over shorter.
    const score = candidate.length + (punctuation ? 25 : 0) - (weak ? 60 : 0);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best) return best;
  // No boundary fits: the longest whole-word prefix that does not end on a function word.
  let cut = words.slice(0, 1).join(" ");
  let acc = "";
  for (const word of words) {
    const next = acc ? `${acc} ${word}` : word;
    if (next.length > HEADLINE_MAX) break;
    acc = next;
    if (!DANGLING.has(word.toLowerCase().replace(/[^a-z]/g, ""))) cut = acc;
  }
  return stripEnd(cut);
}

function stripEnd(text: string): string {
  return text.replace(/[\s,;:.—–-]+$/u, "").trim();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
