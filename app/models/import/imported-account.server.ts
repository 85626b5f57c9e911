import { lockForTransaction } from "../../../db/database";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, Role, User } from "../../../db/schema";
import { displayNameKey, getUserByEmail, normalizeEmail } from "../user.server";
import { isDisplayNameTaken } from "../account/account.server";
import { displayNameProblem, staffTitleProblem, tidyDisplayName } from "../account/rules.server";
import { getSiteSettings } from "../setting.server";
import { nameSkeleton } from "../../utils/confusables";
import { DISPLAY_NAME_MAX } from "../account/limits";
import { nowIso } from "../../utils/time";
import { findImportLink, linkImported } from "./shared.server";

/**
 * Accounts for the people an export names (authors and commenters). An account made here has no
 * password, so nobody can sign in to it; the owner of the address claims it with "Forgot your
 * password?", whose link proves they hold the address (following it confirms it). People with no
 * usable address get a name-only account that can never be signed in to: their comments stay under
 * the name they gave.
 *
 * Nobody checked the address a guest typed (a WordPress visitor, every Disqus commenter), so a guest's
 * comments never join an account someone holds here: they go to the account the import keeps for that
 * address (ADR 11). Only the old site's own users (a WordPress login) are matched to an account here by
 * address, and to a staff account only when the operator names it (`--match-staff`).
 */

/** Who wrote a record, as the export says. */
export type ImportedPerson =
  /** An address and name typed by a visitor, checked by nobody. */
  | { kind: "guest"; email: string; name: string }
  /** One of the old site's own users (`key`: its WordPress login), with the address that site kept for them. */
  | { kind: "site-user"; key: string; email: string; name: string; role?: Role };

export interface ImportedAccount {
  id: number;
  created: boolean;
  /** Why the person was not matched to the account their address belongs to, for the log. */
  note?: string;
}

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

export async function findOrCreateImportedAccount(
  db: Kysely<Database>,
  input: { source: string; person: ImportedPerson; createdAt?: string; matchStaff?: ReadonlySet<string> },
): Promise<ImportedAccount> {
  // Looked up and made under one lock: two imports meeting the same commenter make one account.
  return db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, "imported-account");
    return input.person.kind === "guest"
      ? guestAccount(trx, input.source, input.person, input.createdAt ?? nowIso())
      : siteUserAccount(trx, input.source, input.person, input.createdAt ?? nowIso(), input.matchStaff ?? new Set());
  });
}

/** Made by an import and never claimed: nobody has proved they hold its address, or signed in to it. */
function unclaimedImported(user: User): boolean {
  return user.password_hash === null && user.email_verified_at === null && user.role === "resident" && user.status === "active";
}

async function guestAccount(db: Kysely<Database>, source: string, person: { email: string; name: string }, at: string): Promise<ImportedAccount> {
  const email = usableEmail(person.email);
  const name = person.name || "Anonymous";
  if (!email) {
    const key = displayNameKey(name);
    const linked = await findImportLink(db, source, "guest", key);
    if (linked !== null) return { id: linked, created: false };
    const id = await insertImportedUser(db, { email: null, name, role: "resident", at });
    await linkImported(db, { source, kind: "guest", externalId: key, localId: id });
    return { id, created: true };
  }
  const linked = await findImportLink(db, source, "guest-address", email);
  if (linked !== null) return { id: linked, created: false };
  const holder = await getUserByEmail(db, email);
  if (holder && unclaimedImported(holder)) {
    // Another import's account for this address, still nobody's: whoever proves the address gets both
    // sites' comments typed with it, as they would have had this import come first.
    await linkImported(db, { source, kind: "guest-address", externalId: email, localId: holder.id });
    return { id: holder.id, created: false };
  }
  // An address someone holds here was typed by a guest whom nobody checked: an account of its own,
  // without the address (it is taken), so the holder's account never shows another person's words.
  const id = await insertImportedUser(db, { email: holder ? null : email, name, role: "resident", at });
  await linkImported(db, { source, kind: "guest-address", externalId: email, localId: id });
  return {
    id,
    created: true,
    note: holder ? "typed an address that an account here holds; nobody verified it, so the comments are not attached to that account" : undefined,
  };
}

async function siteUserAccount(
  db: Kysely<Database>,
  source: string,
  person: { key: string; email: string; name: string; role?: Role },
  at: string,
  matchStaff: ReadonlySet<string>,
): Promise<ImportedAccount> {
  const linked = await findImportLink(db, source, "site-user", person.key);
  if (linked !== null) return { id: linked, created: false };
  const email = usableEmail(person.email);
  const holder = email ? await getUserByEmail(db, email) : undefined;
  let note: string | undefined;
  if (holder && email) {
    if (holder.role === "resident" || matchStaff.has(email)) {
      await linkImported(db, { source, kind: "site-user", externalId: person.key, localId: holder.id });
      return { id: holder.id, created: false };
    }
    note = `its address belongs to a staff account here (${holder.role}), matched only when named with --match-staff`;
  }
  const id = await insertImportedUser(db, { email: holder ? null : email, name: person.name || "Newsroom", role: person.role ?? "resident", at });
  await linkImported(db, { source, kind: "site-user", externalId: person.key, localId: id });
  return { id, created: true, note };
}

async function insertImportedUser(db: Kysely<Database>, input: { email: string | null; name: string; role: Role; at: string }): Promise<number> {
  const displayName = await freeDisplayName(db, input.name, input.role);
  const user = await db
    .insertInto("user")
    .values({
      email: input.email,
      email_verified_at: null,
      display_name: displayName,
      display_name_key: displayNameKey(displayName),
      name_skeleton: nameSkeleton(displayName),
      password_hash: null,
      role: input.role,
      status: "active",
      trusted: 0,
      notify_replies_by_email: 0,
      terms_version: null,
      terms_accepted_at: null,
      bio: "",
      created_at: input.at,
      updated_at: input.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return user.id;
}
