import { sql, type Kysely } from "kysely";
import { isUniqueViolation } from "../../../db/database";
import type { Database, User } from "../../../db/schema";
import { hashPassword, verifyPassword } from "../../auth/password.server";
import { invalidateUserSessions } from "../../auth/session.server";
import { nowIso } from "../../utils/time";
import {
  sendAccountDeletedMail,
  sendEmailChangeMails,
  sendJoinAttemptMail,
  sendPasswordChangedMail,
  reserveMailToRecipient,
  sendPasswordResetMail,
  sendVerificationMail,
} from "./mail.server";
import { cancelAccountTokens, consumeAccountToken, issueAccountToken } from "./token.server";
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
import { createUser, DELETED_USER_NAME, displayNameKey, getUserByEmail, getUserById, normalizeEmail } from "../user.server";
import { nameSkeleton } from "../../utils/confusables";
import { displayNameRefusal, findNameClash, NAME_CLASH_MESSAGES, nameClashFromError } from "./names.server";

/**
 * What a person does with their own account: join, sign in, confirm an address, reset or change a
 * password, change name or address, delete the account. Routes guard and validate; this file decides.
 */

/** The version of the terms of posting people accept when joining ("terms_version" setting, default 1). */
export async function getTermsVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("setting").select("value").where("key", "=", "terms_version").executeTakeFirst();
  const value: unknown = row ? JSON.parse(row.value) : 1;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : 1;
}

/** Whether another account has this name or one that looks like it. */
export async function isDisplayNameTaken(db: Kysely<Database>, name: string, exceptUserId?: number): Promise<boolean> {
  return (await findNameClash(db, name, exceptUserId)) !== null;
}

// ---------------------------------------------------------------------------------------------------
// Joining

export type SignUpResult =
  | { kind: "created"; user: User }
  | { kind: "email_taken" }
  | { kind: "name_refused"; message: string }
  | { kind: "throttled"; message: string };

/**
 * Creates an account and mails a link to confirm the address. A taken address is not revealed: the
 * caller answers as if the account was made, and the address's owner is told someone tried.
 */
export async function signUp(
  db: Kysely<Database>,
  input: {
    displayName: string;
    email: string;
    password: string;
    origin: string;
    address: string;
    /** The joining browser (a hash of its cookie's value) and where it came from (issue 29 part 6). */
    joining?: { browserHash: string; returnTo: string | null };
  },
): Promise<SignUpResult> {
  const limit = await checkThrottle(db, [throttleKey.joinAddress(input.address)]);
  if (!limit.allowed) {
    return { kind: "throttled", message: `Too many accounts have been made from your network. ${retryMessage(limit.retryAfterMs)}` };
  }
  const refusal = await displayNameRefusal(db, input.displayName, { role: "resident" });
  if (refusal) return { kind: "name_refused", message: refusal };
  // Hash before looking the address up, so a taken address answers in the same time as a new one.
  const passwordHash = await hashPassword(input.password);
  // Counted and checked again in one step: accounts made together from one network all count.
  const counted = await reserveThrottleAttempts(db, [[throttleKey.joinAddress(input.address), POLICIES.joinAddress]]);
  if (!counted.allowed) {
    return { kind: "throttled", message: `Too many accounts have been made from your network. ${retryMessage(counted.retryAfterMs)}` };
  }
  const email = normalizeEmail(input.email);
  if (await getUserByEmail(db, email)) {
    if (await reserveMailToRecipient(db, email)) await sendJoinAttemptMail(db, { to: email, origin: input.origin });
    return { kind: "email_taken" };
  }
  let user: User;
  try {
    user = await createUser(db, {
      email,
      displayName: input.displayName,
      passwordHash,
      termsVersion: await getTermsVersion(db),
    });
  } catch (error) {
    // Someone else took the name (or one like it) or the address between the checks and the insert.
    const clash = nameClashFromError(error);
    if (clash) return { kind: "name_refused", message: NAME_CLASH_MESSAGES[clash] };
    if (isUniqueViolation(error, "user", "email")) return { kind: "email_taken" };
    throw error;
  }
  await sendVerification(db, user, input.origin, input.joining);
  return { kind: "created", user };
}

