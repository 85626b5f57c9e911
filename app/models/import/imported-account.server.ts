import { lockForTransaction } from "../../../db/database";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, Role } from "../../../db/schema";
import { displayNameKey, getUserByEmail, normalizeEmail } from "../user.server";
import { isDisplayNameTaken } from "../account/account.server";
import { displayNameProblem, staffTitleProblem, tidyDisplayName } from "../account/rules.server";
import { getSiteSettings } from "../setting.server";
import { nameSkeleton } from "../../utils/confusables";
import { DISPLAY_NAME_MAX } from "../account/limits";
import { nowIso } from "../../utils/time";

/**
 * Accounts for the people an export names (authors and commenters). An account made here has no
 * password, so nobody can sign in to it; the owner of the address claims it with "Forgot your
 * password?", whose link proves they hold the address (following it confirms it). People with no
 * usable address get a name-only account that can never be signed in to: their comments stay under
 * the name they gave.
 */

const validEmail = z.string().email();

export function usableEmail(raw: string): string | null {
  const email = normalizeEmail(raw);
  return email && validEmail.safeParse(email).success ? email : null;
}

/**
 * A display name Parley accepts, as close to the one given as the rules allow. Imported people meet
 * the rules of the role they come in with: a resident's name that mixes alphabets or passes for staff
 * becomes "Reader", and one that looks like an existing name gets a number.
 */
async function freeDisplayName(db: Kysely<Database>, given: string, role: Role): Promise<string> {
  let base = tidyDisplayName(given.replace(/[^\p{L}\p{M}\p{N} .'’_-]+/gu, " "));
  base = [...base].slice(0, DISPLAY_NAME_MAX - 4).join("").trim();
  const { siteName } = await getSiteSettings(db);
  if (displayNameProblem(base) || staffTitleProblem(base, { role, siteName })) base = "Reader";
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base} ${n}`;
    if (!(await isDisplayNameTaken(db, candidate))) return candidate;
  }
}

export interface ImportedAccount {
  id: number;
  created: boolean;
}

export async function findOrCreateImportedAccount(
  db: Kysely<Database>,
  input: { source: string; email: string; name: string; role?: Role; createdAt?: string },
): Promise<ImportedAccount> {
  // Looked up and made under one lock: two imports meeting the same commenter make one account.
  return db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, "imported-account");
    return findOrCreateLocked(trx, input);
  });
}

async function findOrCreateLocked(
  db: Kysely<Database>,
  input: { source: string; email: string; name: string; role?: Role; createdAt?: string },
): Promise<ImportedAccount> {
  const email = usableEmail(input.email);
  const at = input.createdAt ?? nowIso();
  if (email) {
    const existing = await getUserByEmail(db, email);
    if (existing) return { id: existing.id, created: false };
  } else {
    const key = displayNameKey(input.name || "Anonymous");
    const link = await db
      .selectFrom("import_link")
      .select("local_id")
      .where("source", "=", input.source)
      .where("kind", "=", "guest")
      .where("external_id", "=", key)
      .executeTakeFirst();
    if (link) return { id: link.local_id, created: false };
  }
  const displayName = await freeDisplayName(db, input.name || "Anonymous", input.role ?? "resident");
  const user = await db
    .insertInto("user")
    .values({
      email,
      email_verified_at: null,
      display_name: displayName,
      display_name_key: displayNameKey(displayName),
      name_skeleton: nameSkeleton(displayName),
      password_hash: null,
      role: input.role ?? "resident",
      status: "active",
      trusted: 0,
      notify_replies_by_email: 0,
      terms_version: null,
      terms_accepted_at: null,
      bio: "",
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (!email) {
    await db
      .insertInto("import_link")
      .values({ source: input.source, kind: "guest", external_id: displayNameKey(input.name || "Anonymous"), local_id: user.id, created_at: nowIso() })
      .execute();
  }
  return { id: user.id, created: true };
}
