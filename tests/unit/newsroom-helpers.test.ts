import { describe, expect, it } from "vitest";
import { idFromShortCode, shortCodeForId } from "../../app/utils/short-code";
import { isValidSlug, numberedSlug, slugify } from "../../app/utils/slug";
import { utcIsoToZonedLocal, zonedLocalToUtcIso, zoneOffsetMinutes } from "../../app/utils/zoned-time";

describe("slugs made from a headline", () => {
  it("lower-cases, folds accents and joins words with single hyphens", () => {
    expect(slugify("Càrn Mòr ferry: the Council’s NEW timetable!")).toBe("carn-mor-ferry-the-councils-new-timetable");
    expect(slugify("  Straße & Smørrebrød -- 2026  ")).toBe("strasse-smorrebrod-2026");
  });

  it("keeps at most 80 characters, cutting at a word where it can", () => {
    const slug = slugify("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^word(-word)+$/);
    expect(slugify("a".repeat(120))).toBe("a".repeat(80));
  });

  it("is empty for a headline with no letters or digits", () => {
    expect(slugify("!!! — ???")).toBe("");
    expect(slugify("🎉")).toBe("");
  });

  it("numbers a taken slug without going over the limit", () => {
    expect(numberedSlug("ferry", 1)).toBe("ferry");
    expect(numberedSlug("ferry", 2)).toBe("ferry-2");
    const long = slugify("x".repeat(80));
    expect(numberedSlug(long, 13)).toHaveLength(80);
    expect(numberedSlug(long, 13).endsWith("-13")).toBe(true);
  });

  it("accepts only lower-case words joined by single hyphens", () => {
    expect(isValidSlug("ferry-timetable-2026")).toBe(true);
    for (const bad of ["", "Ferry", "ferry--x", "-ferry", "ferry-", "ferry timetable", "a".repeat(81)]) {
      expect(isValidSlug(bad), bad).toBe(false);
    }
  });
});

describe("short codes", () => {
  it("are the id in base 36 and read back to the same id", () => {
    for (const id of [1, 9, 10, 35, 36, 1234, 999_999, 2 ** 31 - 1]) {
      const code = shortCodeForId(id);
      expect(code).toMatch(/^[0-9a-z]+$/);
      expect(idFromShortCode(code)).toBe(id);
    }
    expect(shortCodeForId(1234)).toBe("ya");
    // Past the 32-bit ids a row can have, a code names no story (and never reaches the database).
    expect(idFromShortCode((2 ** 31).toString(36))).toBeNull();
  });

  it("give one code per story: leading zeros, capitals and other characters name nothing", () => {
    for (const bad of ["", "0", "0ya", "YA", "y-a", "ya!", "zzzzzzzzzzzz", "../1"]) {
      expect(idFromShortCode(bad), bad).toBeNull();
    }
  });
});

describe("scheduling times typed in London", () => {
  it("reads a winter time as GMT and a summer time as BST", () => {
    expect(zonedLocalToUtcIso("2026-01-15", "09:30")).toBe("2026-01-15T09:30:00.000Z");
    expect(zonedLocalToUtcIso("2026-07-01", "09:30")).toBe("2026-07-01T08:30:00.000Z");
  });

  it("handles the days the clocks change", () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST.
    expect(zonedLocalToUtcIso("2026-03-29", "00:59")).toBe("2026-03-29T00:59:00.000Z");
    expect(zonedLocalToUtcIso("2026-03-29", "02:00")).toBe("2026-03-29T01:00:00.000Z");
    // 01:30 does not exist that morning: it is read as 02:30 BST.
    expect(zonedLocalToUtcIso("2026-03-29", "01:30")).toBe("2026-03-29T01:30:00.000Z");
    // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice; the first is meant.
    expect(zonedLocalToUtcIso("2026-10-25", "01:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedLocalToUtcIso("2026-10-25", "02:30")).toBe("2026-10-25T02:30:00.000Z");
    expect(zonedLocalToUtcIso("2026-10-24", "23:30")).toBe("2026-10-24T22:30:00.000Z");
  });

  it("refuses dates and times that do not exist on any calendar", () => {
    for (const [date, time] of [
      ["2026-02-30", "10:00"],
      ["2026-13-01", "10:00"],
      ["2026-01-01", "24:00"],
      ["2026-01-01", "10:60"],
      ["tomorrow", "10:00"],
      ["2026-01-01", ""],
    ] as const) {
      expect(zonedLocalToUtcIso(date, time), `${date} ${time}`).toBeNull();
    }
  });

  it("turns a stored instant back into the date and time an editor typed", () => {
    expect(utcIsoToZonedLocal("2026-07-01T08:30:00.000Z")).toEqual({ date: "2026-07-01", time: "09:30" });
    expect(utcIsoToZonedLocal("2026-12-31T23:45:00.000Z")).toEqual({ date: "2026-12-31", time: "23:45" });
    expect(utcIsoToZonedLocal("2026-06-30T23:30:00.000Z")).toEqual({ date: "2026-07-01", time: "00:30" });
    for (const iso of ["2026-03-29T01:00:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]) {
      const local = utcIsoToZonedLocal(iso);
      const back = zonedLocalToUtcIso(local.date, local.time);
      // the second 01:30 of October reads back as the first; every other instant round-trips
      if (iso !== "2026-10-25T01:30:00.000Z") expect(back).toBe(iso);
    }
  });

  it("knows the offset in force", () => {
    expect(zoneOffsetMinutes(Date.parse("2026-01-01T12:00:00Z"))).toBe(0);
    expect(zoneOffsetMinutes(Date.parse("2026-08-01T12:00:00Z"))).toBe(60);
  });
});