async function sendVerification(
  db: Kysely<Database>,
  user: Pick<User, "id" | "email" | "display_name">,
  origin: string,
  joining?: { browserHash: string; returnTo: string | null },
) {
  // Whoever joins may type anyone's address, so confirmation links count towards its share of mail.
  if (!user.email || !(await reserveMailToRecipient(db, user.email))) return;
  const token = await issueAccountToken(db, {
    userId: user.id,
    purpose: "verify_email",
    email: user.email,
    browserHash: joining?.browserHash,
    returnTo: joining?.returnTo,
  });
  await sendVerificationMail(db, { to: user.email, displayName: user.display_name, token, origin });
}

/** Sends a fresh confirmation link, a few times an hour at most. */
export async function resendVerification(
  db: Kysely<Database>,
  userId: number,
  origin: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const user = await getUserById(db, userId);
  if (!user?.email || user.status === "deleted") return { ok: false, message: "This account has no address to confirm." };
  if (user.email_verified_at) return { ok: false, message: "Your email address is already confirmed." };
  const limit = await reserveThrottleAttempts(db, [[throttleKey.verifyResend(userId), POLICIES.verifyResend]]);
  if (!limit.allowed) {
    return { ok: false, message: `We have sent several links already. ${retryMessage(limit.retryAfterMs)}` };
  }
  await sendVerification(db, user, origin);
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------------
// Checking a password (signing in itself is in sign-in.server.ts)

/**
 * Checks the password of someone already signed in (before changing the address or password, or deleting
 * the account). Failures count against the same limit as signing in, so settings cannot be used to guess.
 */
export async function confirmPassword(
  db: Kysely<Database>,
  userId: number,
  password: string,
  address: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const user = await getUserById(db, userId);
  if (!user?.email || !user.password_hash) return { ok: false, message: "This account has no password to check." };
  const accountKey = throttleKey.loginAccount(user.email);
  const addressKey = throttleKey.loginAddress(address);
  const attempt = await reserveThrottleAttempts(db, [
    [accountKey, POLICIES.loginAccount],
    [addressKey, POLICIES.loginAddress],
  ]);
  if (!attempt.allowed) return { ok: false, message: `Too many wrong passwords. ${retryMessage(attempt.retryAfterMs)}` };
  if (await verifyPassword(user.password_hash, password)) {
    await releaseThrottleAttempt(db, accountKey, POLICIES.loginAccount);
    await releaseThrottleAttempt(db, addressKey, POLICIES.loginAddress);
    return { ok: true };
  }
  return { ok: false, message: "That is not your current password." };
}

// ---------------------------------------------------------------------------------------------------
// Links from email: confirming an address, resetting a password

export type EmailLinkResult =
  | { kind: "verified"; userId: number; browserHash: string | null; returnTo: string | null }
  | { kind: "changed"; userId: number }
  | { kind: "invalid" }
  | { kind: "address_taken" };

/** Follows a link from a confirmation mail: either confirms the address or completes a change of address. */
export async function followEmailLink(db: Kysely<Database>, token: string, address: string): Promise<EmailLinkResult> {
  const limit = await checkThrottle(db, [throttleKey.tokenAddress(address)]);
  if (!limit.allowed) return { kind: "invalid" };
  const verify = await consumeAccountToken(db, token, "verify_email");
  if (verify) {
    const user = await getUserById(db, verify.user_id);
    // A link for an address the account no longer has confirms nothing.
    if (!user || user.email !== verify.email || user.status === "deleted") return { kind: "invalid" };
    if (!user.email_verified_at) {
      await db.updateTable("user").set({ email_verified_at: nowIso(), updated_at: nowIso() }).where("id", "=", user.id).execute();
    }
    return { kind: "verified", userId: user.id, browserHash: verify.browser_hash, returnTo: verify.return_to };
  }
  const change = await consumeAccountToken(db, token, "change_email");
  if (change) {
    const user = await getUserById(db, change.user_id);
    if (!user || user.status === "deleted") return { kind: "invalid" };
    const owner = await getUserByEmail(db, change.email);
    if (owner && owner.id !== user.id) return { kind: "address_taken" };
    try {
      const at = nowIso();
      await db.updateTable("user").set({ email: change.email, email_verified_at: at, updated_at: at }).where("id", "=", user.id).execute();
    } catch (error) {
      if (isUniqueViolation(error, "user", "email")) return { kind: "address_taken" };
      throw error;
    }
    if (user.email) await clearThrottle(db, throttleKey.loginAccount(user.email));
    return { kind: "changed", userId: user.id };
  }
  await recordThrottleEvent(db, throttleKey.tokenAddress(address), POLICIES.tokenAddress);
  return { kind: "invalid" };
}

/**
 * "Forgot your password?": mails a one-hour, single-use link when the address has an account. The answer
 * to the visitor is the same either way; only the limits (the same for every address) can refuse.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  input: { email: string; origin: string; address: string },
): Promise<{ ok: true } | { ok: false; message: string }> {
  const email = normalizeEmail(input.email);
  const limit = await reserveThrottleAttempts(db, [
    [throttleKey.resetEmail(email), POLICIES.resetEmail],
    [throttleKey.resetAddress(input.address), POLICIES.resetAddress],
  ]);
  if (!limit.allowed) return { ok: false, message: `Too many reset requests. ${retryMessage(limit.retryAfterMs)}` };
  const user = await getUserByEmail(db, email);
  if (!user || user.status === "deleted") return { ok: true };
  // Beyond the address's share of mail the answer is the same and the link already sent keeps working.
  if (!(await reserveMailToRecipient(db, email))) return { ok: true };
  const token = await issueAccountToken(db, { userId: user.id, purpose: "reset_password", email });
  await sendPasswordResetMail(db, { to: email, displayName: user.display_name, token, origin: input.origin });
  return { ok: true };
}

/** Sets a new password from a reset link: ends every session; following the link also confirms the address. */
export async function resetPasswordWithToken(
  db: Kysely<Database>,
  input: { token: string; password: string; address: string; origin: string },
): Promise<User | null> {
  const limit = await checkThrottle(db, [throttleKey.tokenAddress(input.address)]);
  if (!limit.allowed) return null;
  const passwordHash = await hashPassword(input.password);
  const used = await consumeAccountToken(db, input.token, "reset_password");
  const user = used ? await getUserById(db, used.user_id) : undefined;
  if (!used || !user || user.status === "deleted" || user.email !== used.email) {
    await recordThrottleEvent(db, throttleKey.tokenAddress(input.address), POLICIES.tokenAddress);
    return null;
  }
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("user")
      .set({ password_hash: passwordHash, email_verified_at: user.email_verified_at ?? at, updated_at: at })
      .where("id", "=", user.id)
      .execute();
    await invalidateUserSessions(trx, user.id);
    await cancelAccountTokens(trx, user.id, "reset_password");
  });
  await clearThrottle(db, throttleKey.loginAccount(used.email));
  await sendPasswordChangedMail(db, { to: used.email, displayName: user.display_name, origin: input.origin });
  return (await getUserById(db, user.id)) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Settings

