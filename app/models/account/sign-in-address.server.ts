import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { hashToken } from "../../auth/session.server";

/**
 * The network addresses an account has signed in from. Only a hash of the account and the address is
 * kept, so the table lists nobody's addresses; it can only answer "has this account used this one?".
 */
function addressHash(userId: number, address: string): string {
  return hashToken(`${userId} ${address}`);
}

/** A request whose address the server could not tell ("unknown") proves nothing about where it came from. */
function isKnowable(address: string): boolean {
  return address !== "" && address !== "unknown";
}

export async function recordSignInAddress(db: Kysely<Database>, userId: number, address: string, now = new Date()): Promise<void> {
  if (!isKnowable(address)) return;
  const at = now.toISOString();
  await db
    .insertInto("sign_in_address")
    .values({ user_id: userId, address_hash: addressHash(userId, address), first_at: at, last_at: at })
    .onConflict((oc) => oc.columns(["user_id", "address_hash"]).doUpdateSet({ last_at: at }))
    .execute();
}

export async function hasSignedInFrom(db: Kysely<Database>, userId: number, address: string): Promise<boolean> {
  if (!isKnowable(address)) return false;
  const row = await db
    .selectFrom("sign_in_address")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("address_hash", "=", addressHash(userId, address))
    .executeTakeFirst();
  return row !== undefined;
}
