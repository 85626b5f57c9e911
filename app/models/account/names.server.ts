import type { Kysely } from "kysely";
import { isUniqueViolation } from "../../../db/database";
import type { Database, Role } from "../../../db/schema";
import { getSiteSettings } from "../setting.server";
import { displayNameKey } from "../user.server";
import { nameSkeleton } from "../../utils/confusables";
import { staffTitleProblem } from "./rules.server";

/**
 * Whether a display name can be told apart from everyone else's: not the same name (case and accents
 * aside, user.display_name_key) and not a look-alike (same confusable skeleton, user.name_skeleton).
 * Both columns are unique, so of two people taking look-alike names at once only one gets it.
 */

export type NameClash = "taken" | "lookalike";

export const NAME_CLASH_MESSAGES: Record<NameClash, string> = {
  taken: "That display name is taken. Try another.",
  lookalike:
    "That name looks too much like another resident's (spaces, punctuation and look-alike letters do not tell names apart). Choose one that is easier to tell apart.",
};

/** Whose name this one would be mistaken for: the same name, a look-alike, or nobody's (null). */
export async function findNameClash(db: Kysely<Database>, name: string, exceptUserId?: number): Promise<NameClash | null> {
  const key = displayNameKey(name);
  let query = db
    .selectFrom("user")
    .select("display_name_key")
    .where((eb) => eb.or([eb("display_name_key", "=", key), eb("name_skeleton", "=", nameSkeleton(name))]));
  if (exceptUserId !== undefined) query = query.where("id", "!=", exceptUserId);
  const rows = await query.execute();
  if (rows.length === 0) return null;
  return rows.some((row) => row.display_name_key === key) ? "taken" : "lookalike";
}

/** The clash a failed insert or update of a name ran into, when another write got there first. */
export function nameClashFromError(error: unknown): NameClash | null {
  if (isUniqueViolation(error, "user", "display_name_key")) return "taken";
  if (isUniqueViolation(error, "user", "name_skeleton")) return "lookalike";
  return null;
}

/**
 * Why an account with this role cannot take this (already well-formed) name, in words for beside
 * the field, or null: it passes for staff or the site, or for another account's name.
 */
export async function displayNameRefusal(
  db: Kysely<Database>,
  name: string,
  account: { role: Role; userId?: number },
): Promise<string | null> {
  const { siteName } = await getSiteSettings(db);
  const staff = staffTitleProblem(name, { role: account.role, siteName });
  if (staff) return staff;
  const clash = await findNameClash(db, name, account.userId);
  return clash ? NAME_CLASH_MESSAGES[clash] : null;
}