/** Renames an account, or says (in words for beside the field) why the name cannot be had. */
export async function changeDisplayName(
  db: Kysely<Database>,
  userId: number,
  name: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const user = await getUserById(db, userId);
  if (!user || user.status === "deleted") return { ok: false, message: "This account has been deleted." };
  const refusal = await displayNameRefusal(db, name, { role: user.role, userId });
  if (refusal) return { ok: false, message: refusal };
  try {
    await db
      .updateTable("user")
      .set({ display_name: name, display_name_key: displayNameKey(name), name_skeleton: nameSkeleton(name), updated_at: nowIso() })
      .where("id", "=", userId)
      .where("status", "!=", "deleted")
      .execute();
  } catch (error) {
    const clash = nameClashFromError(error);
    if (clash) return { ok: false, message: NAME_CLASH_MESSAGES[clash] };
    throw error;
  }
  return { ok: true };
}

/**
 * Starts a change of address: the new address gets a link, the old one a notice. If the new address
 * belongs to another account nothing is sent that would work, and the person asking is not told.
 */
export async function requestEmailChange(
  db: Kysely<Database>,
  input: { userId: number; newEmail: string; origin: string },
): Promise<"sent" | "same"> {
  const user = await getUserById(db, input.userId);
  const newEmail = normalizeEmail(input.newEmail);
  if (!user?.email) return "sent";
  if (user.email === newEmail) return "same";
  const owner = await getUserByEmail(db, newEmail);
  // Anyone signed in can name any address here, so what goes to it counts towards its share of mail.
  const mailNewAddress = await reserveMailToRecipient(db, newEmail);
  const token = owner || !mailNewAddress ? null : await issueAccountToken(db, { userId: user.id, purpose: "change_email", email: newEmail });
  await sendEmailChangeMails(db, {
    oldEmail: user.email,
    newEmail,
    displayName: user.display_name,
    token,
    origin: input.origin,
    mailNewAddress,
  });
  return "sent";
}

