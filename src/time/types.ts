/** TIMEX3 types of ISO-TimeML. */
export type TimexType = "DATE" | "TIME" | "DURATION" | "SET";

/** One time expression found in a text, normalized as a TIMEX3. */
export interface Timex {
  /** Offset of the first character, indexing the input as a JavaScript string. */
  start: number;
  /** Offset one past the last character. */
  end: number;
  /** `input.slice(start, end)`. */
  text: string;
  type: TimexType;
  /** TIMEX3 value: "2023-12-26", "2023-11", "2023", "2013-W11", "2012-SU", "P3Y", "PRESENT_REF", "XXXX-12-26"… */
  value: string;
  /**
   * The calendar value the expression implies on a timeline, when it differs from `value`:
   * "a month earlier" is DURATION P1M with anchored "2023-11".
   */
  anchored?: string;
  /**
   * For an expression counted from an anchor ("a month earlier", "two days later", "three years
   * ago"), the length counted, as TimeML values the quantity on its own: "P1M", "P2D", "P3Y".
   * `value`/`anchored` give the calendar point it lands on.
   */
  period?: string;
}

export interface TagOptions {
  /**
   * Document creation time: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]"; "" or "XXXX-XX-XX" when
   * unknown, in which case values that would need it keep X's ("XXXX-12-26").
   */
  dct: string;
}
