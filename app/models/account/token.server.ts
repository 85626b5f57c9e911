import type { Kysely } from "kysely";
import type { AccountToken, AccountTokenPurpose, Database } from "../../../db/schema";
import { generateSessionToken, hashToken } from "../../auth/session.server";

/**
 * Single-use links sent by email: confirm an address, reset a password, confirm a new address, sign in
 * once after a lock-out. The link
 * carries a random token; the database keeps only its SHA-256, so a leaked database opens no accounts.
 */
const HOUR = 60 * 60 * 1000;

export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 48 * HOUR,
  reset_password: 1 * HOUR,
  change_email: 48 * HOUR,
  // Mailed when a right password meets a lock-out from an address the account has not used.
  sign_in: HOUR / 2,
};

/** Purposes where asking again cancels the earlier link (only the newest reset or change counts). */
const NEWEST_ONLY: readonly AccountTokenPurpose[] = ["reset_password", "change_email", "sign_in"];

export async function issueAccountToken(
  db: Kysely<Database>,
  input: { userId: number; purpose: AccountTokenPurpose; email: string; browserHash?: string | null; returnTo?: string | null },
  now = new Date(),
): Promise<string> {
  const token = generateSessionToken();
  await db.transaction().execute(async (trx) => {
    if (NEWEST_ONLY.includes(input.purpose)) {
      await trx
        .deleteFrom("account_token")
        .where("user_id", "=", input.userId)
        .where("purpose", "=", input.purpose)
        .where("used_at", "is", null)
        .execute();
    }
    await trx
      .insertInto("account_token")
      .values({
        token_hash: hashToken(token),
        purpose: input.purpose,
        user_id: input.userId,
        email: input.email,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]).toISOString(),
        used_at: null,
        browser_hash: input.browserHash ?? null,
        return_to: input.returnTo ?? null,
      })
      .execute();
  });
  return token;
}

function looksLikeToken(token: string): boolean {
  return /^[a-z2-7]{32}$/.test(token);
}

/** The token's row if it is unused and unexpired, without using it (to show the reset form). */
export async function findUsableAccountToken(
  db: Kysely<Database>,
  token: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<AccountToken | undefined> {
  if (!looksLikeToken(token)) return undefined;
  return db
    .selectFrom("account_token")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
}

/**
 * Uses a token: one statement marks it used only if it is still unused and unexpired, so two requests
 * racing with the same link cannot both succeed.
 */
export async function consumeAccountToken(
  db: Kysely<Database>,
  token: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<AccountToken | undefined> {
  if (!looksLikeToken(token)) return undefined;
  return db
    .updateTable("account_token")
    .set({ used_at: now.toISOString() })
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .returningAll()
    .executeTakeFirst();
}

/** Cancels a person's unused links of one purpose (e.g. reset links once the password has changed). */
export async function cancelAccountTokens(db: Kysely<Database>, userId: number, purpose: AccountTokenPurpose) {
  await db
    .deleteFrom("account_token")
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
}
