import { futureVerbBefore, pastVerbBefore, tenseAt, type Tense } from "./tense.ts";
import { format, parse, type Point } from "./values.ts";
import type { TimexType } from "./types.ts";

/** Publication dates that mean "unknown": the empty string, "XXXX-XX-XX", "unknown", "none". */
const UNKNOWN_DCT = /^(?:|X{4}-XX-XX|unknown|none)$/i;
/** Where resolution runs when the DCT is unknown; every value that depends on it is masked. */
const STAND_IN = "2000-06-15";

/** What a rule resolves a match to. */
export interface Resolution {
  type: TimexType;
  value: string;
  /** Calendar value for a timeline when it differs from `value`. */
  anchored?: string;
  /** The length an offset expression counts from its anchor ("a month earlier" → "P1M"). */
  period?: string;
  /** False for comparisons ("a year earlier") that must not move the narrative's reference time. */
  setsRef?: boolean;
}

/**
 * Resolution state of one document: the publication date (DCT) and the narrative's reference
 * time, the most recent explicitly or relatively dated expression ("On December 26 … A month
 * earlier" resolves against December 26, not against the DCT).
 */
export class Context {
  readonly text: string;
  /** The DCT as given, or a stand-in day when it is unknown (see `known`). */
  private readonly dctPoint: { gran: "D"; y: number; m: number; d: number };
  /** "THH:MM[:SS]" of the DCT when given. */
  readonly dctTime: string | undefined;
  /** False when the caller gave no publication date: values that need one come out with X's. */
  readonly known: boolean;
  /** Set while resolving one expression when its value depended on the DCT's year only / on all of it. */
  usedDctYear = false;
  usedDct = false;
  ref: Point;
  refPos = -1;
  /** True until the text itself names a calendar date: the reference time is still the DCT. */
  refIsDct = true;
  /** The last quarter named in the text, and where: financial reports compare against it. */
  quarter: Point | undefined;
  quarterPos = -1;
  /** The quarter named last, whichever it is: what "that quarter" points back to. */
  lastQuarter: Point | undefined;

  constructor(text: string, dct: string) {
    this.text = text;
    this.known = !UNKNOWN_DCT.test(dct);
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(this.known ? dct : STAND_IN);
    if (!m) throw new Error(`invalid DCT "${dct}": expected YYYY-MM-DD[THH:MM[:SS]]`);
    this.dctPoint = { gran: "D", y: +m[1]!, m: +m[2]!, d: +m[3]! };
    this.dctTime = m[4] !== undefined ? `T${m[4]}:${m[5]}${m[6] !== undefined ? `:${m[6]}` : ""}` : undefined;
    this.ref = this.dctPoint;
  }

  /** The publication day; reading it marks the current resolution as DCT-dependent. */
  get dct(): { gran: "D"; y: number; m: number; d: number } {
    this.usedDct = true;
    return this.dctPoint;
  }

  /** The publication year, for expressions that take only their year from it ("December 26"). */
  get dctYear(): number {
    this.usedDctYear = true;
    return this.dctPoint.y;
  }

  /** The publication month without marking the resolution (used to choose a year, not a value). */
  get dctMonth(): number {
    return this.dctPoint.m;
  }

  /** The publication day of month without marking the resolution. */
  get dctDay(): number {
    return this.dctPoint.d;
  }

  tense(start: number, end: number): Tense {
    return tenseAt(this.text, start, end);
  }

  /** A modal or a verb of plan before `start` in the same clause ("will vote in November"). */
  futureVerbBefore(start: number): boolean {
    return futureVerbBefore(this.text, start);
  }

  /** A past verb right before `start` in the same clause ("rose sharply in February"). */
  pastVerbBefore(start: number): boolean {
    return pastVerbBefore(this.text, start);
  }

  /** DCT quarter (1–4). */
  get dctQuarter(): number {
    return Math.ceil(this.dctPoint.m / 3);
  }

  /** Records a resolved value as the new reference time when it names a calendar point. */
  note(value: string, pos: number): void {
    const p = parse(value);
    if (!p) return;
    this.ref = p;
    this.refPos = pos;
    this.refIsDct = false;
    // only quarters already begun can be the period a report's figures compare; of those, the
    // latest named is the one reported ("third-quarter profit rose … after a weak second quarter")
    // (the current quarter, still running, counts only until a completed one is named)
    const rank = (q: Point) => q.y * 4 + q.n!;
    const current = this.dctPoint.y * 4 + this.dctQuarter;
    if (p.gran === "Q") this.lastQuarter = p;
    if (p.gran === "Q" && rank(p) <= current) {
      const q = this.quarter;
      if (q === undefined || rank(q) === current || (rank(p) < current && rank(p) >= rank(q))) this.quarter = p;
      this.quarterPos = pos;
    }
  }

  /** The reference point, as a value. */
  refValue(): string {
    return format(this.ref);
  }
}
