import { tenseAt, type Tense } from "./tense.ts";
import { format, parse, type Point } from "./values.ts";
import type { TimexType } from "./types.ts";

/** What a rule resolves a match to. */
export interface Resolution {
  type: TimexType;
  value: string;
  /** Calendar value for a timeline when it differs from `value`. */
  anchored?: string;
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
  readonly dct: { gran: "D"; y: number; m: number; d: number };
  /** "THH:MM[:SS]" of the DCT when given. */
  readonly dctTime: string | undefined;
  ref: Point;
  refPos = -1;
  /** The last quarter named in the text, and where: financial reports compare against it. */
  quarter: Point | undefined;
  quarterPos = -1;

  constructor(text: string, dct: string) {
    this.text = text;
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(dct);
    if (!m) throw new Error(`invalid DCT "${dct}": expected YYYY-MM-DD[THH:MM[:SS]]`);
    this.dct = { gran: "D", y: +m[1]!, m: +m[2]!, d: +m[3]! };
    this.dctTime = m[4] !== undefined ? `T${m[4]}:${m[5]}${m[6] !== undefined ? `:${m[6]}` : ""}` : undefined;
    this.ref = this.dct;
  }

  tense(start: number, end: number): Tense {
    return tenseAt(this.text, start, end);
  }

  /** DCT quarter (1–4). */
  get dctQuarter(): number {
    return Math.ceil(this.dct.m / 3);
  }

  /** Records a resolved value as the new reference time when it names a calendar point. */
  note(value: string, pos: number): void {
    const p = parse(value);
    if (!p) return;
    this.ref = p;
    this.refPos = pos;
    if (p.gran === "Q") {
      this.quarter = p;
      this.quarterPos = pos;
    }
  }

  /** The reference point, as a value. */
  refValue(): string {
    return format(this.ref);
  }
}
