/**
 * Word lists of the temporal tagger (the counterpart of HeidelTime's "resources"): month and
 * weekday names, numbers in words, units, seasons, parts of the day. Each list is turned into a
 * regular-expression source once, at module load; lookups are plain Map reads.
 */

/** "[Ll]ast [Yy]ear": a word pattern that accepts a capital or small first letter. */
export function cap(words: string): string {
  return words.replace(/(?<!\\)\b([a-z])/g, (c) => `[${c}${c.toUpperCase()}]`);
}

const MONTHS: [string, number][] = [
  ["january", 1], ["jan", 1], ["february", 2], ["feb", 2], ["march", 3], ["mar", 3],
  ["april", 4], ["apr", 4], ["may", 5], ["june", 6], ["jun", 6], ["july", 7], ["jul", 7],
  ["august", 8], ["aug", 8], ["september", 9], ["sept", 9], ["sep", 9], ["october", 10],
  ["oct", 10], ["november", 11], ["nov", 11], ["december", 12], ["dec", 12],
];
const MONTH_BY_NAME = new Map(MONTHS);

/** Month number (1–12) of "December", "Dec", "Dec." or "SEPT"; undefined otherwise. */
export function monthNumber(word: string): number | undefined {
  return MONTH_BY_NAME.get(word.toLowerCase().replace(/\.$/, ""));
}

/**
 * A capitalized month name. Abbreviations take an optional period; three-letter ones without a
 * period must not run into more letters ("Mar" but not "Marine").
 */
export const MONTH_RE =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|" +
  "JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|" +
  "(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\\.|(?![A-Za-z])))";

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** ISO weekday (Monday 1 … Sunday 7) of a weekday name. */
export function weekdayNumber(word: string): number | undefined {
  const i = WEEKDAYS.indexOf(word.toLowerCase());
  return i < 0 ? undefined : i + 1;
}

export const WEEKDAY_RE = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/** Number words below twenty (also read by the tally extractor, src/digest/numbers.ts). */
export const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
/** Multiples of ten in words. */
export const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
/** Vague quantities: the TIMEX3 value writes them as "X" ("a few years" → PXY). */
const VAGUE = new Set(["a few", "few", "several", "some", "many", "a number of", "the few", "couple of", "numerous"]);

/** Numbers written in words or digits, up to the nineties, and vague quantities. */
export const NUMBER_RE =
  "(?:\\d+ 1/2|\\d+(?:\\.\\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|" +
  "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|" +
  "seventeen|eighteen|nineteen|a few|a couple of|a couple|couple of|a number of|several|few|many|some|a dozen|a hundred|a thousand|a half|an?|one and a half|hundreds of|dozens of|thousands of)";

/** The number a NUMBER_RE match stands for; "X" for a vague quantity. */
export function numberValue(text: string): number | "X" {
  const t = text.toLowerCase().replace(/\s+/g, " ");
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^\d+ 1\/2$/.test(t)) return Number(t.slice(0, -4)) + 0.5;
  if (t === "a" || t === "an") return 1;
  if (t === "a couple of" || t === "a couple" || t === "couple of") return 2;
  if (t === "a dozen") return 12;
  if (t === "a hundred") return 100;
  if (t === "a thousand") return 1000;
  if (t === "a half") return 0.5;
  if (t === "one and a half") return 1.5;
  if (VAGUE.has(t) || t.endsWith(" of")) return "X";
  if (t in SMALL) return SMALL[t]!;
  const [tens, unit] = t.split(/[- ]/);
  if (tens !== undefined && tens in TENS) return TENS[tens]! + (unit !== undefined ? (SMALL[unit] ?? 0) : 0);
  return "X";
}

/** Calendar units as they appear in text, singular or plural. */
export const UNIT_RE =
  "(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|quarters?|weekends?|nights?|mornings?|fortnights?)";

export type Unit = "Y" | "M" | "W" | "D" | "H" | "MI" | "S" | "DE" | "CE" | "Q";

