import { z } from "zod";
import { COMMON_PASSWORDS } from "../../utils/common-passwords";
import { DISPLAY_NAME_MAX, DISPLAY_NAME_MIN, PASSWORD_MAX, PASSWORD_MIN } from "./limits";
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

/** True when a display name would pass for a moderator, editor, admin or the site itself. */
export function impersonatesStaff(name: string): boolean {
  // "TheEditor" reads as two words; split where a lower-case letter meets a capital.
  const key = displayNameKey(name.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2"));
  if (/^deleted\s*user\b/.test(unswap(key, "i").replace(/[^a-z\s]/g, ""))) return true;
  for (const variant of [key, unswap(key, "i"), unswap(key, "l")]) {
    for (const word of variant.split(/[^a-z]+/)) {
      if (RESERVED_WORDS.has(word)) return true;
    }
  }
  return false;
}

const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} .'’_-]+$/u;

/** Why a display name cannot be used, or null when it can (uniqueness is checked against the database). */
export function displayNameProblem(raw: string): string | null {
  const name = tidyDisplayName(raw);
  const length = [...name].length;
  if (length === 0) return "Enter a display name.";
  if (length < DISPLAY_NAME_MIN || length > DISPLAY_NAME_MAX) {
    return `Use ${DISPLAY_NAME_MIN} to ${DISPLAY_NAME_MAX} characters.`;
  }
  if (!NAME_CHARACTERS.test(name)) return "Use letters, numbers, spaces and . ' - _ only.";
  if (!/\p{L}/u.test(name)) return "Include at least one letter.";
  if (impersonatesStaff(name)) {
    return "Names that suggest the site's staff (moderator, editor, admin and the like) are kept for the staff.";
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
  .max(254, "That email address is too long.")
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
