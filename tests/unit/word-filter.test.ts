import { describe, expect, it } from "vitest";
import { findListedPhrase, foldForMatching, parseWordList } from "../../app/models/moderation/word-list";

describe("the word lists", () => {
  const list = ["idiot", "crook", "go back where you came from"];

  it("catch a listed word whatever its case or accents", () => {
    expect(findListedPhrase("What an IDIOT.", list)).toBe("idiot");
    expect(findListedPhrase("Un crôok, voilà", list)).toBe("crook");
  });

  it("catch simple letter swaps", () => {
    expect(findListedPhrase("such an 1d10t", list)).toBe("idiot");
    expect(findListedPhrase("a real cr00k", list)).toBe("crook");
    expect(findListedPhrase("you @re a cr0ok", list)).toBe("crook");
  });

  it("catch a phrase across punctuation and spacing", () => {
    expect(findListedPhrase("Why don't you go back -- where you came from!", list)).toBe("go back where you came from");
  });

  it("do not catch ordinary words that contain a listed one", () => {
    expect(findListedPhrase("The idiotic timetable", list)).toBeNull();
    expect(findListedPhrase("The crooked lane by the harbour", list)).toBeNull();
    expect(findListedPhrase("Scunthorpe and Penistone are in England", ["cunt", "penis"])).toBeNull();
    expect(findListedPhrase("A classic assessment of the class", ["ass"])).toBeNull();
    expect(findListedPhrase("Go back to where you came from the ferry", list)).toBeNull();
  });

  it("see a change to a list that can change, and treat a frozen list as fixed", () => {
    const growing = ["idiot"];
    expect(findListedPhrase("a crook", growing)).toBeNull();
    growing.push("crook");
    expect(findListedPhrase("a crook", growing)).toBe("crook");
    const fixed = Object.freeze(["ferry"]);
    expect(findListedPhrase("the Ferry!", fixed)).toBe("ferry");
    expect(findListedPhrase("the pier", fixed)).toBeNull();
    expect(findListedPhrase("the ferry", Object.freeze(["pier"]))).toBeNull();
    expect(findListedPhrase("anything at all", [])).toBeNull();
  });

  it("read an admin's list, one entry a line or separated by commas", () => {
    expect(parseWordList("idiot\n crook , \n\nidiot")).toEqual(["idiot", "crook"]);
    expect(foldForMatching("  Hello,   Wörld!! ")).toBe("heiio worid");
  });
});
