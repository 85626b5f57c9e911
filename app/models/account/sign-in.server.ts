import type { Kysely } from "kysely";
import type { Database, User } from "../../../db/schema";
import { hashPassword, verifyPassword } from "../../auth/password.server";
import { getUserByEmail, getUserById, normalizeEmail } from "../user.server";
import { reserveMailToRecipient, sendSignInLinkMail } from "./mail.server";
import { hasSignedInFrom, recordSignInAddress } from "./sign-in-address.server";
import {
  checkThrottle,
  clearThrottle,
  POLICIES,
  recordThrottleEvent,
  releaseThrottleAttempt,
  reserveThrottleAttempts,
  retryMessage,
  throttleKey,
} from "./throttle.server";
import { consumeAccountToken, issueAccountToken, TOKEN_LIFETIME_MS } from "./token.server";

/**
 * Signing in with a password, and the lock-out that guards it. Too many wrong passwords lock an account
 * (throttle.server.ts). A lock-out must not become a way to keep a resident out, so while it lasts:
 * from an address the account has signed in from before, its owner's right password still works (with
 * its own count of tries there); from any other address nobody is told whether the password was right,
 * and if it was, the owner is mailed a link that signs them in once.
 */

/** Compared against when no account matches, so an unknown address takes as long as a wrong password. */
const dummyHash = hashPassword("parley-dummy-password-for-timing");

/**
 * A refusal says what was wrong (beside the password) and, when limited, how long to wait (for the
 * form). "locked": the account is locked and the try came from an address it has not used; the
 * message is the same whether the password was right (a link was mailed) or not.
 */
export type SignInResult =
  | { kind: "ok"; user: User }
  | { kind: "refused"; passwordError?: string; throttleMessage?: string }
  | { kind: "locked"; message: string };

export const WRONG_CREDENTIALS = "The email address or password is not right.";

const tooManyTries = (retryAfterMs: number) => `Too many failed sign-in attempts. ${retryMessage(retryAfterMs)}`;

const LINK_MINUTES = Math.round(TOKEN_LIFETIME_MS.sign_in / 60_000);

function lockedMessage(retryAfterMs: number): string {
  return (
    `Too many failed sign-in attempts for this account. ${retryMessage(retryAfterMs)} If the password you ` +
    `gave is right, we have emailed you a link to sign in now; it works once, within ${LINK_MINUTES} minutes.`
  );
}

function usableAccount(user: User | undefined): (User & { password_hash: string }) | undefined {
  return user && user.status !== "deleted" && user.password_hash ? (user as User & { password_hash: string }) : undefined;
}

export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; address: string; origin: string },
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const accountKey = throttleKey.loginAccount(email);
  const addressKey = throttleKey.loginAddress(input.address);
  // Each try is counted before its password is checked, so tries sent together cannot all pass.
  const account = await reserveThrottleAttempts(db, [[accountKey, POLICIES.loginAccount]]);
  const network = await reserveThrottleAttempts(db, [[addressKey, POLICIES.loginAddress]]);
  if (!network.allowed) {
    return { kind: "refused", throttleMessage: tooManyTries(Math.max(network.retryAfterMs, account.allowed ? 0 : account.retryAfterMs)) };
  }
  const user = usableAccount(await getUserByEmail(db, email));
  if (!account.allowed) return signInDuringLockOut(db, { ...input, user, lockedForMs: account.retryAfterMs });

  const matches = await verifyPassword(user ? user.password_hash : await dummyHash, input.password);
  if (user && matches) {
    await clearThrottle(db, accountKey);
    await releaseThrottleAttempt(db, addressKey, POLICIES.loginAddress);
    await recordSignInAddress(db, user.id, input.address);
    return { kind: "ok", user };
  }
  const waitMs = Math.max(account.waitIfFailedMs, network.waitIfFailedMs);
  return { kind: "refused", passwordError: WRONG_CREDENTIALS, throttleMessage: waitMs > 0 ? tooManyTries(waitMs) : undefined };
}

async function signInDuringLockOut(
  db: Kysely<Database>,
  input: { password: string; address: string; origin: string; user: (User & { password_hash: string }) | undefined; lockedForMs: number },
): Promise<SignInResult> {
  const { user } = input;
  const addressKey = throttleKey.loginAddress(input.address);
  if (user && (await hasSignedInFrom(db, user.id, input.address))) {
    // The owner's own address: tries here are counted on their own, as the account's are, so guesses
    // from elsewhere cannot use them up. The account's lock stays for everyone else.
    const knownKey = throttleKey.loginKnownAddress(user.id, input.address);
    const attempt = await reserveThrottleAttempts(db, [[knownKey, POLICIES.loginKnownAddress]]);
    if (!attempt.allowed) return { kind: "refused", throttleMessage: tooManyTries(attempt.retryAfterMs) };
    if (await verifyPassword(user.password_hash, input.password)) {
      await clearThrottle(db, knownKey);
      await releaseThrottleAttempt(db, addressKey, POLICIES.loginAddress);
      await recordSignInAddress(db, user.id, input.address);
      return { kind: "ok", user };
    }
    return {
      kind: "refused",
      passwordError: WRONG_CREDENTIALS,
      throttleMessage: attempt.waitIfFailedMs > 0 ? tooManyTries(attempt.waitIfFailedMs) : undefined,
    };
  }
  // Anywhere else the answer is the same, right password or wrong, account or none: checking the
  // password here tells the person asking nothing, and the only one who learns it was right is the
  // owner, from the mail.
  const matches = await verifyPassword(user ? user.password_hash : await dummyHash, input.password);
  if (user && matches) await mailSignInLink(db, user, input.origin);
  return { kind: "locked", message: lockedMessage(input.lockedForMs) };
}

async function mailSignInLink(db: Kysely<Database>, user: User & { password_hash: string }, origin: string): Promise<void> {
  if (!user.email) return;
  // A few links an hour at most; a newer link replaces the one before (token.server.ts).
  const limit = await reserveThrottleAttempts(db, [[throttleKey.signInLink(user.id), POLICIES.signInLink]]);
  if (!limit.allowed || !(await reserveMailToRecipient(db, user.email))) return;
  const token = await issueAccountToken(db, { userId: user.id, purpose: "sign_in", email: user.email });
  await sendSignInLinkMail(db, { to: user.email, displayName: user.display_name, token, origin, minutes: LINK_MINUTES });
}

/**
 * Follows a mailed sign-in link: used up in one statement (two requests with the same link cannot both
 * sign in), for an account that still has the address it was sent to. The address it is followed from
 * becomes one the account has used.
 */
export async function signInWithLink(db: Kysely<Database>, token: string, address: string): Promise<User | undefined> {
  const limit = await checkThrottle(db, [throttleKey.tokenAddress(address)]);
  if (!limit.allowed) return undefined;
  const used = await consumeAccountToken(db, token, "sign_in");
  const user = used ? await getUserById(db, used.user_id) : undefined;
  if (!used || !user || user.status === "deleted" || user.email !== used.email) {
    await recordThrottleEvent(db, throttleKey.tokenAddress(address), POLICIES.tokenAddress);
    return undefined;
  }
  await recordSignInAddress(db, user.id, address);
  return user;
}
