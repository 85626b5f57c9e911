import { describe, expect, it } from "vitest";
import { CONFUSABLE_PROTOTYPES, CONFUSABLES_VERSION } from "../../app/utils/confusables-data";
import { hasInvisibleCharacters, isOrdinaryScriptMix, nameSkeleton, scriptsOf, skeleton } from "../../app/utils/confusables";

describe("the confusables table", () => {
  it("is Unicode's confusables.txt for the Unicode version Node runs", () => {
    // Regenerate with scripts/generate-confusables.ts when Node moves to a new Unicode version.
    expect(CONFUSABLES_VERSION.split(".")[0]).toBe(process.versions.unicode!.split(".")[0]);
    expect(CONFUSABLE_PROTOTYPES.join(";").split(";")).toHaveLength(6565);
  });
});

describe("skeletons (UTS #39)", () => {
  it("maps look-alike letters from other alphabets to the same prototype", () => {
    expect(skeleton("Sam Ok\u043enedo")).toBe(skeleton("Sam Okonedo")); // Cyrillic о
    expect(skeleton("\u0391dmin")).toBe(skeleton("Admin")); // Greek Α
    expect(skeleton("paypal")).not.toBe(skeleton("paypa1x"));
    expect(skeleton("rn")).toBe(skeleton("m"));
  });

  it("drops invisible characters and normalises accents both ways", () => {
    expect(skeleton("Sam\u200bOkonedo")).toBe(skeleton("SamOkonedo"));
    expect(skeleton("Jos\u00e9")).toBe(skeleton("Jose\u0301"));
  });

  it("compares names without case, invisible characters or extra spaces", () => {
    const admin = nameSkeleton("Sam Okonedo");
    for (const lookalike of ["Sam Ok\u043enedo", "SAM OKONEDO", "sam   okonedo", " Sam\u00a0Okonedo ", "S\u0430m Okonedo", "Sam Okone\u200ddo"]) {
      expect(nameSkeleton(lookalike), lookalike).toBe(admin);
    }
    expect(nameSkeleton("M\u043ederator")).toBe(nameSkeleton("moderator"));
    expect(nameSkeleton("\u0391dmin Team")).toBe(nameSkeleton("Admin team"));
    expect(nameSkeleton("\u0395ditor")).toBe(nameSkeleton("editor")); // Greek capital Ε
    expect(nameSkeleton("Iris")).toBe(nameSkeleton("lris"));
    expect(nameSkeleton("Stra\u00dfe")).toBe(nameSkeleton("STRASSE"));
  });

  it("compares names without separators or punctuation", () => {
    const admin = nameSkeleton("Sam Okonedo");
    for (const copy of ["SamOkonedo", "Sam_Okonedo", "Sam-Okonedo", "Sam Okonedo.", "Sam.Okonedo", "Sam O'konedo", "Sam O’konedo", "Sam ‐Okonedo", "_Sam_ _Okonedo_"]) {
      expect(nameSkeleton(copy), copy).toBe(admin);
    }
    expect(nameSkeleton("MorvenSinclair")).toBe(nameSkeleton("Morven Sinclair"));
    expect(nameSkeleton("Morven​Sinclair")).toBe(nameSkeleton("Morven Sinclair"));
    expect(nameSkeleton("Isla Gunn 2")).toBe(nameSkeleton("Isla Gunn2"));
  });

  it("keeps different names apart", () => {
    expect(nameSkeleton("Sam Okonedo")).not.toBe(nameSkeleton("Sam Okonedu"));
    expect(nameSkeleton("Jos\u00e9")).not.toBe(nameSkeleton("Jos\u00e8"));
    expect(nameSkeleton("Zo\u00eb")).not.toBe(nameSkeleton("Zoe"));
  });

  it("finds invisible characters", () => {
    expect(hasInvisibleCharacters("Sam\u200bOkonedo")).toBe(true);
    expect(hasInvisibleCharacters("Sam\u3164Okonedo")).toBe(true); // Hangul filler, a "letter" that shows nothing
    expect(hasInvisibleCharacters("Sam Okonedo")).toBe(false);
  });
});

describe("mixed scripts", () => {
  it("accepts names in one alphabet, and the everyday mixes of Latin with Chinese, Japanese or Korean", () => {
    for (const name of [
      "Jos\u00e9",
      "Zo\u00eb",
      "\u00d3 S\u00failleabh\u00e1in",
      "Nguy\u1ec5n",
      "\u7530\u4e2d Taro",
      "\u0386\u03bd\u03bd\u03b1",
      "\u0410\u043d\u043d\u0430 \u041f\u0435\u0442\u0440\u043e\u0432\u0430",
      "\u3084\u307e\u3060 \u30bf\u30ed\u30fc 2",
      "\uae40\ubbfc\uc900 Kim",
      "\u738b\u5c0f\u660e \u3107",
      "Ailsa O'Neill-Smith 42",
    ]) {
      expect(isOrdinaryScriptMix(name), name).toBe(true);
    }
  });

  it("refuses a Latin name with a Cyrillic or Greek letter in it, and other unusual mixes", () => {
    for (const name of ["Sam Ok\u043enedo", "M\u043ederator", "\u0391dmin Team", "\u0386\u03bd\u03bd\u03b1 Smith", "\u0410\u043d\u043d\u0430 \u0391", "\ud55c\u3042", "Hello \u05e9\u05dc\u05d5\u05dd"]) {
      expect(isOrdinaryScriptMix(name), name).toBe(false);
    }
  });

  it("reads a character's scripts from Unicode's Script_Extensions", () => {
    expect(scriptsOf("a")).toEqual(new Set(["Latin"]));
    expect(scriptsOf("\u30fc")).toEqual(new Set(["Hiragana", "Katakana"])); // the long-vowel mark both kana use
    expect(scriptsOf("7")).toBeNull();
    expect(scriptsOf(" ")).toBeNull();
  });

  it("knows the script of every letter, mark and digit Unicode assigns", () => {
    const missing: string[] = [];
    const letter = /[\p{L}\p{M}\p{N}]/u;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!letter.test(ch)) continue;
      // Ideographs and syllables are long runs of one script: one of each run of 256 is enough.
      if (/[\p{Script=Han}\p{Script=Hangul}\p{Script=Tangut}\p{Script=Yi}]/u.test(ch) && cp % 256 !== 0) continue;
      const scripts = scriptsOf(ch);
      if (scripts && scripts.size === 0) missing.push(cp.toString(16));
    }
    expect(missing).toEqual([]);
  });
});
