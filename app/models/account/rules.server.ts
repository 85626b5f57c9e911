import { z } from "zod";
import type { Role } from "../../../db/schema";
import { COMMON_PASSWORDS } from "../../utils/common-passwords";
import { hasInvisibleCharacters, isOrdinaryScriptMix, lookAlikeText } from "../../utils/confusables";
import { DISPLAY_NAME_MAX, DISPLAY_NAME_MIN, EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN } from "./limits";
import { displayNameKey, normalizeEmail } from "../user.server";

/**
 * The rules for what people may choose as a display name, email address and password, shared by
 * joining, settings and password reset. Pure functions, plus the zod fields the forms use.
 */
/** Words that would make a name look like the site's staff, matched as whole words. */
const RESERVED_WORDS = new Set([
  "moderator",
  "moderators",
  "moderation",
  "mod",
  "mods",
  "editor",
  "editors",
  "admin",
  "admins",
  "administrator",
  "administrators",
  "administration",
  "staff",
  "official",
  "parley",
  "sysop",
  "webmaster",
]);

/** Letters people swap in to dodge a word filter ("Adm1n", "M0derator", "3ditor", "@dmin"). */
const LOOKALIKES: Record<string, string> = { "0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "|": "l" };

function unswap(text: string, one: "i" | "l"): string {
  return text.replace(/[0134570@$|]/g, (ch) => (ch === "1" ? one : (LOOKALIKES[ch] ?? ch)));
}

/** Collapses runs of white space and trims, as names are stored. */
export function tidyDisplayName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** The staff words as they look: their skeletons ("moderator" is "rnoderator", as "m" passes for "rn"). */
const RESERVED_SKELETONS = new Set([...RESERVED_WORDS].map(lookAlikeText));

/** A name's words, compared by skeleton; "TheEditor" reads as two words, split where a small letter meets a capital. */
function skeletonWords(name: string): string[] {
  return lookAlikeText(name.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2"))
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
}

function containsPhrase(words: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((word, j) => words[i + j] === word)) return true;
  }
  return false;
}

/** True when a name would pass for the placeholder a deleted account leaves ("Deleted user 12"). */
function passesForDeletedAccount(name: string): boolean {
  return /^deleted\s*user\b/.test(unswap(displayNameKey(name), "i").replace(/[^a-z\s]/g, ""));
}

/**
 * True when a display name would pass for a moderator, editor, admin or the site itself: a staff word
 * among its words after letter swaps ("Adm1n"), or among the skeletons of its words, which catches
 * look-alike letters from other alphabets ("Mоderator" with a Cyrillic о). `siteName` adds the
 * site's own name, matched as a run of whole words.
 */
export function impersonatesStaff(name: string, siteName?: string): boolean {
  const key = displayNameKey(name.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2"));
  if (passesForDeletedAccount(name)) return true;
  for (const variant of [key, unswap(key, "i"), unswap(key, "l")]) {
    for (const word of variant.split(/[^a-z]+/)) {
      if (RESERVED_WORDS.has(word)) return true;
    }
  }
  const words = skeletonWords(name);
  if (words.some((word) => RESERVED_SKELETONS.has(word))) return true;
  return siteName !== undefined && containsPhrase(words, skeletonWords(siteName));
}

const STAFF_ROLES: ReadonlySet<Role> = new Set(["moderator", "editor", "admin"]);

export const STAFF_TITLE_MESSAGE =
  "Names cannot look like a staff title or the site's name (moderator, editor, admin and the like).";

/**
 * Why a name cannot be used by an account with this role because it passes for staff, or null.
 * Staff may carry their title ("Mo the Moderator"); nobody may pass for a deleted account.
 */
export function staffTitleProblem(name: string, context: { role: Role; siteName?: string }): string | null {
  if (STAFF_ROLES.has(context.role)) return passesForDeletedAccount(name) ? STAFF_TITLE_MESSAGE : null;
  return impersonatesStaff(name, context.siteName) ? STAFF_TITLE_MESSAGE : null;
}

const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} .'’_-]+$/u;

/**
 * Why a display name cannot be used, or null when it can, as far as the name alone says. Whether it
 * passes for staff (which depends on the account's role and the site's name) and whether it looks
 * like another resident's are decided against the database (account/names.server.ts).
 */
export function displayNameProblem(raw: string): string | null {
  const name = tidyDisplayName(raw);
  const length = [...name].length;
  if (length === 0) return "Enter a display name.";
  if (length < DISPLAY_NAME_MIN || length > DISPLAY_NAME_MAX) {
    return `Use ${DISPLAY_NAME_MIN} to ${DISPLAY_NAME_MAX} characters.`;
  }
  if (!NAME_CHARACTERS.test(name)) return "Use letters, numbers, spaces and . ' - _ only.";
  if (!/\p{L}/u.test(name)) return "Include at least one letter.";
  if (hasInvisibleCharacters(name)) return "Use only characters that show: this name has invisible ones in it.";
  if (!isOrdinaryScriptMix(name)) {
    return "Use letters from one alphabet. Mixing alphabets, such as Latin with Greek or Cyrillic, lets a name pass for another.";
  }
  return null;
}

/** Trailing (or leading) digits and symbols people add to a common word to meet a length rule. */
function withoutPadding(password: string): string {
  return password.replace(/[\d\W_]+$/u, "").replace(/^[\d\W_]+/u, "");
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  if (/^(.{1,4})\1+$/su.test(lower)) return true; // "aaaaaaaaaa", "abcabcabcabc", "1212121212"
  const core = withoutPadding(lower);
  const candidates = [core, withoutPadding(unswap(lower, "i")), withoutPadding(unswap(lower, "l"))];
  return candidates.some((word) => word.length >= 4 && COMMON_PASSWORDS.has(word));
}

/** Why a new password cannot be used, or null. The email and name, when given, must not be the password. */
export function passwordProblem(password: string, about: { email?: string; displayName?: string } = {}): string | null {
  if (password.length === 0) return "Enter a password.";
  if ([...password].length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (isCommonPassword(password)) {
    return "That password is one of the most common ones, which are the first that attackers try. Choose another.";
  }
  const squeezed = (text: string) => text.toLowerCase().replace(/\s+/g, "");
  const same = [about.email, about.email?.split("@")[0], about.displayName]
    .filter((text): text is string => Boolean(text && text.length > 0))
    .some((text) => squeezed(text) === squeezed(password));
  if (same) return "Do not use your email address or display name as your password.";
  return null;
}

// ---------------------------------------------------------------------------------------------------
// zod fields for the account forms

export const displayNameField = z
  .string({ error: "Enter a display name." })
  .transform(tidyDisplayName)
  .superRefine((name, ctx) => {
    const problem = displayNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX, "That email address is too long.")
  .pipe(z.email("Enter an email address like name@example.com."))
  .transform(normalizeEmail);

/** A new password: length and commonness here; "not your email or name" where the form knows those. */
export const newPasswordField = z.string({ error: "Enter a password." }).superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A password being checked (sign-in, confirmation): anything non-empty, compared with the stored hash. */
export const currentPasswordField = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(1000, "That password is too long.");