/** The unit of a UNIT_RE match. */
export function unitOf(word: string): Unit {
  const w = word.toLowerCase();
  if (w.startsWith("year")) return "Y";
  if (w.startsWith("month")) return "M";
  if (w.startsWith("week")) return w.startsWith("weekend") ? "D" : "W";
  if (w.startsWith("fortnight")) return "W";
  if (w.startsWith("day") || w.startsWith("night") || w.startsWith("morning")) return "D";
  if (w.startsWith("hour")) return "H";
  if (w.startsWith("minute")) return "MI";
  if (w.startsWith("second")) return "S";
  if (w.startsWith("decade")) return "DE";
  if (w.startsWith("centur")) return "CE";
  return "Q";
}

/** True for a plural unit word ("years", "centuries"). */
export function isPlural(word: string): boolean {
  return /(s|ies)$/i.test(word) && !/^(century)$/i.test(word);
}

/** TIMEX3 duration of n units: P3Y, PT5H, P10Y for a decade, P3Q for three quarters, PXY. */
export function durationValue(n: number | "X", unit: Unit): string {
  if (n === "X") {
    // TimeBank writes "decades" as PXY and "centuries" as PXC
    const u = { Y: "Y", M: "M", W: "W", D: "D", H: "H", MI: "M", S: "S", DE: "Y", CE: "C", Q: "Q" }[unit];
    return unit === "H" || unit === "MI" || unit === "S" ? `PTX${u}` : `PX${u}`;
  }
  const whole = (k: number) => (Number.isInteger(k) ? String(k) : String(Math.round(k * 10) / 10));
  // halves are written with the next smaller unit, as TimeBank does: 2 1/2 years → P2Y6M
  const i = Math.floor(n);
  if (!Number.isInteger(n) && n - i === 0.5) {
    const lead = (v: string) => (i > 0 ? v : "");
    switch (unit) {
      case "Y":
        return `P${lead(`${i}Y`)}6M`;
      case "M":
        return `P${lead(`${i}M`)}15D`;
      case "W":
        return `P${i * 7 + 3}DT12H`;
      case "D":
        return `P${lead(`${i}D`)}T12H`;
      case "H":
        return `PT${lead(`${i}H`)}30M`;
      case "MI":
        return `PT${lead(`${i}M`)}30S`;
      default:
        break;
    }
  }
  switch (unit) {
    case "H":
      return `PT${whole(n)}H`;
    case "MI":
      return `PT${whole(n)}M`;
    case "S":
      return `PT${whole(n)}S`;
    case "DE":
      return `P${whole(n * 10)}Y`;
    case "CE":
      return `P${whole(n * 100)}Y`;
    case "Q":
      // TimeBank counts quarters as quarters: "the past two quarters" → P2Q, "every quarter" → P1Q
      return `P${whole(n)}Q`;
    case "Y":
      return `P${whole(n)}Y`;
    case "M":
      return `P${whole(n)}M`;
    case "W":
      return `P${whole(n)}W`;
    default:
      return `P${whole(n)}D`;
  }
}

/** TIMEX3 season codes. */
export function seasonCode(word: string): string {
  const w = word.toLowerCase();
  if (w === "spring") return "SP";
  if (w === "summer") return "SU";
  if (w === "winter") return "WI";
  return "FA";
}

/** TIMEX3 part-of-day codes. */
export function partOfDay(word: string): string {
  const w = word.toLowerCase();
  if (w === "morning") return "MO";
  if (w === "afternoon") return "AF";
  if (w === "evening") return "EV";
  if (w === "night" || w === "tonight" || w === "overnight") return "NI";
  return "DT";
}

/** Ordinals as words or digits, for quarters, halves and centuries. */
export function ordinalValue(word: string): number | undefined {
  const w = word.toLowerCase();
  const m = /^(\d+)(st|nd|rd|th)$/.exec(w);
  if (m) return Number(m[1]);
  const words = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
  ];
  const i = words.indexOf(w);
  if (i >= 0) return i + 1;
  if (w === "twenty-first" || w === "twenty first") return 21;
  return undefined;
}
