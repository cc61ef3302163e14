import { describe, expect, it } from "vitest";
import { tenseAt } from "../../src/time/tense.ts";

const at = (text: string, phrase: string) => {
  const i = text.indexOf(phrase);
  return tenseAt(text, i, i + phrase.length);
};

describe("clause tense", () => {
  it("defaults to the past of news copy", () => {
    expect(at("The minister resigned on Friday.", "Friday")).toBe("past");
    expect(at("Friday", "Friday")).toBe("past");
  });

  it("finds future cues, including a participle after a modal", () => {
    expect(at("The minister will resign on Friday.", "Friday")).toBe("future");
    expect(at("The budget would be approved in March, aides said.", "March")).toBe("future");
    expect(at("The summit is set for Tuesday.", "Tuesday")).toBe("future");
    expect(at("The firm agreed to buy the mill in February.", "February")).toBe("future");
    expect(at("The firm sold the mill to the state in February.", "February")).toBe("past");
  });

  it("reads a plan told in the past as pointing ahead, and ignores one in a later clause", () => {
    expect(at("The union was set to strike on Friday.", "Friday")).toBe("future");
    expect(at("Growers planned a march on Saturday and were planning to block the road.", "Saturday")).toBe("future");
    expect(at("Police seized him on Thursday as he was about to board a ferry.", "Thursday")).toBe("past");
  });

  it("takes the nearest cue and does not stop at abbreviations", () => {
    expect(at("Aides said the envoy will reach the U.S. on Tuesday.", "Tuesday")).toBe("future");
    expect(at("The envoy will travel after he met the king on Tuesday.", "Tuesday")).toBe("past");
  });
});
