import { describe, expect, it } from "vitest";
import {
  displayNameProblem,
  impersonatesStaff,
  isCommonPassword,
  passwordProblem,
} from "../../app/models/account/rules.server";
import { COMMON_PASSWORDS } from "../../app/utils/common-passwords";

describe("display names", () => {
  it("accepts ordinary names, accents and apostrophes included", () => {
    for (const name of ["Morven Sinclair", "Seòras MacLeòid", "Ailsa O'Neill", "Jo", "Editorial Eileen", "Admiral Benbow"]) {
      expect(displayNameProblem(name), name).toBeNull();
    }
  });

  it("wants 2 to 40 characters and at least one letter", () => {
    expect(displayNameProblem("J")).toMatch(/2 to 40/);
    expect(displayNameProblem("x".repeat(41))).toMatch(/2 to 40/);
    expect(displayNameProblem("   ")).toMatch(/Enter a display name/);
    expect(displayNameProblem("42")).toMatch(/letter/);
    expect(displayNameProblem("a<script>")).toMatch(/letters, numbers/);
  });

  it("refuses names that pass for staff, with case, accents, letter swaps and run-together words", () => {
    for (const name of [
      "Moderator",
      "The Editor",
      "site admin",
      "ADMINISTRATOR",
      "Parley Staff",
      "Official Morven",
      "M0derator",
      "Adm1n",
      "3ditor Jo",
      "Mod_Squad",
      "Édïtor",
      "TheEditor",
      "Editor42",
      "Deleted user 12",
    ]) {
      expect(impersonatesStaff(name), name).toBe(true);
    }
    expect(impersonatesStaff("Editorial Eileen")).toBe(false);
    expect(impersonatesStaff("Modern Mary")).toBe(false);
  });
});

describe("passwords", () => {
  it("ships a list of several hundred common passwords", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(300);
  });

  it("refuses common passwords, any case, and common words padded or with letter swaps", () => {
    for (const password of ["password123", "PASSWORD123", "iloveyou12", "qwertyuiop", "1234567890", "P@ssw0rd2024!", "dragon12345", "aaaaaaaaaa", "abcabcabcabc"]) {
      expect(isCommonPassword(password), password).toBe(true);
    }
    expect(isCommonPassword("harbour-lights-42")).toBe(false);
    expect(isCommonPassword("correct horse battery")).toBe(false);
  });

  it("wants at least 10 characters and not the email or display name", () => {
    expect(passwordProblem("short1!")).toMatch(/at least 10/);
    expect(passwordProblem("morven.sinclair@skerrin.example", { email: "morven.sinclair@skerrin.example" })).toMatch(/email address or display name/);
    expect(passwordProblem("Morven Sinclair", { displayName: "Morven Sinclair" })).toMatch(/email address or display name/);
    expect(passwordProblem("ferry-timetable-17", { email: "a@b.example", displayName: "Ann" })).toBeNull();
  });
});
