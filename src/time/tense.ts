/**
 * The tense of the clause around a time expression, from cue words: enough to decide whether a
 * bare "Thursday" or "in October" points back or forward from the publication date. News is
 * written in the past tense by default, so "past" is the answer when no cue is found.
 */
export type Tense = "past" | "future";

const FUTURE =
  /^(will|won't|wo|'ll|shall|going|expects?|expecting|expected|plans?|planning|planned|scheduled|could|set|intends?|due|upcoming|next|coming|tomorrow|would|until|till|by|through)$/i;
/** Cues that only count right next to the expression ("by August", "until Friday"). */
const NEAR_ONLY = /^(by|until|till|through|set)$/i;
/** Past-tense cue words, looked up lowercased (a Set is cheaper than a long alternation per word). */
const PAST = new Set("said says was were had did ago last earlier previously yesterday told reported announced came went took made gave began rose fell met saw won lost left held got sold bought paid ran became killed died tore struck shot fled fought wrote spoke stood sent brought thought found kept led felt heard built broke chose drove flew grew knew meant sought caught drew threw withdrew swore spent stole shook woke wore sank spread upheld overtook undertook".split(" "));
const isPast = (w: string) => PAST.has(w.toLowerCase());
const MODAL_BEFORE = /\b(?:will|would|'ll|shall|to)\s+(?:not\s+)?(?:be|have been|be being)\s+$/i;
/** Words after "to" that show it is a preposition, not an infinitive marker. */
const NOT_VERB = /^(the|a|an|his|her|its|their|our|this|that|these|those|date|be|been|about|some|more|all|power|prison|court|jail|office|work|school|death)$|ed$|ing$|s$/;
const PERFECT = "\\bhad\\s+(?:(?:not|already|never|just|also|yet)\\s+)*(?:been|[a-z]+(?:ed|en|wn|t))\\b";
const PERFECT_BEFORE = new RegExp(`${PERFECT}[^,;]*$`, "i");
const PERFECT_AFTER = new RegExp(`^,[^;]*?${PERFECT}`, "i");
const DETERMINER_BEFORE = /\b(?:a|an|the|its|their|his|her|our|this|these|those)\s+(?:[a-z]+\s+)?$/i;
/** Words after which an infinitive points ahead. */
const INTENT = /^(?:[a-z]+ed|agrees?|decides?|plans?|wants?|expects?|hopes?|intends?|aims?|seeks?|is|are|was|were|be|been|being|set|due|going|able|unable|ready|likely|unlikely|poised|prepared|about|try|tries|trying|needs?|has|have|had|want|wish(?:es)?|promises?|vows?|threatens?|offers?|asks?|urges?|order|orders|allow|allows|continue|continues|begin|begins|start|starts|refuses?|failed|fails?|ought|enough|time|chance|bid|effort|efforts|move|moves|deal|agreement|plan|plans|pledge|pledges|intention|decision|vote|votes)$/i;
const REPORTING = /^(?:said|says|told|added|reported|announced|stated|noted|declared|explained)$/i;
const EARLIEST = /\bas\s+(?:soon|early)\s+as\s+$/i;
const CUE = /[A-Za-z']+/g;
/** Only these words count as future cues when they follow the expression ("On Tuesday, the league plans to…"). */
const FUTURE_AFTER = /^(will|'ll|shall|plans|intends|hopes)$/i;
/**
 * A present-tense verb of a scheduled event right before a weekday or date: news writes
 * coming events in the present ("the leaders meet Monday", "the trial opens Tuesday").
 */
const SCHEDULED = /^(meets?|begins?|starts?|opens?|resumes?|arrives?|leaves|travels?|convenes?|expires?|heads?)$/i;

const BOUNDARY = /[.!?;\n]/;
const ABBREVIATION = /(?:^|[\s.(])(?:[A-Za-z]|Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Inc|Corp|Co|Ltd|Jr|Sr|No|vs|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$/;

/** True when the character at i ends a sentence (a period after "U.S." or "Oct" does not). */
function endsSentence(text: string, i: number): boolean {
  const c = text[i]!;
  if (c !== ".") return BOUNDARY.test(c);
  let j = i + 1;
  while (j < text.length && (text[j] === " " || text[j] === "\t")) j++;
  if (j < text.length && j === i + 1 && text[j] !== "\n") return false; // "3.5", "U.S.-led"
  if (j < text.length && /[a-z,]/.test(text[j]!)) return false; // "the U.S. from Cuba"
  return !ABBREVIATION.test(text.slice(Math.max(0, i - 6), i));
}

/** Sentence-ish window around [start, end): up to 160 characters back and 80 forward. */
function window(text: string, start: number, end: number): [number, number] {
  let a = start;
  const minA = Math.max(0, start - 160);
  while (a > minA && !endsSentence(text, a - 1)) a--;
  let b = end;
  const maxB = Math.min(text.length, end + 80);
  while (b < maxB && !endsSentence(text, b)) b++;
  return [a, b];
}

/** Tense of the clause around text[start, end). */
export function tenseAt(text: string, start: number, end: number): Tense {
  const [a, b] = window(text, start, end);
  let best: Tense = "past";
  let bestDistance = Infinity;
  /** A bound ("by", "until") right before the expression. */
  let bound = false;
  // "as soon as Tuesday", "as early as next month": a bound that points ahead, like "by"
  if (EARLIEST.test(text.slice(Math.max(a, start - 16), start))) bound = true;
  /** "Wednesday's ruling": the weekday dates its own noun. */
  const possessive = /^['’]s\b/.test(text.slice(end, end + 3));
  CUE.lastIndex = a;
  let m: RegExpExecArray | null;
  while ((m = CUE.exec(text)) !== null && m.index < b) {
    if (m.index >= start && m.index < end) continue;
    const w = m[0];
    const before = m.index < start;
    const distance = before ? start - (m.index + w.length) : m.index - end;
    if (distance >= bestDistance) continue;
    // "…will travel north on Thursday,” the minister said": a reporting verb after a comma or quote
    // tells when it was said, not the tense of the clause the expression is in
    if (!before && REPORTING.test(w) && /[,"”'(]/.test(text.slice(end, m.index))) continue;
    let t: Tense | undefined;
    if (before ? FUTURE.test(w) : FUTURE_AFTER.test(w)) t = "future";
    else if (isPast(w)) t = "past";
    // a form in -ed is a past verb unless a determiner makes it an adjective ("on an unannounced day")
    else if (w.length > 4 && /^[a-z]+ed$/.test(w) && !DETERMINER_BEFORE.test(text.slice(Math.max(a, m.index - 24), m.index))) t = "past";
    else if (before && distance <= 24 && SCHEDULED.test(w) && !/\b(?:the|a|an|its|their|his|her|of|to|he|she|it|they|we|i|you)\s+$/i.test(text.slice(Math.max(a, m.index - 6), m.index))) t = "future";
    // "plans", "intends" after the expression count only as verbs: "On Tuesday, the league plans to…"
    if (t === "future" && !before && /^(plans|intends|hopes)$/i.test(w) && !/^\s+to\b/.test(text.slice(m.index + w.length, m.index + w.length + 4))) continue;
    // an infinitive after the clause's verb points ahead: "agreed to buy the line in February"
    // ("to overturn Wednesday's decision" does not: a weekday's possessive dates its own noun)
    if (t === undefined && before && /^to$/i.test(w) && !possessive) {
      const next = /^\s+([a-z]+)\b/.exec(text.slice(m.index + 2, m.index + 24));
      // only after a verb or adjective of intent ("agreed to", "is set to", "ready to"); after a
      // noun it is a purpose clause in the main verb's tense ("held concerts to celebrate…")
      const prev = /([A-Za-z]+)\s+$/.exec(text.slice(Math.max(a, m.index - 24), m.index));
      if (next && !NOT_VERB.test(next[1]!) && (!prev || INTENT.test(prev[1]!))) {
        // "had been set to lapse Friday", "had been scheduled to end": a plan already past
        const plan = text.slice(Math.max(a, m.index - 40), m.index - (prev ? prev[0].length : 0));
        t = /\bhad\s+(?:(?:not|already|also|previously)\s+)*(?:been\s+)?$/i.test(plan) ? "past" : "future";
      }
    }
    if (t === "future" && before) {
      // "next to the embassy" is a place; "had been due to expire" is a past plan
      if (/^next$/i.test(w) && /^\s+to\b/i.test(text.slice(m.index + 4, m.index + 8))) continue;
      if (/\bhad\s+(?:been\s+)?$/i.test(text.slice(Math.max(a, m.index - 12), m.index))) t = "past";
    }
    // "was set to open", "were planning to march": a plan, which points ahead when it governs the
    // expression; after it ("…on Saturday and were planning to drive…", "as he was about to be
    // deported") it is another clause's verb and tells nothing either way
    if (t === "past" && /^(?:was|were)$/i.test(w) && /^\s+(?:(?:still|also|already)\s+)?(?:planning|going|scheduled|set|due|expected|about|preparing)\s+to\b/i.test(text.slice(m.index + w.length, m.index + w.length + 30))) {
      if (!before) continue;
      t = "future";
    }
    if (t === undefined) continue;
    // "will be named", "would be paid": a participle after a modal is future
    if (t === "past" && before && MODAL_BEFORE.test(text.slice(Math.max(a, m.index - 24), m.index))) t = "future";
    // "once the report is published in May": a participle after a present "is" is not a past tense
    if (t === "past" && before && w !== "was" && /\b(?:is|are)\s+$/i.test(text.slice(Math.max(a, m.index - 5), m.index))) continue;
    // "is"/"are" count for the future only next to the expression ("the vote is Friday")
    if (t === "future" && /^set$/i.test(w) && !/^\s+(?:for|to)\b/.test(text.slice(m.index + 3, m.index + 8))) continue;
    if (t === "future" && NEAR_ONLY.test(w) && !/^set$/i.test(w)) {
      // "by"/"until" right before the expression mark a bound that points ahead ("postponed
      // until Tuesday") unless the clause's verb is a past perfect: "By late November, the group
      // had tallied 66 attacks" is behind the clause's own past, not ahead of the publication date
      // (but "from Monday through Friday" is a range in the clause's own tense)
      if (distance <= 1 && !(/^through$/i.test(w) && /\bfrom\s/i.test(text.slice(Math.max(a, m.index - 30), m.index)))) bound = true;
      continue;
    }
    best = t;
    bestDistance = distance;
  }
  if (bound) {
    // the past perfect of the same clause: before the bound with no comma between, or after a
    // sentence-opening "By late November,"
    const perfect = PERFECT_BEFORE.test(text.slice(a, start)) || PERFECT_AFTER.test(text.slice(end, b));
    return perfect ? "past" : "future";
  }
  return best;
}

/**
 * True when a past verb stands right before the expression in its own clause ("began testing in
 * February", "rose sharply in February"): firm enough to outweigh a nearer reading of the date.
 */
export function pastVerbBefore(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 32), start);
  const clause = before.slice(Math.max(before.lastIndexOf(","), before.lastIndexOf(";")) + 1);
  for (const m of clause.matchAll(/[A-Za-z']+/g)) {
    const w = m[0];
    if (REPORTING.test(w)) continue;
    if (isPast(w) && !/^(?:ago|last|earlier|previously|yesterday)$/i.test(w)) return true;
    if (w.length > 4 && /^[a-z]+ed$/.test(w) && !DETERMINER_BEFORE.test(clause.slice(0, m.index))) return true;
  }
  return false;
}

/** True when a modal or a verb of plan stands before the expression in its own clause ("will vote in November"). */
export function futureVerbBefore(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 48), start);
  const clause = before.slice(Math.max(before.lastIndexOf(","), before.lastIndexOf(";")) + 1);
  return /\b(?:will|'ll|shall|is going to|are going to|(?:is|are) (?:scheduled|due|expected|set) to|plans? to|intends? to)\b/i.test(clause);
}
