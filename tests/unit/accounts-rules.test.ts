import { describe, expect, it } from "vitest";
import {
  displayNameProblem,
  impersonatesStaff,
  isCommonPassword,
  passwordProblem,
  staffTitleProblem,
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

  it("refuses staff words spelt with look-alike letters from other alphabets", () => {
    for (const name of ["M\u043ederator", "\u0391dmin Team", "\u0395ditor Jo", "\u0405taff"]) {
      expect(impersonatesStaff(name), name).toBe(true);
    }
    expect(impersonatesStaff("Badminton Club")).toBe(false);
  });

  it("refuses the site's name as a run of whole words, look-alikes included", () => {
    expect(impersonatesStaff("The Skerrin Gazette Desk", "Skerrin Gazette")).toBe(true);
    expect(impersonatesStaff("Sk\u0435rrin Gazette", "Skerrin Gazette")).toBe(true);
    expect(impersonatesStaff("Skerrin Fan", "Skerrin Gazette")).toBe(false);
  });

  it("lets staff carry their title, but nobody pass for a deleted account", () => {
    expect(staffTitleProblem("Mo the Moderator", { role: "resident" })).toMatch(/Names cannot look like a staff title/);
    expect(staffTitleProblem("Mo the Moderator", { role: "moderator" })).toBeNull();
    expect(staffTitleProblem("Ed the Editor", { role: "editor" })).toBeNull();
    expect(staffTitleProblem("Deleted user 4", { role: "admin" })).toMatch(/staff title/);
    expect(staffTitleProblem("Morven Sinclair", { role: "resident" })).toBeNull();
  });

  it("accepts names from any one alphabet and the everyday mixes", () => {
    for (const name of ["Jos\u00e9", "Zo\u00eb", "\u00d3 S\u00failleabh\u00e1in", "Nguy\u1ec5n", "\u7530\u4e2d Taro", "\u0386\u03bd\u03bd\u03b1"]) {
      expect(displayNameProblem(name), name).toBeNull();
    }
  });

  it("refuses names that mix alphabets or hide invisible characters", () => {
    for (const name of ["Sam Ok\u043enedo", "M\u043ederator", "\u0391dmin Team"]) {
      expect(displayNameProblem(name), name).toMatch(/^Use letters from one alphabet/);
    }
    expect(displayNameProblem("Sam\u3164Okonedo")).toMatch(/invisible/);
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