/** Sets a new password and ends every session of the account; the caller starts a fresh one. */
export async function changePassword(
  db: Kysely<Database>,
  input: { userId: number; password: string; origin: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const user = await getUserById(db, input.userId);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("user").set({ password_hash: passwordHash, updated_at: nowIso() }).where("id", "=", input.userId).execute();
    await invalidateUserSessions(trx, input.userId);
    await cancelAccountTokens(trx, input.userId, "reset_password");
  });
  if (user?.email) {
    await sendPasswordChangedMail(db, { to: user.email, displayName: user.display_name, origin: input.origin });
  }
}

export async function setReplyNotifications(db: Kysely<Database>, userId: number, on: boolean): Promise<void> {
  await db
    .updateTable("user")
    .set({ notify_replies_by_email: on ? 1 : 0, updated_at: nowIso() })
    .where("id", "=", userId)
    .execute();
}

/**
 * Deletes an account. The row stays, so the person's comments stay in their threads and read as
 * "Deleted user"; everything personal goes: address, password, name, bio, sessions, links, likes,
 * notifications and limits. One transaction.
 */
export async function deleteAccount(db: Kysely<Database>, userId: number): Promise<void> {
  const user = await getUserById(db, userId);
  if (!user || user.status === "deleted") return;
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    // Likes are personal; the counts they added go with them.
    await trx
      .updateTable("comment")
      .set({ like_count: sql<number>`like_count - 1` })
      .where("id", "in", (eb) => eb.selectFrom("comment_like").select("comment_id").where("user_id", "=", userId))
      .execute();
    await trx.deleteFrom("comment_like").where("user_id", "=", userId).execute();
    await trx.deleteFrom("notification").where("user_id", "=", userId).execute();
    await trx.updateTable("notification").set({ actor_id: null }).where("actor_id", "=", userId).execute();
    await trx.deleteFrom("session").where("user_id", "=", userId).execute();
    await trx.deleteFrom("account_token").where("user_id", "=", userId).execute();
    await trx.deleteFrom("sign_in_address").where("user_id", "=", userId).execute();
    if (user.email) {
      await trx
        .deleteFrom("throttle")
        .where("key", "in", [
          throttleKey.loginAccount(user.email),
          throttleKey.resetEmail(user.email),
          throttleKey.mailRecipientHour(user.email),
          throttleKey.mailRecipientDay(user.email),
        ])
        .execute();
    }
    await trx.deleteFrom("throttle").where("key", "=", throttleKey.verifyResend(userId)).execute();
    await trx
      .updateTable("user")
      .set({
        status: "deleted",
        status_until: null,
        email: null,
        email_verified_at: null,
        password_hash: null,
        display_name: `${DELETED_USER_NAME} ${userId}`,
        display_name_key: displayNameKey(`${DELETED_USER_NAME} ${userId}`),
        name_skeleton: nameSkeleton(`${DELETED_USER_NAME} ${userId}`),
        bio: "",
        notify_replies_by_email: 0,
        trusted: 0,
        updated_at: at,
      })
      .where("id", "=", userId)
      .execute();
  });
  if (user.email) await sendAccountDeletedMail(db, { to: user.email, displayName: user.display_name });
}

/** Ends one of a person's sessions; the where clause makes sure it is theirs. */
export async function endOwnSession(db: Kysely<Database>, userId: number, sessionId: string): Promise<boolean> {
  const result = await db.deleteFrom("session").where("id", "=", sessionId).where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
