import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { hashToken } from "../../auth/session.server";

/**
 * The network addresses an account has signed in from. Only a hash of the account and the address is
 * kept, so the table lists nobody's addresses; it can only answer "has this account used this one?".
 *
 * "Address" here is the client's network as app/auth/client-address.server.ts gives it (an IPv4 address,
 * or an IPv6 /64), not the full IPv6 address, on purpose: what this table vouches for is "the owner's own
 * connection", and an IPv6 device changes its full address within its /64 every day or so (privacy
 * addresses), so full addresses would forget the owner's home by tomorrow. A /64 belongs to one home or
 * phone, as an IPv4 address behind a home router does; a stranger outside it gains nothing.
 */
function addressHash(userId: number, address: string): string {
  return hashToken(`${userId} ${address}`);
}

/** A request whose address the server could not tell ("unknown") proves nothing about where it came from. */
function isKnowable(address: string): boolean {
  return address !== "" && address !== "unknown";
}

/** An address not signed in from for this long is forgotten: it no longer lets its account through a lock-out. */
export const SIGN_IN_ADDRESS_KEEP_DAYS = 180;

export async function recordSignInAddress(db: Kysely<Database>, userId: number, address: string, now = new Date()): Promise<void> {
  if (!isKnowable(address)) return;
  const at = now.toISOString();
  const forgetBefore = new Date(now.getTime() - SIGN_IN_ADDRESS_KEEP_DAYS * 86_400_000).toISOString();
  // Each sign-in tidies its own account's list, so the table never grows past what is still useful.
  await db.deleteFrom("sign_in_address").where("user_id", "=", userId).where("last_at", "<", forgetBefore).execute();
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
    .where("last_at", ">=", new Date(Date.now() - SIGN_IN_ADDRESS_KEEP_DAYS * 86_400_000).toISOString())
    .executeTakeFirst();
  return row !== undefined;
}
